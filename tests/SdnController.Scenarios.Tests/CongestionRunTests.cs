using SdnController.Controller;
using SdnController.Controller.Observation;
using SdnController.Controller.Telemetry;
using SdnController.Scenarios.Reporting;
using SdnController.Southbound;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Messages;
using SdnController.Southbound.Time;
using SdnController.VirtualNetwork;
using SdnController.VirtualNetwork.Simulation;

namespace SdnController.Scenarios.Tests;

/// <summary>
/// Congestion-driven rerouting on topologies/surge.yaml, in virtual time: a 7 Mbit/s surge from 2 s to 5 s
/// joins a 4 Mbit/s flow on the 10 Mbit/s short side s1-s2; the controller measures it from counters, moves
/// the surge to s1-s3-s2 and moves it back after it stopped.
/// </summary>
public sealed class CongestionRunTests
{
    private static readonly string[] NoFailures = [];

    [Test]
    public void The_surge_moves_to_the_long_side_so_the_short_side_drops_far_less_than_without_congestion_rerouting()
    {
        var topology = RunHarness.Sample("surge");
        Assert.That(topology.Controller.Congestion, Is.Not.Null, "the sample turns congestion rerouting on");

        var (off, offRun) = RunHarness.Execute(topology, topology.Scenario, topology.Traffic,
            new RunOptions { Controller = ControllerOptions.For(topology) with { Congestion = null } });
        using (offRun)
        {
            var offDrops = offRun.Network.FindLink("s1-s2").AToB.DroppedQueueFull;
            Assert.That(off.Congestion, Is.Empty);
            Assert.That(offDrops, Is.GreaterThan(100), "without rerouting the surge overflows the short side's queue\n" + RunHarness.Describe(off));

            ConsistencyChecker? checker = null;
            var (on, onRun) = RunHarness.Execute(topology, topology.Scenario, topology.Traffic, new RunOptions(), r =>
            {
                checker = new ConsistencyChecker(r, topology, [NoFailures]);
                checker.AllowRoute("h3", "h4", "s1", "s3", "s2");
            });
            using var _ = onRun;
            var text = RunHarness.Describe(on);
            var onDrops = onRun.Network.FindLink("s1-s2").AToB.DroppedQueueFull;
            Assert.That(onDrops, Is.LessThan(offDrops / 5), text);

            var e = on.Congestion.Single();
            Assert.That((e.LinkId, e.Direction, e.MovedFlows, e.UnmovableFlows), Is.EqualTo(("s1-s2", "s1>s2", new[] { "surge" }, Array.Empty<string>())), text);
            Assert.That(e.Utilisation, Is.GreaterThan(0.8), text);
            Assert.That(e.Threshold, Is.EqualTo(0.8));
            Assert.That(e.At, Is.InRange(TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(2300)), "measured within a poll interval or two of the surge");
            Assert.That(e.UndoneAt, Is.InRange(TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(5400)), "moved back within a poll interval or two of the surge's end\n" + text);

            // Every packet of the moved flow arrived, each on one whole configuration of one path (old or new).
            var surge = on.Flows.Single(f => f.Id == "surge");
            Assert.That((surge.Sent, surge.Delivered, surge.Lost), Is.EqualTo((2625L, 2625L, 0L)), text);
            Assert.That(checker!.Mixed, Is.Empty, text);
            Assert.That(checker.Drops, Is.Empty, text);
            Assert.That(on.Totals.Looped, Is.Zero, text);
        }
    }

