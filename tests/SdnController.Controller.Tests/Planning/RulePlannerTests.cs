using System.Collections.Immutable;
using SdnController.Controller.Messages;
using SdnController.Controller.Planning;
using SdnController.Controller.Routing;
using SdnController.Controller.Tests.Flows.Support;
using SdnController.Paths.Graph;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Matching;
using SdnController.Topology.Building;
using SdnController.Topology.Diagnostics;

namespace SdnController.Controller.Tests.Planning;

public class RulePlannerTests
{
    private Topology.Model.Topology _ring = null!;
    private RoutingService _routing = null!;

    [OneTimeSetUp]
    public void LoadRing()
    {
        _ring = FlowManagerTestBed.Load("topologies/ring-6.yaml");
        _routing = new RoutingService(_ring, PathMetric.Latency);
    }

    private FlowPath PathOf(string a, string b) => _routing.Route(_ring.IndexOfHost(a), _ring.IndexOfHost(b))!;
    private static Ipv4Prefix Ip(byte last) => Ipv4Prefix.Host((10u << 24) | last);
    private static int OutPort(SdnController.Southbound.Rules.FlowRule r) => ((OutputAction)r.Actions.Single()).Port;

    [Test]
    public void Tcp_flow_gets_one_rule_per_switch_each_way()
    {
        var planner = new RulePlanner(_ring, new ControllerOptions { FlowPriority = 1234 });
        var spec = new FlowSpec("web", "h1", "h4", 6, 40000, 80, Bidirectional: true);
        var rules = planner.Plan(spec, 7, PathOf("h1", "h4"));
        Assert.That(rules.Length, Is.EqualTo(8));

        var forward = rules.Where(r => r.Direction == FlowDirection.Forward).ToArray();
        Assert.That(forward.Select(r => _ring.Switches[r.SwitchIndex].Id), Is.EqualTo(new[] { "s1", "s2", "s3", "s4" }));
        Assert.That(forward.Select(r => OutPort(r.Rule)), Is.EqualTo(new[] { 2, 2, 2, 1 }));
        var fm = forward[0].Rule.Match;
        Assert.That(fm, Is.EqualTo(new Match { EthType = 0x0800, Ipv4Src = Ip(1), Ipv4Dst = Ip(4), IpProto = 6, L4Src = 40000, L4Dst = 80 }));
        Assert.That(forward.All(r => r.Rule.Priority == 1234 && r.Rule.Match == fm), Is.True);

        var reverse = rules.Where(r => r.Direction == FlowDirection.Reverse).ToArray();
        Assert.That(reverse.Select(r => _ring.Switches[r.SwitchIndex].Id), Is.EqualTo(new[] { "s4", "s3", "s2", "s1" }));
        Assert.That(reverse.Select(r => OutPort(r.Rule)), Is.EqualTo(new[] { 3, 3, 3, 1 }));
        Assert.That(reverse[0].Rule.Match, Is.EqualTo(new Match { EthType = 0x0800, Ipv4Src = Ip(4), Ipv4Dst = Ip(1), IpProto = 6, L4Src = 80, L4Dst = 40000 }));
    }

    [Test]
    public void Matches_by_host_index_equal_matches_by_host_name()
    {
        var planner = new RulePlanner(_ring, new ControllerOptions());
        foreach (var spec in new[] { new FlowSpec("web", "h1", "h4", 6, 40000, 80, true), new FlowSpec("ping", "h2", "h3", 1, 0, 0, true), new FlowSpec("v", "h5", "h1", 17, 0, 5004, false) })
        {
            var byName = planner.MatchesFor(spec);
            var byIndex = planner.MatchesFor(spec, _ring.IndexOfHost(spec.SourceHost), _ring.IndexOfHost(spec.DestinationHost));
            Assert.That(byIndex.Forward, Is.EqualTo(byName.Forward), spec.Id);
            Assert.That(byIndex.Reverse, Is.EqualTo(byName.Reverse), spec.Id);
        }
    }

    [Test]
    public void Icmp_and_one_way_flows_leave_ports_out()
    {
        var planner = new RulePlanner(_ring, new ControllerOptions());
        var rules = planner.Plan(new FlowSpec("video", "h2", "h3", 17, 0, 5004, false), 1, PathOf("h2", "h3"));
        Assert.That(rules.All(r => r.Direction == FlowDirection.Forward), Is.True);
        Assert.That(rules[0].Rule.Match.L4Src, Is.Null);
        Assert.That(rules[0].Rule.Match.L4Dst, Is.EqualTo((ushort)5004));
        Assert.That(rules[0].Rule.Priority, Is.EqualTo(1000));

        var ping = planner.MatchesFor(new FlowSpec("icmp:h1-h2", "h1", "h2", 1, 0, 0, true));
        Assert.That(ping.Forward, Is.EqualTo(new Match { EthType = 0x0800, Ipv4Src = Ip(1), Ipv4Dst = Ip(2), IpProto = 1 }));
        Assert.That(ping.Reverse, Is.EqualTo(new Match { EthType = 0x0800, Ipv4Src = Ip(2), Ipv4Dst = Ip(1), IpProto = 1 }));
    }

