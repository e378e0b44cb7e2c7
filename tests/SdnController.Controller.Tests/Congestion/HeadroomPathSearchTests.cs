using SdnController.Controller.Congestion;
using SdnController.Controller.Routing;
using SdnController.Controller.Tests.Flows.Support;
using SdnController.Paths.Graph;

namespace SdnController.Controller.Tests.Congestion;

/// <summary>
/// Paths with headroom on ring-6 (1 Gbit/s links; h1 on s1, h4 on s4; by latency s1-s2-s3-s4, the other
/// way round s1-s6-s5-s4).
/// </summary>
public sealed class HeadroomPathSearchTests
{
    private Topology.Model.Topology _ring = null!;
    private RoutingService _routing = null!;
    private int _h1, _h4;

    [SetUp]
    public void Load()
    {
        _ring = FlowManagerTestBed.Load("topologies/ring-6.yaml");
        _routing = new RoutingService(_ring, PathMetric.Latency);
        _h1 = _ring.IndexOfHost("h1");
        _h4 = _ring.IndexOfHost("h4");
    }

    private int Link(string id) => _ring.Links.ToList().FindIndex(l => l.Id == id);

    private DirectionLoads Loads(params (string Link, bool AToB, double Bps)[] loads)
    {
        var measured = new double[2 * _ring.Links.Count];
        foreach (var (link, aToB, bps) in loads) measured[2 * Link(link) + (aToB ? 0 : 1)] = bps;
        return new DirectionLoads(measured, _ring.Links.Select(l => l.BandwidthBps).ToArray(), _routing.Graph);
    }

    private string Switches(FlowPath? p) => p is null ? "none" : string.Join(" ", p.Switches.Select(s => _ring.Switches[s].Id));

    [Test]
    public void Idle_links_give_the_routed_path()
    {
        var p = HeadroomPathSearch.Find(_routing, _h1, _h4, Loads(), 100e6, 0, 0.8);
        Assert.That(p!.SameRoute(_routing.Route(_h1, _h4)), Is.True, Switches(p));
    }

    [Test]
    public void A_direction_without_room_for_the_flow_is_avoided_with_ports_of_the_other_side()
    {
        var p = HeadroomPathSearch.Find(_routing, _h1, _h4, Loads(("s2-s3", true, 750e6)), 100e6, 0, 0.8);
        Assert.That(Switches(p), Is.EqualTo("s1 s6 s5 s4"));
        // Host on port 1; si:2 faces s(i+1), si:3 faces s(i-1).
        Assert.That((p!.InPorts.ToArray(), p.OutPorts.ToArray()), Is.EqualTo((new[] { 1, 2, 2, 2 }, new[] { 3, 3, 3, 1 })));
        Assert.That(p.Links.Select(l => _ring.Links[l].Id), Is.EqualTo(new[] { "s6-s1", "s5-s6", "s4-s5" }));

        var fits = HeadroomPathSearch.Find(_routing, _h1, _h4, Loads(("s2-s3", true, 700e6)), 100e6, 0, 0.8);
        Assert.That(Switches(fits), Is.EqualTo("s1 s2 s3 s4"), "700 + 100 Mbit/s is exactly 80%: at the threshold is allowed");
    }

    [Test]
    public void The_opposite_direction_counts_only_for_a_flow_with_reverse_traffic()
    {
        var loads = Loads(("s2-s3", false, 790e6));
        Assert.That(Switches(HeadroomPathSearch.Find(_routing, _h1, _h4, loads, 100e6, 0, 0.8)), Is.EqualTo("s1 s2 s3 s4"));
        Assert.That(Switches(HeadroomPathSearch.Find(_routing, _h1, _h4, loads, 100e6, 20e6, 0.8)), Is.EqualTo("s1 s6 s5 s4"));
    }

    [Test]
    public void No_path_when_both_sides_are_full_or_down()
    {
        Assert.That(HeadroomPathSearch.Find(_routing, _h1, _h4, Loads(("s2-s3", true, 900e6), ("s5-s6", false, 900e6)), 100e6, 0, 0.8), Is.Null);
        _routing.SetLinkState(Link("s5-s6"), up: false);
        Assert.That(HeadroomPathSearch.Find(_routing, _h1, _h4, Loads(("s2-s3", true, 900e6)), 100e6, 0, 0.8), Is.Null);
    }

    [Test]
    public void Moving_a_flow_takes_its_rates_off_the_old_path_and_puts_them_on_the_new_one()
    {
        var loads = Loads(("s2-s3", true, 900e6));
        var shortSide = _routing.Route(_h1, _h4)!;
        loads.Add(shortSide, 300e6, 50e6, -1);
        int forward = 2 * Link("s2-s3"), reverse = forward + 1;
        Assert.That((loads[forward], loads[reverse]), Is.EqualTo((600e6, 0.0)), "never below zero");
        var longSide = HeadroomPathSearch.Find(_routing, _h1, _h4, loads, 300e6, 50e6, 0.8)!;
        Assert.That(Switches(longSide), Is.EqualTo("s1 s6 s5 s4"), "600 + 300 Mbit/s is over 80%");
        loads.Add(longSide, 300e6, 50e6, +1);
        Assert.That(loads.Utilisation(2 * Link("s6-s1") + 1), Is.EqualTo(0.3).Within(1e-9), "s1>s6 is the B→A direction of s6-s1");
        Assert.That(loads.Utilisation(2 * Link("s6-s1")), Is.EqualTo(0.05).Within(1e-9));
        Assert.That(loads.Fits(longSide, 0, 0, 0.8), Is.True);
    }
}
