using System.Collections.Immutable;
using Akka.Actor;
using SdnController.Controller.Messages;
using SdnController.Controller.Observation;
using SdnController.Controller.Protocols;
using SdnController.Controller.Switches;
using SdnController.Controller.Tests.Support;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Matching;
using SdnController.Southbound.Messages;
using SdnController.Southbound.Rules;
using System.Diagnostics;
using static SdnController.Controller.Tests.Switches.RuleReconcilerTests;

namespace SdnController.Controller.Tests.Switches;

public sealed class SwitchActorTests
{
    private ControllerHarness _h = null!;
    private Recorder _flows = null!;
    private Recorder _topology = null!;
    private Recorder _requester = null!;
    private List<FlowRule> _desired = null!;

    [SetUp]
    public void SetUp()
    {
        _h = new ControllerHarness();
        _desired = new List<FlowRule>();
        _flows = _h.FlowManager(_ => _desired);
        _topology = _h.Recorder("topology");
        _requester = _h.Recorder("requester");
    }

    [TearDown]
    public void TearDown() => _h.Dispose();

    private IActorRef Start(string switchId = "s1")
    {
        var actor = _h.StartSwitch(switchId, _flows.Ref, _topology.Ref);
        _h.Loop.RunPending();
        return actor;
    }

    private static string[] TableText(FakeSwitch sw) => Text(sw.Table.Values).Order().ToArray();
    private static string[] Expected(params FlowRule[] rules) => Text(BaseRules.All.Concat(rules)).Order().ToArray();

    [Test]
    public void Connect_installs_base_rules_and_resyncs()
    {
        Start();
        var s1 = _h.Southbound["s1"];

        Assert.That(TableText(s1), Is.EqualTo(Expected()));
        Assert.That(s1.Received.Take(4).Select(m => m.GetType().Name),
            Is.EqualTo(new[] { nameof(FeaturesRequest), nameof(FlowMod), nameof(FlowMod), nameof(FlowStatsRequest) }));
        Assert.That(s1.FlowMods.Take(2).Select(f => (f.Command, f.Rule.Priority, f.Rule.Cookie)),
            Is.All.EqualTo((FlowModCommand.Add, 65000, BaseRules.Cookie)));
        Assert.That(s1.FlowMods.Take(2).Select(f => f.Rule.Match.EthType), Is.EqualTo(new ushort?[] { 0x88cc, 0x0806 }));
        Assert.That(s1.FlowMods.Take(2).Select(f => f.Rule.Actions.Single()), Is.All.InstanceOf<ToControllerAction>());

        Assert.That(_flows.Of<DesiredRulesRequest>().Select(r => r.SwitchId), Is.EqualTo(new[] { "s1" }));
        Assert.That(_flows.Of<SwitchResynchronized>().Single(), Is.EqualTo(new SwitchResynchronized("s1", 0, 0, TimeSpan.Zero)));
        Assert.That(_topology.Of<SwitchConnectionChanged>().Single(), Is.EqualTo(new SwitchConnectionChanged("s1", true, TimeSpan.Zero)));
        Assert.That(_h.Observer.Events.Select(e => e.GetType().Name), Is.EqualTo(new[] { nameof(SwitchConnected), nameof(SwitchResynced) }));
    }

    [Test]
    public void Connect_installs_the_desired_rules()
    {
        _desired.AddRange([Rule(1, 1), Rule(2, 2)]);
        Start();
        Assert.That(TableText(_h.Southbound["s1"]), Is.EqualTo(Expected(Rule(1, 1), Rule(2, 2))));
        Assert.That(_h.Observer.Of<SwitchResynced>().Single(), Is.EqualTo(new SwitchResynced(TimeSpan.Zero, "s1", 2, 0)));
    }

    [Test]
    public void ApplyRules_sends_adds_then_deletes_then_a_barrier_and_confirms_on_its_reply()
    {
        _desired.Add(Rule(9, 1));
        var actor = Start();
        var s1 = _h.Southbound["s1"];
        s1.Received.Clear();
        s1.AnswerBarriers = false;
        _h.Loop.Advance(TimeSpan.FromMilliseconds(5));

        actor.Tell(new ApplyRules(7, [Rule(1, 1), Rule(2, 2)], [Rule(9, 1)], default), _requester.Ref);
        _h.Loop.RunPending();

        var sent = s1.Received.Where(m => m is not PacketOut).ToList();
        Assert.That(sent, Has.Count.EqualTo(4));
        Assert.That(sent.Take(3).Cast<FlowMod>().Select(f => (f.Command, f.Rule.ToString(), f.CookieMask)), Is.EqualTo(new[]
        {
            (FlowModCommand.Add, Rule(1, 1).ToString(), 0UL),
            (FlowModCommand.Add, Rule(2, 2).ToString(), 0UL),
            (FlowModCommand.DeleteStrict, Rule(9, 1).ToString(), 0UL),
        }));
        var barrier = sent[3] as BarrierRequest;
        Assert.That(barrier, Is.Not.Null);
        Assert.That(_requester.Of<RulesConfirmed>(), Is.Empty, "no confirmation before the barrier reply");

        _h.Loop.Advance(TimeSpan.FromMilliseconds(3));
        s1.Deliver(new BarrierReply(barrier!.Xid));
        _h.Loop.RunPending();

        Assert.That(_requester.Of<RulesConfirmed>().Single(),
            Is.EqualTo(new RulesConfirmed("s1", 7, 2, 1, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(8))));
        Assert.That(TableText(s1), Is.EqualTo(Expected(Rule(1, 1), Rule(2, 2))));
    }

