using SdnController.Paths.Algorithms;
using SdnController.Paths.Graph;

namespace SdnController.Cli.Commands;

/// <summary>Each requested pair's route before and after the failures (and its K alternatives).</summary>
public sealed class RouteReport
{
    public sealed record PairRoute(int Source, int Target, GraphPath? Before, GraphPath? After, bool Rerouted, IReadOnlyList<GraphPath> Alternatives);

    private RouteReport(CompactGraph graph, List<PairRoute> pairs, int sourcesRecomputed, bool singlePair)
    {
        Graph = graph;
        Pairs = pairs;
        SourcesRecomputed = sourcesRecomputed;
        SinglePair = singlePair;
    }

    public CompactGraph Graph { get; }
    public IReadOnlyList<PairRoute> Pairs { get; }
    /// <summary>Sources the incremental reroute recomputed; -1 when the pairs were computed directly.</summary>
    public int SourcesRecomputed { get; }
    public bool SinglePair { get; }

    public static RouteReport Compute(CompactGraph g, int[] sources, int[] targets, LinkSet failed, int k, bool singlePair)
    {
        var pairs = new List<PairRoute>();
        var recomputed = -1;
        var everyPair = sources.Length == g.NodeCount && targets.Length == g.NodeCount;
        if (everyPair)
        {
            // All pairs: the incremental engine recomputes only the pairs the failures touch.
            var before = RouteTable.FromAllPairs(AllPairs.Compute(g));
            var after = before;
            var affected = new HashSet<(int, int)>();
            if (failed.Count > 0)
            {
                var result = IncrementalReroute.Apply(g, before, failed);
                after = result.Table;
                recomputed = result.SourcesRecomputed;
                foreach (var p in result.AffectedPairs) affected.Add(p);
            }
            foreach (var s in sources)
            foreach (var t in targets)
            {
                if (s == t) continue;
                pairs.Add(new PairRoute(s, t, PathOf(g, before, s, t), PathOf(g, after, s, t), affected.Contains((s, t)), Alternatives(g, s, t, failed, k)));
            }
        }
        else
        {
            var emptySet = new LinkSet(g.LinkCount);
            var beforeTrees = new Dictionary<int, ShortestPathTree>();
            var afterTrees = new Dictionary<int, ShortestPathTree>();
            foreach (var s in sources)
            foreach (var t in targets)
            {
                if (s == t && !singlePair) continue;
                if (!beforeTrees.TryGetValue(s, out var bt)) beforeTrees[s] = bt = Dijkstra.Run(g, s, emptySet);
                if (!afterTrees.TryGetValue(s, out var at)) afterTrees[s] = at = failed.Count > 0 ? Dijkstra.Run(g, s, failed) : bt;
                var before = bt.Reachable(t) ? GraphPath.FromLinks(g, s, bt.LinksTo(t)) : null;
                var after = at.Reachable(t) ? GraphPath.FromLinks(g, s, at.LinksTo(t)) : null;
                var rerouted = failed.Count > 0 && before is not null && before.Links.Any(failed.Contains);
                pairs.Add(new PairRoute(s, t, before, after, rerouted, Alternatives(g, s, t, failed, k)));
            }
        }
        return new RouteReport(g, pairs, recomputed, singlePair);
    }

    private static GraphPath? PathOf(CompactGraph g, RouteTable table, int s, int t) =>
        table.Reachable(s, t) ? GraphPath.FromLinks(g, s, table.Links(s, t)) : null;

    private static IReadOnlyList<GraphPath> Alternatives(CompactGraph g, int s, int t, LinkSet failed, int k) =>
        k > 1 ? KShortestPaths.Yen(g, s, t, k, failed) : Array.Empty<GraphPath>();
}
