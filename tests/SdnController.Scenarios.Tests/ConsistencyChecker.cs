using SdnController.Controller;
using SdnController.Controller.Routing;
using SdnController.VirtualNetwork;
using SdnController.VirtualNetwork.Packets;
using SdnController.VirtualNetwork.Switching;
using SdnController.VirtualNetwork.Traffic;

namespace SdnController.Scenarios.Tests;

/// <summary>
/// Per-packet consistency of a run's traffic, from the data plane's hop records: a delivered packet is
/// consistent when every hop applied a rule of one configuration version of its flow (one cookie, one version)
/// and its switches are exactly one of the paths the controller's routing gives the flow under the run's
/// link states (old or new). Also counts packets dropped as looped and packets of traffic flows dropped for a
/// missing rule after the run's first change.
/// </summary>
internal sealed class ConsistencyChecker
{
    private readonly Topology.Model.Topology _topology;
    private readonly PathMetricRoutes _routes;
    private readonly SimulatedNetwork _network;
    public readonly List<string> Mixed = new();
    public readonly List<(TimeSpan At, DropReason Reason, int Flow)> Drops = new();
    public long Delivered;
    public long DeliveredTagged;

    /// <param name="linkStates">Every set of links down the run goes through (its link-state epochs), by link id.</param>
    public ConsistencyChecker(ScenarioRun run, Topology.Model.Topology topology, IEnumerable<string[]> linkStates)
    {
        _topology = topology;
        _network = run.Network;
        _routes = new PathMetricRoutes(topology, linkStates);
        _network.PacketDelivered += OnDelivered;
        _network.PacketDropped += (p, reason, _) =>
        {
            if (p.FlowIndex >= 0 && reason is DropReason.NoMatchingRule or DropReason.HopLimit) Drops.Add((_network.Loop.Now, reason, p.FlowIndex));
        };
    }

    /// <summary>
    /// Also accept this switch sequence as a configuration of the flows from → to (a path the controller chose
    /// for another reason than the link states, e.g. a congestion move).
    /// </summary>
    public void AllowRoute(string from, string to, params string[] switchIds) =>
        _routes.Allow(from, to, switchIds.Select(id => _topology.IndexOfSwitch(id)).ToArray());

    private void OnDelivered(Packet packet, HostFlow flow)
    {
        Delivered++;
        var hops = packet.Hops;
        var rules = packet.HopRules;
        var cookie = rules[0].Cookie;
        var version = rules[0].Version;
        if (version != 0) DeliveredTagged++;
        var sameVersion = cookie != 0;
        for (var i = 1; i < rules.Length; i++)
            if (rules[i].Cookie != cookie || rules[i].Version != version) sameVersion = false;
        if (sameVersion && _routes.IsRouteOf(flow.Spec.FromHost, flow.Spec.ToHost, hops)) return;
        if (Mixed.Count >= 1000) return;
        var path = new List<string>(hops.Length);
        for (var i = 0; i < hops.Length; i++) path.Add($"{_topology.Switches[hops[i]].Id}[v{rules[i].Version}]");
        Mixed.Add($"{flow.Id} packet sent at {packet.SentAt.TotalMilliseconds:0.###} ms: {string.Join(" ", path)}");
    }

    /// <summary>The flow's routes under each link-state epoch (the controller's own routing service and metric).</summary>
    private sealed class PathMetricRoutes(Topology.Model.Topology topology, IEnumerable<string[]> linkStates)
    {
        private readonly List<string[]> _epochs = linkStates.ToList();
        private readonly Dictionary<(string, string), List<int[]>> _byPair = new();

        public bool IsRouteOf(string from, string to, ReadOnlySpan<int> hops)
        {
            if (!_byPair.TryGetValue((from, to), out var routes))
                _byPair[(from, to)] = routes = Compute(from, to);
            foreach (var r in routes)
                if (hops.SequenceEqual(r)) return true;
            return false;
        }

        public void Allow(string from, string to, int[] hops)
        {
            if (!_byPair.TryGetValue((from, to), out var routes))
                _byPair[(from, to)] = routes = Compute(from, to);
            routes.Add(hops);
        }

        private List<int[]> Compute(string from, string to)
        {
            var routes = new List<int[]>();
            foreach (var down in _epochs)
            {
                var routing = new RoutingService(topology, ControllerOptions.For(topology).Metric);
                foreach (var id in down)
                {
                    var index = topology.Links.ToList().FindIndex(l => l.Id == id);
                    Assert.That(index, Is.GreaterThanOrEqualTo(0), $"no link {id}");
                    routing.SetLinkState(index, up: false);
                }
                int src = topology.IndexOfHost(from), dst = topology.IndexOfHost(to);
                if (routing.Route(src, dst) is { } path)
                    routes.Add(path.Switches.ToArray());
                // With ECMP every equal-cost path of the epoch is a route of the flow.
                if (ControllerOptions.For(topology).Ecmp && routing.RouteEcmp(src, dst) is { } ecmp)
                    routes.AddRange(ecmp.Paths(1024));
            }
            return routes;
        }
    }
}
