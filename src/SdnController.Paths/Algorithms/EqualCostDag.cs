using SdnController.Paths.Graph;

namespace SdnController.Paths.Algorithms;

/// <summary>
/// The equal-cost shortest-path DAG between two nodes: every node and link on some minimum-cost path from
/// the source to the target, each node with its next hops toward the target. ECMP forwarding installs a
/// flow on it (several next hops at a node = a select group).
/// </summary>
/// <remarks>
/// A link (u, v) is in the DAG when u is reached from the source along DAG links, d(v) &lt; d(u), and
/// w(u, v) + d(v) equals d(u), with d the distance to the target. Integer weights are compared exactly;
/// fractional ones (latencies) are equal within <paramref name="relativeTolerance"/> of the larger cost,
/// since sums of the same latencies in another order differ in the last bits. Requiring d(v) &lt; d(u)
/// keeps the result acyclic even with zero-weight links or a generous tolerance. Cost: one Dijkstra from
/// the target (or none, given its distances) and a walk of the DAG's nodes.
/// </remarks>
public static class EqualCostDag
{
    /// <summary>Default tolerance for fractional weights (a latency metric's sums).</summary>
    public const double DefaultRelativeTolerance = 1e-6;

    /// <summary>The DAG from <paramref name="source"/> to <paramref name="target"/>; null when the target is unreachable.</summary>
    public static EcmpDag? Between(CompactGraph g, int source, int target, LinkSet? failed = null, double relativeTolerance = DefaultRelativeTolerance)
    {
        ArgumentNullException.ThrowIfNull(g);
        GraphArgs.Node(g, source, nameof(source));
        GraphArgs.Node(g, target, nameof(target));
        var distance = Dijkstra.Run(g, target, failed).Distance;
        return From(g, distance, source, target, failed, IntegerWeights(g) ? 0 : relativeTolerance);
    }

    /// <summary>
    /// The DAG from <paramref name="source"/> given every node's distance to <paramref name="target"/> under
    /// <paramref name="failed"/>. <paramref name="relativeTolerance"/> 0 compares costs exactly (integer weights).
    /// </summary>
    public static EcmpDag? From(CompactGraph g, ReadOnlySpan<double> distanceToTarget, int source, int target, LinkSet? failed, double relativeTolerance)
    {
        ArgumentNullException.ThrowIfNull(g);
        GraphArgs.Node(g, source, nameof(source));
        GraphArgs.Node(g, target, nameof(target));
        GraphArgs.Failed(g, failed);
        if (distanceToTarget.Length != g.NodeCount) throw new ArgumentException("one distance per node", nameof(distanceToTarget));
        if (double.IsPositiveInfinity(distanceToTarget[source])) return null;

        // Nodes reached from the source along next hops; a node's slot in `order` once found.
        var order = new List<int> { source };
        var index = new Dictionary<int, int> { [source] = 0 };
        for (var i = 0; i < order.Count; i++)
        {
            var u = order[i];
            if (u == target) continue;
            var du = distanceToTarget[u];
            for (int a = g.Offsets[u], end = g.Offsets[u + 1]; a < end; a++)
            {
                if (!IsDagLink(g, a, du, distanceToTarget, failed, relativeTolerance)) continue;
                var v = g.AdjNode[a];
                if (index.TryAdd(v, order.Count)) order.Add(v);
            }
        }

        // Topological order: farther from the target first (distances strictly fall along every DAG link);
        // node index breaks ties so the result does not depend on the walk.
        var nodes = order.ToArray();
        var keys = new (double, int)[nodes.Length];
        for (var i = 0; i < nodes.Length; i++) keys[i] = (-distanceToTarget[nodes[i]], nodes[i]);
        Array.Sort(keys, nodes);
        var position = new Dictionary<int, int>(nodes.Length);
        for (var i = 0; i < nodes.Length; i++) position[nodes[i]] = i;

        var start = new int[nodes.Length + 1];
        var hops = new List<DagHop>();
        var branches = false;
        for (var i = 0; i < nodes.Length; i++)
        {
            start[i] = hops.Count;
            var u = nodes[i];
            if (u == target) continue;
            var du = distanceToTarget[u];
            for (int a = g.Offsets[u], end = g.Offsets[u + 1]; a < end; a++)
            {
                if (!IsDagLink(g, a, du, distanceToTarget, failed, relativeTolerance)) continue;
                var v = g.AdjNode[a];
                hops.Add(new DagHop(v, g.AdjLink[a], position[v]));
            }
            branches |= hops.Count - start[i] > 1;
        }
        start[nodes.Length] = hops.Count;
        return new EcmpDag(source, target, distanceToTarget[source], nodes, start, hops.ToArray(), branches);
    }

