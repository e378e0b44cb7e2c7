using System.CommandLine;
using System.Globalization;
using SdnController.Cli.Output;
using SdnController.Scenarios;
using SdnController.Scenarios.Benchmarks;

namespace SdnController.Cli.Commands;

/// <summary><c>sdnctl bench reroute [--k 8] [--flows N] [--failures N] [--seed N] [--json]</c>: controller reroute latency.</summary>
public static class RerouteBenchCommand
{
    public static Command Create()
    {
        var k = new Option<int>("--k") { Description = "Fat-tree k (switch ports)", DefaultValueFactory = _ => 8 };
        var flows = new Option<int>("--flows") { Description = "Flows one failure moves (also measured at a quarter and a half)", DefaultValueFactory = _ => 5000 };
        var failures = new Option<int>("--failures") { Description = "Timed failures (each followed by a restore)", DefaultValueFactory = _ => 20 };
        var warmup = new Option<int>("--warmup") { Description = "Untimed failure/restore pairs first, until the JIT's optimised code is in (about 30 are needed)", DefaultValueFactory = _ => RerouteBenchmarkOptions.DefaultWarmup };
        var seed = new Option<int>("--seed") { Description = "Seed for host pairs and gaps between failures", DefaultValueFactory = _ => 1 };
        var single = new Option<bool>("--single-size") { Description = "Only the --flows size (no linearity series)" };
        var json = CommonOptions.Json();
        var command = new Command("reroute", "Time link-failure reroutes end to end: failure → last barrier acknowledged")
        {
            k, flows, failures, warmup, seed, single, json,
        };
        command.SetAction(parse =>
        {
            var options = new RerouteBenchmarkOptions
            {
                K = parse.GetValue(k),
                AffectedFlows = parse.GetValue(flows),
                Failures = parse.GetValue(failures),
                Warmup = parse.GetValue(warmup),
                Seed = parse.GetValue(seed),
                Series = !parse.GetValue(single),
            };
            return BenchRunner.Run(progress => RerouteBenchmark.Run(options, progress), parse.GetValue(json), WriteJson, WriteText);
        });
        return command;
    }

