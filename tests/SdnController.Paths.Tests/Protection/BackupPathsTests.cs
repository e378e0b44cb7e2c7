using SdnController.Paths.Algorithms;
using SdnController.Paths.Graph;
using SdnController.Paths.Protection;
using SdnController.Paths.Tests.Algorithms;

namespace SdnController.Paths.Tests.Protection;

public class BackupPathsTests
{
    private static (int[] Nodes, int[] Links) Primary(CompactGraph g, params int[] nodes)
    {
        var links = new int[nodes.Length - 1];
        for (var i = 0; i < links.Length; i++)
        {
            links[i] = -1;
            for (var l = 0; l < g.LinkCount && links[i] < 0; l++)
                if ((g.LinkA[l] == nodes[i] && g.LinkB[l] == nodes[i + 1]) || (g.LinkB[l] == nodes[i] && g.LinkA[l] == nodes[i + 1])) links[i] = l;
            Assert.That(links[i], Is.GreaterThanOrEqualTo(0), $"no link {nodes[i]}-{nodes[i + 1]}");
        }
        return (nodes, links);
    }

    [Test]
    public void RingHopsGetTheOtherWayRound()
    {
        // 0-1-2-3-4-5-0; primary 0-1-2-3: every hop's backup runs back round 5-4 to 3, away from every primary link.
        var g = CompactGraph.Create(6, [(0, 1, 1), (1, 2, 1), (2, 3, 1), (3, 4, 1), (4, 5, 1), (5, 0, 1)]);
        var (nodes, links) = Primary(g, 0, 1, 2, 3);
        var backups = new BackupPaths(g).Compute(nodes, links, null);
        Assert.That(backups, Has.Length.EqualTo(3));
        Assert.That(backups[0].Kind, Is.EqualTo(BackupKind.Disjoint));
        Assert.That(backups[0].CoversSwitch, Is.True);
        Assert.That(backups[0].Path!.Nodes, Is.EqualTo(new[] { 0, 5, 4, 3 }));
        // From 1 the only way to 3 without 1-2 goes back over primary link 0-1: a loop-free alternate.
        Assert.That(backups[1].Kind, Is.EqualTo(BackupKind.LoopFreeAlternate));
        Assert.That(backups[1].Path!.Nodes, Is.EqualTo(new[] { 1, 0, 5, 4, 3 }));
        Assert.That(backups[2].Kind, Is.EqualTo(BackupKind.LoopFreeAlternate));
        Assert.That(backups[2].CoversSwitch, Is.False, "the next switch is the destination");
        Assert.That(backups[2].Path!.Nodes, Is.EqualTo(new[] { 2, 1, 0, 5, 4, 3 }));
    }

    [Test]
    public void LadderPrefersASwitchDisjointRungOverTheNextSwitch()
    {
        // Two rails 0-1-2 and 3-4-5 with rungs 0-3, 1-4, 2-5; primary 0-1-2.
        var g = CompactGraph.Create(6, [(0, 1, 1), (1, 2, 1), (3, 4, 1), (4, 5, 1), (0, 3, 1), (1, 4, 1), (2, 5, 1)]);
        var (nodes, links) = Primary(g, 0, 1, 2);
        var backups = new BackupPaths(g).Compute(nodes, links, null);
        Assert.That(backups[0].Kind, Is.EqualTo(BackupKind.Disjoint));
        Assert.That(backups[0].CoversSwitch, Is.True);
        Assert.That(backups[0].Path!.Nodes, Is.EqualTo(new[] { 0, 3, 4, 5, 2 }));
        Assert.That(backups[1].Kind, Is.EqualTo(BackupKind.Disjoint));
        Assert.That(backups[1].Path!.Nodes, Is.EqualTo(new[] { 1, 4, 5, 2 }));
    }

