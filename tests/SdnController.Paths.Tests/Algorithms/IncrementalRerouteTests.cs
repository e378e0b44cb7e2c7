using SdnController.Paths.Algorithms;
using SdnController.Paths.Graph;

namespace SdnController.Paths.Tests.Algorithms;

public class IncrementalRerouteTests
{
    [Test]
    public void EqualsFullRecompute()
    {
        var rng = new Random(555);
        for (var iter = 0; iter < 300; iter++)
        {
            var g = iter % 2 == 0 ? RandomGraphs.Create(rng, 1 + rng.Next(40), rng.Next(2) == 0) : RandomGraphs.Chainy(rng, 2 + rng.Next(10));
            var before = rng.Next(3) == 0 ? RandomGraphs.Failures(rng, g, 0.1) : null;
            var table = RouteTable.FromAllPairs(AllPairs.Compute(g, before, 1));
            var failed = before?.Clone() ?? new LinkSet(g.LinkCount);
            for (var i = rng.Next(1, 4); i > 0 && g.LinkCount > 0; i--) failed.Add(rng.Next(g.LinkCount));

            var result = IncrementalReroute.Apply(g, table, failed, rng.Next(2) == 0 ? 1 : 4);
            var full = AllPairs.Compute(g, failed, 1);
            var n = g.NodeCount;
            var what = $"iter {iter}";

            var expectedAffected = new List<(int, int)>();
            for (var s = 0; s < n; s++)
                for (var t = 0; t < n; t++)
                    if (table.Links(s, t).Any(failed.Contains)) expectedAffected.Add((s, t));
            Assert.That(result.AffectedPairs, Is.EqualTo(expectedAffected), what);
            Assert.That(result.SourcesRecomputed, Is.EqualTo(expectedAffected.Select(p => p.Item1).Distinct().Count()), what);
            Assert.That(result.NewPaths.Count + result.Unreachable.Count, Is.EqualTo(expectedAffected.Count), what);

            foreach (var p in result.NewPaths)
            {
                Assert.That(p.Links, Is.EqualTo(full.Links(p.Source, p.Target)), what);
                Assert.That(p.Cost, Is.EqualTo(full.Distance(p.Source, p.Target)), what);
            }
            foreach (var (s, t) in result.Unreachable) Assert.That(full.Reachable(s, t), Is.False, what);
            for (var s = 0; s < n; s++)
                for (var t = 0; t < n; t++)
                {
                    Assert.That(result.Table.Cost(s, t), Is.EqualTo(full.Distance(s, t)), what);
                    // Stronger than the contract needs: the tie rule makes every route match too.
                    Assert.That(result.Table.Links(s, t), Is.EqualTo(full.Links(s, t)), what);
                }
        }
    }

    [Test]
    public void ParallelRepairOnLargerGraphsEqualsFullRecompute()
    {
        // Past 64 nodes the sources are split over workers; every row must still be copied and repaired once.
        var rng = new Random(808);
        for (var iter = 0; iter < 6; iter++)
        {
            var g = iter % 2 == 0 ? RandomGraphs.Create(rng, 120, rng.Next(2) == 0, density: 1.4) : RandomGraphs.Chainy(rng, 40);
            var table = RouteTable.FromAllPairs(AllPairs.Compute(g, null, 1));
            var failed = new LinkSet(g.LinkCount);
            for (var i = 1 + rng.Next(3); i > 0; i--) failed.Add(rng.Next(g.LinkCount));

            var result = IncrementalReroute.Apply(g, table, failed, 4);
            var full = AllPairs.Compute(g, failed, 1);
            Assert.That(g.NodeCount, Is.GreaterThanOrEqualTo(64), "must exercise the multi-worker split");
            Assert.That(result.Table.Costs, Is.EqualTo(full.Distances), $"iter {iter}");
            Assert.That(result.Table.ParentLinks, Is.EqualTo(full.ParentLinks), $"iter {iter}");
            Assert.That(result.SourcesRecomputed, Is.EqualTo(result.AffectedPairs.Select(p => p.Source).Distinct().Count()), $"iter {iter}");
            Assert.That(table.Costs, Is.EqualTo(AllPairs.Compute(g, null, 1).Distances), "the earlier table is left as it was");
        }
    }

    [Test]
    public void PairsUsingListsExactlyTheRoutesOverALink()
    {
        var rng = new Random(6);
        var g = RandomGraphs.Chainy(rng, 10);
        var table = RouteTable.FromAllPairs(AllPairs.Compute(g));
        for (var l = 0; l < g.LinkCount; l++)
        {
            var expected = new List<(int, int)>();
            for (var s = 0; s < g.NodeCount; s++)
                for (var t = 0; t < g.NodeCount; t++)
                    if (table.Links(s, t).Contains(l)) expected.Add((s, t));
            Assert.That(table.PairsUsing(l), Is.EqualTo(expected));
        }
    }

    [Test]
    public void RestoringALinkIsRejected()
    {
        var g = CompactGraph.Create(3, [(0, 1, 1), (1, 2, 1), (0, 2, 5)]);
        var before = new LinkSet(3);
        before.Add(0);
        var table = RouteTable.FromAllPairs(AllPairs.Compute(g, before));
        Assert.Throws<ArgumentException>(() => IncrementalReroute.Apply(g, table, new LinkSet(3)));
    }
}