    [Test]
    public void Cookies_are_unique_per_flow_and_direction_and_below_the_switch_actor_range()
    {
        var planner = new RulePlanner(_ring, new ControllerOptions());
        var seen = new Dictionary<ulong, (long, FlowDirection)>();
        for (long n = 1; n <= 50; n++)
            foreach (var r in planner.Plan(new FlowSpec($"f{n}", "h1", "h3", 6, (ushort)n, 80, true), n, PathOf("h1", "h3")))
            {
                Assert.That(r.Rule.Cookie >> 56, Is.Zero);
                Assert.That(FlowCookie.IsFlowCookie(r.Rule.Cookie), Is.True);
                if (seen.TryGetValue(r.Rule.Cookie, out var owner)) Assert.That(owner, Is.EqualTo((n, r.Direction)));
                else seen[r.Rule.Cookie] = (n, r.Direction);
            }
        Assert.That(seen, Has.Count.EqualTo(100));
        Assert.That(FlowCookie.Of(FlowCookie.MaxFlowNumber, FlowDirection.Reverse) >> 56, Is.Zero);
        Assert.That(FlowCookie.IsFlowCookie(0xC0UL << 56), Is.False);
        Assert.Throws<ArgumentOutOfRangeException>(() => FlowCookie.Of(0, FlowDirection.Forward));
        Assert.That(FlowCookie.FlowNumberOf(FlowCookie.Of(42, FlowDirection.Reverse)), Is.EqualTo(42));
        Assert.That(FlowCookie.DirectionOf(FlowCookie.Of(42, FlowDirection.Reverse)), Is.EqualTo(FlowDirection.Reverse));
    }

    [Test]
    public void Hosts_without_ipv4_are_matched_by_mac_and_a_shared_port_uses_in_port()
    {
        var b = new TopologyBuilder("l2");
        b.AddSwitch(new SwitchSpec("s1"));
        b.AddHost(new HostSpec("a", new PortSpec("s1", 1)) { Mac = System.Net.NetworkInformation.PhysicalAddress.Parse("02-00-00-00-00-0A") });
        b.AddHost(new HostSpec("b", new PortSpec("s1", 2)) { Mac = System.Net.NetworkInformation.PhysicalAddress.Parse("02-00-00-00-00-0B") });
        var diagnostics = new DiagnosticBag();
        var t = b.Build(diagnostics)!;
        Assert.That(t, Is.Not.Null, string.Join("\n", diagnostics.Items));
        var planner = new RulePlanner(t, new ControllerOptions());
        var path = new RoutingService(t, PathMetric.Hop).Route(0, 1)!;
        var rules = planner.Plan(new FlowSpec("x", "a", "b", 6, 0, 22, true), 3, path);
        Assert.That(rules[0].Rule.Match, Is.EqualTo(new Match { EthSrc = MacAddress.Parse("02:00:00:00:00:0a"), EthDst = MacAddress.Parse("02:00:00:00:00:0b") }));
        Assert.That(rules[1].Rule.Match, Is.EqualTo(new Match { EthSrc = MacAddress.Parse("02:00:00:00:00:0b"), EthDst = MacAddress.Parse("02:00:00:00:00:0a") }));
        Assert.That(OutPort(rules[0].Rule), Is.EqualTo(2));
        Assert.That(OutPort(rules[1].Rule), Is.EqualTo(1));
        Assert.That(planner.ActionsFor(5, 5).Single(), Is.EqualTo(new OutputAction(PortNumbers.InPort)));
        Assert.That(planner.ActionsFor(1, 2) == planner.ActionsFor(3, 2), Is.True, "shared action arrays");
    }

    [Test]
    public void Unknown_host_is_a_clear_error()
    {
        var planner = new RulePlanner(_ring, new ControllerOptions());
        var e = Assert.Throws<ArgumentException>(() => planner.MatchesFor(new FlowSpec("f", "h1", "h9", 6, 0, 80, false)))!;
        Assert.That(e.Message, Does.Contain("unknown destination host 'h9'"));
    }
}
