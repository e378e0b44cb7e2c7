using SdnController.Controller.Telemetry;
using SdnController.Scenarios.Interactive;

namespace SdnController.Scenarios.Tests.Interactive;

/// <summary>
/// The shell's session on the real pieces (virtual network, Akka controller, one virtual-time loop): link
/// and switch changes wait for the controller, pings are real ICMP frames, routes walk the installed tables.
/// </summary>
[TestFixture]
public class NetworkSessionTests
{
    private static NetworkSession Ring() => NetworkSession.Start(RunHarness.Sample("ring-6"));

    [Test]
    public void A_ring_with_one_link_down_still_reaches_every_pair()
    {
        using var session = Ring();
        var change = session.SetLink("s2", "s3", up: false);
        Assert.That(change.Changed, Is.True);
        Assert.That(change.TimedOut, Is.False);
        Assert.That(change.Reactions, Is.Not.Empty, "the controller reported its reroute");
        Assert.That(change.Reactions[0].Changes.Select(c => c.LinkId), Does.Contain("s2-s3"));
        Assert.That(session.Links().Single(l => l.Id == "s2-s3").Up, Is.False);

        var all = session.PingAll();
        Assert.That(all.Sent, Is.EqualTo(30));
        Assert.That(all.Received, Is.EqualTo(30));
    }

    [Test]
    public void A_cut_off_host_shows_X_both_ways()
    {
        using var session = Ring();
        session.SetLink("s2", "s3", up: false);
        session.SetLink("s3", "s4", up: false);
        var all = session.PingAll();
        var h3 = all.Rows.Single(r => r.From == "h3");
        Assert.That(h3.Results.All(r => !r.Replied), Is.True);
        foreach (var row in all.Rows.Where(r => r.From != "h3"))
        {
            Assert.That(row.Results.Single(r => r.To == "h3").Replied, Is.False, row.From);
            Assert.That(row.Results.Where(r => r.To != "h3").All(r => r.Replied), Is.True, row.From);
        }
        Assert.That(all.Received, Is.EqualTo(20));
        var text = new StringWriter();
        ShellText.PingAll(text, all);
        Assert.That(text.ToString(), Does.Contain("h3 -> X X X X X"));
        Assert.That(text.ToString(), Does.Contain("h1 -> h2 X h4 h5 h6"));
        Assert.That(text.ToString(), Does.Contain("*** Results: 33% dropped (20/30 received)"));
    }

    [Test]
    public void Routes_follow_the_installed_rules_away_from_a_failure_and_back()
    {
        using var session = Ring();
        static string[] Switches(RouteWalk w) => w.Hops.Select(h => h.Switch).ToArray();

        var before = session.Routes("h1", "h4");
        Assert.That(before.Forward.End, Is.EqualTo(WalkEnd.Delivered));
        Assert.That(Switches(before.Forward), Is.EqualTo(new[] { "s1", "s2", "s3", "s4" }));
        Assert.That(before.Forward.Hops[0], Is.EqualTo(before.Forward.Hops[0] with { InPort = 1, OutPort = 2 }));
        Assert.That(Switches(before.Reverse), Is.EqualTo(new[] { "s4", "s3", "s2", "s1" }));
        Assert.That(before.Forward.LatencyMs, Is.EqualTo(6).Within(1e-9));

        session.SetLink("s2", "s3", up: false);
        var during = session.Routes("h1", "h4");
        Assert.That(during.Forward.End, Is.EqualTo(WalkEnd.Delivered));
        Assert.That(Switches(during.Forward), Is.EqualTo(new[] { "s1", "s6", "s5", "s4" }));
        Assert.That(during.Forward.LatencyMs, Is.EqualTo(19).Within(1e-9));

        session.SetLink("s2", "s3", up: true);
        var after = session.Routes("h1", "h4");
        Assert.That(Switches(after.Forward), Is.EqualTo(new[] { "s1", "s2", "s3", "s4" }));
    }

