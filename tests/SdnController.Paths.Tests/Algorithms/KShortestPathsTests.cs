using SdnController.Paths.Algorithms;

namespace SdnController.Paths.Tests.Algorithms;

public class KShortestPathsTests
{
    [Test]
    public void YenMatchesBruteForceEnumeration()
    {
        var rng = new Random(31);
        for (var iter = 0; iter < 1500; iter++)
        {
            var n = 1 + rng.Next(7);
            var g = RandomGraphs.Create(rng, n, integerWeights: true);
            var failed = rng.Next(2) == 0 ? null : RandomGraphs.Failures(rng, g, 0.2);
            int s = rng.Next(n), t = rng.Next(n), k = 1 + rng.Next(8);
            var all = Reference.SimplePaths(g, s, t, failed);
            var expectedCosts = all.Select(p => Reference.Cost(g, p)).Order().Take(k).ToArray();
            var paths = KShortestPaths.Yen(g, s, t, k, failed);
            var what = $"iter {iter} {s}->{t} k={k}";

            Assert.That(paths.Count, Is.EqualTo(Math.Min(k, all.Count)), what);
            Assert.That(paths.Select(p => p.Cost).ToArray(), Is.EqualTo(expectedCosts), what);
            Assert.That(paths.Select(p => string.Join(",", p.Links)).Distinct().Count(), Is.EqualTo(paths.Count), what + " distinct");
            foreach (var p in paths)
            {
                var cost = PathChecks.AssertValid(g, s, t, p.Nodes, p.Links, failed);
                Assert.That(cost, Is.EqualTo(p.Cost), what);
                PathChecks.AssertSimple(p.Nodes);
            }
            for (var i = 1; i < paths.Count; i++) Assert.That(paths[i].Cost, Is.GreaterThanOrEqualTo(paths[i - 1].Cost), what);
            if (paths.Count > 0)
            {
                var tree = Dijkstra.Run(g, s, failed);
                Assert.That(paths[0].Cost, Is.EqualTo(tree.Distance[t]), what);
                Assert.That(paths[0].Links, Is.EqualTo(tree.LinksTo(t)), what);
            }
        }
    }

    [Test]
    public void ParallelLinksAreDistinctPaths()
    {
        var g = Paths.Graph.CompactGraph.Create(2, [(0, 1, 1), (0, 1, 1), (0, 1, 3)]);
        var paths = KShortestPaths.Yen(g, 0, 1, 5);
        Assert.That(paths.Select(p => p.Links[0]).ToArray(), Is.EqualTo(new[] { 0, 1, 2 }));
    }
}
