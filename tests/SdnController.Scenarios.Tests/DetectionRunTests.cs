using System.Diagnostics;
using SdnController.Controller.Messages;
using SdnController.Controller.Observation;
using SdnController.Controller.Telemetry;
using SdnController.Scenarios.Reporting;

namespace SdnController.Scenarios.Tests;

/// <summary>
/// Failure detection end to end, with the settings taken from the topology file's <c>controller:</c> section
/// as `sdnctl run` takes them: keepalive timing, flap damping, and a switch failure as one change.
/// </summary>
[TestFixture]
[NonParallelizable] // the switch-failure test listens to every span in the process
public class DetectionRunTests
{
    /// <summary>ring-6 with a controller: section added (the sample's own scenario is replaced by each test's).</summary>
    private static Topology.Model.Topology Ring(string controller)
    {
        var text = File.ReadAllText(Path.Combine(Testing.SharedData.RepositoryRoot, "topologies", "ring-6.yaml"));
        var at = text.IndexOf("\nscenario:", StringComparison.Ordinal);
        return RunHarness.LoadText(text[..(at + 1)] + controller);
    }

    private static (RunReport Report, ScenarioRun Run) Play(Topology.Model.Topology topology, string scenario)
    {
        var file = RunHarness.ScenarioText(topology, scenario);
        var result = RunHarness.Execute(topology, file.Scenario, topology.Traffic.Concat(file.Traffic).ToList());
        result.Run.Dispose();
        return result;
    }

    // Silent failures at different phases of the probe cycle; each repaired before the next.
    [TestCase(10, 3)]
    [TestCase(100, 5)]
    public void Silent_failure_is_detected_after_interval_times_multiplier(int intervalMs, int multiplier)
    {
        var topology = Ring($"controller:\n  detection: {{interval: {intervalMs}ms, multiplier: {multiplier}}}\n");
        var interval = TimeSpan.FromMilliseconds(intervalMs);
        var detection = interval * multiplier;
        var offsets = new[] { 0.0, 0.31, 0.77 };
        var events = string.Join("\n", offsets.Select((o, i) =>
        {
            var down = 1000 + i * 2000 + o * intervalMs;
            return $"    - {{at: {down}ms, link: s2-s3, state: down, silent: true}}\n    - {{at: {1000 + i * 2000 + 1000}ms, link: s2-s3, state: up}}";
        }));
        var (report, _) = Play(topology, $"scenario:\n  duration: 7s\n  events:\n{events}\n    - {{at: 6500ms, expect: h1 reaches h4}}\n");

        var failures = report.Changes.Where(c => c.Event.Kind == Playback.InjectedKind.LinkDown).ToList();
        Assert.That(failures, Has.Count.EqualTo(offsets.Length));
        var latency = TimeSpan.FromMilliseconds(topology.Links.Single(l => l.Id == "s2-s3").LatencyMs);
        // The controller hears a probe half a millisecond of control channel after it crossed the link.
        var channel = TimeSpan.FromMilliseconds(0.5);
        foreach (var f in failures)
        {
            var x = f.Reaction;
            Assert.That(x, Is.Not.Null, RunHarness.Describe(report));
            Assert.That(x!.Method, Is.EqualTo(DetectionMethod.KeepaliveTimeout));
            Assert.That(x.Detection, Is.GreaterThan(detection - interval).And.LessThanOrEqualTo(detection + latency + channel),
                $"failure at {f.Event.At.TotalMilliseconds} ms\n{RunHarness.Describe(report)}");
        }
        Assert.That(RunHarness.Describe(report), Does.Contain("detected by keepalive-timeout after "));
        Assert.That(report.ExpectationsPassed, Is.True, RunHarness.Describe(report));
    }

    private const string Flapping = """
        scenario:
          duration: 4s
          events:
            - {at: 1s, flap: s2-s3, period: 100ms, count: 5}
            - {at: 3s, expect: h1 reaches h4}
            - {at: 3500ms, expect: connected pairs reach}
        """;

    private static (List<RerouteCompleted> Reroutes, RunReport Report) Flap(string holdDown)
    {
        var (report, run) = Play(Ring($"controller:\n  detection: {{hold_down: {holdDown}}}\n"), Flapping);
        return (run.ControllerEvents.OfType<RerouteCompleted>().ToList(), report);
    }