    [Test]
    public void Flows_show_the_rules_with_counters_that_grow_with_pings()
    {
        using var session = Ring();
        session.Ping("h1", "h2");
        static ulong IcmpPackets(FlowTableView f) => f.Flows
            .Where(e => e.Rule.Match.IpProto == 1 && e.Rule.Match.Ipv4Src?.ToString() == "10.0.0.1/32" && e.Rule.Match.Ipv4Dst?.ToString() == "10.0.0.2/32")
            .Sum(e => (long)e.Packets) is var n ? (ulong)n : 0;
        var first = IcmpPackets(session.Flows("s1"));
        Assert.That(first, Is.GreaterThanOrEqualTo(1UL));
        var ping = session.Ping("h1", "h2", count: 3);
        Assert.That(ping.Received, Is.EqualTo(3));
        Assert.That(IcmpPackets(session.Flows("s1")), Is.EqualTo(first + 3));

        var text = new StringWriter();
        ShellText.Flows(text, session.Flows("s1"));
        Assert.That(text.ToString(), Does.Match(@"n_packets=\d+, n_bytes=\d+, priority=1000,icmp,nw_src=10\.0\.0\.1,nw_dst=10\.0\.0\.2 actions=output:2"));
        Assert.That(text.ToString(), Does.Contain("priority=65000,dl_type=0x88cc actions=CONTROLLER:65535"));
    }

    [Test]
    public void Trace_last_has_the_link_failure_root_with_switch_install_children()
    {
        using var session = Ring();
        Assert.Throws<SessionInputException>(() => session.TraceLast(), "no change yet");
        session.SetLink("s2", "s3", up: false);
        var t = session.TraceLast();
        Assert.That(t.Trace.Root.Span.Name, Is.EqualTo(ControllerTelemetry.LinkFailure));
        Assert.That(t.Trace.Root.IsOrphan, Is.False);
        var installs = t.Trace.Root.Children.Where(c => c.Span.Name == ControllerTelemetry.SwitchInstall).ToList();
        Assert.That(installs, Is.Not.Empty);
        Assert.That(installs.All(i => i.Span.Attribute(ControllerTelemetry.SwitchId) is not null), Is.True);
        Assert.That(t.Trace.HasVirtualTime, Is.True, "spans carry the network clock");

        var text = new StringWriter();
        ShellText.Trace(text, t, 100);
        Assert.That(text.ToString(), Does.StartWith($"trace {t.Trace.TraceId}  link.failure s2-s3"));
        Assert.That(text.ToString(), Does.Contain("switch.install"));

        session.SetLink("s2", "s3", up: true);
        Assert.That(session.TraceLast().Trace.Root.Span.Name, Is.EqualTo(ControllerTelemetry.LinkRestore));
    }

    [Test]
    public void A_switch_down_cuts_its_host_off_and_up_brings_it_back()
    {
        using var session = Ring();
        var down = session.SetSwitch("s3", up: false);
        Assert.That(down.Reactions, Is.Not.Empty);
        Assert.That(session.Ping("h1", "h3").Received, Is.Zero);
        var up = session.SetSwitch("s3", up: true);
        Assert.That(up.TimedOut, Is.False);
        Assert.That(session.Ping("h1", "h3").Received, Is.EqualTo(1));
        Assert.That(session.SetSwitch("s3", up: true).Changed, Is.False, "already up");
    }

    [Test]
    public void Wait_moves_network_time_and_background_traffic_flows()
    {
        using var session = Ring();
        var start = session.Now;
        var sent = session.Traffic.Sum(f => f.Sent);
        Assert.That(session.Wait(TimeSpan.FromMilliseconds(500)) - start, Is.EqualTo(TimeSpan.FromMilliseconds(500)));
        Assert.That(session.Traffic.Sum(f => f.Sent), Is.GreaterThan(sent + 100));
    }

    [Test]
    public void Bad_names_are_rejected_with_the_nearest_ones()
    {
        using var session = Ring();
        Assert.That(Assert.Throws<SessionInputException>(() => session.SetLink("s1", "s9", false))!.Message,
            Does.StartWith("unknown node 's9' (did you mean 's1'?); nodes: "));
        Assert.That(Assert.Throws<SessionInputException>(() => session.SetLink("s1", "s3", false))!.Message,
            Is.EqualTo("no link between s1 and s3; s1 links to s2, s6"));
        Assert.That(Assert.Throws<SessionInputException>(() => session.SetLink("h1", "s1", false))!.Message, Does.Contain("access link"));
        Assert.That(Assert.Throws<SessionInputException>(() => session.Flows("h1"))!.Message, Does.Contain("is a host"));
        Assert.That(Assert.Throws<SessionInputException>(() => session.Ping("h1", "hh2"))!.Message, Does.StartWith("unknown host 'hh2' (did you mean 'h2'?)"));
    }
}
