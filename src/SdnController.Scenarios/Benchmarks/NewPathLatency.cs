using SdnController.VirtualNetwork;
using SdnController.VirtualNetwork.Traffic;

namespace SdnController.Scenarios.Benchmarks;

/// <summary>
/// One-way propagation of the path a flow's packet took, from the simulated network's record of path
/// changes: both host links plus every switch link crossed (the fastest of parallel links, as a lower bound).
/// </summary>
internal sealed class NewPathLatency
{
    private readonly Dictionary<string, HostFlow> _flows = new(StringComparer.Ordinal);
    private readonly Dictionary<(int, int), double> _linkMs = new();
    private readonly double _hostLinkMs;

    public NewPathLatency(Topology.Model.Topology topology, SimulatedNetwork network)
    {
        foreach (var f in network.Flows) _flows[f.Id] = f;
        foreach (var l in topology.Links)
        {
            int a = topology.IndexOfSwitch(l.A.Node), b = topology.IndexOfSwitch(l.B.Node);
            foreach (var key in new[] { (a, b), (b, a) })
                if (!_linkMs.TryGetValue(key, out var ms) || l.LatencyMs < ms) _linkMs[key] = l.LatencyMs;
        }
        _hostLinkMs = network.Options.HostLinkLatency.TotalMilliseconds;
    }

    /// <summary>Latency of the path the flow changed to at <paramref name="deliveredAt"/> (loop time); null when no change is recorded then.</summary>
    public double? OneWayMs(string flowId, TimeSpan deliveredAt)
    {
        if (!_flows.TryGetValue(flowId, out var flow)) return null;
        foreach (var change in flow.PathChanges)
        {
            if (change.At != deliveredAt) continue;
            var ms = 2 * _hostLinkMs;
            for (var i = 1; i < change.Switches.Length; i++)
                if (_linkMs.TryGetValue((change.Switches[i - 1], change.Switches[i]), out var l)) ms += l;
            return ms;
        }
        return null;
    }
}
