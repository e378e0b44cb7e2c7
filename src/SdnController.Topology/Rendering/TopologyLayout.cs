namespace SdnController.Topology.Rendering;

/// <summary>
/// Canvas positions (pixels, y down) for every switch and host of a topology inside a plot
/// rectangle. The same input always gives the same positions.
/// </summary>
public sealed class TopologyLayout
{
    internal TopologyLayout(LayoutKind kind, double[] x, double[] y, double[] hostX, double[] hostY, int stripCount)
    {
        Kind = kind;
        X = x;
        Y = y;
        HostX = hostX;
        HostY = hostY;
        SideStripCount = stripCount;
    }

    public LayoutKind Kind { get; }
    /// <summary>Switch positions, in topology order.</summary>
    public double[] X { get; }
    public double[] Y { get; }
    /// <summary>Host positions, in topology order.</summary>
    public double[] HostX { get; }
    public double[] HostY { get; }
    /// <summary>Switches that had neither coordinates nor a placed neighbour and sit on the side strip (geographic layout only).</summary>
    public int SideStripCount { get; }

    /// <summary>
    /// Geographic when at least two switches have distinct coordinates; otherwise circular for a
    /// single ring, else force-directed.
    /// </summary>
    public static TopologyLayout Compute(Model.Topology t, PlotArea area, double hostDistance)
    {
        ArgumentNullException.ThrowIfNull(t);
        var adjacency = SwitchAdjacency.Of(t);
        double[] x, y;
        LayoutKind kind;
        var strip = 0;
        if (GeographicLayout.Applies(t))
        {
            kind = LayoutKind.Geographic;
            (x, y, strip) = GeographicLayout.Place(t, adjacency, area);
        }
        else if (CircularLayout.RingOrder(adjacency) is { } ring)
        {
            kind = LayoutKind.Circular;
            (x, y) = CircularLayout.Place(ring, area);
        }
        else
        {
            kind = LayoutKind.ForceDirected;
            (x, y) = ForceDirectedLayout.Place(adjacency, area);
        }
        var (hx, hy) = PlaceHosts(t, adjacency, x, y, hostDistance);
        return new TopologyLayout(kind, x, y, hx, hy, strip);
    }

    /// <summary>Hosts fan out on the side of their switch that faces away from its neighbours, where the links are not.</summary>
    private static (double[] X, double[] Y) PlaceHosts(Model.Topology t, SwitchAdjacency adjacency, double[] x, double[] y, double distance)
    {
        var count = new int[t.Switches.Count];
        foreach (var h in t.Hosts) count[t.IndexOfSwitch(h.Attachment.Node)]++;
        var seen = new int[t.Switches.Count];
        var hx = new double[t.Hosts.Count];
        var hy = new double[t.Hosts.Count];
        for (var i = 0; i < t.Hosts.Count; i++)
        {
            var s = t.IndexOfSwitch(t.Hosts[i].Attachment.Node);
            double dx = 0, dy = 0;
            foreach (var v in adjacency.Neighbours[s]) { dx += x[v] - x[s]; dy += y[v] - y[s]; }
            var away = dx == 0 && dy == 0 ? Math.PI / 2 : Math.Atan2(-dy, -dx);
            // Spread over up to 150° around the outward direction.
            var k = seen[s]++;
            var spread = count[s] == 1 ? 0 : Math.Min(Math.PI * 5 / 6, (count[s] - 1) * 0.6);
            var angle = away + (count[s] == 1 ? 0 : spread * ((double)k / (count[s] - 1) - 0.5));
            hx[i] = x[s] + distance * Math.Cos(angle);
            hy[i] = y[s] + distance * Math.Sin(angle);
        }
        return (hx, hy);
    }
}
