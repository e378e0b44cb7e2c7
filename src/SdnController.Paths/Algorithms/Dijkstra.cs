using SdnController.Paths.Graph;

namespace SdnController.Paths.Algorithms;

/// <summary>
/// Single-source shortest paths over a <see cref="CompactGraph"/> with non-negative link weights.
/// </summary>
/// <remarks>
/// <para><b>Tie-breaking (the rule every algorithm in this namespace inherits).</b> Among all paths
/// of minimum cost, only those with the fewest hops are eligible. Then, walking back from the
/// target, each node's parent is the smallest node index among its eligible predecessors, and among
/// parallel links to that parent the smallest link index. Formally, with labels
/// λ(v) = (dist(v), hops(v)) minimal lexicographically, parent(v) = min over links l = (u, v) with
/// λ(u) + (w(l), 1) = λ(v) of the pair (u, l).</para>
/// <para>Costs are compared exactly as IEEE doubles (a path's cost is the left-to-right sum of its
/// link weights), so the choice depends only on the graph and the failed set, never on the heap's
/// internal order or on how many threads run searches. Failing links never changes the choice for
/// a node whose chosen path avoids them (its candidates can only shrink), which is what lets
/// <see cref="IncrementalReroute"/> keep unaffected routes.</para>
/// </remarks>
public static class Dijkstra
{
    /// <summary>Shortest-path tree from <paramref name="source"/>, skipping links in <paramref name="failed"/>.</summary>
    public static ShortestPathTree Run(CompactGraph g, int source, LinkSet? failed = null)
    {
        ArgumentNullException.ThrowIfNull(g);
        GraphArgs.Node(g, source, nameof(source));
        GraphArgs.Failed(g, failed);
        var n = g.NodeCount;
        var dist = new double[n];
        var hops = new int[n];
        var parentLink = new int[n];
        var parentNode = new int[n];
        DijkstraCore.Search(g, source, failed, null, -1, dist, hops, parentLink, parentNode, new SearchHeap(n));
        return new ShortestPathTree(g, source, dist, hops, parentLink, parentNode);
    }
}
