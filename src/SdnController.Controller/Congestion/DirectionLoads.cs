using SdnController.Controller.Routing;
using SdnController.Paths.Graph;

namespace SdnController.Controller.Congestion;

/// <summary>
/// Projected load of every link direction (bits per second) while moves are planned: starts at what was
/// measured, and moving a flow takes its rates off the directions of its old path and puts them on its new
/// one. Limit(d) is the threshold's share of the direction's bandwidth.
/// </summary>
internal sealed class DirectionLoads
{
    private readonly double[] _bps;
    private readonly double[] _capacity;
    private readonly CompactGraph _graph;

    /// <param name="measured">By direction (see <see cref="LinkDirections"/>); NaN (not measured) counts as idle.</param>
    public DirectionLoads(double[] measured, double[] capacityByLink, CompactGraph graph)
    {
        _bps = new double[measured.Length];
        for (var d = 0; d < _bps.Length; d++) _bps[d] = double.IsNaN(measured[d]) ? 0 : measured[d];
        _capacity = capacityByLink;
        _graph = graph;
    }

    public double this[int direction] => _bps[direction];

    public double Capacity(int direction) => _capacity[direction >> 1];

    public double Utilisation(int direction) => _capacity[direction >> 1] > 0 ? _bps[direction] / _capacity[direction >> 1] : 0;

    /// <summary>Raises a direction's projected load to at least this (the flows measured on it may add up to more than its port counted).</summary>
    public void AtLeast(int direction, double bps)
    {
        if (bps > _bps[direction]) _bps[direction] = bps;
    }

    /// <summary>Adds (sign +1) or takes off (−1) a flow's forward rate along the path's directions and its reverse rate along the opposite ones.</summary>
    public void Add(FlowPath path, double forwardBps, double reverseBps, int sign)
    {
        for (var k = 0; k < path.Links.Length; k++)
        {
            var d = LinkDirections.Forward(_graph, path, k);
            _bps[d] = Math.Max(0, _bps[d] + sign * forwardBps);
            if (reverseBps > 0) _bps[d ^ 1] = Math.Max(0, _bps[d ^ 1] + sign * reverseBps);
        }
    }

    /// <summary>True when every direction the path (and its reverse) crosses stays at or under <paramref name="fraction"/> of its bandwidth with the rates added.</summary>
    public bool Fits(FlowPath path, double forwardBps, double reverseBps, double fraction)
    {
        for (var k = 0; k < path.Links.Length; k++)
        {
            var d = LinkDirections.Forward(_graph, path, k);
            if (!Fits(d, forwardBps, fraction)) return false;
            if (reverseBps > 0 && !Fits(d ^ 1, reverseBps, fraction)) return false;
        }
        return true;
    }

    public bool Fits(int direction, double bps, double fraction) => _bps[direction] + bps <= fraction * _capacity[direction >> 1];
}
