using SdnController.Paths.Graph;

namespace SdnController.Paths.Tests.Algorithms;

/// <summary>Slow, obviously-correct references straight from the link list (no CSR, no heap).</summary>
internal static class Reference
{
    public static bool Usable(CompactGraph g, LinkSet? failed, int l) =>
        g.LinkA[l] != g.LinkB[l] && (failed is null || !failed.Contains(l));

    /// <summary>Bellman-Ford over (cost, hops) labels compared lexicographically.</summary>
    public static (double[] Dist, int[] Hops) BellmanFord(CompactGraph g, int s, LinkSet? failed)
    {
        var n = g.NodeCount;
        var d = Enumerable.Repeat(double.PositiveInfinity, n).ToArray();
        var h = Enumerable.Repeat(int.MaxValue, n).ToArray();
        d[s] = 0; h[s] = 0;
        for (var round = 0; round <= n; round++)
        {
            var changed = false;
            for (var l = 0; l < g.LinkCount; l++)
            {
                if (!Usable(g, failed, l)) continue;
                changed |= Relax(g.LinkA[l], g.LinkB[l], g.Weight[l]);
                changed |= Relax(g.LinkB[l], g.LinkA[l], g.Weight[l]);
            }
            if (!changed) break;
        }
        return (d, h);

        bool Relax(int u, int v, double w)
        {
            if (double.IsPositiveInfinity(d[u])) return false;
            var nd = d[u] + w;
            if (nd < d[v] || (nd == d[v] && h[u] + 1 < h[v])) { d[v] = nd; h[v] = h[u] + 1; return true; }
            return false;
        }
    }

    public static int[] Bfs(CompactGraph g, int s, LinkSet? failed)
    {
        var n = g.NodeCount;
        var hops = Enumerable.Repeat(-1, n).ToArray();
        hops[s] = 0;
        var queue = new Queue<int>();
        queue.Enqueue(s);
        while (queue.Count > 0)
        {
            var u = queue.Dequeue();
            for (var l = 0; l < g.LinkCount; l++)
            {
                if (!Usable(g, failed, l)) continue;
                int v;
                if (g.LinkA[l] == u) v = g.LinkB[l]; else if (g.LinkB[l] == u) v = g.LinkA[l]; else continue;
                if (hops[v] >= 0) continue;
                hops[v] = hops[u] + 1;
                queue.Enqueue(v);
            }
        }
        return hops;
    }

    /// <summary>Every simple s–t path as a link sequence (parallel links give distinct paths).</summary>
    public static List<int[]> SimplePaths(CompactGraph g, int s, int t, LinkSet? failed)
    {
        var result = new List<int[]>();
        if (s == t) { result.Add([]); return result; }
        var onPath = new bool[g.NodeCount];
        var links = new List<int>();
        onPath[s] = true;
        Dfs(s);
        return result;

        void Dfs(int u)
        {
            for (var l = 0; l < g.LinkCount; l++)
            {
                if (!Usable(g, failed, l)) continue;
                int v;
                if (g.LinkA[l] == u) v = g.LinkB[l]; else if (g.LinkB[l] == u) v = g.LinkA[l]; else continue;
                if (onPath[v]) continue;
                links.Add(l);
                if (v == t) result.Add(links.ToArray());
                else { onPath[v] = true; Dfs(v); onPath[v] = false; }
                links.RemoveAt(links.Count - 1);
            }
        }
    }

    public static double Cost(CompactGraph g, int[] links)
    {
        double c = 0;
        foreach (var l in links) c += g.Weight[l];
        return c;
    }

    /// <summary>Min s–t link cut over all vertex bipartitions (= max link-disjoint paths, by Menger).</summary>
    public static int MinLinkCut(CompactGraph g, int s, int t, LinkSet? failed)
    {
        var n = g.NodeCount;
        var best = int.MaxValue;
        for (var mask = 0; mask < 1 << n; mask++)
        {
            if ((mask >> s & 1) == 0 || (mask >> t & 1) == 1) continue;
            var cut = 0;
            for (var l = 0; l < g.LinkCount; l++)
                if (Usable(g, failed, l) && ((mask >> g.LinkA[l] & 1) != (mask >> g.LinkB[l] & 1))) cut++;
            best = Math.Min(best, cut);
        }
        return best;
    }
}
