using System.Runtime.CompilerServices;
using SdnController.Paths.Graph;

namespace SdnController.Paths.Algorithms;

/// <summary>
/// The one Dijkstra loop every algorithm here shares. It writes into caller-owned spans (a row of an
/// all-pairs matrix or a reusable scratch buffer), so repeated searches allocate nothing.
/// </summary>
/// <remarks>
/// Labels are the pair (distance, hops), compared lexicographically; each link adds (weight, 1).
/// Because the hop part of every link is positive, every predecessor that ties on a node's final
/// label has a strictly smaller label and is settled (and has relaxed the node) before the node
/// itself. Choosing, among those, the smallest (parent node, link) index is therefore independent
/// of heap order: the tree is a pure function of the graph and the failed set.
/// </remarks>
internal static class DijkstraCore
{
    /// <summary>
    /// Full search from <paramref name="source"/>. When <paramref name="stopAt"/> ≥ 0 the search ends
    /// once that node is settled; only its label (and its path's labels) are then final.
    /// Nodes flagged in <paramref name="blockedNodes"/> are never entered.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Search(
        CompactGraph g, int source, LinkSet? failed, bool[]? blockedNodes, int stopAt,
        Span<double> dist, Span<int> hops, Span<int> parentLink, Span<int> parentNode, SearchHeap heap)
    {
        dist.Fill(double.PositiveInfinity);
        hops.Fill(int.MaxValue);
        parentLink.Fill(-1);
        parentNode.Fill(-1);
        heap.Clear();

        dist[source] = 0;
        hops[source] = 0;
        heap.Upsert(source, 0, 0);
        Settle(g, failed, blockedNodes, stopAt, dist, hops, parentLink, parentNode, heap);
    }

    /// <summary>
    /// Repairs one source's tree after failures: only the nodes in <paramref name="affected"/> (those
    /// whose tree path crossed a failed link) are relabelled; every other label is still final, since
    /// failures only remove links. The affected nodes are seeded from their live unaffected
    /// neighbours and settled by the same label and tie rule as <see cref="Search"/>, so the repaired
    /// tree equals a full search's. <paramref name="hops"/> must hold the current hop counts.
    /// </summary>
    /// <remarks><paramref name="frozen"/> must be all true on entry; it is all true again on return.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Repair(
        CompactGraph g, LinkSet failed, ReadOnlySpan<int> affected, bool[] frozen,
        Span<double> dist, Span<int> hops, Span<int> parentLink, Span<int> parentNode, SearchHeap heap)
    {
        var offsets = g.Offsets;
        var adjNode = g.AdjNode;
        var adjLink = g.AdjLink;
        var weight = g.Weight;
        heap.Clear();
        foreach (var v in affected)
        {
            frozen[v] = false;
            dist[v] = double.PositiveInfinity;
            hops[v] = int.MaxValue;
            parentLink[v] = -1;
        }
        foreach (var v in affected)
        {
            var bestD = double.PositiveInfinity;
            var bestH = int.MaxValue;
            int bestU = -1, bestL = -1;
            for (int i = offsets[v], end = offsets[v + 1]; i < end; i++)
            {
                var l = adjLink[i];
                var u = adjNode[i];
                if (!frozen[u] || failed.Contains(l) || double.IsPositiveInfinity(dist[u])) continue;
                var nd = dist[u] + weight[l];
                var nh = hops[u] + 1;
                if (nd < bestD || (nd == bestD && (nh < bestH || (nh == bestH && (u < bestU || (u == bestU && l < bestL))))))
                {
                    bestD = nd; bestH = nh; bestU = u; bestL = l;
                }
            }
            if (bestU < 0) continue;
            dist[v] = bestD;
            hops[v] = bestH;
            parentLink[v] = bestL;
            parentNode[v] = bestU;
            heap.Upsert(v, bestD, bestH);
        }
        // Frozen (unaffected) nodes keep their final labels, so only affected nodes are entered.
        Settle(g, failed, frozen, -1, dist, hops, parentLink, parentNode, heap);
        foreach (var v in affected) frozen[v] = true;
    }

    /// <summary>
    /// The Dijkstra main loop shared by <see cref="Search"/> and <see cref="Repair"/>: pops queued
    /// nodes and relaxes their links under the (distance, hops) label and (parent, link) tie rule.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Settle(
        CompactGraph g, LinkSet? failed, bool[]? blockedNodes, int stopAt,
        Span<double> dist, Span<int> hops, Span<int> parentLink, Span<int> parentNode, SearchHeap heap)
    {
        var offsets = g.Offsets;
        var adjNode = g.AdjNode;
        var adjLink = g.AdjLink;
        var weight = g.Weight;
        while (heap.Count > 0)
        {
            var u = heap.Pop();
            if (u == stopAt) break;
            var du = dist[u];
            var hu = hops[u] + 1;
            for (int i = offsets[u], end = offsets[u + 1]; i < end; i++)
            {
                var v = adjNode[i];
                if (blockedNodes is not null && blockedNodes[v]) continue;
                var l = adjLink[i];
                if (failed is not null && failed.Contains(l)) continue;
                var nd = du + weight[l];
                var dv = dist[v];
                if (nd < dv || (nd == dv && hu < hops[v]))
                {
                    dist[v] = nd;
                    hops[v] = hu;
                    parentLink[v] = l;
                    parentNode[v] = u;
                    heap.Upsert(v, nd, hu);
                }
                else if (nd == dv && hu == hops[v] && (u < parentNode[v] || (u == parentNode[v] && l < parentLink[v])))
                {
                    // Same label, smaller (parent, link): only the tree changes, not the queue.
                    parentLink[v] = l;
                    parentNode[v] = u;
                }
            }
        }
    }

    /// <summary>Links of the tree path source → target, in travel order; empty when unreachable or target is the source.</summary>
    public static int[] LinksTo(ReadOnlySpan<int> parentLink, CompactGraph g, int source, int target)
    {
        if (target == source || parentLink[target] < 0) return [];
        var count = 0;
        for (var v = target; v != source; v = g.Other(parentLink[v], v)) count++;
        var links = new int[count];
        for (var v = target; v != source; v = g.Other(parentLink[v], v)) links[--count] = parentLink[v];
        return links;
    }

    /// <summary>Nodes of the tree path source → target; [source] for the source itself, empty when unreachable.</summary>
    public static int[] PathTo(ReadOnlySpan<int> parentLink, CompactGraph g, int source, int target)
    {
        if (target == source) return [source];
        if (parentLink[target] < 0) return [];
        var count = 1;
        for (var v = target; v != source; v = g.Other(parentLink[v], v)) count++;
        var nodes = new int[count];
        for (var v = target; ; v = g.Other(parentLink[v], v))
        {
            nodes[--count] = v;
            if (v == source) break;
        }
        return nodes;
    }
}
