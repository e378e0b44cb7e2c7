using SdnController.Paths.Graph;

namespace SdnController.Paths.Algorithms;

/// <summary>
/// Primary + backup path pairs of minimum total cost (Suurballe / Bhandari as a two-unit min-cost
/// flow), and the maximum number of disjoint paths (unit-capacity max-flow).
/// </summary>
/// <remarks>
/// Each working link becomes an arc in both directions. Should the optimum send flow both ways
/// over one link (possible only with zero-weight links) the two units cancel, which never raises
/// the cost. The flow is then split into two walks from the source; any cycle a walk picks up is
/// cut out (weights are non-negative, so that cannot raise the cost either). Deterministic: the
/// network is built in link order and the searches break ties on hops, then node index.
/// </remarks>
public static class DisjointPaths
{
    /// <summary>Two paths sharing no link, minimizing their total cost; null when no such pair exists.</summary>
    public static DisjointPair? LinkDisjoint(CompactGraph g, int s, int t, LinkSet? failed = null)
    {
        Check(g, s, t, failed);
        var net = LinkNetwork(g, failed, out var arcOf);
        if (!net.AugmentCheapest(s, t) || !net.AugmentCheapest(s, t)) return null;
        CancelOpposingFlow(net, arcOf);
        return Decompose(g, net, s, t, s, t);
    }

    /// <summary>
    /// Two paths sharing no link and no intermediate node, minimizing their total cost; null when no
    /// such pair exists. Two parallel links directly between s and t count as a node-disjoint pair.
    /// </summary>
    public static DisjointPair? NodeDisjoint(CompactGraph g, int s, int t, LinkSet? failed = null)
    {
        Check(g, s, t, failed);
        var net = NodeNetwork(g, s, t, failed, out var arcOf);
        if (!net.AugmentCheapest(Out(s), In(t)) || !net.AugmentCheapest(Out(s), In(t))) return null;
        CancelOpposingFlow(net, arcOf);
        return Decompose(g, net, s, t, Out(s), In(t));
    }

    /// <summary>Maximum number of pairwise link-disjoint s–t paths.</summary>
    public static int MaxLinkDisjointCount(CompactGraph g, int s, int t, LinkSet? failed = null)
    {
        Check(g, s, t, failed);
        return LinkNetwork(g, failed, out _).MaxFlow(s, t);
    }

    /// <summary>Maximum number of s–t paths pairwise sharing no link and no intermediate node.</summary>
    public static int MaxNodeDisjointCount(CompactGraph g, int s, int t, LinkSet? failed = null)
    {
        Check(g, s, t, failed);
        return NodeNetwork(g, s, t, failed, out _).MaxFlow(Out(s), In(t));
    }

    private static int In(int v) => 2 * v;
    private static int Out(int v) => 2 * v + 1;

    private static void Check(CompactGraph g, int s, int t, LinkSet? failed)
    {
        ArgumentNullException.ThrowIfNull(g);
        GraphArgs.Node(g, s, nameof(s));
        GraphArgs.Node(g, t, nameof(t));
        GraphArgs.Failed(g, failed);
        if (s == t) throw new ArgumentException($"disjoint paths need two different endpoints (both are node {s})", nameof(t));
    }

    /// <summary>arcOf[2l] / arcOf[2l+1]: the A→B and B→A arcs of link l (-1 when the link is unusable).</summary>
    internal static UnitFlowNetwork LinkNetwork(CompactGraph g, LinkSet? failed, out int[] arcOf)
    {
        var net = new UnitFlowNetwork(g.NodeCount);
        arcOf = new int[2 * g.LinkCount];
        Array.Fill(arcOf, -1);
        for (var l = 0; l < g.LinkCount; l++)
        {
            int a = g.LinkA[l], b = g.LinkB[l];
            if (a == b || (failed is not null && failed.Contains(l))) continue;
            arcOf[2 * l] = net.ArcCount;
            net.AddArc(a, b, 1, g.Weight[l], l);
            arcOf[2 * l + 1] = net.ArcCount;
            net.AddArc(b, a, 1, g.Weight[l], l);
        }
        return net;
    }

    /// <summary>Node splitting: every node but s and t passes at most one unit from its in- to its out-copy.</summary>
    private static UnitFlowNetwork NodeNetwork(CompactGraph g, int s, int t, LinkSet? failed, out int[] arcOf)
    {
        var n = g.NodeCount;
        var net = new UnitFlowNetwork(2 * n);
        for (var v = 0; v < n; v++) net.AddArc(In(v), Out(v), v == s || v == t ? 2 : 1, 0, -1);
        arcOf = new int[2 * g.LinkCount];
        Array.Fill(arcOf, -1);
        for (var l = 0; l < g.LinkCount; l++)
        {
            int a = g.LinkA[l], b = g.LinkB[l];
            if (a == b || (failed is not null && failed.Contains(l))) continue;
            arcOf[2 * l] = net.ArcCount;
            net.AddArc(Out(a), In(b), 1, g.Weight[l], l);
            arcOf[2 * l + 1] = net.ArcCount;
            net.AddArc(Out(b), In(a), 1, g.Weight[l], l);
        }
        return net;
    }

    private static void CancelOpposingFlow(UnitFlowNetwork net, int[] arcOf)
    {
        for (var i = 0; i < arcOf.Length; i += 2)
        {
            int ab = arcOf[i], ba = arcOf[i + 1];
            if (ab < 0) continue;
            var both = Math.Min(net.Flow(ab), net.Flow(ba));
            if (both <= 0) continue;
            net.CancelFlow(ab, both);
            net.CancelFlow(ba, both);
        }
    }

    private static DisjointPair Decompose(CompactGraph g, UnitFlowNetwork net, int s, int t, int from, int to)
    {
        var used = new bool[net.ArcCount];
        var first = Walk(g, net, used, s, from, to);
        var second = Walk(g, net, used, s, from, to);
        return GraphPath.Compare(first, second) <= 0 ? new DisjointPair(first, second) : new DisjointPair(second, first);
    }

    /// <summary>Follows unused flow-carrying arcs from <paramref name="from"/> to <paramref name="to"/>, then erases loops.</summary>
    private static GraphPath Walk(CompactGraph g, UnitFlowNetwork net, bool[] used, int s, int from, int to)
    {
        var nodes = new List<int> { s };
        var links = new List<int>();
        var at = from;
        while (at != to)
        {
            var next = -1;
            foreach (var a in net.ForwardArcsFrom(at))
            {
                if (used[a] || net.Flow(a) <= 0) continue;
                next = a;
                break;
            }
            if (next < 0) throw new InvalidOperationException("flow decomposition lost conservation (bug)");
            used[next] = true;
            at = net.Head(next);
            var link = net.Tag(next);
            if (link < 0) continue;
            var v = g.Other(link, nodes[^1]);
            var seenAt = nodes.IndexOf(v);
            if (seenAt >= 0)
            {
                // Revisiting a node closes a cycle: drop it.
                nodes.RemoveRange(seenAt + 1, nodes.Count - seenAt - 1);
                links.RemoveRange(seenAt, links.Count - seenAt);
            }
            else
            {
                nodes.Add(v);
                links.Add(link);
            }
        }
        return GraphPath.FromLinks(g, s, links.ToArray());
    }
}
