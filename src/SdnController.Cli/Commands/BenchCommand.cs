using System.CommandLine;
using System.Globalization;
using SdnController.Cli.Input;
using SdnController.Cli.Output;
using SdnController.Paths.Graph;

namespace SdnController.Cli.Commands;

/// <summary><c>sdnctl bench paths FILE [--metric M] [--json]</c>: times the path engine on a topology; <c>reroute</c>, <c>scale</c> and <c>reactive</c> time the controller; <c>nfv</c> the network functions.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var file = CommonOptions.TopologyFile();
        var metric = MetricOption.Create();
        var json = CommonOptions.Json();
        var repeats = new Option<int>("--repeats") { Description = "Timed repeats per measurement (median reported)", DefaultValueFactory = _ => 20 };
        var threads = new Option<int>("--threads") { Description = "Parallelism for all-pairs work (-1 = all cores)", DefaultValueFactory = _ => -1 };
        var k = new Option<int>("--k") { Description = "K for the k-shortest-paths timing", DefaultValueFactory = _ => 4 };
        var kPairs = new Option<int>("--k-pairs") { Description = "Random connected pairs for the k-shortest-paths timing", DefaultValueFactory = _ => 100 };
        var seed = new Option<int>("--seed") { Description = "Seed for the pair sample", DefaultValueFactory = _ => 1 };
        var linkSample = new Option<int>("--link-sample") { Description = "Random single-link failures timed for the typical incremental reroute", DefaultValueFactory = _ => 20 };
        var edges = new Option<string?>("--export-edges") { Description = "Also write the weighted edge list (for tools/bench reference runs)" };
        var paths = new Command("paths", "Time all-pairs shortest paths, k-shortest paths and incremental reroute")
        {
            file, metric, json, repeats, threads, k, kPairs, seed, linkSample, edges,
        };
        paths.SetAction(parse =>
        {
            var topology = TopologyInput.LoadOrReject(parse.GetValue(file)!, 0, printWarnings: false);
            if (parse.GetValue(repeats) < 1) throw new UsageException("--repeats must be 1 or more");
            if (parse.GetValue(k) < 1) throw new UsageException("--k must be 1 or more");
            var m = parse.GetValue(metric);
            var g = CompactGraph.FromTopology(topology, m);
            if (parse.GetValue(edges) is { } edgePath) OutputFile.Write(edgePath, w => WriteEdges(g, w));
            var r = PathBenchmark.Run(g, topology, parse.GetValue(repeats), parse.GetValue(threads), parse.GetValue(k), parse.GetValue(kPairs), parse.GetValue(seed), parse.GetValue(linkSample));
            if (parse.GetValue(json)) WriteJson(r, m, topology.Name);
            else WriteText(r, m, topology.Name);
            return ExitCodes.Success;
        });
        return new Command("bench", "Benchmarks (see docs/benchmarks.md)") { paths, RerouteBenchCommand.Create(), ScaleBenchCommand.Create(), ReactiveBenchCommand.Create(), RestoreBenchCommand.Create(), NfvBenchCommand.Create(), ClassifyBenchCommand.Create() };
    }

    private static void WriteEdges(CompactGraph g, TextWriter w)
    {
        w.WriteLine($"nodes\t{g.NodeCount}");
        for (var l = 0; l < g.LinkCount; l++)
        {
            if (g.LinkA[l] == g.LinkB[l]) continue; // self-loops never lie on a shortest path
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{g.LinkA[l]}\t{g.LinkB[l]}\t{g.Weight[l]:R}"));
        }
    }

    private static void WriteJson(PathBenchmark r, PathMetric m, string name) => JsonOutput.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("topology", name);
        w.WriteString("metric", MetricOption.Name(m));
        w.WriteNumber("nodes", r.Nodes);
        w.WriteNumber("links", r.Links);
        w.WriteNumber("repeats", r.Repeats);
        w.WriteNumber("threads", r.Threads);
        w.WriteNumber("apsp_ms", r.ApspMs);
        w.WriteNumber("apsp_paths_ms", r.ApspWithPathsMs);
        w.WriteNumber("apsp_distance_sum", r.DistanceSum);
        w.WriteNumber("apsp_unreachable", r.Unreachable);
        w.WriteNumber("k", r.K);
        w.WriteNumber("kshortest_pairs", r.KShortestPairs);
        w.WriteNumber("kshortest_ms", r.KShortestMs);
        w.WriteNumber("sampled_links", r.SampledLinks);
        w.WriteNumber("incremental_ms", r.IncrementalMs);
        w.WriteNumber("affected_pairs", r.AffectedPairs);
        w.WriteNumber("sources_recomputed", r.SourcesRecomputed);
        w.WriteNumber("total_pairs", r.TotalPairs);
        w.WriteString("worst_link", r.WorstLink);
        w.WriteNumber("worst_incremental_ms", r.WorstIncrementalMs);
        w.WriteNumber("worst_affected_pairs", r.WorstAffectedPairs);
        w.WriteNumber("worst_sources_recomputed", r.WorstSourcesRecomputed);
        w.WriteNumber("full_recompute_ms", r.FullRecomputeMs);
        w.WriteEndObject();
    });

    private static void WriteText(PathBenchmark r, PathMetric m, string name)
    {
        var ic = CultureInfo.InvariantCulture;
        Console.WriteLine($"Path engine on '{name}': {r.Nodes} switches, {r.Links} links, metric {MetricOption.Name(m)}, {r.Threads} threads, median of {r.Repeats}");
        Console.WriteLine(string.Format(ic, "  all-pairs distances          {0,10:F3} ms", r.ApspMs));
        Console.WriteLine(string.Format(ic, "  all-pairs with paths         {0,10:F3} ms", r.ApspWithPathsMs));
        Console.WriteLine(string.Format(ic, "  Yen k={0}, {1} pairs          {2,10:F3} ms", r.K, r.KShortestPairs, r.KShortestMs));
        Console.WriteLine(string.Format(ic, "  incremental reroute, typical {0,10:F3} ms  (median of {1} random link failures: {2} of {3} pairs affected, {4} sources recomputed)",
            r.IncrementalMs, r.SampledLinks, r.AffectedPairs, r.TotalPairs, r.SourcesRecomputed));
        Console.WriteLine(string.Format(ic, "  incremental reroute, worst   {0,10:F3} ms  (busiest link {1}: {2} pairs affected, {3} sources recomputed)",
            r.WorstIncrementalMs, r.WorstLink, r.WorstAffectedPairs, r.WorstSourcesRecomputed));
        Console.WriteLine(string.Format(ic, "  full recompute with paths    {0,10:F3} ms  ({1:F1}x the typical incremental time)",
            r.FullRecomputeMs, r.FullRecomputeMs / Math.Max(r.IncrementalMs, 1e-9)));
    }
}
