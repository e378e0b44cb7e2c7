using System.Runtime.CompilerServices;
namespace SdnController.Paths.Algorithms;

/// <summary>
/// All-pairs distances on a small graph (the kernel of a <see cref="ChainContraction"/>), as a dense
/// row-major k × k matrix. Dijkstra runs only from nodes outside a greedy independent set; a row of
/// a node in the set then follows from its neighbours' rows, d(s, v) = min over neighbours w of
/// c(s, w) + d(w, v), which costs a few vector passes instead of a search. On WAN kernels (mostly
/// degree 3) that removes about a third of the searches.
/// </summary>
internal static class KernelDistances
{
    public static double[] Compute(NeighbourLists adj, int threads)
    {
        var k = adj.NodeCount;
        var dk = new double[k * k];
        var filled = IndependentSet(adj);
        var searched = new int[k - filled.Length];
        var isFilled = new bool[k];
        foreach (var s in filled) isFilled[s] = true;
        for (int s = 0, j = 0; s < k; s++) if (!isFilled[s]) searched[j++] = s;

        AllPairs.ForEachSourceRange(searched.Length, threads, () => new DistanceHeap(k), (from, to, heap) =>
        {
            for (var i = from; i < to; i++) DistanceSearch.Run(adj, searched[i], dk.AsSpan(searched[i] * k, k), heap);
        });
        AllPairs.ForEachSourceRange(filled.Length, threads, () => 0, (from, to, _) =>
        {
            for (var i = from; i < to; i++) FillFromNeighbours(adj, dk, k, filled[i]);
        });
        return dk;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FillFromNeighbours(NeighbourLists adj, double[] dk, int k, int s)
    {
        var row = dk.AsSpan(s * k, k);
        var start = adj.Start[s];
        var end = adj.Start[s + 1];
        if (start == end) row.Fill(double.PositiveInfinity);
        else
        {
            RowOps.AddOffset(adj.Weight[start], new ReadOnlySpan<double>(dk, adj.Node[start] * k, k), row);
            for (var i = start + 1; i < end; i++)
                RowOps.MinWithOffset(adj.Weight[i], new ReadOnlySpan<double>(dk, adj.Node[i] * k, k), row);
        }
        row[s] = 0;
    }

    /// <summary>Greedy maximal independent set, lowest degree first (ties by index), so it is large and its rows cheap.</summary>
    private static int[] IndependentSet(NeighbourLists adj)
    {
        var k = adj.NodeCount;
        var byDegree = new int[k];
        var degrees = new int[k];
        for (var s = 0; s < k; s++) { byDegree[s] = s; degrees[s] = adj.Degree(s); }
        Array.Sort(degrees, byDegree); // keys equal only for equal degrees; the index tie-break is restored below
        var blocked = new bool[k];
        var chosen = new List<int>();
        for (int i = 0; i < k;)
        {
            // One degree class at a time, in index order, keeps the choice a pure function of the graph.
            var j = i;
            while (j < k && degrees[j] == degrees[i]) j++;
            Array.Sort(byDegree, i, j - i);
            for (var p = i; p < j; p++)
            {
                var s = byDegree[p];
                if (blocked[s]) continue;
                chosen.Add(s);
                blocked[s] = true;
                for (var e = adj.Start[s]; e < adj.Start[s + 1]; e++) blocked[adj.Node[e]] = true;
            }
            i = j;
        }
        chosen.Sort();
        return chosen.ToArray();
    }
}
