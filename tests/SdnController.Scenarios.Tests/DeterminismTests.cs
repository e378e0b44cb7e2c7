namespace SdnController.Scenarios.Tests;

[TestFixture]
public class DeterminismTests
{
    [Test]
    public void Same_seed_in_virtual_time_gives_identical_reports()
    {
        var topology = RunHarness.Sample("fat-tree-4");
        var file = RunHarness.ScenarioText(topology, """
            scenario:
              duration: 3s
              events:
                - {at: 500ms, random-link-failures: 3, restore-after: 1s}
                - {at: 800ms, expect: connected pairs reach}
                - {at: 1s, flap: p2a2-c3, period: 200ms, count: 3}
            traffic:
              - {from: "*", to: "*", rate: 50pps, size: 256}
            """);
        var options = new RunOptions { Seed = 42, Network = new VirtualNetwork.NetworkOptions { LossRate = 0.001 } };

        string Once()
        {
            var (report, run) = RunHarness.Execute(topology, file.Scenario, file.Traffic, options);
            run.Dispose();
            return RunHarness.DeterministicJson(report);
        }

        var first = Once();
        var second = Once();
        Assert.That(second, Is.EqualTo(first));
        Assert.That(first, Does.Contain("\"kind\": \"link-down\""));
    }

    [Test]
    public void A_different_seed_picks_different_random_failures()
    {
        var topology = RunHarness.Sample("fat-tree-4");
        var file = RunHarness.ScenarioText(topology, """
            scenario:
              duration: 1s
              events:
                - {at: 200ms, random-link-failures: 4}
            """);
        string Links(int seed)
        {
            var (report, run) = RunHarness.Execute(topology, file.Scenario, file.Traffic, new RunOptions { Seed = seed });
            run.Dispose();
            return string.Join(",", report.Changes.SelectMany(c => c.Event.LinkIds));
        }
        Assert.That(Links(1), Is.Not.EqualTo(Links(2)));
    }
}
