using System.Runtime.CompilerServices;
namespace SdnController.Paths.Algorithms;

/// <summary>
/// Single-source distances over <see cref="NeighbourLists"/>: the Dijkstra loop of the all-pairs
/// distance path. Writes into a caller-owned row so repeated searches allocate nothing.
/// </summary>
/// <remarks>
/// The all-pairs distance path's hot methods are marked AggressiveOptimization: a run calls each of
/// them only a few hundred times, so tiered compilation would keep them in unoptimised code for
/// the first dozens of runs (a whole benchmark), several times slower.
/// </remarks>
internal static class DistanceSearch
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(NeighbourLists adj, int source, Span<double> dist, DistanceHeap heap)
    {
        dist.Fill(double.PositiveInfinity);
        heap.Clear();
        var start = adj.Start;
        var node = adj.Node;
        var weight = adj.Weight;
        dist[source] = 0;
        heap.Upsert(source, 0);
        while (heap.Count > 0)
        {
            var u = heap.Pop();
            var du = dist[u];
            for (int i = start[u], end = start[u + 1]; i < end; i++)
            {
                var v = node[i];
                var nd = du + weight[i];
                if (nd < dist[v])
                {
                    dist[v] = nd;
                    heap.Upsert(v, nd);
                }
            }
        }
    }
}
