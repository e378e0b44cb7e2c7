using System.CommandLine;
using System.Globalization;
using SdnController.Cli.Input;
using SdnController.Cli.Output;
using SdnController.Nfv.Benchmarks;
using SdnController.Scenarios.Benchmarks;

namespace SdnController.Cli.Commands;

/// <summary>
/// <c>sdnctl bench nfv [--packets N] [--repeats R] [--flows F] [--size B] [--network-packets M] [--json]</c>: packets per
/// second through each network function and a 3-function chain alone, and through a 3-function chain steered by the
/// controller inside the virtual network, one core.
/// </summary>
public static class NfvBenchCommand
{
    public static Command Create()
    {
        var packets = new Option<long>("--packets") { Description = "Packets per timed repeat", DefaultValueFactory = _ => 2_000_000 };
        var repeats = new Option<int>("--repeats") { Description = "Timed repeats per workload (median reported)", DefaultValueFactory = _ => 5 };
        var flows = new Option<int>("--flows") { Description = "Distinct flows the packets cycle over", DefaultValueFactory = _ => 4096 };
        var size = new Option<int>("--size") { Description = "Frame size in bytes, headers included", DefaultValueFactory = _ => 512 };
        var networkPackets = new Option<long>("--network-packets")
        {
            Description = "Packets of the steady flow through the chain in the virtual network, per timed repeat (0: skip that run)",
            DefaultValueFactory = _ => 200_000,
        };
        var json = CommonOptions.Json();
        var command = new Command("nfv", "Packets per second through each network function and a firewall → IDS → load-balancer chain, on one core")
        {
            packets, repeats, flows, size, networkPackets, json,
        };
        command.SetAction(parse => BenchRunner.Run(progress =>
            {
                var n = parse.GetValue(networkPackets);
                if (n < 0) throw new ArgumentException("--network-packets must be 0 or more");
                var functions = NfvBenchmark.Run(parse.GetValue(packets), parse.GetValue(repeats), parse.GetValue(flows), parse.GetValue(size), progress);
                var network = n == 0 ? null : ChainNetworkBenchmark.Run(n, parse.GetValue(repeats), parse.GetValue(size), progress);
                return new Results(functions, network);
            },
            parse.GetValue(json), WriteJson, WriteText));
        return command;
    }

    private sealed record Results(IReadOnlyList<NfvBenchResult> Functions, ChainNetworkBenchResult? Network);

    private static void WriteText(Results all)
    {
        var results = all.Functions;
        var ic = CultureInfo.InvariantCulture;
        Console.WriteLine($"{"function",-14} {"Mpps",8} {"ns/packet",10}  workload");
        foreach (var r in results)
            Console.WriteLine(string.Format(ic, "{0,-14} {1,8:F2} {2,10:F0}  {3}{4}", r.Name, r.PacketsPerSecond / 1e6, r.NanosecondsPerPacket, r.Workload,
                r.Dropped > 0 ? $" ({r.Dropped} dropped)" : ""));
        if (all.Network is { } n)
        {
            Console.WriteLine();
            Console.WriteLine(string.Format(ic, "{0,-14} {1,8:F3} {2,10:F0}  {3}", n.Name, n.PacketsPerSecond / 1e6, n.NanosecondsPerPacket, n.Workload));
            Console.WriteLine(string.Format(ic, "{0,-14} {1} sent, {2} delivered, {3} through fw1 → ids1 → rl1; {4:F3} s virtual in {5:F3} s wall",
                "", n.Sent, n.Delivered, n.ThroughChain, n.VirtualSeconds, n.MedianSeconds));
        }
    }

    private static void WriteJson(Results all) => JsonOutput.Write(w =>
    {
        var results = all.Functions;
        w.WriteStartObject();
        w.WriteStartArray("functions");
        foreach (var r in results)
        {
            w.WriteStartObject();
            w.WriteString("name", r.Name);
            w.WriteString("workload", r.Workload);
            w.WriteNumber("packets", r.Packets);
            w.WriteNumber("median_seconds", r.MedianSeconds);
            w.WriteNumber("packets_per_second", r.PacketsPerSecond);
            w.WriteNumber("ns_per_packet", r.NanosecondsPerPacket);
            w.WriteNumber("dropped", r.Dropped);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        // The chain inside the virtual network: the functions' fields (packets = delivered), plus the traffic's counts.
        w.WriteStartArray("network");
        if (all.Network is { } n)
        {
            w.WriteStartObject();
            w.WriteString("name", n.Name);
            w.WriteString("workload", n.Workload);
            w.WriteNumber("packets", n.Delivered);
            w.WriteNumber("median_seconds", n.MedianSeconds);
            w.WriteNumber("packets_per_second", n.PacketsPerSecond);
            w.WriteNumber("ns_per_packet", n.NanosecondsPerPacket);
            w.WriteNumber("dropped", n.Lost);
            w.WriteNumber("sent", n.Sent);
            w.WriteNumber("delivered", n.Delivered);
            w.WriteNumber("through_chain", n.ThroughChain);
            w.WriteNumber("virtual_seconds", n.VirtualSeconds);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });
}
