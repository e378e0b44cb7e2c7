using SdnController.Paths.Algorithms;
using SdnController.Paths.Graph;

namespace SdnController.Paths.Protection;

/// <summary>
/// Backups for every hop of a primary path (fast-failover protection): for the link from node i to node
/// i + 1 of the primary, a path from node i to the primary's last node that avoids that link, chosen in
/// this order (first that exists wins, shortest under the graph's weights within a tier):
/// <list type="number">
/// <item><see cref="BackupKind.Disjoint"/>: no primary link, not through node i + 1 (unless it is the destination);</item>
/// <item><see cref="BackupKind.LinkDisjoint"/>: no primary link;</item>
/// <item><see cref="BackupKind.LoopFreeAlternate"/>: not the failed link, not node i + 1 (covers the switch);</item>
/// <item><see cref="BackupKind.LoopFreeAlternate"/>: not the failed link;</item>
/// <item>else <see cref="BackupKind.None"/>: the link is a bridge between node i and the destination.</item>
/// </list>
/// </summary>
/// <remarks>
/// Every backup is a simple path, so a packet detoured at node i and forwarded along it by rules of its own
/// (see the controller's detour tags) reaches the destination without a loop whatever the primary's rules say.
/// One instance per graph; reuses its search arrays (not thread-safe). A hop costs at most four searches that
/// stop at the destination; one unweighted sweep per path first finds the switches with no primary-disjoint way to
/// the destination at all, whose hops skip the two disjoint tiers (on sparse networks most searches that fail).
/// </remarks>
public sealed class BackupPaths
{
    private readonly CompactGraph _g;
    private readonly DistanceHeap _heap;
    private readonly double[] _dist;
    private readonly int[] _prevLink;
    private readonly int[] _reached;   // search stamp: _dist/_prevLink valid for this search
    private readonly int[] _settled;   // search stamp: node popped
    private readonly int[] _onPrimary; // call stamp: link is on the primary
    // Call stamp: node reachable from the primary's destination without primary or failed links. A hop whose switch
    // is not has no primary-disjoint backup, so its first two tiers are skipped instead of searched to exhaustion.
    private readonly int[] _disjointReach;
    private readonly int[] _stack;
    private int _search;
    private int _call;

    public BackupPaths(CompactGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        _g = graph;
        _heap = new DistanceHeap(graph.NodeCount);
        _dist = new double[graph.NodeCount];
        _prevLink = new int[graph.NodeCount];
        _reached = new int[graph.NodeCount];
        _settled = new int[graph.NodeCount];
        _onPrimary = new int[graph.LinkCount];
        _disjointReach = new int[graph.NodeCount];
        _stack = new int[graph.NodeCount];
    }

    public CompactGraph Graph => _g;

    /// <summary>
    /// One backup per link of the primary (<paramref name="nodes"/>[i] → <paramref name="nodes"/>[i + 1] over
    /// <paramref name="links"/>[i]), each to the last node, under the <paramref name="failed"/> links (null: none).
    /// </summary>
    public HopBackup[] Compute(ReadOnlySpan<int> nodes, ReadOnlySpan<int> links, LinkSet? failed)
    {
        if (nodes.Length != links.Length + 1) throw new ArgumentException("a path has one more node than links");
        var result = new HopBackup[links.Length];
        if (links.Length == 0) return result;
        var call = NextCall();
        foreach (var l in links) _onPrimary[l] = call;
        var target = nodes[^1];
        MarkDisjointReach(target, call, failed);
        for (var i = 0; i < links.Length; i++)
            result[i] = ForHop(i, nodes[i], nodes[i + 1], links[i], target, failed, call);
        return result;
    }

    /// <summary>Backup of the single hop <paramref name="hop"/> of the primary (see <see cref="Compute"/>).</summary>
    public HopBackup ComputeHop(ReadOnlySpan<int> nodes, ReadOnlySpan<int> links, int hop, LinkSet? failed)
    {
        if (nodes.Length != links.Length + 1) throw new ArgumentException("a path has one more node than links");
        if ((uint)hop >= (uint)links.Length) throw new ArgumentOutOfRangeException(nameof(hop));
        var call = NextCall();
        foreach (var l in links) _onPrimary[l] = call;
        MarkDisjointReach(nodes[^1], call, failed);
        return ForHop(hop, nodes[hop], nodes[hop + 1], links[hop], nodes[^1], failed, call);
    }

