using Akka.Actor;
using System.Collections.Immutable;
using System.Diagnostics;
using SdnController.Controller.Messages;
using SdnController.Controller.Observation;
using SdnController.Controller.Planning;
using SdnController.Controller.Telemetry;
using SdnController.Controller.Tests.Flows.Support;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Rules;
using SdnController.Controller.Flows;
using SdnController.Controller.Routing;

namespace SdnController.Controller.Tests.Flows;

public class FlowManagerActorTests
{
    private static readonly Topology.Model.Topology Ring = FlowManagerTestBed.Load("topologies/ring-6.yaml");
    private static readonly FlowSpec Web = new("web", "h1", "h4", 6, 40000, 80, Bidirectional: true); // s1 s2 s3 s4
    private static readonly FlowSpec Local = new("local", "h2", "h3", 17, 0, 53, Bidirectional: false); // s2 s3
    private static readonly FlowSpec Far = new("far", "h5", "h6", 6, 0, 22, Bidirectional: true);      // s5 s6

    private static int Out(FlowRule r) => ((OutputAction)r.Actions.Single()).Port;

    private static FlowManagerTestBed InstallOn(FlowManagerTestBed bed, params FlowSpec[] flows)
    {
        bed.Ready();
        bed.Manager.Tell(new InstallFlows(flows.ToImmutableArray()));
        bed.Observer.WaitFor<InitialInstallCompleted>();
        foreach (var p in bed.Switches.Values) p.ReceiveWhile<object>(TimeSpan.FromMilliseconds(50), m => m);
        return bed;
    }

    [Test]
    public void Install_sends_one_ApplyRules_per_switch_and_reports_completion()
    {
        using var bed = new FlowManagerTestBed(Ring);
        bed.Ready();
        bed.Manager.Tell(new InstallFlows([Web, Local]));
        var s1 = bed.Expect("s1");
        Assert.That(s1.Remove, Is.Empty);
        Assert.That(s1.Add.Select(Out), Is.EquivalentTo(new[] { 2, 1 }), "web forward out to s2, web reply out to h1");
        var s2 = bed.Expect("s2");
        Assert.That(s2.Add.Length, Is.EqualTo(3), "web both ways + local");
        Assert.That(bed.Expect("s3").Add.Length, Is.EqualTo(3));
        Assert.That(bed.Expect("s4").Add.Select(Out), Is.EquivalentTo(new[] { 1, 3 }));
        bed.Switches["s5"].ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        bed.Switches["s6"].ExpectNoMsg(TimeSpan.Zero);

        var done = bed.Observer.WaitFor<InitialInstallCompleted>();
        Assert.That((done.Flows, done.Rules), Is.EqualTo((2, 10)));
        Assert.That(done.UnconfirmedSwitches, Is.Empty);

        bed.Manager.Tell(new InstallFlows([Far, Web]));
        Assert.That(bed.Expect("s5").Add.Length, Is.EqualTo(2));
        var later = bed.Observer.WaitFor<FlowsInstalled>();
        Assert.That((later.Flows, later.Rules), Is.EqualTo((1, 4)), "web is already installed");
        Assert.That(bed.Observer.Count<InitialInstallCompleted>(), Is.EqualTo(1));
    }

    [Test]
    public void Work_waits_for_the_switch_actors()
    {
        using var bed = new FlowManagerTestBed(Ring);
        bed.Manager.Tell(new InstallFlows([Local]));
        bed.Switches["s2"].ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        bed.Ready();
        Assert.That(bed.Expect("s2").Add.Length, Is.EqualTo(1));
        bed.Observer.WaitFor<InitialInstallCompleted>();
    }

