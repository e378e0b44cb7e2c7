using SdnController.Paths.Algorithms;
using SdnController.Paths.Graph;

namespace SdnController.Paths.Tests.Algorithms;

public class DisjointPathsTests
{
    [Test]
    public void MinimalPairsAgainstBruteForce()
    {
        var rng = new Random(4242);
        for (var iter = 0; iter < 1200; iter++)
        {
            var n = 2 + rng.Next(6);
            var g = RandomGraphs.Create(rng, n, integerWeights: true, density: 1 + rng.NextDouble() * 1.5);
            var failed = rng.Next(3) == 0 ? RandomGraphs.Failures(rng, g, 0.2) : null;
            var s = rng.Next(n);
            var t = (s + 1 + rng.Next(n - 1)) % n;
            var what = $"iter {iter} {s}->{t}";
            var all = Reference.SimplePaths(g, s, t, failed);

            double bestLink = double.PositiveInfinity, bestNode = double.PositiveInfinity;
            for (var i = 0; i < all.Count; i++)
                for (var j = i + 1; j < all.Count; j++)
                {
                    if (all[i].Intersect(all[j]).Any()) continue;
                    var c = Reference.Cost(g, all[i]) + Reference.Cost(g, all[j]);
                    bestLink = Math.Min(bestLink, c);
                    if (!InnerNodes(g, s, all[i]).Intersect(InnerNodes(g, s, all[j])).Any()) bestNode = Math.Min(bestNode, c);
                }

            var linkPair = DisjointPaths.LinkDisjoint(g, s, t, failed);
            var cut = Reference.MinLinkCut(g, s, t, failed);
            Assert.That(DisjointPaths.MaxLinkDisjointCount(g, s, t, failed), Is.EqualTo(cut), what);
            Assert.That(linkPair is not null, Is.EqualTo(cut >= 2), what);
            Assert.That(linkPair is not null, Is.EqualTo(!double.IsPositiveInfinity(bestLink)), what);
            if (linkPair is not null)
            {
                CheckPair(g, s, t, failed, linkPair, what);
                Assert.That(linkPair.Primary.Links.Intersect(linkPair.Backup.Links), Is.Empty, what);
                Assert.That(linkPair.TotalCost, Is.EqualTo(bestLink), what);
            }

            var nodePair = DisjointPaths.NodeDisjoint(g, s, t, failed);
            Assert.That(nodePair is not null, Is.EqualTo(!double.IsPositiveInfinity(bestNode)), what);
            Assert.That(DisjointPaths.MaxNodeDisjointCount(g, s, t, failed) >= 2, Is.EqualTo(nodePair is not null), what);
            if (nodePair is not null)
            {
                CheckPair(g, s, t, failed, nodePair, what);
                Assert.That(nodePair.Primary.Links.Intersect(nodePair.Backup.Links), Is.Empty, what);
                Assert.That(nodePair.Primary.Nodes[1..^1].Intersect(nodePair.Backup.Nodes[1..^1]), Is.Empty, what);
                Assert.That(nodePair.TotalCost, Is.EqualTo(bestNode), what);
            }
        }
    }

    private static IEnumerable<int> InnerNodes(CompactGraph g, int s, int[] links)
    {
        var v = s;
        for (var i = 0; i < links.Length - 1; i++) { v = g.Other(links[i], v); yield return v; }
    }

    private static void CheckPair(CompactGraph g, int s, int t, LinkSet? failed, DisjointPair pair, string what)
    {
        foreach (var p in new[] { pair.Primary, pair.Backup })
        {
            Assert.That(PathChecks.AssertValid(g, s, t, p.Nodes, p.Links, failed), Is.EqualTo(p.Cost), what);
            PathChecks.AssertSimple(p.Nodes);
        }
        Assert.That(GraphPath.Compare(pair.Primary, pair.Backup), Is.LessThanOrEqualTo(0), what);
    }

    [Test]
    public void SameEndpointsAreRejected()
    {
        var g = CompactGraph.Create(2, [(0, 1, 1)]);
        Assert.Throws<ArgumentException>(() => DisjointPaths.LinkDisjoint(g, 1, 1));
    }
}