    [Test]
    public void The_surge_flow_runs_on_the_long_side_during_the_surge_and_back_on_the_short_side_after_it()
    {
        var topology = RunHarness.Sample("surge");
        var hops = new List<(TimeSpan SentAt, string Path)>();
        (ulong Cookie, int S1Output)? during = null, after = null;
        var (report, run) = RunHarness.Execute(topology, topology.Scenario, topology.Traffic, new RunOptions(), r =>
        {
            r.Network.PacketDelivered += (p, flow) =>
            {
                if (flow.Id == "surge") hops.Add((p.SentAt, string.Join(" ", p.Hops.ToArray().Select(h => topology.Switches[h].Id))));
            };
            r.Network.Loop.ScheduleAt(TimeSpan.FromMilliseconds(3500), () => during = SurgeRule(r.Network, cookie: null));
            r.Network.Loop.ScheduleAt(TimeSpan.FromMilliseconds(6500), () => after = SurgeRule(r.Network, during?.Cookie));
        });
        using var _ = run;
        var text = RunHarness.Describe(report);

        Assert.That(hops.Where(h => h.SentAt < TimeSpan.FromMilliseconds(2050)).Select(h => h.Path).Distinct(), Is.EqualTo(new[] { "s1 s2" }), text);
        Assert.That(hops.Where(h => h.SentAt > TimeSpan.FromMilliseconds(2500)).Select(h => h.Path).Distinct(), Is.EqualTo(new[] { "s1 s3 s2" }), text);
        // Once the surge is over the flow's rules point along the short side again, and s3 holds none of them.
        Assert.That(during, Is.Not.Null, "s3 held the surge flow's rule during the surge\n" + text);
        Assert.That(during!.Value.S1Output, Is.EqualTo(4), "s1 sent it to s3 (port 4)");
        Assert.That(after, Is.Not.Null);
        Assert.That(after!.Value.S1Output, Is.EqualTo(3), "s1 sends it to s2 (port 3) again\n" + text);
        Assert.That(run.Network.Switches[topology.IndexOfSwitch("s3")].Flows.Snapshot().Where(f => f.Rule.Cookie == during.Value.Cookie), Is.Empty);
    }

    /// <summary>The surge's rule cookie (the flow rule s3 holds during the surge, when null) and where s1 sends it.</summary>
    private static (ulong, int)? SurgeRule(SimulatedNetwork network, ulong? cookie)
    {
        var topology = network.Topology;
        if (cookie is null)
        {
            var onS3 = network.Switches[topology.IndexOfSwitch("s3")].Flows.Snapshot().Where(f => f.Rule.Cookie != 0 && f.Rule.Cookie >> 56 == 0).ToList();
            if (onS3.Count != 1) return null;
            cookie = onS3[0].Rule.Cookie;
        }
        var atS1 = network.Switches[topology.IndexOfSwitch("s1")].Flows.Snapshot().Where(f => f.Rule.Cookie == cookie).ToList();
        if (atS1.Count != 1) return null;
        var output = atS1[0].Rule.Actions.OfType<OutputAction>().Single();
        return (cookie.Value, output.Port);
    }

    [Test]
    public void A_congestion_event_is_traced_like_a_reroute_under_a_link_congestion_root_and_so_is_its_undo()
    {
        using var spans = new SpanRecorder(ControllerTelemetry.SourceName);
        var topology = RunHarness.Sample("surge");
        var (report, run) = RunHarness.Execute(topology, topology.Scenario, topology.Traffic);
        using var _ = run;
        var e = report.Congestion.Single();
        Assert.That(e.Trace, Is.Not.EqualTo(default(System.Diagnostics.ActivityContext)));
        Assert.That(e.UndoTrace, Is.Not.EqualTo(default(System.Diagnostics.ActivityContext)));
        var all = spans.Snapshot();

        var move = all.Where(a => a.TraceId == e.Trace.TraceId).ToList();
        var root = move.Single(a => a.Parent is null && a.ParentSpanId == default);
        Assert.That(root.OperationName, Is.EqualTo(CongestionTelemetry.LinkCongestion));
        Assert.That(root.GetTagItem(CongestionTelemetry.Action), Is.EqualTo("move"));
        Assert.That(root.GetTagItem(CongestionTelemetry.LinkId), Is.EqualTo("s1-s2"));
        Assert.That(root.GetTagItem(CongestionTelemetry.Direction), Is.EqualTo("s1>s2"));
        Assert.That((double)root.GetTagItem(CongestionTelemetry.Utilisation)!, Is.GreaterThan(80));
        Assert.That(root.GetTagItem(CongestionTelemetry.Threshold), Is.EqualTo(80.0));
        Assert.That(root.GetTagItem(CongestionTelemetry.FlowsMoved), Is.EqualTo(1));
        Assert.That(root.GetTagItem(CongestionTelemetry.FlowsUnmovable), Is.EqualTo(0));
        Assert.That(ChildNames(move, root), Is.SupersetOf(new[] { ControllerTelemetry.RouteCompute, ControllerTelemetry.SwitchInstall, ControllerTelemetry.UpdateCommit }));
        Assert.That(move.Single(a => a.OperationName == ControllerTelemetry.UpdateCommit).GetTagItem(ControllerTelemetry.ReroutedFlows), Is.EqualTo(1));

        var undo = all.Where(a => a.TraceId == e.UndoTrace.TraceId).ToList();
        var undoRoot = undo.Single(a => a.OperationName == CongestionTelemetry.LinkCongestion);
        Assert.That(undoRoot.GetTagItem(CongestionTelemetry.Action), Is.EqualTo("undo"));
        Assert.That(undoRoot.GetTagItem(CongestionTelemetry.UndoesTrace), Is.EqualTo(e.Trace.TraceId.ToHexString()));
        Assert.That((double)undoRoot.GetTagItem(CongestionTelemetry.Utilisation)!, Is.LessThanOrEqualTo(70));
        Assert.That(ChildNames(undo, undoRoot), Is.SupersetOf(new[] { ControllerTelemetry.RouteCompute, ControllerTelemetry.SwitchInstall, ControllerTelemetry.UpdateCommit }));
    }

