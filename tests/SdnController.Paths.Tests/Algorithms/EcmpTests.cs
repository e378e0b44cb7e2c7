using SdnController.Paths.Algorithms;

namespace SdnController.Paths.Tests.Algorithms;

public class EcmpTests
{
    [Test]
    public void NextHopsEqualReference()
    {
        var rng = new Random(8);
        for (var iter = 0; iter < 1500; iter++)
        {
            var n = 1 + rng.Next(iter % 10 == 0 ? 60 : 12);
            var integer = rng.Next(3) > 0;
            var g = RandomGraphs.Create(rng, n, integer);
            var failed = rng.Next(2) == 0 ? null : RandomGraphs.Failures(rng, g, 0.2);
            var dst = rng.Next(n);
            var table = Ecmp.NextHops(g, dst, failed);
            var (d, _) = Reference.BellmanFord(g, dst, failed);
            for (var u = 0; u < n; u++)
            {
                var expected = new List<NextHop>();
                if (u != dst && !double.IsPositiveInfinity(d[u]))
                    for (var l = 0; l < g.LinkCount; l++)
                    {
                        if (!Reference.Usable(g, failed, l) || (g.LinkA[l] != u && g.LinkB[l] != u)) continue;
                        var v = g.Other(l, u);
                        var via = g.Weight[l] + d[v];
                        if (integer ? via == d[u] : Math.Abs(via - d[u]) <= 1e-9 * Math.Max(Math.Abs(via), Math.Abs(d[u])))
                            expected.Add(new NextHop(v, l));
                    }
                var actual = table.For(u).ToArray();
                Assert.That(actual, Is.EquivalentTo(expected), $"iter {iter} node {u}");
                Assert.That(actual, Is.EqualTo(actual.OrderBy(h => h.Node).ThenBy(h => h.Link).ToArray()), "ordered by (node, link)");
            }
        }
    }
}