    [Test]
    public void Link_failure_touches_only_the_affected_flow()
    {
        using var bed = InstallOn(new FlowManagerTestBed(Ring), Web, Local, Far);
        var webCookies = new[] { FlowCookie.Of(1, FlowDirection.Forward), FlowCookie.Of(1, FlowDirection.Reverse) };
        bed.Change(null, bed.Link("s3", "s4", up: false));

        // web moves to s1 s6 s5 s4; local (s2 s3) and far (s5 s6) stay as they are.
        var adds = new Dictionary<string, ApplyRules>();
        foreach (var id in new[] { "s1", "s6", "s5", "s4" }) adds[id] = bed.Expect(id);
        Assert.That(adds.Values.All(a => a.Remove.IsEmpty && a.Add.All(r => webCookies.Contains(r.Cookie))), Is.True);
        Assert.That(adds["s1"].Add.Single().Match.Ipv4Dst!.Value.Address & 255, Is.EqualTo(4u), "s1: only the forward rule changes (reply still ends on h1)");
        Assert.That(Out(adds["s1"].Add.Single()), Is.EqualTo(3));
        Assert.That(adds["s6"].Add.Select(Out), Is.EquivalentTo(new[] { 3, 2 }));
        Assert.That(adds["s4"].Add.Select(Out), Is.EqualTo(new[] { 2 }), "s4: only the reply rule changes");

        var s2 = bed.Expect("s2");
        var s3 = bed.Expect("s3");
        foreach (var r in new[] { s2, s3 })
        {
            Assert.That(r.Add, Is.Empty);
            Assert.That(r.Remove.Select(x => x.Cookie), Is.EquivalentTo(webCookies));
        }
        var e = bed.Observer.WaitFor<RerouteCompleted>();
        Assert.That((e.AffectedFlows, e.ReroutedFlows, e.RulesAdded, e.RulesRemoved, e.SwitchesTouched), Is.EqualTo((1, 1, 6, 4, 6)));
        Assert.That(e.UnreachableFlows, Is.Empty);
        var handled = bed.TopologyActor.ExpectMsg<TopologyChangeHandled>();
        Assert.That((handled.AffectedFlows, handled.ReroutedFlows, handled.UnreachableFlows), Is.EqualTo((1, 1, 0)));
        bed.ExpectQuiet();
    }

    [Test]
    public void Failure_of_an_unused_link_sends_nothing()
    {
        using var bed = InstallOn(new FlowManagerTestBed(Ring), Local, Far);
        bed.Change(null, bed.Link("s3", "s4", up: false));
        var e = bed.Observer.WaitFor<RerouteCompleted>();
        Assert.That((e.AffectedFlows, e.RulesAdded, e.RulesRemoved, e.SwitchesTouched), Is.EqualTo((0, 0, 0, 0)));
        bed.TopologyActor.ExpectMsg<TopologyChangeHandled>();
        bed.ExpectQuiet();
    }

    [Test]
    public void No_removal_is_sent_before_every_phase_one_confirmation()
    {
        using var bed = InstallOn(new FlowManagerTestBed(Ring), Web);
        bed.AutoConfirm = false;
        bed.Change(null, bed.Link("s3", "s4", up: false));
        // Phase 1: rules new to their switches (the detour s6, s5); nothing forwards by them yet.
        var phase1 = new[] { "s6", "s5" }.ToDictionary(id => id, bed.Expect);
        Assert.That(phase1.Values.All(a => a.Remove.IsEmpty && a.Add.Length > 0), Is.True);
        bed.ConfirmFrom("s6", phase1["s6"]);
        bed.Switches["s1"].ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        bed.ConfirmFrom("s5", phase1["s5"]);

        // Phase 2: the switches on both paths replace their rules in place, moving traffic to the detour.
        var phase2 = new[] { "s1", "s4" }.ToDictionary(id => id, bed.Expect);
        Assert.That(phase2.Values.All(a => a.Remove.IsEmpty && a.Add.Length > 0), Is.True);
        bed.ConfirmFrom("s1", phase2["s1"]);
        bed.ExpectQuiet(TimeSpan.FromMilliseconds(200));
        Assert.That(bed.Observer.Count<RerouteCompleted>(), Is.Zero);

        // Phase 3: only then the old path's rules go.
        bed.ConfirmFrom("s4", phase2["s4"]);
        var s2 = bed.Expect("s2");
        var s3 = bed.Expect("s3");
        Assert.That(s2.Remove.Length + s3.Remove.Length, Is.EqualTo(4));
        Assert.That(s2.UpdateId, Is.Not.EqualTo(phase2["s4"].UpdateId));
        bed.ConfirmFrom("s2", s2);
        bed.Switches["s3"].ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Assert.That(bed.Observer.Count<RerouteCompleted>(), Is.Zero, "still waiting for s3");
        bed.ConfirmFrom("s3", s3);
        var e = bed.Observer.WaitFor<RerouteCompleted>();
        Assert.That(e.UnconfirmedSwitches, Is.Empty);
    }

