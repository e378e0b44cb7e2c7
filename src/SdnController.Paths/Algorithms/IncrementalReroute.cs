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
        var candidate = new bool[n];
        foreach (var l in failed.Members())
            foreach (var s in current.SourcesUsing(l)) candidate[s] = true;

        // Each worker copies its rows of the table and repairs the affected sources among them while
        // the rows are in cache. A repair relabels only the nodes below the failed links, so the work
        // follows the affected pairs, not the network size.
        var costs = GC.AllocateUninitializedArray<double>(n * n);
        var parents = GC.AllocateUninitializedArray<int>(n * n);
        var targetsOf = new int[n][]; // affected destinations per source; null when none
        AllPairs.ForEachSourceRange(n, threads, () => new Scratch(n), (from, to, scratch) =>
        {
            current.Costs.AsSpan(from * n, (to - from) * n).CopyTo(costs.AsSpan(from * n));
            current.ParentLinks.AsSpan(from * n, (to - from) * n).CopyTo(parents.AsSpan(from * n));
            var climb = scratch.Climb;
            for (var s = from; s < to; s++)
            {
                if (!candidate[s]) continue;
                current.AffectedTargets(s, failed, climb);
                if (climb.Targets.Count == 0) continue;
                var targets = climb.Targets.ToArray();
                targetsOf[s] = targets;
                DijkstraCore.Repair(g, failed, targets, scratch.Frozen, costs.AsSpan(s * n, n), climb.Hops, parents.AsSpan(s * n, n), scratch.ParentNode, scratch.Heap);
            }
        });

        var affected = new List<(int, int)>();
        var sourcesRecomputed = 0;
        for (var s = 0; s < n; s++)
        {
            if (targetsOf[s] is not { } targets) continue;
            sourcesRecomputed++;
            foreach (var t in targets) affected.Add((s, t));
        }
        var table = new RouteTable(g, failed.Clone(), costs, parents);
        return new RerouteResult(affected, sourcesRecomputed, table);
    }

    private sealed class Scratch(int n)
    {
        public readonly TreeClimb Climb = new(n);
        public readonly bool[] Frozen = Filled(n);
        public readonly int[] ParentNode = new int[n];
        public readonly SearchHeap Heap = new(n);

        private static bool[] Filled(int n)
        {
            var a = new bool[n];
            Array.Fill(a, true);
            return a;
        }
    }
}
