using System.Text.Json;
using SdnController.Scenarios.Reporting;

namespace SdnController.Scenarios.Tests;

/// <summary>The report credits each controller reaction to the change that caused it, and says so when nothing did.</summary>
[TestFixture]
public class ReportAttributionTests
{
    [Test]
    public void A_change_undone_before_detection_gets_no_reaction_and_later_changes_get_their_own()
    {
        var topology = RunHarness.Sample("ring-6");
        var file = RunHarness.ScenarioText(topology, """
            scenario:
              duration: 4s
              events:
                - {at: 1s, link: s2-s3, state: down, silent: true}
                - {at: 1100ms, link: s2-s3, state: up}
                - {at: 2s, link: s2-s3, state: down}
                - {at: 3s, link: s2-s3, state: up}
            """);
        var (report, run) = RunHarness.Execute(topology, file.Scenario, topology.Traffic);
        using var _ = run;
        var text = RunHarness.Describe(report);

        Assert.That(report.Changes, Has.Count.EqualTo(4), text);
        Assert.That(report.Changes[0].Reaction, Is.Null, "the silent failure was repaired before the keepalive could notice\n" + text);
        Assert.That(report.Changes[1].Reaction, Is.Null, text);
        Assert.That(report.Changes[2].Reaction, Is.Not.Null, text);
        Assert.That(report.Changes[2].Reaction!.Detection, Is.LessThan(TimeSpan.FromMilliseconds(5)), "port-status, at once\n" + text);
        Assert.That(report.Changes[2].Reaction!.SharedWithPrevious, Is.False, text);
        Assert.That(report.Changes[3].Reaction, Is.Not.Null, text);
        Assert.That(report.Changes[3].Reaction!.SharedWithPrevious, Is.False, text);
        Assert.That(report.OtherReactions, Is.Empty, text);
    }

    [Test]
    public void Simultaneous_failures_count_their_loss_once_at_the_first()
    {
        var topology = RunHarness.Sample("fat-tree-4");
        var file = RunHarness.ScenarioText(topology, """
            scenario:
              duration: 2s
              events:
                - {at: 1s, link: p1a1-c1, state: down}
                - {at: 1s, link: p1a1-c2, state: down}
            traffic:
              - {from: "*", to: "*", rate: 100pps, size: 128}
            """);
        var (report, run) = RunHarness.Execute(topology, file.Scenario, file.Traffic);
        using var _ = run;
        var text = RunHarness.Describe(report);

        Assert.That(report.Changes[0].LossCountedWithPrevious, Is.False);
        Assert.That(report.Changes[1].LossCountedWithPrevious, Is.True, text);
        Assert.That(report.Changes[1].PacketsLost, Is.Zero);
        Assert.That(report.Changes[0].PacketsLost, Is.EqualTo(report.Totals.Lost), "all the run's loss comes from these failures\n" + text);
    }

    [Test]
    public void Flows_between_disconnected_parts_are_reported_unroutable_at_setup()
    {
        var topology = RunHarness.LoadText("""
            switches: [{id: s1}, {id: s2}, {id: s3}]
            hosts:
              - {id: h1, attach: s1, ipv4: 10.0.0.1/24}
              - {id: h2, attach: s2, ipv4: 10.0.0.2/24}
              - {id: h3, attach: s3, ipv4: 10.0.0.3/24}
            links:
              - endpoints: [s1, s2]
            traffic:
              - {from: h1, to: h2, rate: 10pps}
              - {from: h1, to: h3, rate: 10pps}
            """);
        var (report, run) = RunHarness.Execute(topology, null, topology.Traffic, new RunOptions { Duration = TimeSpan.FromMilliseconds(500) });
        using var _ = run;
        Assert.That(report.Setup.UnroutableFlows, Is.EqualTo(new[] { "h1-h3" }));
        Assert.That(RunHarness.Describe(report), Does.Contain("no path at all for 1 flows"));
    }

    [Test]
    public void Flow_dump_shows_no_rules_on_a_switch_that_is_down()
    {
        var topology = RunHarness.Sample("ring-6");
        var file = RunHarness.ScenarioText(topology, """
            scenario:
              duration: 1s
              events:
                - {at: 500ms, switch: s6, state: down}
            """);
        var (_, run) = RunHarness.Execute(topology, file.Scenario, topology.Traffic);
        using var __ = run;
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream)) FlowDumpWriter.Write(w, run.Network);
        using var doc = JsonDocument.Parse(stream.ToArray());
        var switches = doc.RootElement.GetProperty("switches").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!);
        var s6 = switches["s6"];
        Assert.That(s6.GetProperty("up").GetBoolean(), Is.False);
        Assert.That(s6.GetProperty("flows").GetArrayLength(), Is.Zero);
        var s1ToS6 = switches["s1"].GetProperty("ports").EnumerateArray().Single(p => p.TryGetProperty("neighbor", out var n) && n.TryGetProperty("switch", out var sw) && sw.GetString() == "s6");
        Assert.That(s1ToS6.GetProperty("link_up").GetBoolean(), Is.False, "a link to a dead switch carries nothing");
        Assert.That(switches["s1"].GetProperty("flows").GetArrayLength(), Is.GreaterThan(0));
    }

    [Test]
    public void A_slow_but_working_link_is_not_declared_dead_and_can_be_pinged()
    {
        // 2 s one way, far beyond the 300 ms keepalive timeout: the timeout allows for the link's latency.
        var topology = RunHarness.LoadText("""
            switches: [{id: s1}, {id: s2}]
            hosts:
              - {id: h1, attach: s1, ipv4: 10.0.0.1/24}
              - {id: h2, attach: s2, ipv4: 10.0.0.2/24}
            links:
              - {endpoints: [s1, s2], latency: 2s}
            traffic:
              - {from: h1, to: h2, rate: 10pps}
            scenario:
              duration: 8s
              events:
                - {at: 6s, expect: h1 reaches h2}
            """);
        var (report, run) = RunHarness.Execute(topology, topology.Scenario, topology.Traffic);
        using var _ = run;
        var text = RunHarness.Describe(report);
        Assert.That(report.OtherReactions, Is.Empty, text);
        Assert.That(report.ExpectationsPassed, Is.True, text);
        Assert.That(report.Totals.Lost, Is.Zero, "packets still in flight at the end drain: " + text);
        Assert.That(report.Totals.Delivered, Is.EqualTo(80));
    }
}
