using System.Text.Json;
using SdnController.Testing;

namespace SdnController.Cli.Tests;

/// <summary><c>bench restore</c> at tiny sizes: the JSON's shape and that its figures agree with each other, never a timing target.</summary>
public class RestoreBenchCliTests
{
    private static JsonElement Json(params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        return JsonDocument.Parse(r.Stdout).RootElement;
    }

    private static void AssertConsistent(JsonElement n, int failures)
    {
        Assert.That(n.GetProperty("failed_links").GetArrayLength(), Is.EqualTo(failures));
        Assert.That(n.GetProperty("undetected_failures").GetInt32(), Is.EqualTo(0));
        Assert.That(n.GetProperty("not_restored").GetInt32(), Is.EqualTo(0), "failed links are never bridges: every affected flow has a new path");
        Assert.That(n.GetProperty("affected_flows").GetInt32(), Is.GreaterThan(0));
        Assert.That(n.GetProperty("detection_methods").EnumerateArray().Select(m => m.GetString()), Is.EqualTo(new[] { "port-status" }));
        // Port-status arrives one control-channel latency (0.5 ms) after the failure.
        Assert.That(n.GetProperty("detection_p50_ms").GetDouble(), Is.EqualTo(0.5).Within(1e-9));
        double p50 = n.GetProperty("p50_ms").GetDouble(), p99 = n.GetProperty("p99_ms").GetDouble(), max = n.GetProperty("max_ms").GetDouble();
        Assert.That(p50, Is.GreaterThanOrEqualTo(0));
        Assert.That(p50, Is.LessThanOrEqualTo(p99));
        Assert.That(p99, Is.LessThanOrEqualTo(max));
        // Taking off each first packet's trip over its new path leaves a smaller, still ordered remainder.
        double t50 = n.GetProperty("without_path_latency_p50_ms").GetDouble(), t99 = n.GetProperty("without_path_latency_p99_ms").GetDouble(),
            tMax = n.GetProperty("without_path_latency_max_ms").GetDouble();
        Assert.That(t50, Is.GreaterThan(0).And.LessThanOrEqualTo(t99));
        Assert.That(t99, Is.LessThanOrEqualTo(tMax));
        Assert.That(tMax, Is.LessThan(max));
        // Without protection nothing moves before the controller knows: no delivery on a new path at detection.
        Assert.That(p50, Is.GreaterThan(0));
        Assert.That(n.GetProperty("rules_confirmed_max_ms").GetDouble(), Is.GreaterThan(0));
        // Every failure is detected 0.5 ms after it, so the worst from the failure is the worst from detection plus that.
        Assert.That(n.GetProperty("from_failure_max_ms").GetDouble(), Is.EqualTo(max + 0.5).Within(1e-6));
        Assert.That(n.GetProperty("packets_lost").GetInt64(), Is.GreaterThan(0).And.LessThan(n.GetProperty("packets_sent").GetInt64()));
        Assert.That(n.GetProperty("target_met").GetBoolean(), Is.EqualTo(max <= 10));
    }

    [Test]
    public void Bench_restore_reports_consistent_figures_on_a_small_fat_tree()
    {
        var doc = Json("bench", "restore", "--k", "4", "--flows", "12", "--failures", "3", "--no-zoo", "--json");
        Assert.That(doc.GetProperty("failure_kind").GetString(), Is.EqualTo("port-status"));
        Assert.That(doc.GetProperty("rate_pps").GetDouble(), Is.EqualTo(1000));
        Assert.That(doc.GetProperty("target_ms").GetDouble(), Is.EqualTo(10));
        Assert.That(doc.GetProperty("protection").GetProperty("target_ms").GetDouble(), Is.EqualTo(1));
        Assert.That(doc.GetProperty("skipped").GetArrayLength(), Is.EqualTo(0));
        var networks = doc.GetProperty("networks").EnumerateArray().ToList();
        Assert.That(networks, Has.Count.EqualTo(1));
        Assert.That(networks[0].GetProperty("switches").GetInt32(), Is.EqualTo(20));
        Assert.That(networks[0].GetProperty("hosts").GetInt32(), Is.EqualTo(16));
        Assert.That(networks[0].GetProperty("flows").GetInt32(), Is.EqualTo(12));
        AssertConsistent(networks[0], 3);

        // With protection the same failures and flows: the switches take the backups themselves, so traffic is
        // back sooner than the controller could move it, nothing waits for rules, and less is lost.
        var guarded = doc.GetProperty("protection").GetProperty("networks").EnumerateArray().Single();
        Assert.That(guarded.GetProperty("failed_links").EnumerateArray().Select(l => l.GetString()),
            Is.EqualTo(networks[0].GetProperty("failed_links").EnumerateArray().Select(l => l.GetString())));
        Assert.That(guarded.GetProperty("not_restored").GetInt32(), Is.Zero);
        Assert.That(guarded.GetProperty("affected_flows").GetInt32(), Is.GreaterThan(0));
        Assert.That(guarded.GetProperty("max_ms").GetDouble(), Is.LessThan(networks[0].GetProperty("max_ms").GetDouble()));
        Assert.That(guarded.GetProperty("from_failure_max_ms").GetDouble(), Is.LessThan(networks[0].GetProperty("rules_confirmed_p50_ms").GetDouble() + 0.5),
            "back on the backup before the controller's new rules could have been confirmed");
        Assert.That(guarded.GetProperty("packets_lost").GetInt64(), Is.LessThan(networks[0].GetProperty("packets_lost").GetInt64()));
        Assert.That(guarded.GetProperty("packets_over_hop_limit").GetInt64(), Is.Zero);
        Assert.That(guarded.GetProperty("target_met").GetBoolean(), Is.EqualTo(guarded.GetProperty("max_ms").GetDouble() <= 1));
    }

    [Test]
    public void Bench_restore_runs_a_zoo_network_with_one_host_per_switch()
    {
        var zoo = SharedData.RequireDirectory("topologyzoo");
        var doc = Json("bench", "restore", "--k", "4", "--flows", "12", "--failures", "2",
            "--zoo", Path.Combine(zoo, "graphml", "Abilene.graphml"), "--json");
        var networks = doc.GetProperty("networks").EnumerateArray().ToList();
        Assert.That(networks, Has.Count.EqualTo(2));
        var abilene = networks[1];
        Assert.That(abilene.GetProperty("hosts").GetInt32(), Is.EqualTo(abilene.GetProperty("switches").GetInt32()));
        AssertConsistent(abilene, 2);
    }

    [Test]
    public void Bench_restore_text_shows_both_targets()
    {
        var r = CliRunner.Run("bench", "restore", "--k", "4", "--flows", "6", "--failures", "1", "--no-zoo");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(r.Stdout, Does.Contain("detection assumed: port-status"));
        Assert.That(r.Stdout, Does.Contain("≤ 10 ms"));
        Assert.That(r.Stdout, Does.Contain("with protection (fast-failover backups at every hop): target ≤ 1 ms after detection"));
    }

    [Test]
    public void Bench_restore_rejects_bad_sizes()
    {
        Assert.That(CliRunner.Run("bench", "restore", "--failures", "0").ExitCode, Is.EqualTo(2));
        Assert.That(CliRunner.Run("bench", "restore", "--k", "5").ExitCode, Is.EqualTo(2));
        Assert.That(CliRunner.Run("bench", "restore", "--rate", "0", "--no-zoo").ExitCode, Is.EqualTo(2));
    }
}
