using SdnController.Testing;
using SdnController.Controller;
using SdnController.Controller.Telemetry;
using SdnController.Scenarios.Reporting;

namespace SdnController.Scenarios.Tests;

/// <summary>
/// Per-packet consistent updates, checked on the data plane's hop records (<see cref="ConsistencyChecker"/>):
/// no delivered packet mixes an old and a new configuration of its flow, none loops, none is dropped for a
/// missing rule after the first change (a path exists throughout these scenarios).
/// </summary>
public sealed class ConsistentUpdateRunTests
{
    // LadderTopology: an ordered update replaces x's and y's rules in the same phase, so a packet that
    // passed x under one configuration can meet y under the other.
    private const string Ladder = LadderTopology.Yaml + """
        traffic:
          - {id: h1-h2, from: h1, to: h2, kind: udp, rate: 2000pps, size: 128}
          - {id: h2-h1, from: h2, to: h1, kind: udp, rate: 2000pps, size: 128}
          - {id: ping, from: h1, to: h2, kind: icmp, rate: 10pps, size: 100}
        scenario:
          duration: 3s
          events:
            - {at: 1s, link: x-c, state: down}
            - {at: 1s, link: e-b, state: down}
            - {at: 2s, link: x-c, state: up}
            - {at: 2s, link: e-b, state: up}
        """;

    private static readonly string[][] LadderEpochs = [[], ["x-c", "e-b"]];

    [Test]
    public void Ladder_moves_that_change_two_shared_switches_take_the_two_phase_update_and_stay_consistent()
    {
        var (report, checker, text) = RunLadder(versioned: true);

        var reactions = report.Changes.Where(c => c.Reaction is { SharedWithPrevious: false }).Select(c => c.Reaction!).ToList();
        Assert.That(reactions, Has.Count.EqualTo(2), text);
        foreach (var r in reactions)
        {
            Assert.That((r.UpdateMethod, r.TwoPhaseFlows, r.OrderedFlows), Is.EqualTo(("two-phase", 3, 0)), text);
        }
        Assert.That(checker.Delivered, Is.GreaterThan(10_000), text);
        var json = RunHarness.DeterministicJson(report);
        Assert.That(checker.DeliveredTagged, Is.GreaterThan(1_000), "after each change the flows run on their tagged version");
        // ... until the untagging pass, 200 ms after each change, takes them back to their untagged rules: still with no
        // packet mixing versions (checked above) and none dropped.
        Assert.That(report.Untagging.Select(u => (u.Flows, u.StartedAt.TotalMilliseconds > 1200 && u.StartedAt.TotalMilliseconds < 1300 || u.StartedAt.TotalMilliseconds > 2200 && u.StartedAt.TotalMilliseconds < 2300)),
            Is.EqualTo(new[] { (3, true), (3, true) }), text);
        Assert.That(checker.Delivered - checker.DeliveredTagged, Is.GreaterThan(checker.Delivered / 2), "most of the run is untagged");
        Assert.That(text, Does.Contain("untagging: 2 pass(es)"));
        Assert.That(json, Does.Contain("\"untagging\": ["));
        Assert.That(checker.Mixed, Is.Empty, text);
        Assert.That(DropsAfterFirstChange(report, checker), Is.Empty, text);
        Assert.That(report.Totals.Looped, Is.Zero, text);

        // The run report says which method each change used.
        Assert.That(text, Does.Contain("update two-phase: 0 flows ordered (downstream first), 3 two-phase (version-tagged)"));
        Assert.That(json, Does.Contain("\"update_method\": \"two-phase\""));
        Assert.That(json, Does.Contain("\"two_phase_flows\": 3"));
        Assert.That(json, Does.Contain("\"ordered_flows\": 0"));
    }