    [Test]
    public void LinkDisjointWhenTheNextSwitchCannotBeAvoided()
    {
        // 0=1 double link then 1-2 and a bypass 1-3-2: hop 0 must cross switch 1 but can use the parallel link.
        var g = CompactGraph.Create(4, [(0, 1, 1), (0, 1, 5), (1, 2, 1), (1, 3, 1), (3, 2, 1)]);
        var nodes = new[] { 0, 1, 2 };
        var links = new[] { 0, 2 };
        var b = new BackupPaths(g).Compute(nodes, links, null);
        Assert.That(b[0].Kind, Is.EqualTo(BackupKind.LinkDisjoint));
        Assert.That(b[0].Path!.Links, Is.EqualTo(new[] { 1, 3, 4 }));
        Assert.That(b[1].Kind, Is.EqualTo(BackupKind.Disjoint));
        Assert.That(b[1].Path!.Nodes, Is.EqualTo(new[] { 1, 3, 2 }));
    }

    [Test]
    public void BridgeIsUnprotectedWithTheReason()
    {
        var g = CompactGraph.Create(4, [(0, 1, 1), (1, 2, 1), (2, 0, 1), (2, 3, 1)], ["s1", "s2", "s3", "s4"]);
        var (nodes, links) = Primary(g, 0, 2, 3);
        var b = new BackupPaths(g).Compute(nodes, links, null);
        Assert.That(b[0].Kind, Is.EqualTo(BackupKind.LoopFreeAlternate));
        Assert.That(b[0].Path!.Nodes, Is.EqualTo(new[] { 0, 1, 2, 3 }));
        Assert.That(b[1].Kind, Is.EqualTo(BackupKind.None));
        Assert.That(b[1].IsProtected, Is.False);
        Assert.That(b[1].Reason, Is.EqualTo("link s3-s4 is a bridge: no other path to s4"));
    }

    [Test]
    public void FailedLinksAreAvoidedAndNamedInTheReason()
    {
        var g = CompactGraph.Create(6, [(0, 1, 1), (1, 2, 1), (2, 3, 1), (3, 4, 1), (4, 5, 1), (5, 0, 1)], ["a", "b", "c", "d", "e", "f"]);
        var (nodes, links) = Primary(g, 0, 1, 2, 3);
        var failed = new LinkSet(g.LinkCount);
        failed.Add(4); // e-f
        var b = new BackupPaths(g).Compute(nodes, links, failed);
        for (var i = 0; i < 3; i++)
        {
            Assert.That(b[i].Kind, Is.EqualTo(BackupKind.None));
            Assert.That(b[i].Reason, Does.EndWith("(1 link down)"));
        }
        Assert.That(b[0].Reason, Does.StartWith("link a-b is a bridge: no other path to d"));
    }

    [Test]
    public void OneSwitchPathHasNoHops()
    {
        var g = CompactGraph.Create(2, [(0, 1, 1)]);
        Assert.That(new BackupPaths(g).Compute([1], [], null), Is.Empty);
    }

