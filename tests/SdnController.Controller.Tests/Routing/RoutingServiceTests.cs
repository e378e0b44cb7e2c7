using SdnController.Controller.Routing;
using SdnController.Controller.Tests.Flows.Support;
using SdnController.Paths.Algorithms;
using SdnController.Paths.Graph;
using SdnController.Topology.Generators;
using SdnController.Topology.Building;
using SdnController.Topology.Diagnostics;

namespace SdnController.Controller.Tests.Routing;

public class RoutingServiceTests
{
    private Topology.Model.Topology _ring = null!;

    [OneTimeSetUp]
    public void LoadRing() => _ring = FlowManagerTestBed.Load("topologies/ring-6.yaml");

    private int Host(string id) => _ring.IndexOfHost(id);
    private string[] Names(FlowPath p) => p.Switches.Select(s => _ring.Switches[s].Id).ToArray();
    private int LinkIndex(string a, string b)
    {
        for (var l = 0; l < _ring.Links.Count; l++) if (_ring.Links[l].Connects(a, b)) return l;
        throw new ArgumentException($"{a}-{b}");
    }

    [Test]
    public void Latency_path_takes_the_fast_side_with_ports_from_the_topology()
    {
        var routing = new RoutingService(_ring, PathMetric.Latency);
        var p = routing.Route(Host("h1"), Host("h5"))!;
        Assert.That(Names(p), Is.EqualTo(new[] { "s1", "s2", "s3", "s4", "s5" }));
        // host on port 1; si:2 faces s(i+1), si:3 faces s(i-1)
        Assert.That(p.InPorts, Is.EqualTo(new[] { 1, 3, 3, 3, 3 }));
        Assert.That(p.OutPorts, Is.EqualTo(new[] { 2, 2, 2, 2, 1 }));
        Assert.That(p.Cost, Is.EqualTo(11.0).Within(1e-9));
        Assert.That(p.Links.Select(l => (_ring.Links[l].A.Node, _ring.Links[l].B.Node)),
            Is.EqualTo(new[] { ("s1", "s2"), ("s2", "s3"), ("s3", "s4"), ("s4", "s5") }));
    }

    [Test]
    public void Hop_metric_takes_the_short_side()
    {
        var routing = new RoutingService(_ring, PathMetric.Hop);
        Assert.That(Names(routing.Route(Host("h1"), Host("h5"))!), Is.EqualTo(new[] { "s1", "s6", "s5" }));
    }

    [Test]
    public void Algorithm_name_says_which_search_builds_the_trees()
    {
        // ring-6's links have different latencies but all weigh one hop.
        Assert.That(new RoutingService(_ring, PathMetric.Latency).AlgorithmName, Is.EqualTo(RoutingService.DijkstraAlgorithm));
        Assert.That(new RoutingService(_ring, PathMetric.Hop).AlgorithmName, Is.EqualTo(RoutingService.HopTreeAlgorithm));
    }

    [Test]
    public void Reverse_route_is_the_same_path_backwards()
    {
        var routing = new RoutingService(_ring, PathMetric.Latency);
        var forward = routing.Route(Host("h2"), Host("h6"))!;
        var back = routing.Route(Host("h6"), Host("h2"))!;
        Assert.That(back.SameRoute(forward.Reversed()), Is.True, $"{back} vs {forward.Reversed()}");
        Assert.That(back.InPorts[0], Is.EqualTo(1));
        Assert.That(back.OutPorts[^1], Is.EqualTo(1));
    }

    [Test]
    public void Failure_moves_the_path_and_restore_brings_it_back()
    {
        var routing = new RoutingService(_ring, PathMetric.Latency);
        var before = routing.Route(Host("h1"), Host("h4"))!;
        Assert.That(Names(before), Is.EqualTo(new[] { "s1", "s2", "s3", "s4" }));

        Assert.That(routing.SetLinkState(LinkIndex("s2", "s3"), up: false), Is.True);
        Assert.That(routing.SetLinkState(LinkIndex("s2", "s3"), up: false), Is.False, "already down");
        var detour = routing.Route(Host("h1"), Host("h4"))!;
        Assert.That(Names(detour), Is.EqualTo(new[] { "s1", "s6", "s5", "s4" }));
        Assert.That(detour.InPorts, Is.EqualTo(new[] { 1, 2, 2, 2 }));
        Assert.That(detour.OutPorts, Is.EqualTo(new[] { 3, 3, 3, 1 }));
        Assert.That(detour.Cost, Is.EqualTo(19.0).Within(1e-9));

        routing.SetLinkState(LinkIndex("s2", "s3"), up: true);
        Assert.That(routing.Route(Host("h1"), Host("h4"))!.SameRoute(before), Is.True);
    }

    [Test]
    public void Failure_keeps_trees_that_do_not_use_the_link_and_drops_those_that_do()
    {
        var routing = new RoutingService(_ring, PathMetric.Latency);
        routing.Route(Host("h1"), Host("h2")); // tree of s1
        routing.Route(Host("h5"), Host("h6")); // tree of s5
        Assert.That(routing.TreesComputed, Is.EqualTo(2));
        var s1 = _ring.IndexOfSwitch("s1");
        var s5 = _ring.IndexOfSwitch("s5");
        var g1 = routing.Generation(s1);
        var g5 = routing.Generation(s5);

        // s1's tree: s6 over s1-s6 (9 ms), s5 over s4 (11 ms). s5's tree: s6 over s5-s6 (5 ms).
        routing.SetLinkState(LinkIndex("s5", "s6"), up: false);
        Assert.That(routing.Generation(s1), Is.EqualTo(g1), "s1's tree reaches s5 over s4, never over s5-s6");
        Assert.That(routing.Generation(s5), Is.Not.EqualTo(g5), "s5's tree used s5-s6 to reach s6");
        routing.Route(Host("h1"), Host("h2"));
        Assert.That(routing.TreesComputed, Is.EqualTo(2), "cached tree reused");
        Assert.That(_ring.Switches[routing.Route(Host("h5"), Host("h6"))!.Switches[1]].Id, Is.EqualTo("s4"));
        Assert.That(routing.TreesComputed, Is.EqualTo(3));
    }

