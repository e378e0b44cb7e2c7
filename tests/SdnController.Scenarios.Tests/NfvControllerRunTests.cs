using System.Collections.Immutable;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using SdnController.Controller;
using SdnController.Controller.Nfv;
using SdnController.Controller.Observation;
using SdnController.Controller.Telemetry;
using SdnController.Scenarios.Reporting;
using SdnController.Southbound;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Matching;
using SdnController.Southbound.Messages;
using SdnController.Southbound.Nfv;
using SdnController.Southbound.Rules;
using SdnController.Southbound.Time;
using SdnController.Topology.Model.Nfv;
using SdnController.VirtualNetwork;
using SdnController.VirtualNetwork.Simulation;

namespace SdnController.Scenarios.Tests;

/// <summary>
/// The controller's function actors in runs: every instance configured at start, re-configured after a restart
/// (with its nfv.failure trace), lost and late acknowledgements, IDS alerts, actor restarts, the report's functions.
/// Traffic is steered through the functions by the controller's own chain rules (<c>chains:</c> fw1 then ids1 for
/// everything from h1 to h2).
/// </summary>
public class NfvControllerRunTests
{
    private const string Network = """
        switches: [{id: s1}, {id: s2}]
        hosts:
          - {id: h1, attach: "s1:10", ipv4: 10.0.0.1/24}
          - {id: h2, attach: "s2:10", ipv4: 10.0.0.2/24}
        links:
          - {endpoints: ["s1:2", "s2:1"], latency: 1ms, bandwidth: 1Gbps}
        nfv:
          fw1:
            kind: firewall
            attach: "s1:5"
            default: deny
            rules: [{action: allow, proto: udp, dport: 6000}]
          ids1:
            kind: ids
            attach: "s2:5"
            signatures: [{id: zeros, hex: "00 00 00 00 00 00 00 00", proto: udp, dport: 6000}]
        chains:
          - {id: guarded, match: {from: h1, to: h2}, through: [fw1, ids1]}
        traffic:
          - {id: open, from: h1, to: h2, kind: udp, port: 6000, rate: 100pps, size: 100}
          - {id: closed, from: h1, to: h2, kind: udp, port: 7000, rate: 100pps, size: 100}
        """;

    private static TimeSpan Ms(double ms) => TimeSpan.FromTicks((long)Math.Round(ms * TimeSpan.TicksPerMillisecond));

    private static (RunReport Report, ScenarioRun Run) Execute(string scenario, Action<ScenarioRun>? prepare = null, RunOptions? options = null)
    {
        var topology = RunHarness.LoadText(Network + scenario);
        return RunHarness.Execute(topology, topology.Scenario, topology.Traffic, options, prepare);
    }

    private static string[] RuleNames(SimulatedNetwork net, string id) =>
        Nfv.Southbound.FunctionAgent.Counters(net.FindFunction(id).Function, 0).Rules.Select(r => r.Rule).ToArray();

    private static List<T> Events<T>(ScenarioRun run) => run.ControllerEvents.OfType<T>().ToList();