    [Test]
    public void Old_rules_stay_until_packets_on_the_old_path_drained()
    {
        // Old path s1-s2-s3-s4: 3 links of 2 ms, so removals wait 6 ms + the 1 ms margin.
        using var bed = InstallOn(new FlowManagerTestBed(Ring, options: new ControllerOptions()), Web);
        bed.Change(null, bed.Link("s3", "s4", up: false));
        bed.Expect("s6");
        bed.Expect("s5");
        bed.Expect("s1");
        bed.Expect("s4");
        bed.ExpectQuiet(TimeSpan.FromMilliseconds(300)); // the automatic phase-2 confirmations are in
        bed.Clock.Advance(TimeSpan.FromMilliseconds(6.5));
        bed.Switches["s2"].ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        bed.Clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.That(bed.Expect("s2").Remove.Length, Is.EqualTo(2));
        Assert.That(bed.Expect("s3").Remove.Length, Is.EqualTo(2));
        bed.Observer.WaitFor<RerouteCompleted>();
    }

    [Test]
    public void Restore_returns_the_flow_to_its_best_path()
    {
        using var bed = InstallOn(new FlowManagerTestBed(Ring), Web, Far);
        bed.Change(null, bed.Link("s3", "s4", up: false));
        bed.Observer.WaitFor<RerouteCompleted>();
        foreach (var p in bed.Switches.Values) p.ReceiveWhile<object>(TimeSpan.FromMilliseconds(50), m => m);

        bed.Change(null, bed.Link("s3", "s4", up: true));
        Assert.That(Out(bed.Expect("s1").Add.Single()), Is.EqualTo(2));
        Assert.That(bed.Expect("s2").Add.Length, Is.EqualTo(2));
        Assert.That(bed.Expect("s3").Add.Length, Is.EqualTo(2));
        Assert.That(Out(bed.Expect("s4").Add.Single()), Is.EqualTo(3));
        var s5 = bed.Expect("s5");
        var s6 = bed.Expect("s6");
        Assert.That((s5.Add.Length, s5.Remove.Length, s6.Add.Length, s6.Remove.Length), Is.EqualTo((0, 2, 0, 2)), "far's rules stay");
        var e = bed.Observer.WaitFor<RerouteCompleted>(1);
        Assert.That((e.AffectedFlows, e.ReroutedFlows, e.RulesRemoved), Is.EqualTo((1, 1, 4)));
        Assert.That(bed.Desired("s6").Rules.Length, Is.EqualTo(2), "only far's rules are left on s6");
        Assert.That(bed.Desired("s2").Rules.Select(Out), Is.EquivalentTo(new[] { 2, 3 }));
    }