    /// <summary>True when every weight is an integer and sums stay exact (then costs compare with ==).</summary>
    public static bool IntegerWeights(CompactGraph g)
    {
        ArgumentNullException.ThrowIfNull(g);
        double total = 0;
        foreach (var w in g.Weight)
        {
            if (w != Math.Floor(w)) return false;
            total += w;
        }
        return total < 9007199254740992.0;   // 2^53
    }

    /// <summary>Adjacency a leads one step closer to the target at exactly the remaining cost (a link of the DAG).</summary>
    private static bool IsDagLink(CompactGraph g, int a, double du, ReadOnlySpan<double> distanceToTarget, LinkSet? failed, double relativeTolerance)
    {
        var l = g.AdjLink[a];
        if (failed is not null && failed.Contains(l)) return false;
        var dv = distanceToTarget[g.AdjNode[a]];
        return dv < du && SameCost(g.Weight[l] + dv, du, relativeTolerance);
    }

    private static bool SameCost(double a, double b, double tolerance) =>
        a == b || (tolerance > 0 && Math.Abs(a - b) <= tolerance * Math.Max(Math.Abs(a), Math.Abs(b)));
}

/// <summary>A DAG next hop: the neighbour, the link to it, and the neighbour's position in <see cref="EcmpDag.Nodes"/>.</summary>
public readonly record struct DagHop(int Node, int Link, int Position);

/// <summary>
/// An equal-cost shortest-path DAG (see <see cref="EqualCostDag"/>). Nodes are in topological order (the
/// source first, the target last); node i's next hops are Hops[Start[i]..Start[i+1]), by (neighbour, link).
/// </summary>
public sealed class EcmpDag
{
    internal EcmpDag(int source, int target, double cost, int[] nodes, int[] start, DagHop[] hops, bool hasBranches)
    {
        Source = source;
        Target = target;
        Cost = cost;
        Nodes = nodes;
        Start = start;
        Hops = hops;
        HasBranches = hasBranches;
    }

    public int Source { get; }
    public int Target { get; }
    /// <summary>Cost of every path in the DAG (the shortest distance).</summary>
    public double Cost { get; }
    public int[] Nodes { get; }
    public int[] Start { get; }
    public DagHop[] Hops { get; }
    /// <summary>Some node has more than one next hop (otherwise the DAG is a single path).</summary>
    public bool HasBranches { get; }
    public int LinkCount => Hops.Length;

    /// <summary>Next hops of the node at position i of <see cref="Nodes"/>.</summary>
    public ReadOnlySpan<DagHop> NextHops(int position) => Hops.AsSpan(Start[position], Start[position + 1] - Start[position]);

    /// <summary>Up to <paramref name="max"/> of the source-to-target paths as node sequences, in next-hop order (depth first).</summary>
    public List<int[]> Paths(int max)
    {
        var result = new List<int[]>();
        var stack = new List<int>(Nodes.Length) { 0 };
        Walk(stack, result, max);
        return result;
    }

    private void Walk(List<int> stack, List<int[]> result, int max)
    {
        if (result.Count >= max) return;
        var position = stack[^1];
        if (position == Nodes.Length - 1)
        {
            var nodes = new int[stack.Count];
            for (var i = 0; i < nodes.Length; i++) nodes[i] = Nodes[stack[i]];
            result.Add(nodes);
            return;
        }
        foreach (var h in NextHops(position))
        {
            stack.Add(h.Position);
            Walk(stack, result, max);
            stack.RemoveAt(stack.Count - 1);
        }
    }

    /// <summary>Number of distinct source-to-target paths (saturating at long.MaxValue).</summary>
    public long PathCount()
    {
        var n = Nodes.Length;
        var count = new long[n];
        count[n - 1] = 1;
        for (var i = n - 2; i >= 0; i--)
        {
            long c = 0;
            foreach (var h in NextHops(i)) c = c > long.MaxValue - count[h.Position] ? long.MaxValue : c + count[h.Position];
            count[i] = c;
        }
        return count[0];
    }
}
