namespace SdnController.Topology.Rendering;

/// <summary>Rings (every switch with exactly two distinct neighbours, all connected) drawn as a circle in ring order.</summary>
internal static class CircularLayout
{
    /// <summary>Switch indices in ring order starting at 0 towards its lower neighbour, or null if not a single ring.</summary>
    public static int[]? RingOrder(SwitchAdjacency adjacency)
    {
        var nb = adjacency.Neighbours;
        var n = nb.Length;
        if (n < 3) return null;
        foreach (var list in nb) if (list.Length != 2) return null;
        var order = new int[n];
        int prev = -1, cur = 0;
        for (var k = 0; k < n; k++)
        {
            order[k] = cur;
            var next = nb[cur][0] != prev ? nb[cur][0] : nb[cur][1];
            prev = cur;
            cur = next;
        }
        // Several disjoint rings also have degree 2 everywhere; only one closes after n steps.
        return cur == 0 && order.Distinct().Count() == n ? order : null;
    }

    public static (double[] X, double[] Y) Place(int[] ring, PlotArea area)
    {
        var n = ring.Length;
        var x = new double[n];
        var y = new double[n];
        var r = Math.Min(area.Width, area.Height) / 2;
        for (var k = 0; k < n; k++)
        {
            var angle = -Math.PI / 2 + 2 * Math.PI * k / n; // first switch at 12 o'clock, clockwise
            x[ring[k]] = area.CenterX + r * Math.Cos(angle);
            y[ring[k]] = area.CenterY + r * Math.Sin(angle);
        }
        return (x, y);
    }
}