    [Test]
    public void Unreachable_flows_are_reported_and_rerouted_when_a_link_returns()
    {
        using var bed = InstallOn(new FlowManagerTestBed(Ring), Web, Local);
        bed.Change(null, bed.Link("s2", "s3", up: false), bed.Link("s5", "s6", up: false));
        var down = bed.Observer.WaitFor<RerouteCompleted>();
        Assert.That(down.UnreachableFlows, Is.EquivalentTo(new[] { "web", "local" }));
        Assert.That((down.AffectedFlows, down.ReroutedFlows, down.RulesAdded, down.RulesRemoved), Is.EqualTo((2, 0, 0, 10)));
        Assert.That(bed.TopologyActor.ExpectMsg<TopologyChangeHandled>().UnreachableFlows, Is.EqualTo(2));
        for (var s = 1; s <= 4; s++) Assert.That(bed.Desired("s" + s).Rules, Is.Empty);

        bed.Change(null, bed.Link("s5", "s6", up: true));
        var up = bed.Observer.WaitFor<RerouteCompleted>(1);
        Assert.That(up.UnreachableFlows, Is.Empty);
        // web: s1 s6 s5 s4 both ways; local (one way) the long way round: s2 s1 s6 s5 s4 s3.
        Assert.That((up.AffectedFlows, up.ReroutedFlows, up.RulesAdded, up.RulesRemoved), Is.EqualTo((2, 2, 14, 0)));
        Assert.That(bed.Desired("s6").Rules.Length, Is.EqualTo(3));
        Assert.That(bed.TopologyActor.ExpectMsg<TopologyChangeHandled>().ReroutedFlows, Is.EqualTo(2));
    }

    [Test]
    public void Desired_rules_follow_the_current_paths()
    {
        using var bed = InstallOn(new FlowManagerTestBed(Ring), Web, Local);
        var s3 = bed.Desired("s3");
        Assert.That(s3.SwitchId, Is.EqualTo("s3"));
        Assert.That(s3.Rules.Select(r => (Out(r), r.Priority)), Is.EquivalentTo(new[] { (2, 1000), (3, 1000), (1, 1000) }));
        bed.Change(null, bed.Link("s3", "s4", up: false));
        bed.Observer.WaitFor<RerouteCompleted>();
        Assert.That(bed.Desired("s3").Rules.Select(Out), Is.EqualTo(new[] { 1 }), "only local is left");
        Assert.That(bed.Desired("s5").Rules.Select(Out), Is.EquivalentTo(new[] { 3, 2 }));
        Assert.That(bed.Desired("nope").Rules, Is.Empty);
    }

    [Test]
    public void A_missing_confirmation_times_out_after_one_second_of_virtual_time()
    {
        using var bed = new FlowManagerTestBed(Ring);
        bed.Silent["s3"] = true;
        bed.Ready();
        bed.Manager.Tell(new InstallFlows([Web]));
        bed.Expect("s3");
        bed.Clock.AwaitPending(TimeSpan.FromSeconds(5));
        bed.Clock.Advance(TimeSpan.FromMilliseconds(999));
        Thread.Sleep(100);
        Assert.That(bed.Observer.Count<InitialInstallCompleted>(), Is.Zero);
        bed.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var done = bed.Observer.WaitFor<InitialInstallCompleted>();
        Assert.That(done.UnconfirmedSwitches, Is.EqualTo(new[] { "s3" }));
        Assert.That(done.At, Is.EqualTo(TimeSpan.FromSeconds(1)));
    }

    [Test]
    public void Going_idle_schedules_a_collection_that_new_work_cancels()
    {
        var delay = TimeSpan.FromMilliseconds(10);
        using var bed = InstallOn(new FlowManagerTestBed(Ring, options: new ControllerOptions { DrainOldPaths = false, IdleCollectionDelay = delay }), Web);
        bed.Clock.AwaitPending(TimeSpan.FromSeconds(5));
        Assert.That(bed.Clock.PendingCount, Is.EqualTo(1), "one idle collection armed after the install");
        var armedAt = bed.Clock.Now;

        // Work arrives before the delay passed: the armed collection is cancelled, and armed again once idle.
        bed.Change(null, bed.Link("s3", "s4", up: false));
        bed.Observer.WaitFor<RerouteCompleted>();
        Assert.That(bed.Clock.Now, Is.EqualTo(armedAt), "no time passed: the first collection never fired");
        bed.Clock.AwaitPending(TimeSpan.FromSeconds(5));
        Assert.That(bed.Clock.PendingCount, Is.EqualTo(1), "the install's collection was replaced, not added to");
        bed.Clock.Advance(delay);
        Assert.That(bed.Clock.PendingCount, Is.Zero, "it ran once the controller stayed idle for the delay");
    }