    [Test]
    public void Cached_routes_equal_fresh_ones_through_a_sequence_of_changes()
    {
        var cached = new RoutingService(_ring, PathMetric.Latency);
        var rnd = new Random(7);
        for (var step = 0; step < 60; step++)
        {
            cached.SetLinkState(rnd.Next(_ring.Links.Count), up: rnd.Next(3) == 0);
            var fresh = new RoutingService(_ring, PathMetric.Latency);
            for (var l = 0; l < _ring.Links.Count; l++) fresh.SetLinkState(l, cached.IsLinkUp(l));
            for (var a = 0; a < _ring.Hosts.Count; a++)
                for (var b = 0; b < _ring.Hosts.Count; b++)
                {
                    var x = cached.Route(a, b);
                    var y = fresh.Route(a, b);
                    Assert.That(x is null, Is.EqualTo(y is null));
                    if (x is not null) Assert.That(x.SameRoute(y), Is.True, $"step {step}: {x} vs {y}");
                }
        }
    }

    [Test]
    public void Hosts_on_one_switch_get_a_one_switch_path()
    {
        var b = new TopologyBuilder("pair");
        b.AddSwitch(new SwitchSpec("s1")).AddSwitch(new SwitchSpec("s2"));
        b.AddHost(new HostSpec("a", new PortSpec("s1", 1))).AddHost(new HostSpec("b", new PortSpec("s1", 2))).AddHost(new HostSpec("c", new PortSpec("s2", 1)));
        b.AddLink(new LinkSpec(new PortSpec("s1", 3), new PortSpec("s2", 2)));
        var diagnostics = new DiagnosticBag();
        var t = b.Build(diagnostics)!;
        Assert.That(t, Is.Not.Null, string.Join("\n", diagnostics.Items));
        var routing = new RoutingService(t, PathMetric.Hop);
        var p = routing.Route(t.IndexOfHost("a"), t.IndexOfHost("b"))!;
        Assert.That(p.Length, Is.EqualTo(1));
        Assert.That((p.InPorts[0], p.OutPorts[0]), Is.EqualTo((1, 2)));
        Assert.That(p.Links, Is.Empty);
        Assert.That(routing.TreesComputed, Is.Zero);
    }

    [Test]
    public void Disconnected_hosts_are_unreachable()
    {
        var routing = new RoutingService(_ring, PathMetric.Latency);
        routing.SetLinkState(LinkIndex("s2", "s3"), up: false);
        routing.SetLinkState(LinkIndex("s5", "s6"), up: false);
        Assert.That(routing.Route(Host("h1"), Host("h4")), Is.Null);
        Assert.That(routing.Route(Host("h4"), Host("h1")), Is.Null);
        Assert.That(routing.Route(Host("h1"), Host("h2")), Is.Not.Null);
        routing.SetLinkState(LinkIndex("s5", "s6"), up: true);
        Assert.That(Names(routing.Route(Host("h1"), Host("h4"))!), Is.EqualTo(new[] { "s1", "s6", "s5", "s4" }));
    }

    [Test]
    public void Uniform_weights_route_exactly_as_dijkstra_through_failures_and_restores()
    {
        // A fat-tree has equal links and many equal-cost paths: the tie rule decides every route.
        var diagnostics = new DiagnosticBag();
        var fabric = FatTreeGenerator.Create(6, hostsPerEdge: 1).Build(diagnostics)!;
        Assert.That(fabric, Is.Not.Null, string.Join("\n", diagnostics.Items));
        var cached = new RoutingService(fabric, PathMetric.Latency);
        Assert.That(cached.UniformWeights, Is.True);
        var failed = new LinkSet(fabric.Links.Count);
        var rnd = new Random(11);
        for (var step = 0; step < 40; step++)
        {
            if (step > 0)
            {
                var l = rnd.Next(fabric.Links.Count);
                var up = rnd.Next(3) == 0;
                cached.SetLinkState(l, up);
                if (up) failed.Remove(l); else failed.Add(l);
            }
            for (var a = 0; a < fabric.Hosts.Count; a++)
                for (var b = 0; b < fabric.Hosts.Count; b++)
                {
                    int sa = cached.SwitchOfHost(a), sb = cached.SwitchOfHost(b);
                    if (sa == sb) continue;
                    var reference = Dijkstra.Run(cached.Graph, Math.Min(sa, sb), failed);
                    var leaf = Math.Max(sa, sb);
                    var route = cached.Route(a, b);
                    Assert.That(route is null, Is.EqualTo(!reference.Reachable(leaf)), $"step {step} {a}->{b}");
                    if (route is null) continue;
                    var links = reference.LinksTo(leaf);
                    if (sa != Math.Min(sa, sb)) Array.Reverse(links);
                    Assert.That(route.Links, Is.EqualTo(links), $"step {step} {a}->{b}");
                    Assert.That(route.Cost, Is.EqualTo(reference.Distance[leaf]), $"step {step} {a}->{b}");
                }
        }
    }

    [Test]
    public void Bad_link_index_is_a_clear_error()
    {
        var routing = new RoutingService(_ring, PathMetric.Latency);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => routing.SetLinkState(99, false))!;
        Assert.That(e.Message, Does.Contain("0..5"));
    }
}
