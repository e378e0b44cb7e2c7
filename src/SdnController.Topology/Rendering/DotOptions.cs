namespace SdnController.Topology.Rendering;

/// <summary>Options for <see cref="DotWriter"/>.</summary>
public sealed record DotOptions : HighlightOptions
{
    /// <summary>Bandwidth and latency on every link; off makes big networks readable.</summary>
    public bool LinkLabels { get; init; } = true;
    /// <summary>Canvas for the pinned positions written when switches have coordinates (points).</summary>
    public double Width { get; init; } = 1000;
    public double Height { get; init; } = 700;
}
