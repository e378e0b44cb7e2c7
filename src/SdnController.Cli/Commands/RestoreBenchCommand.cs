using System.CommandLine;
using System.Globalization;
using SdnController.Cli.Input;
using SdnController.Cli.Output;
using SdnController.Scenarios;
using SdnController.Scenarios.Benchmarks;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Generators;

namespace SdnController.Cli.Commands;

/// <summary>
/// <c>sdnctl bench restore [--failures N] [--seed N] [--json]</c>: failure → first packet delivered again
/// (virtual time, after detection) on a fat-tree and on the Topology Zoo's Kdl, against issue 5's targets:
/// each network once without protection and once with fast-failover protection on for every flow.
/// </summary>
public static class RestoreBenchCommand
{
    /// <summary>Where the Zoo network is looked for under the shared data folder.</summary>
    public const string ZooRelativePath = "topologyzoo/graphml/Kdl.graphml";

    public static Command Create()
    {
        var failures = new Option<int>("--failures") { Description = "Single link failures per network, each restored before the next", DefaultValueFactory = _ => 20 };
        var seed = new Option<int>("--seed") { Description = "Seed for host pairs and failed links", DefaultValueFactory = _ => 1 };
        var flows = new Option<int>("--flows") { Description = "UDP flows between seeded host pairs", DefaultValueFactory = _ => 200 };
        var rate = new Option<double>("--rate") { Description = "Packets per second of each flow (the figure's resolution is one packet gap)", DefaultValueFactory = _ => 1000 };
        var k = new Option<int>("--k") { Description = "Fat-tree k", DefaultValueFactory = _ => 8 };
        var zoo = new Option<string?>("--zoo") { Description = $"The Zoo network (default: Kdl, ../shared/data/{ZooRelativePath} or $SDNCONTROLLER_SHARED_DATA)" };
        var noZoo = new Option<bool>("--no-zoo") { Description = "Only the fat-tree" };
        var silent = new Option<bool>("--silent") { Description = "Silent failures (detected by the keepalive timeout) instead of port-status failures" };
        var localDetection = new Option<double>("--local-detection") { Description = "With --silent, the protected run: ms the switches take to notice a silent failure themselves (data-plane BFD)", DefaultValueFactory = _ => 1 };
        var json = CommonOptions.Json();
        var command = new Command("restore", "Failure → first packet delivered again (virtual time, after detection) on a fat-tree and on Kdl")
        {
            failures, seed, flows, rate, k, zoo, noZoo, silent, localDetection, json,
        };
        command.SetAction(parse =>
        {
            var options = new RestoreBenchmarkOptions
            {
                Failures = parse.GetValue(failures),
                Seed = parse.GetValue(seed),
                Flows = parse.GetValue(flows),
                PacketsPerSecond = parse.GetValue(rate),
                Silent = parse.GetValue(silent),
                LocalDetection = TimeSpan.FromMilliseconds(parse.GetValue(localDetection)),
            };
            try
            {
                options.Validate();
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e.Message);
            }
            var kValue = parse.GetValue(k);
            if (kValue < 2 || kValue % 2 != 0) throw new UsageException("--k must be an even number of 2 or more");

            var results = new List<RestoreResult>();
            var protectedResults = new List<RestoreResult>();
            var skipped = new List<RestoreSkipped>();
            var diagnostics = new DiagnosticBag();
            var fatTree = FatTreeGenerator.Create(kValue).Build(diagnostics)
                ?? throw new RunFailedException($"fat-tree k={kValue} did not build: {string.Join("; ", diagnostics.Items)}");
            results.Add(RunOne(fatTree, options));
            protectedResults.Add(RunOne(fatTree, options with { Protection = true }));
            if (!parse.GetValue(noZoo))
            {
                var zooPath = parse.GetValue(zoo) ?? FindSharedZoo();
                if (zooPath is null)
                    skipped.Add(new RestoreSkipped("Kdl", $"shared data not found (looked for ../shared/data/{ZooRelativePath} above the current folder and in $SDNCONTROLLER_SHARED_DATA); skipped"));
                else
                {
                    var kdl = TopologyInput.LoadOrReject(zooPath, hostsPerSwitch: 1, printWarnings: false);
                    results.Add(RunOne(kdl, options));
                    protectedResults.Add(RunOne(kdl, options with { Protection = true }));
                }
            }
            foreach (var s in skipped) Console.Error.WriteLine($"bench restore: {s.Network}: {s.Reason}");
            if (parse.GetValue(json)) WriteJson(options, results, protectedResults, skipped);
            else WriteText(options, results, protectedResults, skipped);
            return ExitCodes.Success;
        });
        return command;
    }

    private static RestoreResult RunOne(Topology.Model.Topology topology, RestoreBenchmarkOptions options)
    {
        Console.Error.WriteLine($"bench restore: {topology.Name}: {topology.Switches.Count} switches, {topology.Hosts.Count} hosts, {options.Flows} flows, {options.Failures} failures{(options.Protection ? ", protection on" : "")}");
        return RestoreBenchmark.Run(topology, options);
    }

    /// <summary>Kdl in $SDNCONTROLLER_SHARED_DATA, else in shared/data next to the current folder or any folder above it.</summary>
    private static string? FindSharedZoo()
    {
        var env = Environment.GetEnvironmentVariable("SDNCONTROLLER_SHARED_DATA");
        if (!string.IsNullOrEmpty(env))
        {
            var p = Path.Combine(env, ZooRelativePath);
            return File.Exists(p) ? p : null;
        }
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var p = Path.Combine(dir.FullName, "shared", "data", ZooRelativePath);
            if (File.Exists(p)) return p;
        }
        return null;
    }

    private static string DetectionName(RestoreBenchmarkOptions o) => o.Silent ? "keepalive timeout (silent failures)" : "port-status";

    private static void WriteJson(RestoreBenchmarkOptions o, List<RestoreResult> results, List<RestoreResult> protectedResults, List<RestoreSkipped> skipped) => JsonOutput.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("failure_kind", o.Silent ? "silent" : "port-status");
        w.WriteNumber("failures", o.Failures);
        w.WriteNumber("flows", o.Flows);
        w.WriteNumber("rate_pps", o.PacketsPerSecond);
        w.WriteNumber("seed", o.Seed);
        w.WriteNumber("target_ms", RestoreResult.UnprotectedTargetMs);
        w.WriteStartObject("protection");
        w.WriteNumber("target_ms", RestoreResult.ProtectedTargetMs);
        // Kept from the first version of this output (then "not implemented yet"), which scripts may read.
        w.WriteString("status", "measured");
        if (o.Silent) w.WriteNumber("local_detection_ms", o.LocalDetection.TotalMilliseconds);
        NetworksJson(w, protectedResults);
        w.WriteEndObject();
        NetworksJson(w, results);
        w.WriteStartArray("skipped");
        foreach (var s in skipped)
        {
            w.WriteStartObject();
            w.WriteString("name", s.Network);
            w.WriteString("reason", s.Reason);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static void NetworksJson(System.Text.Json.Utf8JsonWriter w, List<RestoreResult> results)
    {
        w.WriteStartArray("networks");
        foreach (var r in results)
        {
            w.WriteStartObject();
            w.WriteString("name", r.Network);
            w.WriteNumber("switches", r.Switches);
            w.WriteNumber("links", r.Links);
            w.WriteNumber("hosts", r.Hosts);
            w.WriteNumber("flows", r.Flows);
            Strings(w, "failed_links", r.FailedLinks);
            Strings(w, "detection_methods", r.DetectionMethods);
            JsonOutput.Number(w, "detection_p50_ms", r.DetectionP50Ms);
            JsonOutput.Number(w, "detection_max_ms", r.DetectionMaxMs);
            w.WriteNumber("affected_flows", r.AffectedFlows);
            w.WriteNumber("not_restored", r.NotRestored);
            w.WriteNumber("undetected_failures", r.Undetected);
            JsonOutput.Number(w, "p50_ms", r.P50Ms);
            JsonOutput.Number(w, "p99_ms", r.P99Ms);
            JsonOutput.Number(w, "max_ms", r.MaxMs);
            JsonOutput.Number(w, "without_path_latency_p50_ms", r.WithoutTripP50Ms);
            JsonOutput.Number(w, "without_path_latency_p99_ms", r.WithoutTripP99Ms);
            JsonOutput.Number(w, "without_path_latency_max_ms", r.WithoutTripMaxMs);
            JsonOutput.Number(w, "from_failure_max_ms", r.FromFailureMaxMs);
            JsonOutput.Number(w, "rules_confirmed_p50_ms", r.ConfirmedP50Ms);
            JsonOutput.Number(w, "rules_confirmed_max_ms", r.ConfirmedMaxMs);
            w.WriteBoolean("target_met", r.TargetMet);
            w.WriteNumber("packets_sent", r.PacketsSent);
            w.WriteNumber("packets_lost", r.PacketsLost);
            w.WriteNumber("packets_over_hop_limit", r.PacketsOverHopLimit);
            w.WriteNumber("wall_ms", r.WallMs);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void Strings(System.Text.Json.Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    private static void WriteText(RestoreBenchmarkOptions o, List<RestoreResult> results, List<RestoreResult> protectedResults, List<RestoreSkipped> skipped)
    {
        var ic = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Format(ic, "Failure → first packet delivered again, virtual time after detection: {0} flows at {1} pps ({2} bytes), {3} {4} link failures per network, seed {5}",
            o.Flows, o.PacketsPerSecond, RestoreBenchmarkOptions.FrameBytes, o.Failures, o.Silent ? "silent" : "port-status", o.Seed));
        Console.WriteLine($"  detection assumed: {DetectionName(o)}; resolution one packet gap ({1000 / o.PacketsPerSecond:0.###} ms)");
        Console.WriteLine("  network           switches  hosts  affected   detect p50      p50      p99      max   target (no protection)");
        foreach (var r in results)
            Console.WriteLine(string.Format(ic, "  {0,-16} {1,9} {2,6} {3,9} {4,9:F2} ms {5,5:F2} ms {6,5:F2} ms {7,5:F2} ms   ≤ {8} ms: {9}",
                r.Network, r.Switches, r.Hosts, r.AffectedFlows, r.DetectionP50Ms, r.P50Ms, r.P99Ms, r.MaxMs, RestoreResult.UnprotectedTargetMs,
                r.TargetMet ? "met" : "NOT met"));
        foreach (var r in results)
        {
            Console.WriteLine(string.Format(ic, "  {0}: detected by {1}; new rules confirmed {2:F2} ms after detection (p50; max {3:F2}); worst from the failure itself {4:F2} ms; {5} of {6} packets lost; {7:F0} ms wall",
                r.Network, r.DetectionMethods.Count > 0 ? string.Join(", ", r.DetectionMethods) : "nothing", r.ConfirmedP50Ms, r.ConfirmedMaxMs, r.FromFailureMaxMs,
                r.PacketsLost, r.PacketsSent, r.WallMs));
            Console.WriteLine(string.Format(ic, "    less each packet's own one-way trip (the earliest delivered again): p50 {0:F2} ms, p99 {1:F2} ms, max {2:F2} ms (controller and next-packet wait)",
                r.WithoutTripP50Ms, r.WithoutTripP99Ms, r.WithoutTripMaxMs));
            if (r.NotRestored > 0) Console.WriteLine($"    warning: {r.NotRestored} (failure, flow) pairs lost packets and were not delivered on a new path before the restore" +
                (r.PacketsOverHopLimit > 0 ? $" ({r.PacketsOverHopLimit} frames dropped for crossing more than {SdnController.VirtualNetwork.Packets.Packet.HopLimit} switches)" : ""));
            if (r.Undetected > 0) Console.WriteLine($"    warning: {r.Undetected} failures were not detected before the restore");
        }
        Console.WriteLine(string.Format(ic, "  with protection (fast-failover backups at every hop{0}): target ≤ {1} ms after detection",
            o.Silent ? string.Format(ic, "; switches notice silent failures after {0} ms", o.LocalDetection.TotalMilliseconds) : "", RestoreResult.ProtectedTargetMs));
        Console.WriteLine("  network           switches  hosts  affected   detect p50      p50      p99      max  from failure max   target");
        foreach (var r in protectedResults)
        {
            Console.WriteLine(string.Format(ic, "  {0,-16} {1,9} {2,6} {3,9} {4,9:F2} ms {5,5:F2} ms {6,5:F2} ms {7,5:F2} ms {8,12:F2} ms   ≤ {9} ms: {10}",
                r.Network, r.Switches, r.Hosts, r.AffectedFlows, r.DetectionP50Ms, r.P50Ms, r.P99Ms, r.MaxMs, r.FromFailureMaxMs, RestoreResult.ProtectedTargetMs,
                r.TargetMet ? "met" : "NOT met"));
            Console.WriteLine(string.Format(ic, "    less each packet's own one-way trip (the earliest delivered again, detoured or rerouted): p50 {0:F2} ms, p99 {1:F2} ms, max {2:F2} ms; {3} of {4} packets lost; {5:F0} ms wall",
                r.WithoutTripP50Ms, r.WithoutTripP99Ms, r.WithoutTripMaxMs, r.PacketsLost, r.PacketsSent, r.WallMs));
            if (r.NotRestored > 0) Console.WriteLine($"    warning: {r.NotRestored} (failure, flow) pairs lost packets and were not delivered on another path before the restore");
        }
        foreach (var s in skipped) Console.WriteLine($"  {s.Network}: {s.Reason}");
    }
}
