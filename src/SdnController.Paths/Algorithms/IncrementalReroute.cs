using SdnController.Paths.Graph;

namespace SdnController.Paths.Algorithms;

/// <summary>
/// Reroutes after link failures by recomputing only the sources that had a route over a failed link.
/// </summary>
/// <remarks>
/// Failures only remove links, so an unaffected route stays valid and shortest. Under the
/// <see cref="Dijkstra"/> tie rule it is even the route a full recompute would choose: each node
/// on it keeps its (distance, hops) label and its candidate parents can only shrink, so the
/// smallest one is unchanged. Hence the updated table equals a full recompute under the same
/// failures for every pair, not only in cost. Restoring links can shorten routes anywhere and needs
/// a full recompute; <see cref="Apply"/> therefore requires <c>failed</c> to include the table's
/// earlier failures.
/// </remarks>
public static class IncrementalReroute
{
    /// <param name="failed">All links down now (a superset of <see cref="RouteTable.Failed"/>).</param>
    public static RerouteResult Apply(CompactGraph g, RouteTable current, LinkSet failed, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(g);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(failed);
        if (!ReferenceEquals(g, current.Graph)) throw new ArgumentException("the route table was built for a different graph", nameof(current));
        GraphArgs.Failed(g, failed);
        var threads = GraphArgs.Parallelism(maxDegreeOfParallelism);
        foreach (var l in current.Failed.Members())
            if (!failed.Contains(l)) throw new ArgumentException($"link {l} was failed in the route table but is not in the new failed set; restoring links needs a full recompute", nameof(failed));

        var n = g.NodeCount;
        var candidates = new SortedSet<int>();
        foreach (var l in failed.Members())
            foreach (var s in current.SourcesUsing(l)) candidates.Add(s);

        var affected = new List<(int, int)>();
        var sources = new List<int>();
        var targetsOf = new List<int[]>();

        var state = new byte[n];
        var targets = new List<int>();
        foreach (var s in candidates)
        {
            current.AffectedTargets(s, failed, state, targets);
            if (targets.Count == 0) continue;
            sources.Add(s);
            targetsOf.Add(targets.ToArray());
            foreach (var t in targets) affected.Add((s, t));
        }

        // Repair each affected source's tree in place of a full search: only the nodes below the
        // failed links are relabelled, so the work follows the affected pairs, not the network size.
        var costs = (double[])current.Costs.Clone();
        var parents = (int[])current.ParentLinks.Clone();
        AllPairs.ForEachSourceRange(sources.Count, threads, () => new Scratch(n), (from, to, scratch) =>
        {
            for (var i = from; i < to; i++)
            {
                var s = sources[i];
                var row = parents.AsSpan(s * n, n);
                DijkstraCore.HopsOf(g, s, row, scratch.Hops, scratch.Trail);
                DijkstraCore.Repair(g, failed, targetsOf[i], scratch.InAffected, costs.AsSpan(s * n, n), scratch.Hops, row, scratch.Heap);
            }
        });
        var table = new RouteTable(g, failed.Clone(), costs, parents);

        return new RerouteResult(affected, sources.Count, table);
    }

    private sealed class Scratch(int n)
    {
        public readonly int[] Hops = new int[n];
        public readonly bool[] InAffected = new bool[n];
        public readonly List<int> Trail = new();
        public readonly SearchHeap Heap = new(n);
    }
}
