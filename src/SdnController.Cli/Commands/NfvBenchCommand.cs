using System.CommandLine;
using System.Globalization;
using SdnController.Cli.Input;
using SdnController.Cli.Output;
using SdnController.Nfv.Benchmarks;

namespace SdnController.Cli.Commands;

/// <summary><c>sdnctl bench nfv [--packets N] [--repeats R] [--flows F] [--size B] [--json]</c>: packets per second through each network function and a 3-function chain, one core.</summary>
public static class NfvBenchCommand
{
    public static Command Create()
    {
        var packets = new Option<long>("--packets") { Description = "Packets per timed repeat", DefaultValueFactory = _ => 2_000_000 };
        var repeats = new Option<int>("--repeats") { Description = "Timed repeats per workload (median reported)", DefaultValueFactory = _ => 5 };
        var flows = new Option<int>("--flows") { Description = "Distinct flows the packets cycle over", DefaultValueFactory = _ => 4096 };
        var size = new Option<int>("--size") { Description = "Frame size in bytes, headers included", DefaultValueFactory = _ => 512 };
        var json = CommonOptions.Json();
        var command = new Command("nfv", "Packets per second through each network function and a firewall → IDS → load-balancer chain, on one core")
        {
            packets, repeats, flows, size, json,
        };
        command.SetAction(parse => BenchRunner.Run(
            progress => NfvBenchmark.Run(parse.GetValue(packets), parse.GetValue(repeats), parse.GetValue(flows), parse.GetValue(size), progress),
            parse.GetValue(json), WriteJson, WriteText));
        return command;
    }

    private static void WriteText(IReadOnlyList<NfvBenchResult> results)
    {
        var ic = CultureInfo.InvariantCulture;
        Console.WriteLine($"{"function",-14} {"Mpps",8} {"ns/packet",10}  workload");
        foreach (var r in results)
            Console.WriteLine(string.Format(ic, "{0,-14} {1,8:F2} {2,10:F0}  {3}{4}", r.Name, r.PacketsPerSecond / 1e6, r.NanosecondsPerPacket, r.Workload,
                r.Dropped > 0 ? $" ({r.Dropped} dropped)" : ""));
    }

    private static void WriteJson(IReadOnlyList<NfvBenchResult> results) => JsonOutput.Write(w =>
    {
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
        w.WriteEndObject();
    });
}
