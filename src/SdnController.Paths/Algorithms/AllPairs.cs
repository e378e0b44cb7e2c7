using System.Collections.Concurrent;
using SdnController.Paths.Graph;

namespace SdnController.Paths.Algorithms;

/// <summary>
/// All-pairs shortest paths: one Dijkstra per source, each writing straight into its row of the
/// result, optionally spread over threads. Sources are independent and each row is a pure function
/// of the graph (see <see cref="Dijkstra"/>), so the result is identical for any thread count.
/// </summary>
public static class AllPairs
{
    /// <summary>Distances and shortest-path trees for every source.</summary>
    /// <param name="maxDegreeOfParallelism">-1 for all cores, 1 for a plain loop on the caller's thread.</param>
    public static AllPairsResult Compute(CompactGraph g, LinkSet? failed = null, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(g);
        GraphArgs.Failed(g, failed);
        var threads = GraphArgs.Parallelism(maxDegreeOfParallelism);
        var n = g.NodeCount;
        var dist = new double[n * n];
        var parent = new int[n * n];
        ForEachSourceRange(n, threads, () => new TreeScratch(n), (from, to, scratch) =>
        {
            for (var s = from; s < to; s++)
                DijkstraCore.Search(g, s, failed, null, -1,
                    dist.AsSpan(s * n, n), scratch.Hops, parent.AsSpan(s * n, n), scratch.ParentNode, scratch.Heap);
        });
        return new AllPairsResult(g, failed, dist, parent);
    }

    /// <summary>
    /// Distances only (no paths): the benchmark variant. Trees hanging off the graph are stripped
    /// (see <see cref="PendantTrees"/>) and chains of degree-2 nodes contracted (see
    /// <see cref="ChainContraction"/>); when that removes a real share of the nodes, Dijkstra runs on
    /// the remaining kernel only and rows are expanded from it. Values equal <see cref="Compute"/>'s
    /// up to floating-point rounding (sums are taken in a different order); exact for integer weights.
    /// </summary>
    public static AllPairsResult Distances(CompactGraph g, LinkSet? failed = null, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(g);
        GraphArgs.Failed(g, failed);
        var threads = GraphArgs.Parallelism(maxDegreeOfParallelism);
        var n = g.NodeCount;
        var adj = NeighbourLists.FromGraph(g, failed);
        var trees = PendantTrees.Build(adj);
        var core = trees.StrippedCount > 0 ? adj.Restrict(trees.InCore) : adj;
        var contraction = ChainContraction.Build(core, trees.InCore);
        // Expanding a row entry costs a few loads against a heap operation per entry for Dijkstra, so
        // the reduction pays as soon as it removes a small share of the nodes; below that its
        // expansion passes are pure overhead.
        var dist = (n - contraction.KernelCount) * 16 >= n
            ? ContractedDistances.Compute(n, trees, contraction, threads)
            : PlainDistances(adj, threads);
        return new AllPairsResult(g, failed, dist, null);
    }

    internal static double[] PlainDistances(NeighbourLists adj, int threads)
    {
        var n = adj.NodeCount;
        var dist = GC.AllocateUninitializedArray<double>(n * n);
        ForEachSourceRange(n, threads, () => new DistanceHeap(n), (from, to, heap) =>
        {
            for (var s = from; s < to; s++) DistanceSearch.Run(adj, s, dist.AsSpan(s * n, n), heap);
        });
        return dist;
    }

    /// <summary>Runs <paramref name="body"/> over contiguous source ranges, one scratch per worker.</summary>
    internal static void ForEachSourceRange<TScratch>(int n, int threads, Func<TScratch> newScratch, Action<int, int, TScratch> body)
    {
        if (threads <= 1 || n < 64)
        {
            body(0, n, newScratch());
            return;
        }
        // A few ranges per worker balance uneven sources without per-source scheduling cost.
        var chunk = Math.Max(8, n / (threads * 8));
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
        Parallel.ForEach(Partitioner.Create(0, n, chunk), options, newScratch,
            (range, _, scratch) => { body(range.Item1, range.Item2, scratch); return scratch; },
            _ => { });
    }

    private sealed class TreeScratch(int n)
    {
        public readonly int[] Hops = new int[n];
        public readonly int[] ParentNode = new int[n];
        public readonly SearchHeap Heap = new(n);
    }
}