    [Test]
    public void Route_compute_and_update_commit_spans_say_which_method_moved_the_flows()
    {
        using var spans = new SpanRecorder(ControllerTelemetry.SourceName);
        var (report, _, _) = RunLadder(versioned: true);

        var snapshot = spans.Snapshot();
        var trace = report.Changes.First(c => c.Reaction is { SharedWithPrevious: false }).Reaction!.Trace.TraceId;
        foreach (var name in new[] { ControllerTelemetry.RouteCompute, ControllerTelemetry.UpdateCommit })
        {
            var span = snapshot.Single(a => a.TraceId == trace && a.OperationName == name);
            Assert.That(span.GetTagItem(ControllerTelemetry.UpdateMethod), Is.EqualTo("two-phase"), name);
            Assert.That(span.GetTagItem(ControllerTelemetry.TwoPhaseFlows), Is.EqualTo(3), name);
            Assert.That(span.GetTagItem(ControllerTelemetry.OrderedFlows), Is.EqualTo(0), name);
        }
        // Each untagging pass is a trace of its own, with what the report says about it.
        var untags = snapshot.Where(a => a.OperationName == ControllerTelemetry.UpdateUntag).OrderBy(a => (double)a.GetTagItem(ControllerTelemetry.VirtualStartMs)!).ToList();
        Assert.That(untags, Has.Count.EqualTo(report.Untagging.Count).And.Count.EqualTo(2));
        for (var i = 0; i < untags.Count; i++)
        {
            var (span, pass) = (untags[i], report.Untagging[i]);
            Assert.That(span.ParentSpanId, Is.EqualTo(default(System.Diagnostics.ActivitySpanId)), "a root");
            Assert.That(span.GetTagItem(ControllerTelemetry.AffectedFlows), Is.EqualTo(3));
            Assert.That(span.GetTagItem(ControllerTelemetry.UpdateMethod), Is.EqualTo("two-phase"));
            Assert.That((span.GetTagItem(ControllerTelemetry.RulesAdded), span.GetTagItem(ControllerTelemetry.RulesRemoved)), Is.EqualTo(((object)pass.RulesAdded, (object)pass.RulesRemoved)));
            Assert.That(pass.RulesRemoved, Is.GreaterThan(0));
        }
    }

    [Test]
    public void Ladder_with_version_tags_off_mixes_configurations_so_the_check_is_real()
    {
        var (report, checker, text) = RunLadder(versioned: false);

        var reactions = report.Changes.Where(c => c.Reaction is { SharedWithPrevious: false }).Select(c => c.Reaction!).ToList();
        Assert.That(reactions.Select(r => (r.UpdateMethod, r.TwoPhaseFlows)), Is.All.EqualTo(("ordered", 0)), text);
        Assert.That(checker.DeliveredTagged, Is.Zero);
        Assert.That(checker.Mixed, Is.Not.Empty, "the repair's ordered update lets packets cross x and y under different configurations");
        TestContext.Out.WriteLine($"{checker.Mixed.Count} of {checker.Delivered} delivered packets mixed configurations, e.g.\n{string.Join("\n", checker.Mixed.Take(4))}");
    }

    [Test]
    public void The_shell_walk_follows_a_flow_on_its_tagged_version()
    {
        var topology = RunHarness.LoadText(Ladder);
        SdnController.Scenarios.Interactive.RouteWalk? walk = null, later = null;
        var (report, run) = RunHarness.Execute(topology, topology.Scenario, topology.Traffic, new RunOptions(), r =>
        {
            // After the failure (run time 1 s) the flows run on their tagged version until the untagging pass (200 ms
            // after the last change); the repair is at 2 s.
            r.Network.Loop.ScheduleAt(TimeSpan.FromMilliseconds(1100), () =>
                walk = new SdnController.Scenarios.Interactive.TableWalker(r.Network).Walk(r.Network.Hosts[0], r.Network.Hosts[1]));
            r.Network.Loop.ScheduleAt(TimeSpan.FromMilliseconds(1900), () =>
                later = new SdnController.Scenarios.Interactive.TableWalker(r.Network).Walk(r.Network.Hosts[0], r.Network.Hosts[1]));
        });
        using var _ = run;
        Assert.That(walk, Is.Not.Null);
        Assert.That(walk!.End, Is.EqualTo(SdnController.Scenarios.Interactive.WalkEnd.Delivered), walk.Detail);
        Assert.That(walk.Hops.Select(h => h.Switch), Is.EqualTo(new[] { "a", "x", "d", "y", "f", "b" }));
        Assert.That(walk.Hops.Skip(1).Select(h => h.Priority).Distinct(), Is.EqualTo(new[] { 1001 }), "tagged rules after the ingress");
        // The same route on the untagged rules once the pass ran.
        Assert.That(later!.End, Is.EqualTo(SdnController.Scenarios.Interactive.WalkEnd.Delivered), later.Detail);
        Assert.That(later.Hops.Select(h => h.Switch), Is.EqualTo(new[] { "a", "x", "d", "y", "f", "b" }));
        Assert.That(later.Hops.Select(h => h.Priority).Distinct(), Is.EqualTo(new[] { 1000 }), "untagged rules everywhere");
    }