    [Test]
    public void At_start_every_function_is_configured_with_version_1_and_traffic_obeys_the_firewall()
    {
        using var spans = new SpanRecorder(ControllerTelemetry.SourceName);
        var (report, run) = Execute("""

            scenario: {duration: 1s}
            """);
        using var _ = run;

        var applied = Events<FunctionConfigurationApplied>(run);
        Assert.That(applied.Select(a => (a.FunctionId, a.Version, a.Outcome, a.Reason, a.Attempts)).OrderBy(a => a.FunctionId),
            Is.EqualTo(new[] { ("fw1", 1L, ConfigureOutcome.Applied, "initial", 1), ("ids1", 1L, ConfigureOutcome.Applied, "initial", 1) }));
        Assert.That(applied.Select(a => a.RoundTrip), Is.All.EqualTo(Ms(1)), "one control channel latency each way");
        Assert.That(run.Network.FindFunction("fw1").AppliedVersion, Is.EqualTo(1));
        Assert.That(run.Network.FindFunction("ids1").AppliedVersion, Is.EqualTo(1));

        var configure = spans.Snapshot().Where(s => s.OperationName == NfvTelemetry.Configure).ToList();
        var fw = configure.Single(s => (string?)s.GetTagItem(NfvTelemetry.FunctionId) == "fw1");
        Assert.That(fw.GetTagItem(NfvTelemetry.Kind), Is.EqualTo("firewall"));
        Assert.That(fw.GetTagItem(NfvTelemetry.Version), Is.EqualTo(1L));
        Assert.That(fw.GetTagItem(NfvTelemetry.Outcome), Is.EqualTo("applied"));
        Assert.That(fw.GetTagItem(NfvTelemetry.RoundTripMs), Is.EqualTo(1.0));
        Assert.That(fw.Parent, Is.Null, "a push outside an outage is a trace of its own");

        // The firewall's rules are in force from the first packet: port 6000 passes, 7000 is denied by default.
        var open = report.Flows.Single(f => f.Id == "open");
        var closed = report.Flows.Single(f => f.Id == "closed");
        Assert.That(open.Sent, Is.GreaterThan(90));
        Assert.That(open.Delivered, Is.EqualTo(open.Sent));
        Assert.That(closed.Delivered, Is.Zero);
        Assert.That(closed.Lost, Is.EqualTo(closed.Sent));

        var fw1 = report.Functions.Single(f => f.Id == "fw1");
        Assert.That((fw1.Kind, fw1.Attachment, fw1.State, fw1.AppliedVersion), Is.EqualTo(("firewall", "s1:5", "up", 1L)));
        Assert.That(fw1.Counters, Is.EqualTo(new FunctionPacketCounts(open.Sent + closed.Sent, open.Sent, closed.Sent)));
        Assert.That(fw1.Rules.Sum(r => r.Out), Is.EqualTo(open.Sent));
        Assert.That(fw1.Rules.Single(r => r.Rule == "default").Dropped, Is.EqualTo(closed.Sent));
        var ids1 = report.Functions.Single(f => f.Id == "ids1");
        Assert.That(ids1.Counters!.In, Is.EqualTo(open.Sent), "only what the firewall let through reaches the IDS");
    }

    [Test]
    public void A_restarted_function_is_sent_its_version_again_inside_the_nfv_failure_trace()
    {
        using var spans = new SpanRecorder(ControllerTelemetry.SourceName);
        var (report, run) = Execute("""

            scenario:
              duration: 2s
              events:
                - {at: 500ms, nfv: fw1, state: down}
                - {at: 1s, nfv: fw1, state: up}
            """);
        using var _ = run;

        var fwEvents = run.ControllerEvents.Where(e => e is FunctionStateChanged { FunctionId: "fw1" } or FunctionConfigurationApplied { FunctionId: "fw1" }).ToList();
        Assert.That(fwEvents.Select(Describe), Is.EqualTo(new[] { "up v0", "configured v1 initial", "down v1", "up v0", "configured v1 restart" }));
        Assert.That(run.Network.FindFunction("fw1").AppliedVersion, Is.EqualTo(1));

        var change = report.Changes.Single(c => c.Event.Kind == Playback.InjectedKind.FunctionUp);
        Assert.That(change.FunctionReaction, Is.Not.Null);
        Assert.That(change.FunctionReaction!.Reported, Is.EqualTo(Ms(0.5)), "the up status crosses the channel");
        Assert.That(change.FunctionReaction.Reconfigured, Is.EqualTo(Ms(1.5)), "then one push round trip");
        Assert.That(change.FunctionReaction.Version, Is.EqualTo(1));
        var fw1 = report.Functions.Single(f => f.Id == "fw1");
        Assert.That(fw1.Outages, Is.EqualTo(new[] { new FunctionOutageReport(Ms(500.5), Ms(1000.5), Ms(1001.5), 1) }));

        // Traffic obeys the rules again: port 6000 delivered when sent after the re-configuration, 7000 never.
        var open = run.Network.Flows.Single(f => f.Spec.Id == "open");
        Assert.That(report.Flows.Single(f => f.Id == "closed").Delivered, Is.Zero);
        Assert.That(open.LastDeliveredAt, Is.Not.Null);
        Assert.That(open.LastDeliveredAt!.Value, Is.GreaterThan(open.Spec.Start + Ms(1900)));
        var lost = report.Flows.Single(f => f.Id == "open").Lost;
        Assert.That(lost, Is.InRange(49, 52), "about half a second of 100 pps: down, then restarted and unconfigured until 1001.5 ms");

        // nfv.failure: root, failure.detect and the re-configuration as children, one trace.
        var all = spans.Snapshot();
        var root = all.Single(s => s.OperationName == NfvTelemetry.Failure);
        Assert.That(root.Parent, Is.Null);
        Assert.That(root.GetTagItem(NfvTelemetry.FunctionId), Is.EqualTo("fw1"));
        Assert.That(root.GetTagItem(ControllerTelemetry.DetectionMethod), Is.EqualTo(NfvTelemetry.StatusDetection));
        Assert.That(root.GetTagItem(NfvTelemetry.DownMs), Is.EqualTo(501.0).Within(1e-6), "from the down report to version 1 in force again");
        var children = all.Where(s => s.ParentSpanId == root.SpanId).ToList();
        Assert.That(children.Select(c => c.OperationName), Is.EquivalentTo(new[] { ControllerTelemetry.FailureDetect, NfvTelemetry.Configure }));
        var push = children.Single(c => c.OperationName == NfvTelemetry.Configure);
        Assert.That((push.GetTagItem(NfvTelemetry.Reason), push.GetTagItem(NfvTelemetry.Outcome), push.GetTagItem(NfvTelemetry.Version)), Is.EqualTo(("restart", "applied", 1L)));
    }