    private static void WriteJson(RerouteRun run) => JsonOutput.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("topology", run.Topology);
        w.WriteNumber("switches", run.Switches);
        w.WriteNumber("links", run.Links);
        w.WriteNumber("hosts", run.Hosts);
        w.WriteString("failed_link", run.FailedLink);
        w.WriteNumber("failures", run.Options.Failures);
        w.WriteNumber("warmup", run.Options.Warmup);
        w.WriteNumber("seed", run.Options.Seed);
        w.WriteNumber("onos_anchor_ms", RerouteRun.OnosAnchorMs);
        w.WriteNumber("onos_anchor_flows", RerouteRun.OnosAnchorFlows);
        w.WriteNumber("target_p99_ms", RerouteRun.TargetP99Ms);
        w.WriteStartArray("sizes");
        foreach (var s in run.Sizes)
        {
            w.WriteStartObject();
            w.WriteNumber("affected_flows", s.AffectedFlows);
            w.WriteNumber("total_flows", s.TotalFlows);
            w.WriteNumber("rules_installed", s.RulesInstalled);
            w.WriteNumber("rules_changed_p50", s.RulesChangedP50);
            w.WriteNumber("setup_ms", s.SetupMs);
            w.WriteNumber("p50_ms", s.P50Ms);
            w.WriteNumber("p99_ms", s.P99Ms);
            w.WriteNumber("us_per_flow", s.MicrosecondsPerFlow);
            w.WriteNumber("restore_p50_ms", s.RestoreP50Ms);
            w.WriteNumber("restore_p99_ms", s.RestoreP99Ms);
            w.WriteNumber("compute_p50_ms", s.ComputeP50Ms);
            w.WriteNumber("cpu_p50_ms", s.CpuP50Ms);
            w.WriteNumber("cpu_p99_ms", s.CpuP99Ms);
            w.WriteNumber("failures_with_gc", s.FailuresWithCollection);
            w.WriteNumber("gc_pause_ms", s.GcPauseMs);
            w.WriteNumber("virtual_detected_p50_ms", s.VirtualDetectedP50Ms);
            w.WriteNumber("virtual_installed_p50_ms", s.VirtualInstalledP50Ms);
            w.WriteNumber("virtual_committed_p50_ms", s.VirtualCommittedP50Ms);
            w.WriteNumber("unconfirmed_switches", s.Unconfirmed);
            w.WriteStartArray("failure_wall_ms");
            foreach (var f in s.Failures) w.WriteNumberValue(f.WallMs);
            w.WriteEndArray();
            w.WriteStartArray("restore_wall_ms");
            foreach (var f in s.Restores) w.WriteNumberValue(f.WallMs);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static void WriteText(RerouteRun run)
    {
        var ic = CultureInfo.InvariantCulture;
        var o = run.Options;
        Console.WriteLine($"Reroute on '{run.Topology}' ({run.Switches} switches, {run.Links} links, {run.Hosts} hosts): link {run.FailedLink} fails and is restored {o.Failures} times after {o.Warmup} warm-up, seed {o.Seed}");
        Console.WriteLine("  wall clock from the failure injection to the last barrier acknowledged (RerouteCompleted); virtual = simulated network time");
        Console.WriteLine("  affected  all flows  rules/fail   fail p50   fail p99  us/flow  restore p50  restore p99  virtual detect/installed/committed p50");
        foreach (var s in run.Sizes)
            Console.WriteLine(string.Format(ic, "  {0,8}  {1,9}  {2,10}  {3,6:F2} ms  {4,6:F2} ms  {5,7:F2}  {6,8:F2} ms  {7,8:F2} ms  {8:F2} / {9:F2} / {10:F2} ms",
                s.AffectedFlows, s.TotalFlows, s.RulesChangedP50, s.P50Ms, s.P99Ms, s.MicrosecondsPerFlow, s.RestoreP50Ms, s.RestoreP99Ms,
                s.VirtualDetectedP50Ms, s.VirtualInstalledP50Ms, s.VirtualCommittedP50Ms));
        foreach (var s in run.Sizes)
            Console.WriteLine(string.Format(ic, "  {0,8} flows: process CPU per failure p50 {1:F2} ms, p99 {2:F2} ms; {3} of {4} timed failures had a GC inside ({5:F2} ms of pauses)",
                s.AffectedFlows, s.CpuP50Ms, s.CpuP99Ms, s.FailuresWithCollection, s.Failures.Count, s.GcPauseMs));
        var largest = run.Sizes[^1];
        Console.WriteLine();
        Console.WriteLine(string.Format(ic, "  {0,-40} {1,10}  {2}", "compared with", "ms", "ratio"));
        Console.WriteLine(string.Format(ic, "  {0,-40} {1,10:F2}  {2}", $"sdnctl p99, {largest.AffectedFlows} flows moved", largest.P99Ms, "1.0x"));
        Console.WriteLine(string.Format(ic, "  {0,-40} {1,10:F2}  {2:F1}x sdnctl p99 per flow (ONOS per-flow time / sdnctl's)", $"ONOS anchor: {RerouteRun.OnosAnchorFlows} intents, one node", RerouteRun.OnosAnchorMs,
            RerouteRun.OnosAnchorMs / RerouteRun.OnosAnchorFlows / (largest.P99Ms / Math.Max(largest.AffectedFlows, 1))));
        Console.WriteLine(string.Format(ic, "  {0,-40} {1,10:F2}  p99 is {2:F2}x the target: {3}", "target p99", RerouteRun.TargetP99Ms,
            largest.P99Ms / RerouteRun.TargetP99Ms, largest.P99Ms <= RerouteRun.TargetP99Ms ? "met" : "NOT met"));
        if (run.Sizes.Count > 1)
            Console.WriteLine(string.Format(ic, "  linearity: {0} us/flow at {1} flows, {2} at {3} ({4:F2}x)",
                run.Sizes[0].MicrosecondsPerFlow.ToString("F2", ic), run.Sizes[0].AffectedFlows, largest.MicrosecondsPerFlow.ToString("F2", ic), largest.AffectedFlows,
                largest.MicrosecondsPerFlow / run.Sizes[0].MicrosecondsPerFlow));
        if (run.Sizes.Sum(s => s.Unconfirmed) > 0)
            Console.WriteLine($"  warning: {run.Sizes.Sum(s => s.Unconfirmed)} switch updates were never confirmed");
    }
}