    [Test]
    public void Crash_restarts_the_actor_which_repairs_only_what_differs()
    {
        _desired.AddRange([Rule(1, 1), Rule(2, 2), Rule(3, 3)]);
        var actor = Start();
        var s1 = _h.Southbound["s1"];
        Assert.That(TableText(s1), Is.EqualTo(Expected(Rule(1, 1), Rule(2, 2), Rule(3, 3))));

        // The switch lost one desired rule and holds one nobody wants.
        s1.Table.Remove(RuleKey.Of(Rule(2, 2)));
        s1.Install(Rule(4, 4));
        s1.Received.Clear();
        _h.Observer.Events.Clear();

        actor.Tell(new CrashSwitchActor("s1"));
        _h.Loop.RunPending();

        Assert.That(_h.Observer.Of<SwitchActorRestarted>().Single().SwitchId, Is.EqualTo("s1"));
        Assert.That((s1.OpenCount, s1.DisposeCount), Is.EqualTo((2, 1)), "the old channel closed, a new one opened");
        var afterStats = s1.Received.SkipWhile(m => m is not FlowStatsRequest).OfType<FlowMod>()
            .Select(f => (f.Command, f.Rule.ToString())).ToArray();
        Assert.That(afterStats, Is.EqualTo(new[] { (FlowModCommand.Add, Rule(2, 2).ToString()), (FlowModCommand.DeleteStrict, Rule(4, 4).ToString()) }));
        Assert.That(s1.FlowMods.Count(), Is.EqualTo(4), "base rules re-asserted, one add, one delete; rules 1 and 3 untouched");
        Assert.That(TableText(s1), Is.EqualTo(Expected(Rule(1, 1), Rule(2, 2), Rule(3, 3))));
        Assert.That(_h.Observer.Of<SwitchResynced>().Single(), Is.EqualTo(new SwitchResynced(TimeSpan.Zero, "s1", 1, 1)));
        Assert.That(_flows.Of<SwitchResynchronized>().Last(), Is.EqualTo(new SwitchResynchronized("s1", 1, 1, TimeSpan.Zero)));
    }

    [Test]
    public void Switch_reboot_is_reported_and_everything_reinstalled_including_updates_sent_meanwhile()
    {
        _desired.Add(Rule(1, 1));
        var actor = Start();
        var s1 = _h.Southbound["s1"];

        s1.PowerOff();
        _h.Loop.Advance(TimeSpan.FromMilliseconds(10));
        Assert.That(_topology.Of<SwitchConnectionChanged>().Last(), Is.EqualTo(new SwitchConnectionChanged("s1", false, TimeSpan.Zero)));
        Assert.That(_h.Observer.Of<SwitchDisconnected>().Single().SwitchId, Is.EqualTo("s1"));

        // The flow manager records the update in its desired set and sends it; the switch is down.
        _desired.Add(Rule(2, 2));
        actor.Tell(new ApplyRules(8, [Rule(2, 2)], [], default), _requester.Ref);
        _h.Loop.Advance(TimeSpan.FromMilliseconds(10));
        Assert.That(_requester.Of<RulesConfirmed>(), Is.Empty);
        var probesWhileDown = s1.PacketOuts.Count();
        _h.Loop.Advance(TimeSpan.FromSeconds(1));
        Assert.That(s1.PacketOuts.Count(), Is.EqualTo(probesWhileDown), "no probing while disconnected");

        s1.PowerOn();
        _h.Loop.RunPending();
        Assert.That(TableText(s1), Is.EqualTo(Expected(Rule(1, 1), Rule(2, 2))));
        Assert.That(_requester.Of<RulesConfirmed>().Single().UpdateId, Is.EqualTo(8));
        Assert.That(_h.Observer.Of<SwitchResynced>().Last().RulesAdded, Is.EqualTo(2));
        Assert.That(_h.Observer.Of<SwitchConnected>().Count(), Is.EqualTo(2));
    }