    /// <summary>
    /// Against every simple path from the hop's switch: the chosen tier is the best one that has a path, the
    /// backup obeys its tier, is simple, avoids the failed link and the failed links, and is shortest in its tier.
    /// </summary>
    [Test]
    public void TiersAndCostsAgainstBruteForce()
    {
        var rng = new Random(5286);
        var checkedHops = 0;
        for (var iter = 0; iter < 600; iter++)
        {
            var n = 3 + rng.Next(6);
            var g = RandomGraphs.Create(rng, n, integerWeights: true, density: 1.2 + rng.NextDouble() * 1.5);
            var failed = rng.Next(3) == 0 ? RandomGraphs.Failures(rng, g, 0.15) : null;
            var s = rng.Next(n);
            var t = (s + 1 + rng.Next(n - 1)) % n;
            var candidates = Reference.SimplePaths(g, s, t, failed);
            if (candidates.Count == 0) continue;
            var primaryLinks = candidates[rng.Next(candidates.Count)];
            var primary = GraphPath.FromLinks(g, s, primaryLinks);
            var backups = new BackupPaths(g).Compute(primary.Nodes, primary.Links, failed);
            Assert.That(backups, Has.Length.EqualTo(primaryLinks.Length));
            for (var i = 0; i < primaryLinks.Length; i++)
            {
                var what = $"iter {iter} primary [{string.Join(' ', primary.Nodes)}] hop {i}";
                int from = primary.Nodes[i], next = primary.Nodes[i + 1], link = primaryLinks[i];
                var all = from == t ? new List<int[]>() : Reference.SimplePaths(g, from, t, failed);
                bool Tier(int[] p, int tier)
                {
                    if (p.Contains(link)) return false;
                    var avoidNext = next != t && !GraphPath.FromLinks(g, from, p).Nodes.Contains(next);
                    return tier switch
                    {
                        1 => !p.Intersect(primaryLinks).Any() && (next == t || avoidNext),
                        2 => !p.Intersect(primaryLinks).Any(),
                        3 => next == t || avoidNext,
                        _ => true,
                    };
                }
                var expectedTier = 5;
                var bestCost = double.PositiveInfinity;
                for (var tier = 1; tier <= 4 && expectedTier == 5; tier++)
                    foreach (var p in all)
                        if (Tier(p, tier))
                        {
                            expectedTier = tier;
                            bestCost = Math.Min(bestCost, Reference.Cost(g, p));
                        }
                if (expectedTier < 5)
                    foreach (var p in all)
                        if (Tier(p, expectedTier)) bestCost = Math.Min(bestCost, Reference.Cost(g, p));
                var b = backups[i];
                Assert.That(b.Hop, Is.EqualTo(i), what);
                if (expectedTier == 5)
                {
                    Assert.That(b.Kind, Is.EqualTo(BackupKind.None), what);
                    Assert.That(b.Reason, Does.Contain("is a bridge"), what);
                    continue;
                }
                var path = b.Path!;
                Assert.That(path, Is.Not.Null, what);
                PathChecks.AssertValid(g, from, t, path.Nodes, path.Links, failed);
                PathChecks.AssertSimple(path.Nodes);
                var expectedKind = expectedTier switch { 1 => BackupKind.Disjoint, 2 => BackupKind.LinkDisjoint, _ => BackupKind.LoopFreeAlternate };
                Assert.That(b.Kind, Is.EqualTo(expectedKind), what);
                Assert.That(Tier(path.Links, expectedTier), Is.True, what);
                Assert.That(b.CoversSwitch, Is.EqualTo(next != t && !path.Nodes.Contains(next)), what);
                Assert.That(path.Cost, Is.EqualTo(bestCost).Within(1e-9), what);
                checkedHops++;
            }
        }
        Assert.That(checkedHops, Is.GreaterThan(300));
    }

    /// <summary>
    /// One instance reused over many paths and failure sets (its per-call marks, including the sweep that skips the
    /// disjoint tiers, must not leak between calls) answers exactly like a fresh instance per call.
    /// </summary>
    [Test]
    public void ReusedInstanceMatchesFreshOnes()
    {
        var rng = new Random(1024);
        var g = RandomGraphs.Create(rng, 40, integerWeights: false, density: 1.3);
        var reused = new BackupPaths(g);
        var compared = 0;
        for (var iter = 0; iter < 300; iter++)
        {
            var failed = rng.Next(2) == 0 ? RandomGraphs.Failures(rng, g, 0.1) : null;
            int s = rng.Next(40), t = rng.Next(40);
            var tree = Dijkstra.Run(g, s, failed);
            if (s == t || !tree.Reachable(t)) continue;
            var primary = GraphPath.FromLinks(g, s, tree.LinksTo(t));
            var fresh = new BackupPaths(g).Compute(primary.Nodes, primary.Links, failed);
            var again = reused.Compute(primary.Nodes, primary.Links, failed);
            var hop = rng.Next(primary.Hops);
            var single = reused.ComputeHop(primary.Nodes, primary.Links, hop, failed);
            Assert.That(again.Select(b => b.ToString()), Is.EqualTo(fresh.Select(b => b.ToString())), $"iter {iter}");
            Assert.That(single.ToString(), Is.EqualTo(fresh[hop].ToString()), $"iter {iter} hop {hop}");
            compared++;
        }
        Assert.That(compared, Is.GreaterThan(100));
    }
}
