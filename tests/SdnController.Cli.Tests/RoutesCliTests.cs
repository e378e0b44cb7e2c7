using System.Text.Json;

namespace SdnController.Cli.Tests;

/// <summary><c>sdnctl routes</c>: the JSON contract and reroutes on real topology files.</summary>
public class RoutesCliTests
{
    private static JsonElement Json(params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        return JsonDocument.Parse(r.Stdout).RootElement;
    }

    private static string[] Path(JsonElement pair) => pair.GetProperty("path").EnumerateArray().Select(e => e.GetString()!).ToArray();

    [Test]
    public void Ring_latency_route_moves_to_the_long_side_when_s2_s3_fails()
    {
        var ring = CliRunner.Repo("topologies/ring-6.yaml");
        var before = Json("routes", ring, "--from", "s1", "--to", "s4", "--metric", "latency", "--json");
        Assert.That(before.GetProperty("metric").GetString(), Is.EqualTo("latency"));
        Assert.That(before.GetProperty("failed").GetArrayLength(), Is.EqualTo(0));
        var pair = before.GetProperty("pairs").EnumerateArray().Single();
        Assert.That(pair.GetProperty("src").GetString(), Is.EqualTo("s1"));
        Assert.That(pair.GetProperty("dst").GetString(), Is.EqualTo("s4"));
        Assert.That(pair.GetProperty("reachable").GetBoolean(), Is.True);
        Assert.That(pair.GetProperty("cost").GetDouble(), Is.EqualTo(6.0).Within(1e-9));
        Assert.That(Path(pair), Is.EqualTo(new[] { "s1", "s2", "s3", "s4" }));

        var after = Json("routes", ring, "--from", "s1", "--to", "s4", "--metric", "latency", "--fail", "s2,s3", "--json");
        Assert.That(after.GetProperty("failed")[0].EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "s2", "s3" }));
        pair = after.GetProperty("pairs").EnumerateArray().Single();
        Assert.That(pair.GetProperty("cost").GetDouble(), Is.EqualTo(19.0).Within(1e-9));
        Assert.That(Path(pair), Is.EqualTo(new[] { "s1", "s6", "s5", "s4" }));
    }

    [Test]
    public void All_pairs_has_one_entry_per_ordered_pair_and_unreachable_pairs_have_no_path()
    {
        var doc = Json("routes", CliRunner.Repo("topologies/linear-3.yaml"), "--all-pairs", "--fail", "s2,s3", "--json");
        var pairs = doc.GetProperty("pairs").EnumerateArray().ToList();
        Assert.That(pairs, Has.Count.EqualTo(6));
        var byPair = pairs.ToDictionary(p => (p.GetProperty("src").GetString(), p.GetProperty("dst").GetString()));
        Assert.That(byPair[("s1", "s2")].GetProperty("reachable").GetBoolean(), Is.True);
        Assert.That(byPair[("s1", "s2")].GetProperty("cost").GetDouble(), Is.EqualTo(1));
        Assert.That(byPair[("s1", "s3")].GetProperty("reachable").GetBoolean(), Is.False);
        Assert.That(byPair[("s1", "s3")].TryGetProperty("path", out _), Is.False);
        Assert.That(byPair[("s3", "s2")].GetProperty("reachable").GetBoolean(), Is.False);
    }

    [Test]
    public void K_shortest_paths_are_listed_sorted_and_distinct()
    {
        var doc = Json("routes", CliRunner.Repo("topologies/fat-tree-4.yaml"), "--from", "p1e1", "--to", "p4e2", "--k", "5", "--json");
        var pair = doc.GetProperty("pairs").EnumerateArray().Single();
        var paths = pair.GetProperty("paths").EnumerateArray().ToList();
        Assert.That(paths, Has.Count.EqualTo(5));
        var costs = paths.Select(p => p.GetProperty("cost").GetDouble()).ToList();
        Assert.That(costs, Is.Ordered);
        Assert.That(costs[0], Is.EqualTo(4), "edge-agg-core-agg-edge");
        Assert.That(paths.Select(p => string.Join(",", Path(p))).Distinct().Count(), Is.EqualTo(5));
    }

    [Test]
    public void Zoo_all_pairs_after_a_failure_are_valid_paths_that_avoid_the_failed_link()
    {
        var zoo = SdnController.Testing.SharedData.RequireDirectory("topologyzoo");
        var file = System.IO.Path.Combine(zoo, "graphml", "Abilene.graphml");
        var doc = Json("routes", file, "--metric", "latency", "--fail", "n0,n1", "--json");
        var pairs = doc.GetProperty("pairs").EnumerateArray().ToList();
        Assert.That(pairs, Has.Count.EqualTo(11 * 10));
        Assert.That(pairs.Count(p => p.GetProperty("rerouted").GetBoolean()), Is.GreaterThan(0));
        foreach (var p in pairs)
        {
            Assert.That(p.GetProperty("reachable").GetBoolean(), Is.True, "Abilene survives one link failure");
            var path = Path(p);
            Assert.That(path[0], Is.EqualTo(p.GetProperty("src").GetString()));
            Assert.That(path[^1], Is.EqualTo(p.GetProperty("dst").GetString()));
            for (var i = 0; i + 1 < path.Length; i++)
                Assert.That((path[i], path[i + 1]), Is.Not.EqualTo(("n0", "n1")).And.Not.EqualTo(("n1", "n0")));
        }
    }

    [Test]
    public void Unknown_switch_is_exit_2_with_did_you_mean()
    {
        var r = CliRunner.Run("routes", CliRunner.Repo("topologies/ring-6.yaml"), "--from", "s11", "--to", "s4");
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("'s11'").And.Contain("did you mean"));
        r = CliRunner.Run("routes", CliRunner.Repo("topologies/ring-6.yaml"), "--fail", "s1,s4");
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("no link between 's1' and 's4'"));
    }
}