    [Test]
    public void Arp_request_for_a_known_host_gets_a_proxy_reply_out_of_the_ingress_port()
    {
        Start();
        var s1 = _h.Southbound["s1"];
        var h1 = _h.Topology.FindHost("h1")!;
        var h2 = _h.Topology.FindHost("h2")!;
        var h1Mac = MacAddress.FromBytes(h1.Mac.GetAddressBytes());
        var h2Mac = MacAddress.FromBytes(h2.Mac.GetAddressBytes());

        s1.Deliver(new PacketIn(ArpFrame.BuildRequest(h1Mac, 0x0A000001, 0x0A000002), 3, PacketInReason.Action));
        s1.Deliver(new PacketIn(ArpFrame.BuildRequest(h1Mac, 0x0A000001, 0x0A000063), 3, PacketInReason.Action));   // 10.0.0.99: nobody
        _h.Loop.RunPending();

        var replies = s1.PacketOuts.Where(p => ArpFrame.TryParse(p.Frame.Span, out _)).ToList();
        Assert.That(replies, Has.Count.EqualTo(1));
        var reply = replies[0];
        Assert.That(reply.InPort, Is.EqualTo(PortNumbers.Controller));
        Assert.That(reply.Actions, Is.EqualTo(new FlowAction[] { new OutputAction(3) }));
        var frame = reply.Frame.Span;
        Assert.That(MacAddress.FromBytes(frame[..6]), Is.EqualTo(h1Mac), "to the asker");
        Assert.That(MacAddress.FromBytes(frame.Slice(6, 6)), Is.EqualTo(h2Mac), "from the owner");
        Assert.That(ArpFrame.TryParse(frame, out var arp), Is.True);
        Assert.That(arp, Is.EqualTo(new ArpPacket(ArpPacket.Reply, h2Mac, 0x0A000002, h1Mac, 0x0A000001)));
    }

    [Test]
    public void Lldp_probes_go_out_of_every_inter_switch_port_each_interval_and_received_ones_reach_the_topology_actor()
    {
        Start("s1");
        var s1 = _h.Southbound["s1"];
        List<(int Port, LldpProbe Probe, MacAddress Src)> Probes() => s1.PacketOuts
            .Where(p => LldpFrame.TryParse(p.Frame.Span, out _))
            .Select(p => { LldpFrame.TryParse(p.Frame.Span, out var probe); return (((OutputAction)p.Actions.Single()).Port, probe, MacAddress.FromBytes(p.Frame.Span.Slice(6, 6))); })
            .ToList();

        // The first round waits an interval after the first connect (links start up), plus the switch's own phase.
        var phase = SwitchActor.ProbePhase(s1.Dpid, TimeSpan.FromMilliseconds(100));
        Assert.That(phase, Is.GreaterThan(TimeSpan.Zero).And.LessThan(TimeSpan.FromMilliseconds(100)));
        _h.Loop.Advance(TimeSpan.FromMilliseconds(100) + phase - TimeSpan.FromTicks(1));
        Assert.That(Probes(), Is.Empty, "nothing before an interval plus the phase");
        _h.Loop.Advance(TimeSpan.FromTicks(1));
        Assert.That(Probes().Select(p => (p.Port, p.Probe.Dpid, p.Probe.Port)), Is.EqualTo(new[] { (1, s1.Dpid, 1), (2, s1.Dpid, 2) }),
            "one probe per link port each interval, none to the host port");
        _h.Loop.Advance(TimeSpan.FromMilliseconds(100));
        var probes = Probes();
        Assert.That(probes, Has.Count.EqualTo(4));
        Assert.That(probes.Select(p => p.Src), Is.EqualTo(new[] { FakeSwitch.PortMac(s1.Dpid, 1), FakeSwitch.PortMac(s1.Dpid, 2), FakeSwitch.PortMac(s1.Dpid, 1), FakeSwitch.PortMac(s1.Dpid, 2) }),
            "after the features reply probes carry the port's MAC");
        Assert.That(probes.All(p => s1.PacketOuts.All(o => o.InPort == PortNumbers.Controller)));

        // s1's probe out of port 1 arrives at s2 port 1.
        Start("s2");
        var s2 = _h.Southbound["s2"];
        s2.Deliver(new PacketIn(s1.PacketOuts.First(o => LldpFrame.TryParse(o.Frame.Span, out _)).Frame.ToArray(), 1, PacketInReason.Action));
        _h.Loop.RunPending();
        Assert.That(_topology.Of<LldpObserved>().Single(), Is.EqualTo(new LldpObserved("s2", 1, "s1", 1, TimeSpan.FromMilliseconds(200) + phase)));
    }

