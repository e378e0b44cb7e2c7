using System.Text.Json;

namespace SdnController.Cli.Tests;

/// <summary>`sdnctl run` end to end: the real CLI on real topology and scenario files.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class RunCliTests
{
    private static string Temp(string name) => Path.Combine(Path.GetTempPath(), $"sdnctl-run-{Guid.NewGuid():N}-{name}");

    [Test]
    public void Demo_fat_tree_reroutes_around_the_core_link_and_writes_report_and_flow_dump()
    {
        var report = Temp("report.json");
        var dump = Temp("flows.json");
        var r = CliRunner.Run("run", CliRunner.Repo("topologies/fat-tree-4.yaml"),
            "--scenario", CliRunner.Repo("topologies/scenarios/fat-tree-4-core-failure.yaml"),
            "--json", report, "--dump-flows", dump);
        Assert.That(r.ExitCode, Is.Zero, r.Stdout + r.Stderr);
        Assert.That(r.Stdout, Does.Contain("link p1a1-c1 down"));
        Assert.That(r.Stdout, Does.Contain("detected by port-status"));
        Assert.That(r.Stdout, Does.Contain("expectations:"));

        using var doc = JsonDocument.Parse(File.ReadAllText(report));
        var root = doc.RootElement;
        Assert.That(root.GetProperty("topology").GetString(), Is.EqualTo("fat-tree-4"));
        Assert.That(root.GetProperty("clock").GetString(), Is.EqualTo("virtual"));
        Assert.That(root.GetProperty("passed").GetBoolean(), Is.True);
        Assert.That(root.GetProperty("setup").GetProperty("flows").GetInt32(), Is.EqualTo(240));
        var changes = root.GetProperty("changes");
        Assert.That(changes.GetArrayLength(), Is.EqualTo(2));
        var down = changes[0];
        Assert.That(down.GetProperty("kind").GetString(), Is.EqualTo("link-down"));
        Assert.That(down.GetProperty("at_ms").GetDouble(), Is.EqualTo(2000));
        var ctl = down.GetProperty("controller");
        Assert.That(ctl.GetProperty("detection").GetString(), Is.EqualTo("port-status"));
        Assert.That(ctl.GetProperty("affected_flows").GetInt32(), Is.GreaterThan(0));
        Assert.That(ctl.GetProperty("rerouted_flows").GetInt32(), Is.EqualTo(ctl.GetProperty("affected_flows").GetInt32()));
        Assert.That(changes[1].GetProperty("kind").GetString(), Is.EqualTo("link-up"));
        var totals = root.GetProperty("totals");
        Assert.That(totals.GetProperty("looped").GetInt64(), Is.Zero);
        Assert.That(totals.GetProperty("sent").GetInt64(), Is.GreaterThan(100_000));

        using var flows = JsonDocument.Parse(File.ReadAllText(dump));
        Assert.That(flows.RootElement.GetProperty("format").GetString(), Is.EqualTo("sdnctl-flow-dump/1"));
        var switches = flows.RootElement.GetProperty("switches");
        Assert.That(switches.GetArrayLength(), Is.EqualTo(20));
        var edge = switches.EnumerateArray().First(s => s.GetProperty("id").GetString() == "p1e1");
        Assert.That(edge.GetProperty("flows").GetArrayLength(), Is.GreaterThan(2));
        Assert.That(edge.GetProperty("ports").EnumerateArray().Any(p => p.TryGetProperty("neighbor", out var n) && n.TryGetProperty("host", out _)), Is.True);
        File.Delete(report);
        File.Delete(dump);
    }

    [Test]
    public void The_topology_files_controller_section_sets_keepalive_timing_and_hold_down()
    {
        var ring = File.ReadAllText(CliRunner.Repo("topologies/ring-6.yaml"));
        var topology = Temp("ring-6.yaml");
        File.WriteAllText(topology, ring.Replace("\nscenario:", "\ncontroller:\n  detection: {interval: 10ms, multiplier: 3, hold_down: 200ms}\nscenario:"));
        var r = CliRunner.Run("run", topology, "--json", "-");
        Assert.That(r.ExitCode, Is.Zero, r.Stdout + r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var changes = doc.RootElement.GetProperty("changes");
        // The sample's silent failure of s2-s3 (2 ms latency) at 1 s: detected within (2, 3] intervals plus latency and channel.
        var down = changes[0].GetProperty("controller");
        Assert.That(down.GetProperty("detection").GetString(), Is.EqualTo("keepalive-timeout"));
        Assert.That(down.GetProperty("detect_ms").GetDouble(), Is.GreaterThan(20).And.LessThanOrEqualTo(32.5));
        // Its repair at 3 s: seen by probes, then held for 200 ms.
        var up = changes[1].GetProperty("controller");
        Assert.That(up.GetProperty("held_down_ms").GetDouble(), Is.EqualTo(200));
        Assert.That(up.GetProperty("detect_ms").GetDouble(), Is.GreaterThanOrEqualTo(200).And.LessThan(200 + 3 * 10 + 5));

        File.WriteAllText(topology, ring.Replace("\nscenario:", "\ncontroller:\n  detection: {multiplier: 0}\nscenario:"));
        var bad = CliRunner.Run("run", topology);
        Assert.That(bad.ExitCode, Is.EqualTo(2));
        Assert.That(bad.Stderr, Does.Match(@"ring-6\.yaml:\d+:27: error: 'multiplier' must be between 1 and 255, found '0'"));
        File.Delete(topology);
    }

    [Test]
    public void Json_to_stdout_is_the_report_alone()
    {
        var r = CliRunner.Run("run", CliRunner.Repo("topologies/linear-3.yaml"), "--duration", "300ms", "--json", "-");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.That(doc.RootElement.GetProperty("duration_ms").GetDouble(), Is.EqualTo(300));
    }

    [Test]
    public void Failed_expectation_exits_1()
    {
        var scenario = Temp("bad-expect.yaml");
        File.WriteAllText(scenario, """
            scenario:
              duration: 1s
              events:
                - {at: 100ms, link: s1-s2, state: down}
                - {at: 500ms, expect: h1 reaches h3}
            """);
        var r = CliRunner.Run("run", CliRunner.Repo("topologies/linear-3.yaml"), "--scenario", scenario);
        Assert.That(r.ExitCode, Is.EqualTo(1), r.Stdout + r.Stderr);
        Assert.That(r.Stdout, Does.Contain("FAIL"));
        File.Delete(scenario);
    }

    [Test]
    public void Bad_scenario_input_gets_file_line_col_errors()
    {
        var scenario = Temp("broken.yaml");
        File.WriteAllText(scenario, "scenario:\n  events:\n    - {at: 2s, link: s1-s9, state: down}\n    - {at: 1s, link: s1-s2, state: up}\n");
        var r = CliRunner.Run("run", CliRunner.Repo("topologies/linear-3.yaml"), "--scenario", scenario);
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain($"{scenario}:3:"));
        Assert.That(r.Stderr, Does.Contain("error:"));
        Assert.That(r.Stderr, Does.Not.Contain("   at "), "no stack trace");
        File.Delete(scenario);
    }

    [Test]
    public void Scenario_file_flow_ids_must_not_repeat_the_topology_s()
    {
        var scenario = Temp("dup.yaml");
        File.WriteAllText(scenario, "scenario:\n  duration: 1s\n  events: []\ntraffic:\n  - {id: h1-h4, from: h1, to: h4}\n");
        var r = CliRunner.Run("run", CliRunner.Repo("topologies/ring-6.yaml"), "--scenario", scenario);
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stdout + r.Stderr);
        Assert.That(r.Stderr, Does.Contain($"{scenario}:5:").And.Contain("already declared in the topology file"));
        File.Delete(scenario);
    }

    [TestCase("1e20s", "too large")]
    [TestCase("99999999999s", "between 1ms and")]
    [TestCase("5", "needs a unit")]
    [TestCase("1ns", "between 1ms and")]
    [TestCase("-2s", "must be 0 or more")]
    public void Duration_out_of_range_or_without_unit_exits_2(string value, string message)
    {
        var r = CliRunner.Run("run", CliRunner.Repo("topologies/linear-3.yaml"), "--duration", value);
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stdout + r.Stderr);
        Assert.That(r.Stderr, Does.Contain("--duration").And.Contain(message));
        Assert.That(r.Stderr, Does.Not.Contain("   at "));
    }

    [Test]
    public void A_flap_that_would_outlast_the_run_is_refused()
    {
        var scenario = Temp("longflap.yaml");
        File.WriteAllText(scenario, "scenario:\n  duration: 3s\n  events:\n    - {at: 1s, flap: s1-s2, period: 1s, count: 10}\n");
        var r = CliRunner.Run("run", CliRunner.Repo("topologies/linear-3.yaml"), "--scenario", scenario);
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stdout + r.Stderr);
        Assert.That(r.Stderr, Does.Contain("before the event at 1s").And.Contain($"{scenario}:4:"));
        File.Delete(scenario);
    }

    [Test]
    public void Only_one_document_may_go_to_stdout()
    {
        var r = CliRunner.Run("run", CliRunner.Repo("topologies/linear-3.yaml"), "--duration", "100ms", "--json", "-", "--dump-flows", "-");
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("both write to stdout"));
        var dump = CliRunner.Run("run", CliRunner.Repo("topologies/linear-3.yaml"), "--duration", "100ms", "--dump-flows", "-");
        Assert.That(dump.ExitCode, Is.Zero, dump.Stderr);
        using var doc = JsonDocument.Parse(dump.Stdout);
        Assert.That(doc.RootElement.GetProperty("format").GetString(), Is.EqualTo("sdnctl-flow-dump/1"));
    }

    [TestCase("--duration", "soon", "--duration")]
    [TestCase("--seed", "x", "--seed")]
    public void Bad_options_exit_2(string option, string value, string mention)
    {
        var r = CliRunner.Run("run", CliRunner.Repo("topologies/linear-3.yaml"), option, value);
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain(mention));
    }

    [Test]
    public void Realtime_and_virtual_cannot_be_combined()
    {
        var r = CliRunner.Run("run", CliRunner.Repo("topologies/linear-3.yaml"), "--virtual", "--realtime");
        Assert.That(r.ExitCode, Is.EqualTo(2));
    }

    [Test]
    public void Realtime_run_takes_real_time_and_delivers()
    {
        var scenario = Temp("rt.yaml");
        File.WriteAllText(scenario, """
            scenario:
              duration: 2s
              events: []
            traffic:
              - {from: h1, to: h3, rate: 50pps}
            """);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var r = CliRunner.Run("run", CliRunner.Repo("topologies/linear-3.yaml"), "--scenario", scenario, "--realtime", "--json", "-");
        Assert.That(r.ExitCode, Is.Zero, r.Stdout + r.Stderr);
        Assert.That(watch.Elapsed, Is.GreaterThan(TimeSpan.FromSeconds(2)));
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.That(doc.RootElement.GetProperty("clock").GetString(), Is.EqualTo("realtime"));
        // Paced by the wall clock: on a starved machine the loop falls behind (and the keepalive may then
        // see a link as silent), so only "it ran for real and carried traffic" is asserted. The run lasts 2 s
        // because the first packet waits for ARP, which the controller answers: with the test suite's other
        // processes on 2 cores, its first packet-in (JIT-compiled on the spot) took over 600 ms of wall time.
        var totals = doc.RootElement.GetProperty("totals");
        Assert.That(totals.GetProperty("sent").GetInt64(), Is.GreaterThanOrEqualTo(90), r.Stdout);
        Assert.That(totals.GetProperty("delivered").GetInt64(), Is.GreaterThan(0), r.Stdout);
        File.Delete(scenario);
    }
}
