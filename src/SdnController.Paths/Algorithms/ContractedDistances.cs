using SdnController.Paths.Graph;

namespace SdnController.Paths.Algorithms;

/// <summary>
/// All-pairs distances through a <see cref="ChainContraction"/>: Dijkstra runs only between kernel
/// nodes, then every row is expanded with d(x, y) = min over anchors a of x and b of y of
/// off(x, a) + dK(a, b) + off(b, y), plus the along-the-chain distance when x and y share a chain.
/// </summary>
internal static class ContractedDistances
{
    public static double[] Compute(CompactGraph g, ChainContraction c, int threads)
    {
        var n = g.NodeCount;
        var k = c.KernelCount;
        var kg = c.KernelGraph;
        var dk = new double[k * k];
        AllPairs.ForEachSourceRange(k, threads, () => new SearchHeap(k), (from, to, heap) =>
        {
            for (var s = from; s < to; s++) DijkstraCore.Distances(kg, s, null, dk.AsSpan(s * k, k), heap);
        });

        var dist = new double[n * n];
        var anchorL = c.AnchorL;
        var anchorR = c.AnchorR;
        var offL = c.OffL;
        var offR = c.OffR;
        AllPairs.ForEachSourceRange(n, threads, () => 0, (from, to, _) =>
        {
            for (var x = from; x < to; x++) ExpandRow(c, dk, k, x, dist.AsSpan(x * n, n), anchorL, anchorR, offL, offR);
        });
        return dist;
    }

    private static void ExpandRow(ChainContraction c, double[] dk, int k, int x, Span<double> row,
        int[] anchorL, int[] anchorR, double[] offL, double[] offR)
    {
        var o1 = offL[x];
        var o2 = offR[x];
        var rowA = new ReadOnlySpan<double>(dk, anchorL[x] * k, k);
        var rowB = new ReadOnlySpan<double>(dk, anchorR[x] * k, k);
        for (var y = 0; y < row.Length; y++)
        {
            int ya = anchorL[y], yb = anchorR[y];
            double pa = offL[y], pb = offR[y];
            var best = o1 + rowA[ya] + pa;
            var d = o1 + rowA[yb] + pb; if (d < best) best = d;
            d = o2 + rowB[ya] + pa; if (d < best) best = d;
            d = o2 + rowB[yb] + pb; if (d < best) best = d;
            row[y] = best;
        }
        var chain = c.ChainOf[x];
        if (chain >= 0)
        {
            // Within one chain the direct stretch may beat leaving through an end.
            for (var i = c.ChainStart[chain]; i < c.ChainStart[chain + 1]; i++)
            {
                var y = c.ChainNodes[i];
                var direct = Math.Abs(offL[x] - offL[y]);
                if (direct < row[y]) row[y] = direct;
            }
        }
        row[x] = 0;
    }
}
