using SdnController.Paths.Algorithms;
using SdnController.Paths.Graph;

namespace SdnController.Paths.Tests.Algorithms;

public class AllPairsTests
{
    [Test]
    public void ComputeAndDistancesMatchReferenceOnRandomAndChainGraphs()
    {
        var rng = new Random(99);
        for (var iter = 0; iter < 600; iter++)
        {
            var integer = rng.Next(3) > 0;
            var g = iter % 2 == 0 ? RandomGraphs.Create(rng, 1 + rng.Next(40), integer) : RandomGraphs.Chainy(rng, 2 + rng.Next(12), integer);
            var failed = rng.Next(2) == 0 ? null : RandomGraphs.Failures(rng, g, 0.15);
            var full = AllPairs.Compute(g, failed, 1);
            var fast = AllPairs.Distances(g, failed, 1);
            var n = g.NodeCount;
            for (var s = 0; s < n; s++)
            {
                var (refDist, _) = Reference.BellmanFord(g, s, failed);
                for (var t = 0; t < n; t++)
                {
                    var what = $"iter {iter} ({s},{t})";
                    if (integer)
                    {
                        Assert.That(full.Distance(s, t), Is.EqualTo(refDist[t]), what);
                        Assert.That(fast.Distance(s, t), Is.EqualTo(refDist[t]), what);
                    }
                    else
                    {
                        PathChecks.AssertSameCost(refDist[t], full.Distance(s, t), what);
                        PathChecks.AssertSameCost(refDist[t], fast.Distance(s, t), what);
                    }
                    Assert.That(full.Reachable(s, t), Is.EqualTo(!double.IsPositiveInfinity(refDist[t])), what);
                    if (!full.Reachable(s, t)) { Assert.That(full.Path(s, t), Is.Empty); continue; }
                    var cost = PathChecks.AssertValid(g, s, t, full.Path(s, t), full.Links(s, t), failed);
                    Assert.That(cost, Is.EqualTo(full.Distance(s, t)), what);
                }
            }
        }
    }

    [Test]
    public void ContractionCoversChainsRingsAndPendants()
    {
        var rng = new Random(5);
        var g = RandomGraphs.Chainy(rng, 30);
        var adj = NeighbourLists.FromGraph(g, null);
        var trees = PendantTrees.Build(adj);
        var c = ChainContraction.Build(adj.Restrict(trees.InCore), trees.InCore);
        Assert.That(c.ChainNodeCount * 4, Is.GreaterThanOrEqualTo(g.NodeCount), "the generator must exercise the contracted path");
        Assert.That(trees.StrippedCount, Is.GreaterThanOrEqualTo(3), "the pendant path must be stripped");
        Assert.That(c.KernelCount + c.ChainNodeCount + trees.StrippedCount, Is.EqualTo(g.NodeCount));
    }

    [Test]
    public void RowsEqualSingleSourceTreesAndAreIndependentOfThreadCount()
    {
        var rng = new Random(2024);
        for (var iter = 0; iter < 20; iter++)
        {
            var g = iter % 2 == 0 ? RandomGraphs.Create(rng, 150, rng.Next(2) == 0, density: 1.3) : RandomGraphs.Chainy(rng, 60, false);
            var failed = RandomGraphs.Failures(rng, g, 0.05);
            var one = AllPairs.Compute(g, failed, 1);
            var four = AllPairs.Compute(g, failed, 4);
            Assert.That(four.Distances, Is.EqualTo(one.Distances));
            Assert.That(four.ParentLinks, Is.EqualTo(one.ParentLinks));
            Assert.That(AllPairs.Distances(g, failed, 4).Distances, Is.EqualTo(AllPairs.Distances(g, failed, 1).Distances));
            for (var s = 0; s < g.NodeCount; s += 17)
                Assert.That(one.ParentLinks!.AsSpan(s * g.NodeCount, g.NodeCount).ToArray(), Is.EqualTo(Dijkstra.Run(g, s, failed).ParentLink));
        }
    }

    [Test]
    public void DistancesOnlyResultRefusesPaths()
    {
        var g = CompactGraph.Create(2, [(0, 1, 1)]);
        Assert.Throws<InvalidOperationException>(() => AllPairs.Distances(g).Path(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => AllPairs.Compute(g, null, 0));
    }
}
