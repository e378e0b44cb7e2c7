using System.CommandLine;
using System.Globalization;
using SdnController.Cli.Output;
using SdnController.Scenarios.Benchmarks;

namespace SdnController.Cli.Commands;

/// <summary><c>sdnctl bench reactive [--switches N] [--flows N] [--warmup N] [--burst N] [--emulated] [--json]</c>: reactive flow-setup rate, cbench style.</summary>
public static class ReactiveBenchCommand
{
    public static Command Create()
    {
        var switches = new Option<int>("--switches") { Description = "Switches (a fat-tree with at least this many)", DefaultValueFactory = _ => 80 };
        var flows = new Option<int>("--flows") { Description = "New flows, each opened by its first packet (a packet-in)", DefaultValueFactory = _ => 100_000 };
        var warmup = new Option<int>("--warmup") { Description = "New flows set up first and not timed, as cbench's warm-up loop (-w)", DefaultValueFactory = _ => 5_000 };
        var burst = new Option<int>("--burst") { Description = "First packets sent at once, one burst per millisecond of network time", DefaultValueFactory = _ => 1000 };
        var seed = new Option<int>("--seed") { Description = "Seed for the host pairs", DefaultValueFactory = _ => 1 };
        var emulated = new Option<bool>("--emulated") { Description = "cbench's way: emulated switches send the packet-ins and only answer (times the controller alone)" };
        var json = CommonOptions.Json();
        var command = new Command("reactive", "Time reactive flow setup: packet-ins handled and paths installed per second (cbench style)")
        {
            switches, flows, warmup, burst, seed, emulated, json,
        };
        command.SetAction(parse =>
        {
            var options = new ReactiveBenchmarkOptions
            {
                Switches = parse.GetValue(switches),
                Flows = parse.GetValue(flows),
                Warmup = parse.GetValue(warmup),
                Burst = parse.GetValue(burst),
                Seed = parse.GetValue(seed),
                EmulatedSwitches = parse.GetValue(emulated),
            };
            return BenchRunner.Run(progress => ReactiveBenchmark.Run(options, progress), parse.GetValue(json), WriteJson, WriteText);
        });
        return command;
    }