    // On a ring a flow's two paths are the two arcs between its end switches: they share only those, so at
    // most the ingress changes. On a fat-tree a core link's flows move to another core switch of the same
    // aggregation pair (one changed switch). Either way the ordered update is provably consistent.
    [TestCase("ring-6", "s2-s3", 200)]
    [TestCase("fat-tree-4", "p1a1-c1", 50)]
    public void Single_link_failure_and_repair_take_the_ordered_update_and_stay_consistent(string sample, string link, int rate)
    {
        var topology = RunHarness.Sample(sample);
        var file = RunHarness.ScenarioText(topology, $$"""
            scenario:
              duration: 3s
              events:
                - {at: 1s, link: {{link}}, state: down}
                - {at: 2s, link: {{link}}, state: up}
            traffic:
              - {from: "*", to: "*", rate: {{rate}}pps, size: 128}
            """);
        var (report, checker, text) = Run(topology, file.Scenario, file.Traffic, [[], [link]], new RunOptions());

        var reactions = report.Changes.Where(c => c.Reaction is not null).Select(c => c.Reaction!).ToList();
        Assert.That(reactions, Has.Count.EqualTo(2), text);
        foreach (var r in reactions)
            Assert.That((r.UpdateMethod, r.TwoPhaseFlows, r.OrderedFlows), Is.EqualTo(("ordered", 0, r.AffectedFlows)), text);
        Assert.That(reactions[0].AffectedFlows, Is.GreaterThan(0), text);
        Assert.That(checker.Mixed, Is.Empty, text);
        Assert.That(DropsAfterFirstChange(report, checker), Is.Empty, text);
        Assert.That(report.Totals.Looped, Is.Zero, text);
    }

    private static (RunReport Report, ConsistencyChecker Checker, string Text) RunLadder(bool versioned)
    {
        var topology = RunHarness.LoadText(Ladder);
        var options = new RunOptions { Controller = ControllerOptions.For(topology) with { VersionedUpdates = versioned } };
        return Run(topology, topology.Scenario, topology.Traffic, LadderEpochs, options);
    }

    private static (RunReport, ConsistencyChecker, string) Run(Topology.Model.Topology topology, Topology.Scenarios.Scenario? scenario,
        IReadOnlyList<Topology.Traffic.TrafficFlow> traffic, string[][] epochs, RunOptions options)
    {
        ConsistencyChecker? checker = null;
        var (report, run) = RunHarness.Execute(topology, scenario, traffic, options, r => checker = new ConsistencyChecker(r, topology, epochs));
        using var _ = run;
        var text = RunHarness.Describe(report) + "\n" + string.Join("\n", checker!.Mixed.Take(20));
        return (report, checker, text);
    }

    /// <summary>Loop and missing-rule drops of traffic from the first change on (before it the flows are being set up).</summary>
    private static List<string> DropsAfterFirstChange(RunReport report, ConsistencyChecker checker)
    {
        var from = report.Setup.ReadyAfter + report.Changes[0].Event.At;
        return checker.Drops.Where(d => d.At >= from).Select(d => $"{d.At.TotalMilliseconds:0.###} ms flow #{d.Flow}: {d.Reason}").ToList();
    }
}
