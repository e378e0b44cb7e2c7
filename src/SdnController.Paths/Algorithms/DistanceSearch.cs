namespace SdnController.Paths.Algorithms;

/// <summary>
/// Single-source distances over <see cref="NeighbourLists"/>: the Dijkstra loop of the all-pairs
/// distance path. Writes into a caller-owned row so repeated searches allocate nothing.
/// </summary>
internal static class DistanceSearch
{
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