    private HopBackup ForHop(int hop, int from, int next, int link, int target, LinkSet? failed, int call)
    {
        var avoidNext = next != target ? next : -1;
        // Covering the next switch means nothing when it is the destination itself.
        var coversSwitch = avoidNext >= 0;
        // Unreachable without primary links: both primary-disjoint searches would fail (after exploring everything).
        var disjointPossible = _disjointReach[from] == call;
        if (disjointPossible && Search(from, target, link, avoidNext, call, failed) is { } p1) return HopBackup.Of(hop, BackupKind.Disjoint, coversSwitch, p1);
        if (disjointPossible && avoidNext >= 0 && Search(from, target, link, -1, call, failed) is { } p2) return HopBackup.Of(hop, BackupKind.LinkDisjoint, false, p2);
        if (Search(from, target, link, avoidNext, 0, failed) is { } p3) return HopBackup.Of(hop, BackupKind.LoopFreeAlternate, coversSwitch, p3);
        if (avoidNext >= 0 && Search(from, target, link, -1, 0, failed) is { } p4) return HopBackup.Of(hop, BackupKind.LoopFreeAlternate, false, p4);
        var reason = $"link {_g.NodeIds[from]}-{_g.NodeIds[next]} is a bridge: no other path to {_g.NodeIds[target]}";
        if (failed is { Count: > 0 }) reason += $" ({failed.Count} link{(failed.Count == 1 ? "" : "s")} down)";
        return HopBackup.Unprotected(hop, reason);
    }

    private int NextCall()
    {
        if (++_call == int.MaxValue)
        {
            Array.Clear(_onPrimary);
            Array.Clear(_disjointReach);
            _call = 1;
        }
        return _call;
    }

    /// <summary>Stamps every node joined to <paramref name="target"/> by links neither on the primary nor failed (a graph search, no weights).</summary>
    private void MarkDisjointReach(int target, int call, LinkSet? failed)
    {
        var offsets = _g.Offsets;
        var adjNode = _g.AdjNode;
        var adjLink = _g.AdjLink;
        var top = 0;
        _disjointReach[target] = call;
        _stack[top++] = target;
        while (top > 0)
        {
            var u = _stack[--top];
            for (var e = offsets[u]; e < offsets[u + 1]; e++)
            {
                int v = adjNode[e], l = adjLink[e];
                if (_disjointReach[v] == call || _onPrimary[l] == call) continue;
                if (failed is not null && failed.Contains(l)) continue;
                _disjointReach[v] = call;
                _stack[top++] = v;
            }
        }
    }

    /// <summary>
    /// Shortest path from source to target avoiding <paramref name="link"/>, the node <paramref name="avoidNode"/>
    /// (-1: none), failed links and, when <paramref name="primaryCall"/> is nonzero, every primary link.
    /// </summary>
    private GraphPath? Search(int source, int target, int link, int avoidNode, int primaryCall, LinkSet? failed)
    {
        if (++_search == int.MaxValue)
        {
            Array.Clear(_reached);
            Array.Clear(_settled);
            _search = 1;
        }
        var s = _search;
        var g = _g;
        var offsets = g.Offsets;
        var adjNode = g.AdjNode;
        var adjLink = g.AdjLink;
        var weight = g.Weight;
        var heap = _heap;
        heap.Clear();
        _dist[source] = 0;
        _prevLink[source] = -1;
        _reached[source] = s;
        heap.Upsert(source, 0);
        while (heap.Count > 0)
        {
            var u = heap.Pop();
            _settled[u] = s;
            if (u == target) return Walk(source, target);
            var du = _dist[u];
            for (var e = offsets[u]; e < offsets[u + 1]; e++)
            {
                int v = adjNode[e], l = adjLink[e];
                if (l == link || v == avoidNode || _settled[v] == s) continue;
                if (primaryCall != 0 && _onPrimary[l] == primaryCall) continue;
                if (failed is not null && failed.Contains(l)) continue;
                var dv = du + weight[l];
                if (_reached[v] == s && !(dv < _dist[v])) continue;
                _reached[v] = s;
                _dist[v] = dv;
                _prevLink[v] = l;
                heap.Upsert(v, dv);
            }
        }
        heap.Clear();
        return null;
    }

    private GraphPath Walk(int source, int target)
    {
        var hops = 0;
        for (var v = target; v != source; v = _g.Other(_prevLink[v], v)) hops++;
        var links = new int[hops];
        var v2 = target;
        for (var k = hops - 1; k >= 0; k--)
        {
            links[k] = _prevLink[v2];
            v2 = _g.Other(links[k], v2);
        }
        _heap.Clear();
        return GraphPath.FromLinks(_g, source, links);
    }
}