    private static string Describe(ControllerEvent e) => e switch
    {
        FunctionStateChanged s => $"{(s.Up ? "up" : "down")} v{s.AppliedVersion}",
        FunctionConfigurationApplied c => $"configured v{c.Version} {c.Reason}",
        _ => e.GetType().Name,
    };

    [Test]
    public void A_lost_acknowledgement_is_retried_after_the_timeout()
    {
        using var loop = EventLoop.CreateVirtual();
        var topology = RunHarness.LoadText(Network);
        var net = new SimulatedNetwork(topology, loop, new NetworkOptions());
        var southbound = new UnreliableFunctions(net) { DropRepliesTo = { ("fw1", 1) } };
        var observer = new Recorder();
        using var spans = new SpanRecorder(ControllerTelemetry.SourceName);
        using var metrics = new ControllerMetrics();
        var measured = new List<(string Instrument, long Value, string Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (i, l) => { if (ReferenceEquals(i.Meter, metrics.Meter) && i.Name.StartsWith("sdn.nfv.", StringComparison.Ordinal)) l.EnableMeasurementEvents(i); };
        listener.SetMeasurementEventCallback<long>((i, value, tags, _) =>
        {
            var text = string.Join(",", tags.ToArray().Where(t => t.Key != NfvMetrics.KindTag).Select(t => $"{t.Key}={t.Value}"));
            lock (measured) measured.Add((i.Name, value, text));
        });
        listener.SetMeasurementEventCallback<int>((i, value, tags, _) =>
        {
            lock (measured) measured.Add((i.Name, value, string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}"))));
        });
        listener.Start();
        using var controller = LoopController.Start(loop, topology, southbound, ControllerOptions.For(topology), observer, "nfv-lost-ack", metrics);
        loop.RunUntil(Ms(200));
        listener.RecordObservableInstruments();

        lock (measured)
        {
            Assert.That(measured.Where(m => m.Instrument == NfvMetrics.ConfigurePushes).Select(m => m.Tags),
                Is.EquivalentTo(new[] { "sdn.nfv.reason=initial", "sdn.nfv.reason=initial", "sdn.nfv.reason=retry" }), "fw1 and ids1 at start, fw1 again");
            Assert.That(measured.Where(m => m.Instrument == NfvMetrics.ConfigureAcks).Select(m => m.Tags),
                Is.EquivalentTo(new[] { "sdn.nfv.outcome=applied", "sdn.nfv.outcome=already-applied" }), "the lost answer is not counted");
            Assert.That(measured.Where(m => m.Instrument == NfvMetrics.FunctionCount).Select(m => (m.Value, m.Tags)),
                Is.EquivalentTo(new[] { (2L, "sdn.nfv.state=up"), (0L, "sdn.nfv.state=down") }));
        }

        var fw = observer.Of<FunctionConfigurationApplied>().Single(a => a.FunctionId == "fw1");
        Assert.That((fw.Version, fw.Outcome, fw.Attempts), Is.EqualTo((1L, ConfigureOutcome.AlreadyApplied, 2)),
            "the first push was applied but its acknowledgement lost: the re-send is acknowledged as already applied");
        Assert.That(fw.At, Is.EqualTo(Ms(0.5 + 50 + 1)), "channel open, the 50 ms timeout, one round trip");
        var pushes = spans.Snapshot().Where(s => s.OperationName == NfvTelemetry.Configure && (string?)s.GetTagItem(NfvTelemetry.FunctionId) == "fw1").OrderBy(s => s.StartTimeUtc).ToList();
        Assert.That(pushes.Select(p => (p.GetTagItem(NfvTelemetry.Attempt), p.GetTagItem(NfvTelemetry.Outcome))),
            Is.EqualTo(new (object?, object?)[] { (1, "timeout"), (2, "already-applied") }));
        Assert.That(pushes[0].Status, Is.EqualTo(ActivityStatusCode.Error));
        Assert.That(observer.Of<FunctionConfigurationApplied>().Count(a => a.FunctionId == "ids1"), Is.EqualTo(1), "the other function was not touched");
    }

    [Test]
    public void A_late_acknowledgement_of_an_earlier_push_is_not_taken_for_the_pending_one()
    {
        using var loop = EventLoop.CreateVirtual();
        var topology = RunHarness.LoadText(Network);
        var net = new SimulatedNetwork(topology, loop, new NetworkOptions());
        // The first acknowledgement comes 200 ms late: after the re-send's own (already applied) answer.
        var southbound = new UnreliableFunctions(net) { DelayRepliesTo = { [("fw1", 1)] = Ms(200) } };
        var observer = new Recorder();
        using var controller = LoopController.Start(loop, topology, southbound, ControllerOptions.For(topology), observer, "nfv-late-ack");
        loop.RunUntil(Ms(100));
        // A new configuration while the late answer to version 1 is still on its way.
        var denyAll = new FirewallConfig(FirewallAction.Deny, Array.Empty<FirewallRule>());
        controller.Host.ReplaceFunctionConfig("fw1", denyAll);
        loop.RunUntil(Ms(400));

        var fw = observer.Of<FunctionConfigurationApplied>().Where(a => a.FunctionId == "fw1").Select(a => (a.Version, a.Outcome, a.Reason, a.Attempts)).ToList();
        Assert.That(fw, Is.EqualTo(new[] { (1L, ConfigureOutcome.AlreadyApplied, "initial", 2), (2L, ConfigureOutcome.Applied, "replace", 1) }),
            "the late 'version 1 applied' (arriving after version 2 was sent) completes nothing");
        Assert.That(southbound.LateDelivered, Is.EqualTo(1));
        Assert.That(net.FindFunction("fw1").AppliedVersion, Is.EqualTo(2));
        Assert.That(RuleNames(net, "fw1"), Is.EqualTo(new[] { "default" }), "deny-all in force");
    }

    [Test]
    public void An_acknowledgement_of_a_superseded_push_completes_nothing()
    {
        using var loop = EventLoop.CreateVirtual();
        var topology = RunHarness.LoadText(Network);
        var net = new SimulatedNetwork(topology, loop, new NetworkOptions());
        var observer = new Recorder();
        using var spans = new SpanRecorder(ControllerTelemetry.SourceName);
        using var controller = LoopController.Start(loop, topology, net, ControllerOptions.For(topology), observer, "nfv-superseded");
        var denyAll = new FirewallConfig(FirewallAction.Deny, Array.Empty<FirewallRule>());
        // Version 1 goes out at 0.5 ms (after the channel's first status); version 2 follows before its answer.
        loop.ScheduleAt(Ms(0.75), () => controller.Host.ReplaceFunctionConfig("fw1", denyAll));
        loop.RunUntil(Ms(20));

        var fw = observer.Of<FunctionConfigurationApplied>().Where(a => a.FunctionId == "fw1").Select(a => (a.Version, a.Outcome, a.Reason)).ToList();
        Assert.That(fw, Is.EqualTo(new[] { (2L, ConfigureOutcome.Applied, "replace") }), "'version 1 applied' arrived while version 2 was pending");
        var pushes = spans.Snapshot().Where(s => s.OperationName == NfvTelemetry.Configure && (string?)s.GetTagItem(NfvTelemetry.FunctionId) == "fw1").OrderBy(s => s.StartTimeUtc).ToList();
        Assert.That(pushes.Select(p => (p.GetTagItem(NfvTelemetry.Version), p.GetTagItem(NfvTelemetry.Outcome))),
            Is.EqualTo(new (object?, object?)[] { (1L, "superseded"), (2L, "applied") }));
        Assert.That(RuleNames(net, "fw1"), Is.EqualTo(new[] { "default" }));
    }

    [Test]
    public void A_function_running_a_newer_version_than_the_controllers_is_given_a_fresh_version_number()
    {
        using var loop = EventLoop.CreateVirtual();
        var topology = RunHarness.LoadText(Network);
        var net = new SimulatedNetwork(topology, loop, new NetworkOptions());
        var southbound = new UnreliableFunctions(net);
        var observer = new Recorder();
        using var controller = LoopController.Start(loop, topology, southbound, ControllerOptions.For(topology), observer, "nfv-stale");
        loop.RunUntil(Ms(10));
        // Someone else put version 5 on the instance (the reply to that goes nowhere).
        var denyAll = new FirewallConfig(FirewallAction.Deny, Array.Empty<FirewallRule>());
        southbound.Channels["fw1"].Send(new ConfigureFunction(9999, 5, denyAll));
        loop.RunUntil(Ms(20));
        var allow = topology.FindNfv("fw1")!.Config;
        controller.Host.ReplaceFunctionConfig("fw1", allow);
        loop.RunUntil(Ms(40));

        var fw = observer.Of<FunctionConfigurationApplied>().Where(a => a.FunctionId == "fw1").Select(a => (a.Version, a.Reason)).ToList();
        Assert.That(fw, Is.EqualTo(new[] { (1L, "initial"), (6L, "stale") }), "version 2 was stale (5 in force): the rules went out again as 6, never as 5");
        Assert.That(net.FindFunction("fw1").AppliedVersion, Is.EqualTo(6));
        Assert.That(RuleNames(net, "fw1"), Has.Length.EqualTo(2), "the topology's allow rule and the default");
    }

    [Test]
    public void An_ids_alert_becomes_an_event_a_span_event_and_a_metric()
    {
        using var spans = new SpanRecorder(ControllerTelemetry.SourceName);
        var metrics = new ControllerMetrics();
        var alerts = new List<(long Value, string? Kind, bool? Blocked)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (i, l) => { if (ReferenceEquals(i.Meter, metrics.Meter) && i.Name == NfvMetrics.Alerts) l.EnableMeasurementEvents(i); };
        listener.SetMeasurementEventCallback<long>((i, value, tags, _) =>
        {
            string? kind = null;
            bool? blocked = null;
            foreach (var t in tags)
            {
                if (t.Key == NfvMetrics.KindTag) kind = (string?)t.Value;
                if (t.Key == NfvMetrics.BlockedTag) blocked = (bool?)t.Value;
            }
            lock (alerts) alerts.Add((value, kind, blocked));
        });
        listener.Start();
        var topology = RunHarness.LoadText(Network + "\nscenario: {duration: 200ms}\n");
        using var run = new ScenarioRun(topology, topology.Scenario, topology.Traffic, new RunOptions(), metrics);
        var report = run.Execute();

        var raised = run.ControllerEvents.OfType<FunctionAlertRaised>().ToList();
        var open = report.Flows.Single(f => f.Id == "open");
        Assert.That(raised, Has.Count.EqualTo(open.Sent), "every packet to port 6000 carries the zeros");
        Assert.That(raised.Select(a => (a.FunctionId, a.Kind, a.SignatureId, a.Blocked)).Distinct(), Is.EqualTo(new[] { ("ids1", NfvKind.Ids, "zeros", false) }));
        Assert.That(raised[0].Flow, Does.Contain("10.0.0.1").And.Contain("6000"));
        lock (alerts) Assert.That(alerts, Has.Count.EqualTo(open.Sent).And.All.EqualTo((1L, (string?)"ids", (bool?)false)));

        var alertSpans = spans.Snapshot().Where(s => s.OperationName == NfvTelemetry.Alert).ToList();
        Assert.That(alertSpans, Has.Count.EqualTo(open.Sent));
        var ev = alertSpans[0].Events.Single();
        Assert.That(ev.Name, Is.EqualTo(NfvTelemetry.AlertEvent));
        Assert.That(ev.Tags.Single(t => t.Key == NfvTelemetry.Signature).Value, Is.EqualTo("zeros"));
        Assert.That(report.Functions.Single(f => f.Id == "ids1").Alerts, Has.Count.EqualTo(open.Sent));
        metrics.Dispose();
    }

    [Test]
    public void A_restarted_function_actor_reopens_the_channel_and_resyncs_without_pushing_what_is_in_force()
    {
        using var loop = EventLoop.CreateVirtual();
        var topology = RunHarness.LoadText(Network);
        var net = new SimulatedNetwork(topology, loop, new NetworkOptions());
        var observer = new Recorder();
        using var controller = LoopController.Start(loop, topology, net, ControllerOptions.For(topology), observer, "nfv-crash");
        loop.RunUntil(Ms(10));
        var denyAll = new FirewallConfig(FirewallAction.Deny, Array.Empty<FirewallRule>());
        controller.Host.ReplaceFunctionConfig("fw1", denyAll);
        loop.RunUntil(Ms(20));
        controller.Host.CrashFunctionActor("fw1");
        loop.RunUntil(Ms(30));
        Assert.That(observer.Of<FunctionActorRestarted>().Single().FunctionId, Is.EqualTo("fw1"));
        Assert.That(observer.Of<FunctionConfigurationApplied>().Count(a => a.FunctionId == "fw1"), Is.EqualTo(2), "in sync after the restart: nothing pushed");
        Assert.That(observer.Of<FunctionStateChanged>().Where(s => s.FunctionId == "fw1").Select(s => (s.Up, s.AppliedVersion)).Last(), Is.EqualTo((true, 2L)));

        // The new incarnation still owns version 2 (not the topology's version 1) and restores it after a restart.
        net.SetFunctionState("fw1", false);
        net.SetFunctionState("fw1", true);
        loop.RunUntil(Ms(40));
        var last = observer.Of<FunctionConfigurationApplied>().Last(a => a.FunctionId == "fw1");
        Assert.That((last.Version, last.Reason), Is.EqualTo((2L, "restart")));
        Assert.That(RuleNames(net, "fw1"), Is.EqualTo(new[] { "default" }), "deny-all in force");
    }

    [Test]
    public void The_json_report_has_a_functions_section()
    {
        var (report, run) = Execute("""

            scenario:
              duration: 1s
              events:
                - {at: 300ms, nfv: fw1, state: down}
                - {at: 600ms, nfv: fw1, state: up}
            """);
        using var _ = run;
        using var doc = JsonDocument.Parse(RunHarness.DeterministicJson(report));
        var functions = doc.RootElement.GetProperty("functions");
        Assert.That(functions.GetArrayLength(), Is.EqualTo(2));
        var fw = functions[0];
        Assert.That(fw.GetProperty("id").GetString(), Is.EqualTo("fw1"));
        Assert.That(fw.GetProperty("kind").GetString(), Is.EqualTo("firewall"));
        Assert.That(fw.GetProperty("attach").GetString(), Is.EqualTo("s1:5"));
        Assert.That(fw.GetProperty("state").GetString(), Is.EqualTo("up"));
        Assert.That(fw.GetProperty("applied_version").GetInt64(), Is.EqualTo(1));
        Assert.That(fw.GetProperty("configurations").EnumerateArray().Select(c => c.GetProperty("reason").GetString()), Is.EqualTo(new[] { "initial", "restart" }));
        var outage = fw.GetProperty("outages")[0];
        Assert.That((outage.GetProperty("down_at_ms").GetDouble(), outage.GetProperty("up_at_ms").GetDouble(), outage.GetProperty("reconfigured_at_ms").GetDouble()),
            Is.EqualTo((300.5, 600.5, 601.5)));
        var counters = fw.GetProperty("counters");
        Assert.That(counters.GetProperty("in").GetInt64(), Is.GreaterThan(0));
        var rules = fw.GetProperty("rules").EnumerateArray().ToList();
        Assert.That(rules.Select(r => r.GetProperty("rule").GetString()), Does.Contain("default"));
        Assert.That(rules.Sum(r => r.GetProperty("in").GetInt64()), Is.InRange(1, counters.GetProperty("in").GetInt64()),
            "counters since the restart, rule by rule (what the unconfigured instance dropped before version 1 is in no rule)");
        Assert.That(functions[1].GetProperty("alerts").GetArrayLength(), Is.GreaterThan(0));
        var up = doc.RootElement.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("kind").GetString() == "nfv-up");
        Assert.That(up.GetProperty("function_controller").GetProperty("reconfigured_ms").GetDouble(), Is.EqualTo(1.5));

        var text = RunHarness.Describe(report);
        Assert.That(text, Does.Contain("functions: 2"));
        Assert.That(text, Does.Contain("fw1 firewall at s1:5: up, version 1"));
        Assert.That(text, Does.Contain("version 1 in force again after 1.5 ms (1 push)"));
        Assert.That(text, Does.Contain("      default: in "));
    }

    /// <summary>Every controller event, on the loop thread.</summary>
    private sealed class Recorder : IControllerObserver
    {
        private readonly List<ControllerEvent> _events = new();
        public void OnEvent(ControllerEvent e) => _events.Add(e);
        public IEnumerable<T> Of<T>() => _events.OfType<T>();
    }

    /// <summary>
    /// The virtual network as the southbound, with function channels that lose or delay the replies to chosen
    /// xids (the controller's first push has xid 1): a lossy management network between controller and agents.
    /// </summary>
    private sealed class UnreliableFunctions(SimulatedNetwork net) : ISouthbound
    {
        public SimulatedNetwork Net => net;
        public HashSet<(string Function, uint Xid)> DropRepliesTo { get; } = new();
        public Dictionary<(string Function, uint Xid), TimeSpan> DelayRepliesTo { get; } = new();
        public Dictionary<string, INfvChannel> Channels { get; } = new();
        public int LateDelivered { get; private set; }

        public IReadOnlyList<SwitchEndpoint> Switches => ((ISouthbound)net).Switches;
        public ISwitchChannel Open(ulong dpid, ISwitchMessageSink sink) => ((ISouthbound)net).Open(dpid, sink);
        public IClock Clock => ((ISouthbound)net).Clock;
        public IReadOnlyList<FunctionEndpoint> Functions => ((ISouthbound)net).Functions;

        public INfvChannel OpenFunction(string id, IFunctionMessageSink sink)
        {
            var channel = ((ISouthbound)net).OpenFunction(id, new Filter(this, id, sink));
            Channels[id] = channel;
            return channel;
        }

        private sealed class Filter(UnreliableFunctions owner, string id, IFunctionMessageSink sink) : IFunctionMessageSink
        {
            public void Receive(FunctionMessage message)
            {
                if (message.Xid == 9999) return;
                if (message.Xid != 0 && owner.DropRepliesTo.Remove((id, message.Xid))) return;
                if (message.Xid != 0 && owner.DelayRepliesTo.Remove((id, message.Xid), out var delay))
                {
                    owner.Net.Loop.ScheduleAt(owner.Net.Loop.Now + delay, () =>
                    {
                        owner.LateDelivered++;
                        sink.Receive(message);
                    });
                    return;
                }
                sink.Receive(message);
            }
        }
    }
}
