using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SdnController.Cli.Input;
using SdnController.Cli.Output;
using SdnController.Paths.Algorithms;
using SdnController.Paths.Graph;

namespace SdnController.Cli.Commands;

/// <summary>
/// <c>sdnctl routes FILE [--from A --to B | --all-pairs] [--metric M] [--k N] [--fail A,B]... [--json]</c>.
/// With failures, the text output shows each pair's route before and after; JSON keeps the
/// documented shape (the route after the failures) and adds <c>rerouted</c> per pair.
/// </summary>
public static class RoutesCommand
{
    public static Command Create()
    {
        var file = CommonOptions.TopologyFile();
        var from = new Option<string?>("--from") { Description = "Source switch (or host: its switch is used)" };
        var to = new Option<string?>("--to") { Description = "Destination switch (or host)" };
        var allPairs = new Option<bool>("--all-pairs") { Description = "Every ordered switch pair (the default when neither --from nor --to is given)" };
        var metric = MetricOption.Create();
        var k = new Option<int>("--k") { Description = "Also list the K shortest loop-free paths per pair (Yen)", DefaultValueFactory = _ => 1 };
        var fail = new Option<string[]>("--fail")
        {
            Description = "Fail every link between switches A and B (repeatable): --fail A,B",
            AllowMultipleArgumentsPerToken = false,
        };
        var json = CommonOptions.Json();
        var hosts = CommonOptions.HostsPerSwitch();
        var command = new Command("routes", "Shortest paths between switches, optionally after link failures")
        {
            file, from, to, allPairs, metric, k, fail, json, hosts,
        };
        command.SetAction(parse =>
        {
            var topology = TopologyInput.LoadOrReject(parse.GetValue(file)!, parse.GetValue(hosts), printWarnings: false);
            var m = parse.GetValue(metric);
            var graph = CompactGraph.FromTopology(topology, m);
            var kValue = parse.GetValue(k);
            if (kValue < 1) throw new UsageException("--k must be 1 or more");
            if (parse.GetValue(allPairs) && (parse.GetValue(from) is not null || parse.GetValue(to) is not null))
                throw new UsageException("--all-pairs cannot be combined with --from/--to");
            var (failed, failedPairs) = SwitchResolver.ParseFailures(graph, topology, parse.GetValue(fail) ?? []);

            var fromName = parse.GetValue(from);
            var toName = parse.GetValue(to);
            var sources = fromName is null ? Enumerable.Range(0, graph.NodeCount).ToArray() : [SwitchResolver.Resolve(graph, topology, fromName, "--from")];
            var targets = toName is null ? Enumerable.Range(0, graph.NodeCount).ToArray() : [SwitchResolver.Resolve(graph, topology, toName, "--to")];
            var report = RouteReport.Compute(graph, sources, targets, failed, kValue, singlePair: fromName is not null && toName is not null);
            // With ECMP on (the file's controller section), a single pair also lists its equal-cost paths.
            var ecmp = topology.Controller.Ecmp && fromName is not null && toName is not null
                ? EqualCostDag.Between(graph, sources[0], targets[0], failed)?.Paths(MaxEcmpPaths)
                : null;
            // A host named on the command line appears at the ends of its paths.
            var srcLabel = fromName is not null && topology.FindHost(fromName) is not null ? fromName : null;
            var dstLabel = toName is not null && topology.FindHost(toName) is not null ? toName : null;

            if (parse.GetValue(json))
                WriteJson(report, m, failedPairs, srcLabel, dstLabel, kValue, ecmp);
            else
            {
                WriteText(report, m, topology.Name, failedPairs, srcLabel, dstLabel, kValue);
                if (ecmp is not null)
                {
                    Console.WriteLine($"  equal-cost paths (ECMP): {ecmp.Count}{(ecmp.Count == MaxEcmpPaths ? " (first ones)" : "")}");
                    foreach (var p in ecmp) Console.WriteLine($"      {string.Join(" → ", Names(report.Graph, p, srcLabel, dstLabel))}");
                }
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static string[] Names(CompactGraph g, int[] nodes, string? srcHost, string? dstHost)
    {
        var names = new List<string>(nodes.Length + 2);
        if (srcHost is not null) names.Add(srcHost);
        foreach (var n in nodes) names.Add(g.NodeIds[n]);
        if (dstHost is not null) names.Add(dstHost);
        return names.ToArray();
    }

    /// <summary>Equal-cost paths listed at most (a large fabric has thousands).</summary>
    private const int MaxEcmpPaths = 64;

    private static void WriteJson(RouteReport r, PathMetric metric, List<(string A, string B)> failed, string? srcHost, string? dstHost, int k, List<int[]>? ecmp)
    {
        JsonOutput.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("metric", MetricOption.Name(metric));
            w.WriteStartArray("failed");
            foreach (var (a, b) in failed)
            {
                w.WriteStartArray();
                w.WriteStringValue(a);
                w.WriteStringValue(b);
                w.WriteEndArray();
            }
            w.WriteEndArray();
            w.WriteStartArray("pairs");
            foreach (var p in r.Pairs)
            {
                w.WriteStartObject();
                w.WriteString("src", srcHost ?? r.Graph.NodeIds[p.Source]);
                w.WriteString("dst", dstHost ?? r.Graph.NodeIds[p.Target]);
                w.WriteBoolean("reachable", p.After is not null);
                if (p.After is not null)
                {
                    JsonOutput.Number(w, "cost", p.After.Cost);
                    WritePath(w, "path", Names(r.Graph, p.After.Nodes, srcHost, dstHost));
                }
                if (failed.Count > 0) w.WriteBoolean("rerouted", p.Rerouted);
                if (ecmp is not null)
                {
                    w.WriteStartArray("ecmp_paths");
                    foreach (var path in ecmp) WritePath(w, Names(r.Graph, path, srcHost, dstHost));
                    w.WriteEndArray();
                }
                if (k > 1)
                {
                    w.WriteStartArray("paths");
                    foreach (var alt in p.Alternatives)
                    {
                        w.WriteStartObject();
                        JsonOutput.Number(w, "cost", alt.Cost);
                        WritePath(w, "path", Names(r.Graph, alt.Nodes, srcHost, dstHost));
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static void WritePath(Utf8JsonWriter w, string[] nodes)
    {
        w.WriteStartArray();
        foreach (var n in nodes) w.WriteStringValue(n);
        w.WriteEndArray();
    }

    private static void WritePath(Utf8JsonWriter w, string name, string[] nodes)
    {
        w.WriteStartArray(name);
        foreach (var n in nodes) w.WriteStringValue(n);
        w.WriteEndArray();
    }

    private static void WriteText(RouteReport r, PathMetric metric, string topologyName, List<(string A, string B)> failed, string? srcHost, string? dstHost, int k)
    {
        var unit = MetricOption.Unit(metric);
        Console.WriteLine($"Routes in '{topologyName}' by {MetricOption.Name(metric)}{(unit.Length > 0 ? $" ({unit})" : "")}" +
                          (failed.Count > 0 ? $", failing {string.Join(" ", failed.Select(f => $"{f.A}–{f.B}"))}" : ""));
        string Describe(GraphPath? p) => p is null ? "unreachable" : $"{Format(p.Cost)}  {string.Join(" → ", Names(r.Graph, p.Nodes, srcHost, dstHost))}";
        var rerouted = 0;
        var lost = 0;
        foreach (var p in r.Pairs)
        {
            var pair = $"{srcHost ?? r.Graph.NodeIds[p.Source]} → {dstHost ?? r.Graph.NodeIds[p.Target]}";
            if (failed.Count == 0)
            {
                Console.WriteLine($"  {pair}: {Describe(p.After)}");
            }
            else if (p.Rerouted)
            {
                rerouted++;
                if (p.After is null) lost++;
                Console.WriteLine($"  {pair}: before {Describe(p.Before)}");
                Console.WriteLine($"  {new string(' ', pair.Length)}  after  {Describe(p.After)}");
            }
            else if (r.SinglePair)
            {
                Console.WriteLine($"  {pair}: unaffected: {Describe(p.After)}");
            }
            if (k > 1)
            {
                var i = 1;
                foreach (var alt in p.Alternatives) Console.WriteLine($"      #{i++} {Describe(alt)}");
            }
        }
        if (failed.Count > 0 && !r.SinglePair)
            Console.WriteLine($"{rerouted} of {r.Pairs.Count} pairs rerouted ({lost} now unreachable); the other {r.Pairs.Count - rerouted} keep their path" +
                              (r.SourcesRecomputed >= 0 ? $"; {r.SourcesRecomputed} sources recomputed" : ""));
    }

    private static string Format(double cost) => cost.ToString("0.###", CultureInfo.InvariantCulture);
}
