using System.Diagnostics;
using SdnController.Paths.Algorithms;
using SdnController.Paths.Graph;

namespace SdnController.Cli.Commands;

/// <summary>
/// In-process timings of the path engine on one graph: median of repeats after a warm-up run, so JIT
/// and cold caches are excluded. The figures feed docs/benchmarks.md and tools/bench.
/// </summary>
public sealed class PathBenchmark
{
    public required int Nodes { get; init; }
    public required int Links { get; init; }
    public required int Repeats { get; init; }
    public required int Threads { get; init; }
    public required double ApspMs { get; init; }
    public required double ApspWithPathsMs { get; init; }
    public required double DistanceSum { get; init; }
    public required long Unreachable { get; init; }
    public required int K { get; init; }
    public required int KShortestPairs { get; init; }
    public required double KShortestMs { get; init; }
    /// <summary>Links in the typical-failure sample; the next three figures are medians over it.</summary>
    public required int SampledLinks { get; init; }
    public required double IncrementalMs { get; init; }
    public required int AffectedPairs { get; init; }
    public required int SourcesRecomputed { get; init; }
    public required long TotalPairs { get; init; }
    /// <summary>The link the most routes cross: the worst case for incremental work.</summary>
    public required string WorstLink { get; init; }
    public required int WorstAffectedPairs { get; init; }
    public required int WorstSourcesRecomputed { get; init; }
    public required double WorstIncrementalMs { get; init; }
    public required double FullRecomputeMs { get; init; }

    public static PathBenchmark Run(CompactGraph g, Topology.Model.Topology t, int repeats, int threads, int k, int kPairs, int seed, int linkSample)
    {
        var dist = AllPairs.Distances(g, null, threads);
        var apsp = Median(repeats, () => AllPairs.Distances(g, null, threads));
        var apspPaths = Median(repeats, () => AllPairs.Compute(g, null, threads));

        double sum = 0;
        long unreachable = 0;
        foreach (var d in dist.Distances)
        {
            if (double.IsPositiveInfinity(d)) unreachable++;
            else sum += d;
        }

        // K shortest paths between seeded random pairs that are connected.
        var rng = new Random(seed);
        var pairs = new List<(int, int)>();
        for (var tries = 0; pairs.Count < kPairs && tries < kPairs * 50 && g.NodeCount > 1; tries++)
        {
            int s = rng.Next(g.NodeCount), d = rng.Next(g.NodeCount);
            if (s != d && dist.Reachable(s, d)) pairs.Add((s, d));
        }
        var kMs = Median(Math.Max(1, repeats / 4), () =>
        {
            foreach (var (s, d) in pairs) KShortestPaths.Yen(g, s, d, k);
        });

        // Incremental reroute after one link failure: a seeded sample of links that carry routes (the
        // typical case) and the link the most routes use (the worst case), each against a full recompute.
        var table = RouteTable.FromAllPairs(AllPairs.Compute(g, null, threads));
        var used = new List<int>();
        var worst = -1;
        var worstCount = -1;
        for (var l = 0; l < g.LinkCount; l++)
        {
            var c = table.SourcesUsing(l).Length;
            if (c > 0) used.Add(l);
            if (c > worstCount) { worst = l; worstCount = c; }
        }
        var sample = used.OrderBy(_ => rng.Next()).Take(Math.Min(used.Count, linkSample)).ToList();
        var sampleTimes = new List<double>();
        var sampleAffected = new List<int>();
        var sampleSources = new List<int>();
        foreach (var l in sample)
        {
            var one = new LinkSet(g.LinkCount);
            one.Add(l);
            RerouteResult? r = null;
            sampleTimes.Add(Median(Math.Max(1, repeats / 4), () => r = IncrementalReroute.Apply(g, table, one, threads)));
            sampleAffected.Add(r!.AffectedPairs.Count);
            sampleSources.Add(r.SourcesRecomputed);
        }
        var failed = new LinkSet(g.LinkCount);
        if (worst >= 0) failed.Add(worst);
        RerouteResult? result = null;
        var worstMs = worst < 0 ? 0 : Median(repeats, () => result = IncrementalReroute.Apply(g, table, failed, threads));
        var fullMs = Median(repeats, () => AllPairs.Compute(g, failed, threads));

        return new PathBenchmark
        {
            Nodes = g.NodeCount,
            Links = g.LinkCount,
            Repeats = repeats,
            Threads = threads < 1 ? Environment.ProcessorCount : threads,
            ApspMs = apsp,
            ApspWithPathsMs = apspPaths,
            DistanceSum = sum,
            Unreachable = unreachable,
            K = k,
            KShortestPairs = pairs.Count,
            KShortestMs = kMs,
            SampledLinks = sample.Count,
            IncrementalMs = sampleTimes.Count == 0 ? 0 : MedianOf(sampleTimes),
            AffectedPairs = sampleAffected.Count == 0 ? 0 : (int)MedianOf(sampleAffected.Select(x => (double)x).ToList()),
            SourcesRecomputed = sampleSources.Count == 0 ? 0 : (int)MedianOf(sampleSources.Select(x => (double)x).ToList()),
            TotalPairs = (long)g.NodeCount * (g.NodeCount - 1),
            WorstLink = worst < 0 ? "" : t.Links[worst].Id,
            WorstAffectedPairs = result?.AffectedPairs.Count ?? 0,
            WorstSourcesRecomputed = result?.SourcesRecomputed ?? 0,
            WorstIncrementalMs = worstMs,
            FullRecomputeMs = fullMs,
        };
    }

    private static double MedianOf(List<double> values)
    {
        values.Sort();
        var n = values.Count;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private static double Median(int repeats, Action action)
    {
        action(); // warm-up: JIT, caches
        var times = new double[Math.Max(1, repeats)];
        for (var i = 0; i < times.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            action();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(times);
        return times.Length % 2 == 1 ? times[times.Length / 2] : (times[times.Length / 2 - 1] + times[times.Length / 2]) / 2;
    }
}
