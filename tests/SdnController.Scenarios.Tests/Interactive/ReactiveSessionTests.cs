using SdnController.Controller;
using SdnController.Controller.Observation;
using SdnController.Scenarios.Interactive;
using SdnController.VirtualNetwork.Traffic;

namespace SdnController.Scenarios.Tests.Interactive;

/// <summary>
/// Reactive routing end to end on the real pieces: undeclared pings reach the controller once (packet-in),
/// their flow is installed and the first packet released, later packets never reach the controller, and the
/// flow reroutes like a declared one. Proactive routing leaves undeclared traffic unforwarded.
/// </summary>
[TestFixture]
public class ReactiveSessionTests
{
    private static NetworkSession Ring(bool reactive)
    {
        var topology = RunHarness.Sample("ring-6");
        return NetworkSession.Start(topology, new SessionOptions { Controller = ControllerOptions.For(topology) with { Reactive = reactive } });
    }

    private static (int Flows, int Released) Reactive(NetworkSession s) =>
        (s.ControllerEvents.OfType<ReactiveFlowsInstalled>().Sum(e => e.Flows), s.ControllerEvents.OfType<ReactiveFlowsInstalled>().Sum(e => e.PacketsReleased));

    /// <summary>One echo request straight from the host (no controller request first), run until answered or timed out.</summary>
    private static PingResult RawPing(NetworkSession s, string from, string to)
    {
        PingResult? result = null;
        s.Network.Ping(from, to, TimeSpan.FromSeconds(1), r => result = r);
        while (result is null) s.Wait(TimeSpan.FromMilliseconds(5));
        return result;
    }

    [Test]
    public void An_undeclared_ping_is_routed_on_its_first_packet_and_only_that_one_reaches_the_controller()
    {
        using var session = Ring(reactive: true);
        Assert.That(Reactive(session), Is.EqualTo((0, 0)), "declared traffic is installed proactively, no packet-ins");
        var ping = session.Ping("h1", "h5", count: 4);
        Assert.That(ping.Replies.All(r => r.Replied), Is.True);
        // The first request waited for the controller (packet-in, install along 4 switches, packet-out); later ones did not.
        Assert.That(ping.Replies[0].RoundTrip, Is.GreaterThan(ping.Replies[1].RoundTrip));
        Assert.That(Reactive(session), Is.EqualTo((1, 1)), "one flow, one packet through the controller (replies match the ICMP flow's reverse rules)");
        Assert.That(session.Traffic.All(f => f.Delivered > 0), Is.True, "declared traffic flows in reactive mode too");
    }

    [Test]
    public void A_reactive_flow_reroutes_when_its_link_fails()
    {
        using var session = Ring(reactive: true);
        Assert.That(session.Ping("h1", "h4").Replies.Single().Replied, Is.True);
        var change = session.SetLink("s2", "s3", up: false);
        Assert.That(change.Reactions.Sum(r => r.ReroutedFlows), Is.GreaterThanOrEqualTo(2), "the declared h1-h4 flows and the reactive ICMP flow");
        var after = session.Ping("h1", "h4", count: 2);
        Assert.That(after.Replies.All(r => r.Replied), Is.True);
        Assert.That(Reactive(session), Is.EqualTo((1, 1)), "the moved flow needs no new packet-in");
        var routes = session.Routes("h1", "h4");
        Assert.That(routes.Forward.Hops.Select(h => h.Switch), Is.EqualTo(new[] { "s1", "s6", "s5", "s4" }));
    }

    [Test]
    public void Proactive_routing_leaves_undeclared_traffic_unforwarded()
    {
        using var session = Ring(reactive: false);
        Assert.That(RawPing(session, "h1", "h5").Replied, Is.False);
        Assert.That(Reactive(session), Is.EqualTo((0, 0)));

        using var reactive = Ring(reactive: true);
        Assert.That(RawPing(reactive, "h1", "h5").Replied, Is.True);
    }
}