    [Test]
    public void Probe_rounds_of_different_switches_are_spread_over_the_interval_the_same_way_every_run()
    {
        var interval = TimeSpan.FromMilliseconds(100);
        var phases = Enumerable.Range(1, 80).Select(d => SwitchActor.ProbePhase((ulong)d, interval)).ToList();
        Assert.That(phases, Is.EqualTo(Enumerable.Range(1, 80).Select(d => SwitchActor.ProbePhase((ulong)d, interval))), "deterministic");
        Assert.That(phases.All(p => p >= TimeSpan.Zero && p < interval));
        // 80 switches over ten 10 ms slices: no slice holds more than a quarter of them.
        var perSlice = phases.GroupBy(p => (int)(p.TotalMilliseconds / 10)).Select(g => g.Count()).ToList();
        Assert.That(perSlice, Has.Count.EqualTo(10));
        Assert.That(perSlice.Max(), Is.LessThanOrEqualTo(20));
    }

    [Test]
    public void Port_status_is_passed_to_the_topology_actor()
    {
        Start();
        var port = new PortDescription(1, default, "s1-eth1", false);
        _h.Southbound["s1"].Deliver(new PortStatus(PortStatusReason.Modify, port));
        _h.Loop.RunPending();
        Assert.That(_topology.Of<PortStatusObserved>().Single(), Is.EqualTo(new PortStatusObserved("s1", port, TimeSpan.Zero)));
    }

    [Test]
    public void Updates_arriving_before_the_desired_rules_are_confirmed_by_the_resync_and_later_ones_applied_after_it()
    {
        // A flow manager that answers the desired-rules request only when told, to hold the resync open.
        var held = new List<(IActorRef To, DesiredRulesRequest Request)>();
        var flows = _h.Recorder("slow-flows");
        var actor = _h.StartSwitch("s1", flows.Ref, _topology.Ref);
        _h.Loop.RunPending();
        var s1 = _h.Southbound["s1"];
        Assert.That(flows.Of<DesiredRulesRequest>().Count(), Is.EqualTo(1));

        actor.Tell(new ApplyRules(1, [Rule(1, 1)], [], default), _requester.Ref);   // covered by the snapshot
        actor.Tell(new DesiredRules("s1", [Rule(1, 1)]), flows.Ref);
        actor.Tell(new ApplyRules(2, [Rule(2, 2)], [Rule(1, 1)], default), _requester.Ref);
        _h.Loop.RunPending();

        Assert.That(TableText(s1), Is.EqualTo(Expected(Rule(2, 2))));
        Assert.That(_requester.Of<RulesConfirmed>().Select(c => (c.UpdateId, c.Added, c.Removed)), Is.EqualTo(new[] { (1L, 1, 0), (2L, 1, 1) }));
        Assert.That(flows.Of<SwitchResynchronized>().Count(), Is.EqualTo(1));
    }
}

public sealed class SwitchInstallSpanTests
{
    [Test]
    public void Switch_install_span_is_a_child_of_the_trace_in_ApplyRules()
    {
        using var h = new ControllerHarness();
        using var spans = new SpanCollector();
        var flows = h.FlowManager(_ => []);
        var topology = h.Recorder("topology");
        var requester = h.Recorder("requester");
        var actor = h.StartSwitch("s2", flows.Ref, topology.Ref);
        h.Loop.RunPending();

        using var parent = new Activity("test.parent").Start();
        var trace = parent.Context;
        parent.Stop();
        actor.Tell(new ApplyRules(3, [Rule(1, 1)], [], trace), requester.Ref);
        h.Loop.RunPending();

        var install = spans.Named(Telemetry.ControllerTelemetry.SwitchInstall).Single();
        Assert.That(install.TraceId, Is.EqualTo(trace.TraceId));
        Assert.That(install.ParentSpanId, Is.EqualTo(trace.SpanId));
        Assert.That(spans.Stopped, Does.Contain(install));
        Assert.That(install.GetTagItem(Telemetry.ControllerTelemetry.SwitchId), Is.EqualTo("s2"));
        Assert.That(install.GetTagItem(Telemetry.ControllerTelemetry.RulesAdded), Is.EqualTo(1));
        Assert.That(install.GetTagItem(Telemetry.ControllerTelemetry.RulesRemoved), Is.EqualTo(0));
        Assert.That(install.GetTagItem(Telemetry.ControllerTelemetry.BarrierRttMs), Is.EqualTo(0.0));
        Assert.That(spans.Named(Telemetry.ControllerTelemetry.SwitchResync).Single().GetTagItem(Telemetry.ControllerTelemetry.SwitchId), Is.EqualTo("s2"));
    }
}
