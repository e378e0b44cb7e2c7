using System.Text.Json;

namespace SdnController.Cli.Tests;

/// <summary><c>bench reroute</c>, <c>bench scale</c> and <c>bench reactive</c> at tiny sizes: output structure and counts only, never timings.</summary>
public class ControllerBenchCliTests
{
    private static JsonElement Json(params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        return JsonDocument.Parse(r.Stdout).RootElement;
    }

    [Test]
    public void Bench_reroute_moves_exactly_the_requested_flows_at_each_size()
    {
        var doc = Json("bench", "reroute", "--k", "4", "--flows", "40", "--failures", "3", "--warmup", "1", "--json");
        Assert.That(doc.GetProperty("switches").GetInt32(), Is.EqualTo(20));
        Assert.That(doc.GetProperty("failed_link").GetString(), Is.Not.Empty);
        Assert.That(doc.GetProperty("onos_anchor_ms").GetDouble(), Is.EqualTo(364.6));
        var sizes = doc.GetProperty("sizes").EnumerateArray().ToList();
        Assert.That(sizes.Select(s => s.GetProperty("affected_flows").GetInt32()), Is.EqualTo(new[] { 10, 20, 40 }));
        foreach (var s in sizes)
        {
            Assert.That(s.GetProperty("failure_wall_ms").GetArrayLength(), Is.EqualTo(3));
            Assert.That(s.GetProperty("restore_wall_ms").GetArrayLength(), Is.EqualTo(3));
            Assert.That(s.GetProperty("total_flows").GetInt32(), Is.EqualTo(2 * s.GetProperty("affected_flows").GetInt32()));
            Assert.That(s.GetProperty("unconfirmed_switches").GetInt32(), Is.EqualTo(0));
            Assert.That(s.GetProperty("rules_changed_p50").GetInt32(), Is.GreaterThanOrEqualTo(s.GetProperty("affected_flows").GetInt32()));
            // Virtual time: detection after the control-channel latency, commit after it.
            Assert.That(s.GetProperty("virtual_detected_p50_ms").GetDouble(), Is.EqualTo(0.5).Within(1e-9));
            Assert.That(s.GetProperty("virtual_committed_p50_ms").GetDouble(), Is.GreaterThan(s.GetProperty("virtual_installed_p50_ms").GetDouble()));
        }
    }

    [Test]
    public void Bench_reroute_text_sets_the_figures_beside_the_anchor_and_target()
    {
        var r = CliRunner.Run("bench", "reroute", "--k", "4", "--flows", "8", "--failures", "2", "--warmup", "0", "--single-size");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(r.Stdout, Does.Contain("ONOS anchor: 5000 intents"));
        Assert.That(r.Stdout, Does.Contain("target p99"));
        Assert.That(r.Stdout, Does.Not.Contain("linearity"));
    }

    [Test]
    public void Bench_scale_installs_every_flow_on_a_small_fat_tree()
    {
        var doc = Json("bench", "scale", "--switches", "20", "--flows", "30", "--hosts-per-edge", "2", "--json");
        Assert.That(doc.GetProperty("k").GetInt32(), Is.EqualTo(4));
        Assert.That(doc.GetProperty("switches").GetInt32(), Is.EqualTo(20));
        Assert.That(doc.GetProperty("flows").GetInt32(), Is.EqualTo(30));
        Assert.That(doc.GetProperty("rules").GetInt32(), Is.GreaterThanOrEqualTo(30));
        Assert.That(doc.GetProperty("unconfirmed_switches").GetInt32(), Is.EqualTo(0));
        Assert.That(doc.GetProperty("rss_mib").GetDouble(), Is.GreaterThan(0));
        Assert.That(doc.GetProperty("peak_rss_mib").GetDouble(), Is.GreaterThanOrEqualTo(doc.GetProperty("rss_mib").GetDouble()));
        Assert.That(doc.GetProperty("target_rss_mib").GetDouble(), Is.EqualTo(1024));
    }

    [Test]
    public void Bench_reactive_installs_a_flow_per_first_packet_and_delivers_every_one()
    {
        var doc = Json("bench", "reactive", "--switches", "20", "--flows", "500", "--warmup", "200", "--burst", "100", "--json");
        Assert.That(doc.GetProperty("k").GetInt32(), Is.EqualTo(4));
        Assert.That(doc.GetProperty("offered").GetInt32(), Is.EqualTo(500));
        // The 200 warm-up flows are set up first and not counted: every figure below is the timed 500's.
        Assert.That(doc.GetProperty("warmup_flows").GetInt32(), Is.EqualTo(200));
        Assert.That(doc.GetProperty("flows_installed").GetInt32(), Is.EqualTo(500), "one flow per distinct 5-tuple");
        Assert.That(doc.GetProperty("packets_released").GetInt32(), Is.EqualTo(500));
        Assert.That(doc.GetProperty("packets_delivered").GetInt64(), Is.EqualTo(500), "every released first packet reached its host");
        Assert.That(doc.GetProperty("rules_added").GetInt32(), Is.GreaterThanOrEqualTo(500));
        Assert.That(doc.GetProperty("packet_ins_per_second").GetDouble(), Is.GreaterThan(0));
        Assert.That(doc.GetProperty("target_per_second").GetDouble(), Is.EqualTo(100_000));
        Assert.That(doc.GetProperty("onos_path_installs_per_second").GetDouble(), Is.EqualTo(18_832));
    }

    [Test]
    public void Bench_reroute_rejects_an_odd_k()
    {
        var r = CliRunner.Run("bench", "reroute", "--k", "5");
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("even"));
    }
}
