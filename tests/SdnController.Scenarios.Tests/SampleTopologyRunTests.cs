using SdnController.Scenarios.Reporting;

namespace SdnController.Scenarios.Tests;

/// <summary>
/// End to end on every sample topology: real controller actors, real virtual switches and frames. After
/// each failure every host pair the graph still connects must deliver again, pairs cut off must be
/// reported unreachable by the controller, and no packet may ever loop.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class SampleTopologyRunTests
{
    private static readonly string[] Samples = { "linear-3", "ring-6", "fat-tree-4", "campus", "abilene" };

    [TestCaseSource(nameof(Samples))]
    public void After_each_failure_connected_pairs_deliver_and_cut_off_flows_are_reported(string sample)
    {
        var topology = RunHarness.Sample(sample);
        var file = RunHarness.ScenarioText(topology, """
            scenario:
              duration: 4s
              seed: 7
              events:
                - {at: 1s, random-link-failures: 2, seed: 7}
                - {at: 1500ms, expect: connected pairs reach}
                - {at: 2500ms, random-link-failures: 1, seed: 8, restore-after: 500ms}
                - {at: 2700ms, expect: connected pairs reach}
                - {at: 3500ms, expect: connected pairs reach}
            traffic:
              - {from: "*", to: "*", rate: 20pps, size: 128}
            """);
        var (report, run) = RunHarness.Execute(topology, file.Scenario, file.Traffic);
        using var _ = run;
        var text = RunHarness.Describe(report);

        Assert.That(report.Totals.Looped, Is.Zero, text);
        Assert.That(report.Expectations, Is.Not.Empty);
        Assert.That(report.Expectations.Where(e => !e.Passed).Select(e => $"{e.Check} {e.From}->{e.To}: {e.Detail}"), Is.Empty, text);
        Assert.That(report.Changes.Count(c => c.Event.IsFailure), Is.GreaterThanOrEqualTo(2), text);

        foreach (var change in report.Changes.Where(c => c.Event.IsFailure))
        {
            Assert.That(change.Reaction, Is.Not.Null, $"the controller reacted to {change.Event.Description}\n{text}");
        }

        // Flows between hosts still connected after the first failures keep being delivered once the
        // controller has rerouted (no loss in the steady window 1.3 s .. 2.5 s); flows cut off are listed unreachable.
        var firstFailure = report.Changes.First(c => c.Event.IsFailure);
        var unreachable = report.Changes.Where(c => c.Reaction is not null && c.Event.At < TimeSpan.FromMilliseconds(2500))
            .SelectMany(c => c.Reaction!.UnreachableFlows).ToHashSet();
        var origin = report.Setup.ReadyAfter;
        foreach (var flow in run.Network.Flows)
        {
            var lostInSteadyWindow = flow.LostBefore(origin + TimeSpan.FromMilliseconds(2500)) - flow.LostBefore(origin + TimeSpan.FromMilliseconds(1300));
            if (unreachable.Contains(flow.Spec.Id))
                Assert.That(lostInSteadyWindow, Is.GreaterThan(0), $"{flow.Spec.Id} was reported unreachable but still delivered\n{text}");
            else
                Assert.That(lostInSteadyWindow, Is.Zero, $"{flow.Spec.Id} lost packets well after {firstFailure.Event.Description}\n{text}");
        }
    }

    [TestCaseSource(nameof(Samples))]
    public void Switch_failure_and_a_flapping_link_never_loop_and_connected_pairs_reach(string sample)
    {
        var topology = RunHarness.Sample(sample);
        var middle = topology.Switches[topology.Switches.Count / 2].Id;
        var flapping = topology.Links[0].Id;
        var file = RunHarness.ScenarioText(topology, $$"""
            scenario:
              duration: 3s
              events:
                - {at: 500ms, switch: {{middle}}, state: down}
                - {at: 1s, expect: connected pairs reach}
                - {at: 1200ms, switch: {{middle}}, state: up}
                - {at: 1500ms, flap: {{flapping}}, period: 100ms, count: 4}
                - {at: 2500ms, expect: connected pairs reach}
            traffic:
              - {from: "*", to: "*", rate: 50pps, size: 128}
            """);
        var (report, run) = RunHarness.Execute(topology, file.Scenario, file.Traffic);
        using var _ = run;
        var text = RunHarness.Describe(report);

        Assert.That(report.Totals.Looped, Is.Zero, text);
        Assert.That(report.Expectations.Where(e => !e.Passed).Select(e => $"{e.Check} {e.From}->{e.To}: {e.Detail}"), Is.Empty, text);
        var switchDown = report.Changes.Single(c => c.Event.Kind == Playback.InjectedKind.SwitchDown);
        Assert.That(switchDown.Reaction, Is.Not.Null, text);
        Assert.That(switchDown.Reaction!.Method, Is.EqualTo(Controller.Messages.DetectionMethod.SwitchDisconnect).Or.EqualTo(Controller.Messages.DetectionMethod.PortStatus), text);
        Assert.That(report.Changes.Count(c => c.Event.Description.Contains("flap")), Is.EqualTo(8), text);
        // Once the flapping stops (last up at 1.85 s) every flow delivers everything it sends.
        var origin = report.Setup.ReadyAfter;
        foreach (var flow in run.Network.Flows)
            Assert.That(flow.LostBefore(origin + TimeSpan.FromSeconds(3)) - flow.LostBefore(origin + TimeSpan.FromMilliseconds(1900)), Is.Zero, $"{flow.Spec.Id}\n{text}");
    }
}