    private static List<string> ChildNames(List<System.Diagnostics.Activity> spans, System.Diagnostics.Activity root) =>
        spans.Where(a => a.ParentSpanId == root.SpanId).Select(a => a.OperationName).ToList();

    [Test]
    public void The_congestion_moves_counter_counts_the_move_and_the_undo()
    {
        var topology = RunHarness.Sample("surge");
        using var metrics = new ControllerMetrics();
        var counts = new Dictionary<string, long>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (i, l) => { if (ReferenceEquals(i.Meter, metrics.Meter) && i.Name == ControllerMetrics.CongestionMoves) l.EnableMeasurementEvents(i); };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var t in tags)
                if (t.Key == ControllerMetrics.CongestionActionTag) counts[(string)t.Value!] = counts.GetValueOrDefault((string)t.Value!) + value;
        });
        listener.Start();
        using var run = new ScenarioRun(topology, topology.Scenario, topology.Traffic, new RunOptions(), metrics);
        run.Execute();
        Assert.That(counts, Is.EquivalentTo(new Dictionary<string, long> { ["move"] = 1, ["undo"] = 1 }));
    }

    [TestCase(false, TestName = "With congestion rerouting off nothing polls counters")]
    [TestCase(true, TestName = "With congestion rerouting on every switch is polled each interval")]
    public void Counter_polls_on_the_channel(bool on)
    {
        var topology = RunHarness.Sample("surge");
        var options = ControllerOptions.For(topology);
        if (!on) options = options with { Congestion = null };
        using var loop = EventLoop.CreateVirtual();
        var network = new SimulatedNetwork(topology, loop, new NetworkOptions());
        var counting = new CountingSouthbound(network);
        int polls, flowPolls;
        using (LoopController.Start(loop, topology, counting, options, new Playback.RecordingObserver(), "congestion-polls"))
        {
            loop.RunUntil(TimeSpan.FromSeconds(1));
            // Counted before the controller stops (stopping turns the loop on).
            polls = counting.Count<PortStatsRequest>();
            flowPolls = counting.Count<FlowStatsRequest>() - counting.Connects;   // one flow-stats request per connect resynchronises the switch
        }
        if (!on)
        {
            Assert.That((polls, flowPolls), Is.EqualTo((0, 0)));
            return;
        }
        // 100 ms interval: about 9 rounds in the first second, each to the 3 switches.
        Assert.That(polls, Is.InRange(8 * 3, 10 * 3));
        Assert.That(flowPolls, Is.EqualTo(polls));
    }

    /// <summary>The virtual network's southbound, counting every message the controller sends by type.</summary>
    private sealed class CountingSouthbound(SimulatedNetwork network) : ISouthbound
    {
        private readonly Dictionary<Type, int> _counts = new();
        public int Connects;

        public IReadOnlyList<SwitchEndpoint> Switches => ((ISouthbound)network).Switches;
        public IClock Clock => network.Clock;

        public int Count<T>() => _counts.GetValueOrDefault(typeof(T));

        public ISwitchChannel Open(ulong dpid, ISwitchMessageSink sink)
        {
            Connects++;
            return new Channel(this, network.Open(dpid, sink));
        }

        private void Add(ControllerMessage m) => _counts[m.GetType()] = _counts.GetValueOrDefault(m.GetType()) + 1;

        private sealed class Channel(CountingSouthbound owner, ISwitchChannel inner) : ISwitchChannel
        {
            public ulong Dpid => inner.Dpid;
            public void Send(ControllerMessage message)
            {
                owner.Add(message);
                inner.Send(message);
            }
            public void Send(IReadOnlyList<ControllerMessage> messages)
            {
                foreach (var m in messages) owner.Add(m);
                inner.Send(messages);
            }
            public void Dispose() => inner.Dispose();
        }
    }
}

