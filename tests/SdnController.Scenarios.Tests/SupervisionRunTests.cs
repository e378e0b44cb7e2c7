namespace SdnController.Scenarios.Tests;

/// <summary>A switch actor that throws mid-run is restarted by its supervisor, re-syncs from the switch, and traffic does not notice.</summary>
[TestFixture]
public class SupervisionRunTests
{
    [Test]
    public void Crashed_switch_actor_is_restarted_and_reconciled_without_losing_traffic()
    {
        var topology = RunHarness.Sample("ring-6");
        var file = RunHarness.ScenarioText(topology, """
            scenario:
              duration: 2s
              events:
                - {at: 1500ms, expect: h1 reaches h4}
            traffic:
              - {from: "*", to: "*", rate: 100pps, size: 200}
            """);
        var (report, run) = RunHarness.Execute(topology, file.Scenario, file.Traffic,
            prepare: r => r.CrashSwitchActorAt(TimeSpan.FromMilliseconds(700), "s2"));
        using var _ = run;
        var text = RunHarness.Describe(report);

        Assert.That(report.Restarts, Has.Count.EqualTo(1), text);
        Assert.That(report.Restarts[0].SwitchId, Is.EqualTo("s2"));
        Assert.That(report.Restarts[0].ResyncRulesAdded, Is.Zero, "the switch kept its rules: nothing to re-add\n" + text);
        Assert.That(report.Restarts[0].ResyncRulesRemoved, Is.Zero, text);
        Assert.That(report.Totals.Lost, Is.Zero, text);
        Assert.That(report.Totals.Delivered, Is.EqualTo(report.Totals.Sent), text);
        Assert.That(report.ExpectationsPassed, Is.True, text);
    }

    [Test]
    public void Rebooted_switch_gets_its_rules_back_from_the_controller()
    {
        // A switch that powers off and on comes back with empty tables; the controller re-syncs it and the
        // flows through it are delivered again.
        var topology = RunHarness.Sample("linear-3");
        var file = RunHarness.ScenarioText(topology, """
            scenario:
              duration: 3s
              events:
                - {at: 1s, switch: s2, state: down}
                - {at: 1500ms, switch: s2, state: up}
                - {at: 2500ms, expect: connected pairs reach}
            traffic:
              - {from: "*", to: "*", rate: 100pps, size: 200}
            """);
        var (report, run) = RunHarness.Execute(topology, file.Scenario, file.Traffic);
        using var _ = run;
        var text = RunHarness.Describe(report);

        Assert.That(report.ExpectationsPassed, Is.True, text);
        var origin = report.Setup.ReadyAfter;
        foreach (var flow in run.Network.Flows)
        {
            var lostAfterRepair = flow.LostBefore(origin + TimeSpan.FromSeconds(3)) - flow.LostBefore(origin + TimeSpan.FromMilliseconds(1700));
            Assert.That(lostAfterRepair, Is.Zero, $"{flow.Spec.Id} after the reboot\n{text}");
        }
        var down = report.Changes.Single(c => c.Event.Kind == Playback.InjectedKind.SwitchDown);
        Assert.That(down.Reaction, Is.Not.Null, text);
        Assert.That(down.PacketsLost, Is.GreaterThan(0), "linear-3 has no way around s2\n" + text);
    }
}