    [Test]
    public void A_resynchronized_switch_completes_its_pending_confirmation()
    {
        using var bed = InstallOn(new FlowManagerTestBed(Ring), Web);
        bed.Silent["s5"] = true;
        bed.Change(null, bed.Link("s3", "s4", up: false));
        bed.Expect("s5");
        bed.Switches["s2"].ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        bed.Manager.Tell(new SwitchResynchronized("s5", 2, 0, bed.Clock.Now));
        bed.Expect("s2");
        var e = bed.Observer.WaitFor<RerouteCompleted>();
        Assert.That(e.UnconfirmedSwitches, Is.Empty);
        Assert.That(bed.Clock.PendingCount, Is.Zero, "the timeout was cancelled");
    }

    [Test]
    public void A_switch_without_an_actor_is_reported_unconfirmed()
    {
        using var bed = new FlowManagerTestBed(Ring);
        bed.Ready(except: "s2");
        bed.Manager.Tell(new InstallFlows([Local]));
        var done = bed.Observer.WaitFor<InitialInstallCompleted>();
        Assert.That(done.UnconfirmedSwitches, Is.EqualTo(new[] { "s2" }));
    }

    [Test]
    public void Changes_arriving_during_an_update_wait_for_it()
    {
        using var bed = InstallOn(new FlowManagerTestBed(Ring), Web);
        bed.AutoConfirm = false;
        bed.Change(null, bed.Link("s3", "s4", up: false));
        var phase1 = new[] { "s6", "s5" }.ToDictionary(id => id, bed.Expect);
        bed.Change(null, bed.Link("s3", "s4", up: true));
        bed.ExpectQuiet();
        bed.AutoConfirm = true;
        foreach (var (id, a) in phase1) bed.ConfirmFrom(id, a);
        bed.Observer.WaitFor<RerouteCompleted>(1);
        var log = bed.Log.ToArray();
        Assert.That(bed.Desired("s5").Rules, Is.Empty);
        Assert.That(bed.Desired("s2").Rules.Length, Is.EqualTo(2));
        Assert.That(log.Count(l => l.Contains("apply")), Is.GreaterThanOrEqualTo(10), string.Join("\n", log));
    }

    [Test]
    public void Changes_queued_behind_an_update_are_handled_together_and_each_is_answered()
    {
        using var bed = InstallOn(new FlowManagerTestBed(Ring), Web);
        bed.AutoConfirm = false;
        bed.Change(null, bed.Link("s3", "s4", up: false));
        var phase1 = new[] { "s6", "s5" }.ToDictionary(id => id, bed.Expect);
        // A flap of an unused link and the repair arrive while the update waits: one update handles all three.
        bed.Change(null, bed.Link("s1", "s6", up: false));
        bed.Change(null, bed.Link("s1", "s6", up: true));
        bed.Change(null, bed.Link("s3", "s4", up: true));
        bed.ExpectQuiet();
        bed.AutoConfirm = true;
        foreach (var (id, a) in phase1) bed.ConfirmFrom(id, a);
        var second = bed.Observer.WaitFor<RerouteCompleted>(1);
        Assert.That(second.Changes.Select(c => (c.LinkId, c.Up)), Is.EqualTo(new[] { ("s6-s1", false), ("s6-s1", true), ("s3-s4", true) }));
        Assert.That(bed.TopologyActor.ReceiveN(4, TimeSpan.FromSeconds(5)).OfType<TopologyChangeHandled>().Count(), Is.EqualTo(4), "one answer per change sent");
        Thread.Sleep(300); // nothing further may follow
        Assert.That(bed.Observer.Count<RerouteCompleted>(), Is.EqualTo(2));
        Assert.That(bed.Desired("s2").Rules.Length, Is.EqualTo(2), "back on its best path");
    }

