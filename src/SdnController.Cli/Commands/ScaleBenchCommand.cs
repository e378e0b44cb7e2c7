using System.CommandLine;
using System.Globalization;
using SdnController.Cli.Output;
using SdnController.Scenarios;
using SdnController.Scenarios.Benchmarks;

namespace SdnController.Cli.Commands;

/// <summary><c>sdnctl bench scale [--switches N] [--flows N] [--json]</c>: controller start-up time and memory at scale.</summary>
public static class ScaleBenchCommand
{
    public static Command Create()
    {
        var switches = new Option<int>("--switches") { Description = "Switches (a fat-tree with at least this many)", DefaultValueFactory = _ => 10_000 };
        var flows = new Option<int>("--flows") { Description = "UDP flows between seeded random host pairs", DefaultValueFactory = _ => 100_000 };
        var hosts = new Option<int>("--hosts-per-edge") { Description = "Hosts on each edge switch", DefaultValueFactory = _ => 4 };
        var seed = new Option<int>("--seed") { Description = "Seed for the host pairs", DefaultValueFactory = _ => 1 };
        var json = CommonOptions.Json();
        var command = new Command("scale", "Time controller start-up (connect, route, install, confirm) and measure resident memory")
        {
            switches, flows, hosts, seed, json,
        };
        command.SetAction(parse =>
        {
            var options = new ScaleBenchmarkOptions
            {
                Switches = parse.GetValue(switches),
                Flows = parse.GetValue(flows),
                HostsPerEdge = parse.GetValue(hosts),
                Seed = parse.GetValue(seed),
            };
            return BenchRunner.Run(progress => ScaleBenchmark.Run(options, progress), parse.GetValue(json), WriteJson, WriteText);
        });
        return command;
    }

    private const double MiB = 1024.0 * 1024.0;

    private static void WriteJson(ScaleResult r) => JsonOutput.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("topology", r.Topology);
        w.WriteNumber("k", r.K);
        w.WriteNumber("switches", r.Switches);
        w.WriteNumber("links", r.Links);
        w.WriteNumber("hosts", r.Hosts);
        w.WriteNumber("flows", r.Flows);
        w.WriteNumber("rules", r.Rules);
        w.WriteNumber("generate_ms", r.GenerateMs);
        w.WriteNumber("network_built_ms", r.NetworkBuiltMs);
        w.WriteNumber("startup_ms", r.StartupMs);
        w.WriteNumber("startup_cpu_ms", r.StartupCpuMs);
        w.WriteNumber("controller_startup_ms", r.ControllerStartupMs);
        w.WriteNumber("controller_startup_cpu_ms", r.ControllerStartupCpuMs);
        w.WriteNumber("startup_gc_pause_ms", r.StartupGc.PauseMs);
        w.WriteNumber("startup_gc_collections", r.StartupGc.Gen0);
        w.WriteNumber("startup_gc_gen1", r.StartupGc.Gen1);
        w.WriteNumber("startup_gc_gen2", r.StartupGc.Gen2);
        w.WriteNumber("startup_allocated_mib", r.StartupGc.AllocatedBytes / MiB);
        w.WriteNumber("install_wall_ms", r.InstallWallMs);
        w.WriteNumber("virtual_startup_ms", r.VirtualStartupMs);
        w.WriteNumber("rss_mib", r.ResidentBytes / MiB);
        w.WriteNumber("peak_rss_mib", r.PeakResidentBytes / MiB);
        w.WriteNumber("baseline_rss_mib", r.BaselineResidentBytes / MiB);
        w.WriteNumber("managed_mib", r.ManagedBytes / MiB);
        w.WriteNumber("target_startup_ms", ScaleResult.TargetStartupMs);
        w.WriteNumber("target_rss_mib", ScaleResult.TargetResidentBytes / MiB);
        w.WriteNumber("unconfirmed_switches", r.UnconfirmedSwitches);
        w.WriteEndObject();
    });

    private static void WriteText(ScaleResult r)
    {
        var ic = CultureInfo.InvariantCulture;
        Console.WriteLine($"Start-up of '{r.Topology}': {r.Switches} switches, {r.Links} links, {r.Hosts} hosts, {r.Flows} flows → {r.Rules} rules");
        Console.WriteLine(string.Format(ic, "  topology and flows generated in {0:F0} ms (not counted)", r.GenerateMs));
        Console.WriteLine(string.Format(ic, "  {0,-44} {1,10}  {2,10}  {3}", "", "measured", "target", "measured / target"));
        Console.WriteLine(string.Format(ic, "  {0,-44} {1,8:F2} s  {2,8:F2} s  {3:F2}x  {4}", "controller start-up (start → last barrier ack)", r.ControllerStartupMs / 1000, ScaleResult.TargetStartupMs / 1000,
            r.ControllerStartupMs / ScaleResult.TargetStartupMs, r.ControllerStartupMs <= ScaleResult.TargetStartupMs ? "met" : "NOT met"));
        Console.WriteLine(string.Format(ic, "  {0,-44} {1,8:F2} s  (all threads; {2:F2} cores busy on average)", "process CPU time over the same window",
            r.ControllerStartupCpuMs / 1000, r.ControllerStartupMs > 0 ? r.ControllerStartupCpuMs / r.ControllerStartupMs : 0));
        Console.WriteLine(string.Format(ic, "  {0,-44} {1,8:F2} s  (CPU {2:F2} s)", "end to end, building the network first", r.StartupMs / 1000, r.StartupCpuMs / 1000));
        Console.WriteLine(string.Format(ic, "  {0,-44} {1,6:F0} MiB  {2,6:F0} MiB  {3:F2}x  {4}", "resident memory after full GC", r.ResidentBytes / MiB, ScaleResult.TargetResidentBytes / MiB,
            (double)r.ResidentBytes / ScaleResult.TargetResidentBytes, r.ResidentBytes <= ScaleResult.TargetResidentBytes ? "met" : "NOT met"));
        // The target is the steady state after start-up; the peak is shown for information (the start-up hold
        // keeps the burst's garbage until the network is ready).
        Console.WriteLine(string.Format(ic, "  {0,-44} {1,6:F0} MiB  (during start-up; the target is the steady state above)", "peak resident memory during the run", r.PeakResidentBytes / MiB));
        Console.WriteLine(string.Format(ic, "  of which: network built {0:F0} ms; flows routed, installed and confirmed {1:F0} ms (controller's own figure); {2:F1} ms of virtual time",
            r.NetworkBuiltMs, r.InstallWallMs, r.VirtualStartupMs));
        Console.WriteLine(string.Format(ic, "  GC during start-up: {0} collections ({1} gen-1, {2} gen-2), {3:F0} ms paused, {4:F0} MiB allocated",
            r.StartupGc.Gen0, r.StartupGc.Gen1, r.StartupGc.Gen2, r.StartupGc.PauseMs, r.StartupGc.AllocatedBytes / MiB));
        Console.WriteLine(string.Format(ic, "  memory: {0:F0} MiB resident before the network was built, {1:F0} MiB managed heap at the end", r.BaselineResidentBytes / MiB, r.ManagedBytes / MiB));
        if (r.UnconfirmedSwitches > 0) Console.WriteLine($"  warning: {r.UnconfirmedSwitches} switches never confirmed their rules");
    }
}
