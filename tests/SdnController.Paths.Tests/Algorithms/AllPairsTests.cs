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
    public void DistancesWithTreesAndChainsMatchBellmanFord()
    {
        var rng = new Random(4711);
        var contracted = 0;
        for (var iter = 0; iter < 400; iter++)
        {
            var integer = rng.Next(3) > 0;
            var g = RandomGraphs.Treey(rng, rng.Next(0, 10), integer);
            // Failures cut cycles, so trees and chains also appear where the intact graph has none.
            var failed = rng.Next(3) == 0 ? RandomGraphs.Failures(rng, g, 0.2) : null;
            var adj = NeighbourLists.FromGraph(g, failed);
            var trees = PendantTrees.Build(adj);
            var c = ChainContraction.Build(adj.Restrict(trees.InCore), trees.InCore);
            Assert.That(c.KernelCount + c.ChainNodeCount + trees.StrippedCount, Is.EqualTo(g.NodeCount), $"iter {iter}: every node has one role");
            if ((g.NodeCount - c.KernelCount) * 16 >= g.NodeCount) contracted++;
            var fast = AllPairs.Distances(g, failed, 1 + iter % 2);
            for (var s = 0; s < g.NodeCount; s++)
            {
                var (refDist, _) = Reference.BellmanFord(g, s, failed);
                for (var t = 0; t < g.NodeCount; t++)
                {
                    var what = $"iter {iter} ({s},{t})";
                    if (integer) Assert.That(fast.Distance(s, t), Is.EqualTo(refDist[t]), what);
                    else PathChecks.AssertSameCost(refDist[t], fast.Distance(s, t), what);
                }
            }
        }
        Assert.That(contracted, Is.GreaterThan(300), "the generator must exercise the contracted path");
    }

    [Test]
    public void KernelDistancesMatchBellmanFordOnRandomGraphs()
    {
        // Searched rows and rows filled from neighbours (the independent set) must both be exact.
        var rng = new Random(31);
        for (var iter = 0; iter < 200; iter++)
        {
            var g = RandomGraphs.Create(rng, 1 + rng.Next(30), integerWeights: true, density: rng.Next(2) == 0 ? -1 : 1.5);
            var dk = KernelDistances.Compute(NeighbourLists.FromGraph(g, null), 1 + iter % 2);
            var n = g.NodeCount;
            for (var s = 0; s < n; s++)
            {
                var (refDist, _) = Reference.BellmanFord(g, s, null);
                Assert.That(dk.AsSpan(s * n, n).ToArray(), Is.EqualTo(refDist), $"iter {iter} source {s}");
            }
        }
    }

    [Test]
    public void StrippingLeavesOneNodePerTreeComponentAndRootsEveryTree()
    {
        // 0-1-2 path, star 3 with leaves 4..6, triangle 7-8-9 with a tail 10-11 on 9, isolated 12.
        var g = CompactGraph.Create(13, [(0, 1, 1), (1, 2, 2), (3, 4, 1), (3, 5, 1), (3, 6, 1), (7, 8, 1), (8, 9, 1), (9, 7, 1), (9, 10, 3), (10, 11, 4)]);
        var trees = PendantTrees.Build(NeighbourLists.FromGraph(g, null));
        var core = Enumerable.Range(0, 13).Where(u => trees.InCore[u]).ToArray();
        Assert.That(core, Has.Length.EqualTo(6), string.Join(",", core));
        Assert.That(core, Is.SupersetOf(new[] { 7, 8, 9, 12 }));
        Assert.That(trees.Root[11], Is.EqualTo(9));
        Assert.That(trees.Depth[11], Is.EqualTo(7));
        var seen = new HashSet<int>();
        foreach (var u in trees.Order)
        {
            Assert.That(trees.InCore[trees.Parent[u]] || seen.Contains(trees.Parent[u]), $"parent of {u} comes first");
            seen.Add(u);
        }
        var d = AllPairs.Distances(g);
        Assert.That(d.Distance(11, 7), Is.EqualTo(8));
        Assert.That(d.Distance(0, 2), Is.EqualTo(3));
        Assert.That(d.Distance(4, 6), Is.EqualTo(2));
        Assert.That(d.Reachable(4, 0), Is.False);
        Assert.That(d.Reachable(12, 12), Is.True);
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
