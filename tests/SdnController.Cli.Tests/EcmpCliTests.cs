using System.Text.Json;

namespace SdnController.Cli.Tests;

/// <summary>`controller: {ecmp: on}` end to end: the real CLI on topologies/fat-tree-4-ecmp.yaml.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class EcmpCliTests
{
    [Test]
    public void Run_reports_spread_flows_installs_select_groups_and_survives_the_core_failure()
    {
        var report = Path.Combine(Path.GetTempPath(), $"sdnctl-ecmp-{Guid.NewGuid():N}.json");
        var dump = Path.Combine(Path.GetTempPath(), $"sdnctl-ecmp-{Guid.NewGuid():N}-flows.json");
        var r = CliRunner.Run("run", CliRunner.Repo("topologies/fat-tree-4-ecmp.yaml"),
            "--scenario", CliRunner.Repo("topologies/scenarios/fat-tree-4-core-failure.yaml"), "--json", report, "--dump-flows", dump);
        Assert.That(r.ExitCode, Is.Zero, r.Stdout + r.Stderr);
        Assert.That(r.Stdout, Does.Contain("ECMP: 224 flows spread over equal-cost paths by"));

        using var doc = JsonDocument.Parse(File.ReadAllText(report));
        var root = doc.RootElement;
        Assert.That(root.GetProperty("passed").GetBoolean(), Is.True, r.Stdout);
        var setup = root.GetProperty("setup");
        Assert.That(setup.GetProperty("ecmp_flows").GetInt32(), Is.EqualTo(224), "every inter-edge-switch flow of the 240 (16 stay on their edge switch)");
        Assert.That(setup.GetProperty("groups").GetInt32(), Is.GreaterThan(0));
        Assert.That(root.GetProperty("totals").GetProperty("looped").GetInt64(), Is.Zero);

        using var flows = JsonDocument.Parse(File.ReadAllText(dump));
        var selects = flows.RootElement.GetProperty("switches").EnumerateArray()
            .SelectMany(s => s.GetProperty("groups").EnumerateArray()).Where(g => g.GetProperty("type").GetString() == "select").ToList();
        Assert.That(selects, Is.Not.Empty);
        Assert.That(selects.All(g => g.GetProperty("buckets").EnumerateArray().All(b => b.TryGetProperty("watch_port", out _))));
        File.Delete(report);
        File.Delete(dump);
    }

    [Test]
    public void Routes_lists_the_equal_cost_paths_of_a_pair()
    {
        var r = CliRunner.Run("routes", CliRunner.Repo("topologies/fat-tree-4-ecmp.yaml"), "--from", "p1e1", "--to", "p2e1");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(r.Stdout, Does.Contain("equal-cost paths (ECMP): 4"));
        foreach (var core in new[] { "c1", "c2", "c3", "c4" }) Assert.That(r.Stdout, Does.Contain($"→ {core} →"));
    }
}
