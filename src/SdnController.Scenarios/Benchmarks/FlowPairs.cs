using SdnController.Controller.Messages;
using SdnController.Controller.Routing;
using SdnController.Paths.Graph;

namespace SdnController.Scenarios.Benchmarks;

/// <summary>
/// Host pairs split by whether their route crosses one link (the busiest): drawing flows from each side
/// fixes how many flows a failure of that link moves.
/// </summary>
internal sealed class FlowPairs
{
    private readonly Topology.Model.Topology _topology;
    private readonly (int Src, int Dst)[] _crossing;
    private readonly (int Src, int Dst)[] _other;

    private FlowPairs(Topology.Model.Topology topology, string linkId, (int, int)[] crossing, (int, int)[] other)
    {
        _topology = topology;
        LinkId = linkId;
        _crossing = crossing;
        _other = other;
    }

    public string LinkId { get; }

    public static FlowPairs ForBusiestLink(Topology.Model.Topology topology, PathMetric metric)
    {
        var routing = new RoutingService(topology, metric);
        var hosts = topology.Hosts.Count;
        var paths = new FlowPath?[hosts * hosts];
        var load = new int[topology.Links.Count];
        for (var s = 0; s < hosts; s++)
        for (var d = 0; d < hosts; d++)
        {
            if (s == d) continue;
            var p = paths[s * hosts + d] = routing.Route(s, d);
            if (p is null) continue;
            foreach (var l in p.Links) load[l]++;
        }
        var busiest = 0;
        for (var l = 1; l < load.Length; l++)
            if (load[l] > load[busiest]) busiest = l;
        if (load.Length == 0 || load[busiest] == 0) throw new ArgumentException($"no host pair of '{topology.Name}' routes over a link");
        var crossing = new List<(int, int)>();
        var other = new List<(int, int)>();
        for (var s = 0; s < hosts; s++)
        for (var d = 0; d < hosts; d++)
        {
            if (paths[s * hosts + d] is not { } p) continue;
            (p.Links.Contains(busiest) ? crossing : other).Add((s, d));
        }
        return new FlowPairs(topology, topology.Links[busiest].Id, crossing.ToArray(), other.ToArray());
    }

    /// <summary>Affected flows over crossing pairs, then background flows over the rest; UDP, unique ports each.</summary>
    public List<FlowSpec> Flows(int affected, int background, Random random)
    {
        var flows = new List<FlowSpec>(affected + background);
        for (var i = 0; i < affected; i++) flows.Add(Flow($"a{i}", _crossing[random.Next(_crossing.Length)], flows.Count));
        if (_other.Length > 0)
            for (var i = 0; i < background; i++) flows.Add(Flow($"b{i}", _other[random.Next(_other.Length)], flows.Count));
        return flows;
    }

    private FlowSpec Flow(string id, (int Src, int Dst) pair, int n) =>
        new(id, _topology.Hosts[pair.Src].Id, _topology.Hosts[pair.Dst].Id, 17,
            (ushort)(1024 + n % 60000), (ushort)(5000 + n / 60000), Bidirectional: false);
}