    private static void WriteJson(ReactiveResult r) => JsonOutput.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("topology", r.Topology);
        w.WriteNumber("k", r.K);
        w.WriteNumber("switches", r.Switches);
        w.WriteNumber("hosts", r.Hosts);
        w.WriteNumber("offered", r.Offered);
        w.WriteNumber("warmup_flows", r.Warmup);
        w.WriteNumber("burst", r.Burst);
        w.WriteString("switch_kind", r.EmulatedSwitches ? "emulated" : "simulated");
        w.WriteNumber("flows_installed", r.FlowsInstalled);
        w.WriteNumber("rules_added", r.RulesAdded);
        w.WriteNumber("packets_released", r.PacketsReleased);
        w.WriteNumber("packets_delivered", r.PacketsDelivered);
        w.WriteNumber("batches", r.Batches);
        w.WriteNumber(r.EmulatedSwitches ? "control_messages_to_switches" : "control_messages_to_controller", r.ControlToController);
        w.WriteNumber("wall_ms", r.WallMs);
        w.WriteNumber("cpu_ms", r.CpuMs);
        w.WriteNumber("virtual_ms", r.VirtualMs);
        w.WriteNumber("gc_collections", r.GcCollections);
        w.WriteNumber("gc_pause_ms", r.GcPauseMs);
        w.WriteNumber("gc_gen2_collections", r.GcGen2Collections);
        w.WriteNumber("allocated_bytes", r.AllocatedBytes);
        w.WriteNumber("heap_after_full_gc_bytes", r.HeapAfterFullGcBytes);
        w.WriteNumber("packet_ins_per_second", r.PacketInsPerSecond);
        w.WriteNumber("path_installs_per_second", r.PathInstallsPerSecond);
        w.WriteNumber("nox_per_second", ReactiveBenchmark.NoxPerSecond);
        w.WriteNumber("onos_path_installs_per_second", ReactiveBenchmark.OnosPathInstallsPerSecond);
        w.WriteNumber("target_per_second", ReactiveBenchmark.TargetPerSecond);
        w.WriteEndObject();
    });

    private static void WriteText(ReactiveResult r)
    {
        var ic = CultureInfo.InvariantCulture;
        Console.WriteLine($"Reactive flow setup on '{r.Topology}' ({(r.EmulatedSwitches ? "emulated" : "simulated")} switches): {r.Switches} switches, {r.Hosts} hosts; {r.Offered} new UDP flows, first packets in bursts of {r.Burst} per ms" +
            (r.Warmup > 0 ? $" (after {r.Warmup} warm-up flows, not timed)" : ""));
        Console.WriteLine(string.Format(ic, "  {0,-36} {1,12}  {2,12}  {3,12}  {4,12}", "", "measured", "NOX", "ONOS proto", "target"));
        Console.WriteLine(string.Format(ic, "  {0,-36} {1,10:N0}/s  {2,10:N0}/s  {3,12}  {4,10:N0}/s  {5}", "packet-ins handled", r.PacketInsPerSecond,
            ReactiveBenchmark.NoxPerSecond, "", ReactiveBenchmark.TargetPerSecond, r.PacketInsPerSecond >= ReactiveBenchmark.TargetPerSecond ? "met" : "NOT met"));
        Console.WriteLine(string.Format(ic, "  {0,-36} {1,10:N0}/s  {2,12}  {3,10:N0}/s  {4,10:N0}/s  {5}", "path installs", r.PathInstallsPerSecond,
            "", ReactiveBenchmark.OnosPathInstallsPerSecond, ReactiveBenchmark.TargetPerSecond, r.PathInstallsPerSecond >= ReactiveBenchmark.TargetPerSecond ? "met" : "NOT met"));
        Console.WriteLine(string.Format(ic, "  wall {0:F0} ms, process CPU {1:F0} ms ({2:F2} cores busy), network time {3:F1} ms; GC {4} collections, {5:F0} ms paused",
            r.WallMs, r.CpuMs, r.WallMs > 0 ? r.CpuMs / r.WallMs : 0, r.VirtualMs, r.GcCollections, r.GcPauseMs));
        Console.WriteLine(string.Format(ic, "  {0} of the collections full (gen 2); {1:F1} MB allocated in the window ({2:N0} B per flow); heap after a full collection at the end {3:F1} MB",
            r.GcGen2Collections, r.AllocatedBytes / 1e6, r.Offered > 0 ? r.AllocatedBytes / r.Offered : 0, r.HeapAfterFullGcBytes / 1e6));
        if (r.EmulatedSwitches)
        {
            Console.WriteLine(string.Format(ic, "  {0} flows installed ({1} rules) in {2} batches; {3} first packets released, {4} packet-outs received; {5} flow-mods and packet-outs sent",
                r.FlowsInstalled, r.RulesAdded, r.Batches, r.PacketsReleased, r.PacketsDelivered, r.ControlToController));
            Console.WriteLine("  emulated switches as cbench's: they send the packet-ins and answer handshakes and barriers at once, with no flow tables or data plane; this times the controller alone");
            return;
        }
        Console.WriteLine(string.Format(ic, "  {0} flows installed ({1} rules) in {2} batches; {3} first packets released, {4} delivered to their hosts; {5} switch→controller messages",
            r.FlowsInstalled, r.RulesAdded, r.Batches, r.PacketsReleased, r.PacketsDelivered, r.ControlToController));
        Console.WriteLine("  packets are real frames from the fat-tree's hosts: switch table-miss → packet-in → route → flow-mods and barriers on every switch of the path → packet-out → delivery; the simulated network runs on the same thread and is included");
    }
}