    [Test]
    public void Ensure_connectivity_installs_icmp_both_ways_once()
    {
        using var bed = new FlowManagerTestBed(Ring);
        bed.Ready();
        bed.Manager.Tell(new EnsureConnectivity("h2", "h5"));
        var s3 = bed.Expect("s3");
        Assert.That(s3.Add.All(r => r.Match.IpProto == 1 && r.Match.L4Src is null && r.Match.L4Dst is null), Is.True);
        Assert.That(s3.Add.Length, Is.EqualTo(2));
        var ready = bed.Observer.WaitFor<ConnectivityReady>();
        Assert.That((ready.HostA, ready.HostB, ready.Reachable), Is.EqualTo(("h2", "h5", true)));
        foreach (var p in bed.Switches.Values) p.ReceiveWhile<object>(TimeSpan.FromMilliseconds(50), m => m);

        bed.Manager.Tell(new EnsureConnectivity("h5", "h2"));
        Assert.That(bed.Observer.WaitFor<ConnectivityReady>(1).Reachable, Is.True);
        bed.ExpectQuiet();
        Assert.That(bed.Observer.Count<InitialInstallCompleted>(), Is.Zero);

        bed.Manager.Tell(new EnsureConnectivity("h2", "nobody"));
        Assert.That(bed.Observer.WaitFor<ConnectivityReady>(2).Reachable, Is.False);
    }

    [Test]
    public void Flows_sharing_a_match_share_the_rule_and_move_together()
    {
        using var bed = InstallOn(new FlowManagerTestBed(Ring), new FlowSpec("ping", "h1", "h4", 1, 0, 0, true));
        bed.Manager.Tell(new EnsureConnectivity("h4", "h1"));
        bed.Observer.WaitFor<ConnectivityReady>();
        bed.ExpectQuiet();
        Assert.That(bed.Desired("s2").Rules.Length, Is.EqualTo(2));

        bed.Change(null, bed.Link("s2", "s3", up: false));
        var e = bed.Observer.WaitFor<RerouteCompleted>();
        Assert.That((e.AffectedFlows, e.RulesAdded, e.RulesRemoved), Is.EqualTo((2, 6, 4)));
        Assert.That(bed.Desired("s2").Rules, Is.Empty);
        Assert.That(bed.Desired("s6").Rules.Length, Is.EqualTo(2));
    }

    [Test]
    public void Route_compute_and_update_commit_spans_are_children_of_the_change_trace()
    {
        var stopped = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == ControllerTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (stopped) stopped.Add(a); },
        };
        ActivitySource.AddActivityListener(listener);
        var trace = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);

        using var bed = InstallOn(new FlowManagerTestBed(Ring), Web, Far);
        bed.Change(new ActivityContextHolder(trace), bed.Link("s3", "s4", up: false));
        bed.Observer.WaitFor<RerouteCompleted>();
        Activity[] ours;
        lock (stopped) ours = stopped.Where(a => a.TraceId == trace.TraceId).ToArray();
        Assert.That(ours.Select(a => a.OperationName), Is.EquivalentTo(new[] { ControllerTelemetry.RouteCompute, ControllerTelemetry.UpdateCommit }));
        Assert.That(ours.All(a => a.ParentSpanId == trace.SpanId), Is.True);
        var compute = ours.Single(a => a.OperationName == ControllerTelemetry.RouteCompute);
        Assert.That(compute.GetTagItem(ControllerTelemetry.Algorithm), Is.EqualTo(RoutingService.DijkstraAlgorithm), "ring-6 is routed by latency, and its links differ");
        Assert.That(compute.GetTagItem(ControllerTelemetry.PairsRecomputed), Is.EqualTo(1), "web (both directions: the reverse is the same path backwards)");
        Assert.That(compute.GetTagItem(ControllerTelemetry.AffectedFlows), Is.EqualTo(1));
        Assert.That(compute.GetTagItem(ControllerTelemetry.SourcesRecomputed), Is.EqualTo(1));
        var commit = ours.Single(a => a.OperationName == ControllerTelemetry.UpdateCommit);
        Assert.That(commit.GetTagItem(ControllerTelemetry.RulesRemoved), Is.EqualTo(4));
        Assert.That(bed.Expect("s1").Trace, Is.EqualTo(trace), "switch actors get the trace for their switch.install spans");
    }
}
