using SdnController.Paths.Algorithms;
using SdnController.Paths.Graph;

namespace SdnController.Paths.Tests.Algorithms;

public class DijkstraTests
{
    [Test]
    public void MatchesBellmanFordOnRandomGraphs()
    {
        var rng = new Random(1234);
        for (var iter = 0; iter < 3000; iter++)
        {
            var n = 1 + rng.Next(iter % 10 == 0 ? 60 : 15);
            var integer = rng.Next(3) > 0;
            var g = RandomGraphs.Create(rng, n, integer);
            var failed = rng.Next(2) == 0 ? null : RandomGraphs.Failures(rng, g, 0.3);
            var s = rng.Next(n);
            var tree = Dijkstra.Run(g, s, failed);
            var (refDist, refHops) = Reference.BellmanFord(g, s, failed);
            for (var t = 0; t < n; t++)
            {
                var what = $"iter {iter} s {s} t {t}";
                if (integer)
                {
                    Assert.That(tree.Distance[t], Is.EqualTo(refDist[t]), what);
                    Assert.That(tree.Hops[t], Is.EqualTo(refHops[t]), what);
                }
                else PathChecks.AssertSameCost(refDist[t], tree.Distance[t], what);

                if (!tree.Reachable(t))
                {
                    Assert.That(tree.PathTo(t), Is.Empty, what);
                    Assert.That(tree.LinksTo(t), Is.Empty, what);
                    Assert.That(tree.ParentLink[t], Is.EqualTo(-1), what);
                    continue;
                }
                var cost = PathChecks.AssertValid(g, s, t, tree.PathTo(t), tree.LinksTo(t), failed);
                Assert.That(cost, Is.EqualTo(tree.Distance[t]), what);
                Assert.That(tree.LinksTo(t), Has.Length.EqualTo(tree.Hops[t]), what);
                if (integer && t != s) AssertTieRule(g, failed, refDist, refHops, tree, t, what);
            }
        }
    }

    /// <summary>The documented rule: parent = smallest (node, link) among predecessors with a matching label.</summary>
    private static void AssertTieRule(CompactGraph g, LinkSet? failed, double[] d, int[] h, ShortestPathTree tree, int v, string what)
    {
        (int U, int L) best = (int.MaxValue, int.MaxValue);
        for (var l = 0; l < g.LinkCount; l++)
        {
            if (!Reference.Usable(g, failed, l) || (g.LinkA[l] != v && g.LinkB[l] != v)) continue;
            var u = g.Other(l, v);
            if (d[u] + g.Weight[l] == d[v] && h[u] + 1 == h[v] && (u, l).CompareTo(best) < 0) best = (u, l);
        }
        Assert.That((tree.ParentNode[v], tree.ParentLink[v]), Is.EqualTo(best), what);
    }

    [Test]
    public void HopMetricMatchesBfs()
    {
        var rng = new Random(77);
        for (var iter = 0; iter < 500; iter++)
        {
            var n = 1 + rng.Next(60);
            var raw = RandomGraphs.Create(rng, n);
            var unit = CompactGraph.Create(n, Enumerable.Range(0, raw.LinkCount).Select(l => (raw.LinkA[l], raw.LinkB[l], 1.0)).ToList());
            var failed = rng.Next(2) == 0 ? null : RandomGraphs.Failures(rng, unit, 0.2);
            var s = rng.Next(n);
            var tree = Dijkstra.Run(unit, s, failed);
            var bfs = Reference.Bfs(unit, s, failed);
            for (var t = 0; t < n; t++)
                Assert.That(tree.Distance[t], Is.EqualTo(bfs[t] < 0 ? double.PositiveInfinity : bfs[t]));
        }
    }

    [Test]
    public void PrefersFewerHopsThenSmallerParentAmongEqualCosts()
    {
        // 0-1-3 and 0-2-3 cost 2 each, 0-3 direct costs 2 too: the direct link wins on hops.
        var g = CompactGraph.Create(4, [(0, 2, 1), (2, 3, 1), (0, 1, 1), (1, 3, 1), (0, 3, 2)]);
        Assert.That(Dijkstra.Run(g, 0).PathTo(3), Is.EqualTo(new[] { 0, 3 }));
        var failed = new LinkSet(g.LinkCount);
        failed.Add(4);
        // Without it, both two-hop paths tie; parent of 3 is the smaller node, 1.
        Assert.That(Dijkstra.Run(g, 0, failed).PathTo(3), Is.EqualTo(new[] { 0, 1, 3 }));
    }

    [Test]
    public void RejectsBadArguments()
    {
        var g = CompactGraph.Create(3, [(0, 1, 1)]);
        Assert.Throws<ArgumentOutOfRangeException>(() => Dijkstra.Run(g, 3));
        Assert.Throws<ArgumentException>(() => Dijkstra.Run(g, 0, new LinkSet(5)));
    }
}
