namespace SdnController.Topology.Rendering;

/// <summary>The rectangle of the canvas that switches may occupy (pixels, y down).</summary>
public readonly record struct PlotArea(double Left, double Top, double Width, double Height)
{
    public double Right => Left + Width;
    public double Bottom => Top + Height;
    public double CenterX => Left + Width / 2;
    public double CenterY => Top + Height / 2;

    /// <summary>
    /// Scales points to fill the area keeping their aspect ratio, centred. All-equal points land in
    /// the centre.
    /// </summary>
    internal void Fit(double[] x, double[] y, bool[]? include = null)
    {
        double minX = double.MaxValue, maxX = double.MinValue, minY = double.MaxValue, maxY = double.MinValue;
        for (var i = 0; i < x.Length; i++)
        {
            if (include is not null && !include[i]) continue;
            minX = Math.Min(minX, x[i]); maxX = Math.Max(maxX, x[i]);
            minY = Math.Min(minY, y[i]); maxY = Math.Max(maxY, y[i]);
        }
        if (minX > maxX) return;
        var spanX = maxX - minX;
        var spanY = maxY - minY;
        var scale = Math.Min(spanX > 0 ? Width / spanX : double.MaxValue, spanY > 0 ? Height / spanY : double.MaxValue);
        if (scale == double.MaxValue) scale = 0;
        double midX = (minX + maxX) / 2, midY = (minY + maxY) / 2;
        for (var i = 0; i < x.Length; i++)
        {
            if (include is not null && !include[i]) continue;
            x[i] = CenterX + (x[i] - midX) * scale;
            y[i] = CenterY + (y[i] - midY) * scale;
        }
    }
}