/// <summary>Congestion with nowhere to go, and moves that need the version-tagged update.</summary>
public sealed class CongestionEdgeRunTests
{
    [Test]
    public void Flows_with_no_path_with_headroom_stay_and_are_reported_once()
    {
        var topology = RunHarness.LoadText("""
            name: one-link
            defaults: {bandwidth: 10Mbps, latency: 1ms, queue: 100}
            controller: {congestion: {threshold: 80%, interval: 100ms}}
            switches: [{id: s1}, {id: s2}]
            hosts:
              - {id: h1, ipv4: 10.0.0.1/8, attach: s1:1}
              - {id: h2, ipv4: 10.0.0.2/8, attach: s2:1}
              - {id: h3, ipv4: 10.0.0.3/8, attach: s1:2}
              - {id: h4, ipv4: 10.0.0.4/8, attach: s2:2}
            links:
              - endpoints: [s1:3, s2:3]
            traffic:
              - {id: steady, from: h1, to: h2, rate: 4Mbps, size: 1000}
              - {id: surge, from: h3, to: h4, rate: 7Mbps, size: 1000, start: 1s, stop: 2s}
            scenario: {duration: 3s}
            """);
        var (report, run) = RunHarness.Execute(topology, topology.Scenario, topology.Traffic);
        using var _ = run;
        var text = RunHarness.Describe(report);
        var e = report.Congestion.Single();
        Assert.That(e.MovedFlows, Is.Empty, text);
        Assert.That(e.UnmovableFlows, Is.EqualTo(new[] { "surge", "steady" }), "largest first\n" + text);
        Assert.That(e.UndoneAt, Is.Null);
        Assert.That(text, Does.Contain("no path with headroom for: surge, steady (they stay)"));
    }

    // LadderTopology's shape with a narrow main rail: a 9 Mbit/s flow is over 80% of every 10 Mbit/s main link,
    // so its only path with headroom is a-x-d-y-f-b, which leaves the old one at both x and y: an ordered
    // update could let a packet cross x and y under different configurations, so the move is two-phase.
    [Test]
    public void A_congestion_move_that_changes_two_shared_switches_takes_the_two_phase_update_and_stays_consistent()
    {
        var topology = RunHarness.LoadText("""
            name: narrow-ladder
            defaults: {bandwidth: 1Gbps, latency: 1ms}
            controller: {congestion: {threshold: 80%, interval: 100ms}}
            switches: [{id: a}, {id: x}, {id: c}, {id: y}, {id: e}, {id: b}, {id: d}, {id: f}]
            hosts:
              - {id: h1, ipv4: 10.0.0.1/8, attach: a}
              - {id: h2, ipv4: 10.0.0.2/8, attach: b}
            links:
              - {endpoints: [a, x]}
              - {endpoints: [x, c], bandwidth: 10Mbps}
              - {endpoints: [c, y], bandwidth: 10Mbps}
              - {endpoints: [y, e], bandwidth: 10Mbps}
              - {endpoints: [e, b], bandwidth: 10Mbps}
              - {endpoints: [x, d], latency: 3ms}
              - {endpoints: [d, y], latency: 3ms}
              - {endpoints: [y, f], latency: 3ms}
              - {endpoints: [f, b], latency: 3ms}
            traffic:
              - {id: big, from: h1, to: h2, kind: udp, rate: 9Mbps, size: 1000}
            scenario: {duration: 1500ms}
            """);
        ConsistencyChecker? checker = null;
        var (report, run) = RunHarness.Execute(topology, topology.Scenario, topology.Traffic, new RunOptions(), r =>
        {
            checker = new ConsistencyChecker(r, topology, [[]]);
            checker.AllowRoute("h1", "h2", "a", "x", "d", "y", "f", "b");
        });
        using var _ = run;
        var text = RunHarness.Describe(report) + "\n" + string.Join("\n", checker!.Mixed.Take(10));
        var e = report.Congestion.Single();
        Assert.That((e.MovedFlows, e.UpdateMethod), Is.EqualTo((new[] { "big" }, "two-phase")), text);
        // With the flow back on the main rail it would be at 90% again: it returns only once its traffic stopped.
        Assert.That(e.UndoneAt ?? TimeSpan.MaxValue, Is.GreaterThan(TimeSpan.FromMilliseconds(1500)), text);
        // Tagged from the move until the untagging pass (200 ms later), which does not count as traffic moving back.
        Assert.That(checker.DeliveredTagged, Is.InRange(100, checker.Delivered - 500), "after the move the flow runs on its tagged version, then untagged");
        Assert.That(checker.Mixed, Is.Empty, text);
        Assert.That(checker.Drops, Is.Empty, text);
        Assert.That(report.Totals.Lost, Is.Zero, text);
    }
}