    [Test]
    public void Flap_damping_turns_a_flapping_link_into_one_reroute_away_and_one_back()
    {
        var (undamped, plain) = Flap("0s");
        var (damped, report) = Flap("500ms");

        Assert.That(undamped, Has.Count.EqualTo(10), "without a hold-down every flap moves the flows twice\n" + RunHarness.Describe(plain));
        Assert.That(damped.Select(r => r.Changes.Single().Up), Is.EqualTo(new[] { false, true }), RunHarness.Describe(report));

        // Away at once; back only after the last flap's up (at 1450 ms) plus the hold-down.
        var origin = report.Setup.ReadyAfter;
        Assert.That(damped[0].DetectedAt - origin, Is.LessThan(TimeSpan.FromMilliseconds(1002)));
        Assert.That(damped[0].HeldDown, Is.EqualTo(TimeSpan.Zero));
        Assert.That(damped[1].HeldDown, Is.EqualTo(TimeSpan.FromMilliseconds(500)));
        Assert.That(damped[1].DetectedAt - origin, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(1950)).And.LessThan(TimeSpan.FromMilliseconds(1952)));

        var lastUp = report.Changes.Last(c => c.Event.Kind == Playback.InjectedKind.LinkUp);
        Assert.That(lastUp.Reaction!.HeldDown, Is.EqualTo(TimeSpan.FromMilliseconds(500)));
        Assert.That(RunHarness.Describe(report), Does.Contain("(incl. 500 ms hold-down)"));

        static int Churn(List<RerouteCompleted> r) => r.Sum(x => x.RulesAdded + x.RulesRemoved);
        Assert.That(Churn(damped) * 5, Is.EqualTo(Churn(undamped)), "one cycle of rule changes instead of five");
        Assert.That(report.ExpectationsPassed, Is.True, RunHarness.Describe(report));
        Assert.That(plain.ExpectationsPassed, Is.True, RunHarness.Describe(plain));
    }

    [Test]
    public void A_failed_switch_is_one_change_one_reroute_and_one_trace()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == ControllerTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (spans) spans.Add(a); },
        };
        ActivitySource.AddActivityListener(listener);

        var ring = RunHarness.Sample("ring-6");
        var (ringReport, ringRun) = Play(ring, """
            scenario:
              duration: 2s
              events:
                - {at: 1s, switch: s3, state: down}
                - {at: 1500ms, expect: h1 reaches h4}
            """);
        var fatTree = RunHarness.Sample("fat-tree-4");
        var (treeReport, treeRun) = Play(fatTree, """
            scenario:
              duration: 2s
              events:
                - {at: 1s, switch: c1, state: down}
                - {at: 1500ms, expect: connected pairs reach}
            traffic:
              - {from: "*", to: "*", rate: 50pps}
            """);

        foreach (var (report, run, sw, links) in new[]
        {
            (ringReport, ringRun, "s3", new[] { "s2-s3", "s3-s4" }),
            (treeReport, treeRun, "c1", new[] { "p1a1-c1", "p2a1-c1", "p3a1-c1", "p4a1-c1" }),
        })
        {
            var reroute = run.ControllerEvents.OfType<RerouteCompleted>().Single();
            Assert.That(reroute.Method, Is.EqualTo(DetectionMethod.SwitchDisconnect));
            Assert.That(reroute.SwitchId, Is.EqualTo(sw));
            Assert.That(reroute.Changes.Select(c => c.LinkId), Is.EquivalentTo(links));
            Assert.That(reroute.ReroutedFlows, Is.GreaterThan(0));
            Assert.That(report.Changes.Single().Reaction!.Method, Is.EqualTo(DetectionMethod.SwitchDisconnect));
            Assert.That(report.OtherReactions, Is.Empty, "no separate link failures from the neighbours' port-status");
            Assert.That(report.ExpectationsPassed, Is.True, RunHarness.Describe(report));

            List<Activity> snapshot;
            lock (spans) snapshot = spans.ToList();
            var root = snapshot.Single(a => a.OperationName == ControllerTelemetry.SwitchFailure && (string?)a.GetTagItem(ControllerTelemetry.SwitchId) == sw);
            Assert.That(root.GetTagItem(ControllerTelemetry.LinkIds)!.ToString()!.Split(','), Is.EquivalentTo(links));
            Assert.That(root.TraceId.ToHexString(), Is.EqualTo(reroute.Trace.TraceId.ToHexString()));
            Assert.That(snapshot.Count(a => a.TraceId == root.TraceId && a.OperationName == ControllerTelemetry.UpdateCommit), Is.EqualTo(1));
        }
        List<Activity> all;
        lock (spans) all = spans.ToList();
        Assert.That(all.Count(a => a.OperationName == ControllerTelemetry.LinkFailure), Is.Zero);
    }
}
