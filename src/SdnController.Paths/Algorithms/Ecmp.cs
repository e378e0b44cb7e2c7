using SdnController.Paths.Graph;

namespace SdnController.Paths.Algorithms;

/// <summary>Equal-cost multipath next hops toward one destination.</summary>
public static class Ecmp
{
    /// <summary>Relative tolerance for equal costs when weights are not all integers.</summary>
    public const double RelativeTolerance = 1e-9;

    /// <summary>
    /// For every node u, each working link l = (u, v) with w(l) + d(v) = d(u), where d is the
    /// distance to <paramref name="destination"/>. When every weight is an integer (and distances
    /// stay below 2^53) the sums are exact and compared with ==; otherwise two costs are equal when
    /// they differ by at most <see cref="RelativeTolerance"/> × the larger magnitude. Links of weight
    /// zero can make two equally distant neighbours each other's next hop; forwarding over such a
    /// table needs its own loop guard (e.g. prefer fewer hops).
    /// </summary>
    public static EcmpTable NextHops(CompactGraph g, int destination, LinkSet? failed = null)
    {
        ArgumentNullException.ThrowIfNull(g);
        GraphArgs.Node(g, destination, nameof(destination));
        GraphArgs.Failed(g, failed);
        var n = g.NodeCount;
        // Links are undirected, so distances from the destination are distances to it.
        var dist = Dijkstra.Run(g, destination, failed).Distance;
        var exact = IntegerWeights(g);

        var start = new int[n + 1];
        var hops = new List<NextHop>();
        for (var u = 0; u < n; u++)
        {
            start[u] = hops.Count;
            var du = dist[u];
            if (u == destination || double.IsPositiveInfinity(du)) continue;
            for (int i = g.Offsets[u], end = g.Offsets[u + 1]; i < end; i++)
            {
                var l = g.AdjLink[i];
                if (failed is not null && failed.Contains(l)) continue;
                var v = g.AdjNode[i];
                var via = g.Weight[l] + dist[v];
                if (exact ? via == du : SameCost(via, du)) hops.Add(new NextHop(v, l));
            }
        }
        start[n] = hops.Count;
        return new EcmpTable(destination, dist, start, hops.ToArray());
    }

    /// <summary>Equality under <see cref="RelativeTolerance"/> (∞ equals only ∞).</summary>
    public static bool SameCost(double a, double b)
    {
        if (a == b) return true;
        if (double.IsInfinity(a) || double.IsInfinity(b)) return false;
        return Math.Abs(a - b) <= RelativeTolerance * Math.Max(Math.Abs(a), Math.Abs(b));
    }

    private static bool IntegerWeights(CompactGraph g)
    {
        double total = 0;
        foreach (var w in g.Weight)
        {
            if (w != Math.Floor(w)) return false;
            total += w;
        }
        return total < 9007199254740992.0; // 2^53: every path sum is then exact
    }
}
