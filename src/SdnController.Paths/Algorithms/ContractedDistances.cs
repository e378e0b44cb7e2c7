using System.Runtime.CompilerServices;
namespace SdnController.Paths.Algorithms;

/// <summary>
/// All-pairs distances through <see cref="PendantTrees"/> and <see cref="ChainContraction"/>:
/// Dijkstra runs only between kernel nodes, then rows are filled in two passes.
/// A core source's row combines the kernel rows of its (at most two) anchors once, spreads that
/// over chains from their two ends and over stripped trees from parents to children. A stripped
/// source's row is its root's row shifted by its depth, corrected inside its own tree.
/// </summary>
internal static class ContractedDistances
{
    public static double[] Compute(int n, PendantTrees trees, ChainContraction c, int threads)
    {
        var k = c.KernelCount;
        var dk = KernelDistances.Compute(c.Kernel, threads);

        // Every entry is written below, so the matrix need not be zeroed first.
        var dist = GC.AllocateUninitializedArray<double>(n * n);
        var inCore = trees.InCore;
        AllPairs.ForEachSourceRange(n, threads, () => new double[k], (from, to, through) =>
        {
            for (var x = from; x < to; x++)
                if (inCore[x]) CoreRow(trees, c, dk, x, dist.AsSpan(x * n, n), through);
        });
        if (trees.StrippedCount > 0)
        {
            // Needs the roots' rows, all written by the pass above.
            AllPairs.ForEachSourceRange(n, threads, () => new int[n], (from, to, mark) =>
            {
                for (var x = from; x < to; x++)
                    if (!inCore[x]) StrippedRow(trees, dist, n, x, mark);
            });
        }
        return dist;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CoreRow(PendantTrees trees, ChainContraction c, double[] dk, int x, Span<double> row, double[] scratch)
    {
        var k = c.KernelCount;
        // Distances from x to every kernel node: x leaves through one of its chain ends.
        ReadOnlySpan<double> toKernel;
        var kx = c.KernelOf[x];
        if (kx >= 0) toKernel = new ReadOnlySpan<double>(dk, kx * k, k);
        else
        {
            RowOps.MinOfOffsets(c.OffL[x], new ReadOnlySpan<double>(dk, c.AnchorL[x] * k, k),
                c.OffR[x], new ReadOnlySpan<double>(dk, c.AnchorR[x] * k, k), scratch);
            toKernel = scratch;
        }

        var kernelNodes = c.KernelNodes;
        for (var z = 0; z < kernelNodes.Length; z++) row[kernelNodes[z]] = toKernel[z];

        var chainStart = c.ChainStart;
        var chainNodes = c.ChainNodes;
        var offA = c.MemberOffA;
        var offB = c.MemberOffB;
        for (var ch = 0; ch + 1 < chainStart.Length; ch++)
        {
            var ta = toKernel[c.ChainEndA[ch]];
            var tb = toKernel[c.ChainEndB[ch]];
            for (int i = chainStart[ch], end = chainStart[ch + 1]; i < end; i++)
            {
                var viaA = ta + offA[i];
                var viaB = tb + offB[i];
                row[chainNodes[i]] = viaB < viaA ? viaB : viaA;
            }
        }

        var own = c.ChainOf[x];
        if (own >= 0)
        {
            // Along x's own chain the direct stretch may beat leaving through an end; sums run outward from x.
            var step = c.MemberStep;
            var at = c.MemberOf[x];
            var acc = 0.0;
            for (int i = at + 1, end = chainStart[own + 1]; i < end; i++)
            {
                acc += step[i];
                if (acc < row[chainNodes[i]]) row[chainNodes[i]] = acc;
            }
            acc = 0.0;
            for (var i = at - 1; i >= chainStart[own]; i--)
            {
                acc += step[i + 1];
                if (acc < row[chainNodes[i]]) row[chainNodes[i]] = acc;
            }
        }
        row[x] = 0;

        // A stripped node is reached only through its parent, and parents come first in Order.
        var order = trees.Order;
        var parent = trees.Parent;
        var parentWeight = trees.ParentWeight;
        foreach (var y in order) row[y] = row[parent[y]] + parentWeight[y];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void StrippedRow(PendantTrees trees, double[] dist, int n, int x, int[] mark)
    {
        var root = trees.Root[x];
        var row = dist.AsSpan(x * n, n);
        // Outside x's tree every path runs through its root.
        RowOps.AddOffset(trees.Depth[x], new ReadOnlySpan<double>(dist, root * n, n), row);

        // Inside it: up the ancestors directly, everything else through its parent (x is not below it).
        var parent = trees.Parent;
        var parentWeight = trees.ParentWeight;
        var stamp = x + 1;
        row[x] = 0;
        mark[x] = stamp;
        var acc = 0.0;
        for (var v = x; v != root;)
        {
            acc += parentWeight[v];
            v = parent[v];
            row[v] = acc;
            mark[v] = stamp;
        }
        var t = trees.TreeOf[x];
        var treeNodes = trees.TreeNodes;
        for (int i = trees.TreeStart[t], end = trees.TreeStart[t + 1]; i < end; i++)
        {
            var y = treeNodes[i];
            if (mark[y] != stamp) row[y] = row[parent[y]] + parentWeight[y];
        }
    }
}
