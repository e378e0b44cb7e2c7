namespace SdnController.Topology.Rendering;

/// <summary>
/// Places switches by their coordinates: equirectangular projection with longitudes scaled by
/// cos(mean latitude), so distances look right at the network's own latitude. Switches without
/// coordinates (e.g. Zoo hyperedge nodes) go to the mean of their already placed neighbours,
/// nearest first; those with no placed switch in their component go on a strip at the right.
/// </summary>
internal static class GeographicLayout
{
    public const double StripWidth = 70;

    public static bool Applies(Model.Topology t)
    {
        Model.GeoCoordinate? first = null;
        foreach (var s in t.Switches)
        {
            if (s.Location is not { } at) continue;
            if (first is null) first = at;
            else if (first.Value != at) return true;
        }
        return false;
    }

    public static (double[] X, double[] Y, int Strip) Place(Model.Topology t, SwitchAdjacency adjacency, PlotArea area)
    {
        var n = t.Switches.Count;
        var x = new double[n];
        var y = new double[n];
        var placed = new bool[n];
        var longitudes = new List<double>();
        double latSum = 0;
        foreach (var s in t.Switches)
            if (s.Location is { } at) { longitudes.Add(at.Longitude); latSum += at.Latitude; }
        var shift = ShiftAcrossAntimeridian(longitudes);
        var cosLat = Math.Cos(latSum / longitudes.Count * Math.PI / 180);
        for (var i = 0; i < n; i++)
        {
            if (t.Switches[i].Location is not { } at) continue;
            var lon = shift && at.Longitude < 0 ? at.Longitude + 360 : at.Longitude;
            x[i] = lon * cosLat;
            y[i] = -at.Latitude; // north up
            placed[i] = true;
        }

        // Order the rest by BFS distance from the placed switches; unreachable ones need the strip.
        var order = new List<int>();
        var dist = new int[n];
        Array.Fill(dist, -1);
        var queue = new Queue<int>();
        for (var i = 0; i < n; i++) if (placed[i]) { dist[i] = 0; queue.Enqueue(i); }
        while (queue.Count > 0)
        {
            var u = queue.Dequeue();
            foreach (var v in adjacency.Neighbours[u])
            {
                if (dist[v] >= 0) continue;
                dist[v] = dist[u] + 1;
                order.Add(v);
                queue.Enqueue(v);
            }
        }
        var stripNodes = new List<int>();
        for (var i = 0; i < n; i++) if (dist[i] < 0) stripNodes.Add(i);

        var mapArea = stripNodes.Count == 0 ? area : area with { Width = Math.Max(1, area.Width - StripWidth) };
        mapArea.Fit(x, y, placed);

        var nudge = Math.Max(8, Math.Min(area.Width, area.Height) * 0.02);
        foreach (var v in order)
        {
            double sx = 0, sy = 0;
            var k = 0;
            foreach (var u in adjacency.Neighbours[v])
            {
                if (!(dist[u] >= 0 && dist[u] < dist[v])) continue;
                sx += x[u]; sy += y[u]; k++;
            }
            x[v] = sx / k;
            y[v] = sy / k;
            if (k == 1)
            {
                // A lone parent would hide the switch under it: step aside by a golden-angle turn.
                var angle = v * 2.399963229728653;
                x[v] += nudge * Math.Cos(angle);
                y[v] += nudge * Math.Sin(angle);
            }
        }

        for (var j = 0; j < stripNodes.Count; j++)
        {
            var v = stripNodes[j];
            x[v] = area.Right - StripWidth / 2;
            y[v] = area.Top + area.Height * (j + 0.5) / stripNodes.Count;
        }
        return (x, y, stripNodes.Count);
    }

    /// <summary>True when counting longitudes in 0..360 gives a narrower span (a network across the date line).</summary>
    private static bool ShiftAcrossAntimeridian(List<double> longitudes)
    {
        double min = double.MaxValue, max = double.MinValue, minS = double.MaxValue, maxS = double.MinValue;
        foreach (var lon in longitudes)
        {
            min = Math.Min(min, lon); max = Math.Max(max, lon);
            var s = lon < 0 ? lon + 360 : lon;
            minS = Math.Min(minS, s); maxS = Math.Max(maxS, s);
        }
        return maxS - minS < max - min;
    }
}
