using SdnController.Paths.Analysis;
using static SdnController.Paths.Tests.Analysis.AnalysisFixtures;

namespace SdnController.Paths.Tests.Analysis;

public class SinglePointsOfFailureTests
{
    [Test]
    public void Line_every_link_is_a_bridge_and_inner_switches_are_articulations()
    {
        var t = Build(4, Line(4), new[] { 1, 0, 0, 2 });
        var r = SinglePointsOfFailure.Analyze(t, Hops(t));
        Assert.That(r.Bridges.Select(b => b.LinkId), Is.EqualTo(new[] { "s0-s1", "s1-s2", "s2-s3" }));
        Assert.That(r.ArticulationSwitches.Select(a => a.SwitchId), Is.EqualTo(new[] { "s1", "s2" }));
        // Middle link: 2 × 2 switch pairs, hosts 1 (left) × 2 (right).
        var middle = r.Bridges[1];
        Assert.That((middle.SwitchPairsDisconnected, middle.HostPairsDisconnected, middle.SmallerSideSwitches), Is.EqualTo((4L, 2L, 2)));
        Assert.That(r.WorstLinkFailure!.LinkId, Is.EqualTo("s1-s2"));
        // s1 fails: pairs with s1 (3) + s0×{s2,s3} (2) = 5; host pairs: the only host of s0 loses both of s3's hosts.
        var s1 = r.SwitchFailures[1];
        Assert.That((s1.Pieces, s1.SwitchPairsDisconnected, s1.HostPairsDisconnected), Is.EqualTo((2, 5L, 2L)));
        // s3 fails: 3 switch pairs; its two hosts lose each other and s0's host: 1 + 2 = 3.
        var s3 = r.SwitchFailures[3];
        Assert.That((s3.Pieces, s3.SwitchPairsDisconnected, s3.HostPairsDisconnected), Is.EqualTo((1, 3L, 3L)));
        // s1 and s2 tie: 5 switch pairs and 2 host pairs (s0's host from s3's two) each; lowest index wins.
        Assert.That(r.SwitchFailures[2].HostPairsDisconnected, Is.EqualTo(2));
        Assert.That(r.WorstSwitchFailure!.SwitchId, Is.EqualTo("s1"));
    }

    [Test]
    public void Parallel_twin_is_never_a_bridge()
    {
        var t = Build(3, new[] { (0, 1), (0, 1), (1, 2) });
        var r = SinglePointsOfFailure.Analyze(t, Hops(t));
        Assert.That(r.Bridges.Select(b => b.Link), Is.EqualTo(new[] { 2 }));
        Assert.That(r.ArticulationSwitches.Select(a => a.SwitchId), Is.EqualTo(new[] { "s1" }));
    }

    [Test]
    public void Ring_has_no_single_point_of_failure_that_splits_it()
    {
        var t = Build(6, Ring(6));
        var r = SinglePointsOfFailure.Analyze(t, Hops(t));
        Assert.That(r.Bridges, Is.Empty);
        Assert.That(r.ArticulationSwitches, Is.Empty);
        Assert.That(r.WorstLinkFailure, Is.Null);
        Assert.That(r.WorstSwitchFailure!.SwitchPairsDisconnected, Is.EqualTo(5));
        Assert.That(r.WorstSwitchFailure.Node, Is.EqualTo(0));
    }

    [Test]
    public void Matches_brute_force_on_random_multigraphs()
    {
        var rng = new Random(20261127);
        for (var round = 0; round < 400; round++)
        {
            var (n, links, hosts) = RandomMultigraph(rng);
            var t = Build(n, links, hosts);
            var r = SinglePointsOfFailure.Analyze(t, Hops(t));
            var before = Roots(n, links, -1, -1);
            var context = $"round {round}: n={n} links=[{string.Join(" ", links)}]";

            var expectedBridges = new List<(int, long, long)>();
            for (var l = 0; l < links.Count; l++)
            {
                var after = Roots(n, links, -1, l);
                var (sw, host) = LostPairs(n, hosts, before, after, failed: -1);
                if (sw > 0) expectedBridges.Add((l, sw, host));
            }
            Assert.That(r.Bridges.Select(b => (b.Link, b.SwitchPairsDisconnected, b.HostPairsDisconnected)), Is.EqualTo(expectedBridges), context);

            var expectedWorstLink = expectedBridges.Count == 0 ? -1 : expectedBridges.OrderByDescending(x => x.Item2).ThenByDescending(x => x.Item3).ThenBy(x => x.Item1).First().Item1;
            Assert.That(r.WorstLinkFailure?.Link ?? -1, Is.EqualTo(expectedWorstLink), context);

            var expectedFailures = new List<(int Node, int Pieces, long Sw, long Host)>();
            for (var v = 0; v < n; v++)
            {
                var after = Roots(n, links, v, -1);
                var pieces = Enumerable.Range(0, n).Where(x => x != v && before[x] == before[v]).Select(x => after[x]).Distinct().Count();
                var (sw, host) = LostPairs(n, hosts, before, after, failed: v);
                expectedFailures.Add((v, pieces, sw, host));
            }
            Assert.That(r.SwitchFailures.Select(f => (f.Node, f.Pieces, f.SwitchPairsDisconnected, f.HostPairsDisconnected)), Is.EqualTo(expectedFailures), context);
            Assert.That(r.ArticulationSwitches.Select(a => a.Node), Is.EqualTo(expectedFailures.Where(f => f.Pieces >= 2).Select(f => f.Node)), context);
            var worst = expectedFailures.OrderByDescending(x => x.Sw).ThenByDescending(x => x.Host).ThenBy(x => x.Node).First().Node;
            Assert.That(r.WorstSwitchFailure!.Node, Is.EqualTo(worst), context);
        }
    }

    /// <summary>Unordered pairs connected before and not after; a failed switch and its hosts are cut from everyone.</summary>
    private static (long Switch, long Host) LostPairs(int n, int[] hosts, int[] before, int[] after, int failed)
    {
        long sw = 0, host = 0;
        for (var i = 0; i < n; i++)
        {
            if (i == failed) host += hosts[i] * (hosts[i] - 1) / 2;
            for (var j = i + 1; j < n; j++)
            {
                if (before[i] != before[j]) continue;
                if (i == failed || j == failed || after[i] != after[j])
                {
                    sw++;
                    host += hosts[i] * hosts[j];
                }
            }
        }
        return (sw, host);
    }

    [Test]
    public void Long_chain_does_not_overflow_the_stack()
    {
        const int n = 200_000;
        var g = Graph.CompactGraph.Create(n, Enumerable.Range(0, n - 1).Select(i => (i, i + 1, 1.0)).ToList());
        var r = SinglePointsOfFailure.Analyze(g);
        Assert.That(r.Bridges, Has.Count.EqualTo(n - 1));
        Assert.That(r.ArticulationSwitches, Has.Count.EqualTo(n - 2));
        Assert.That(r.WorstLinkFailure!.Link, Is.EqualTo(n / 2 - 1), "the middle link cuts (n/2)² pairs");
    }

    [Test]
    public void Rejects_a_graph_of_another_topology()
    {
        var t = Build(3, Line(3));
        var other = Hops(Build(4, Line(4)));
        var ex = Assert.Throws<ArgumentException>(() => SinglePointsOfFailure.Analyze(t, other));
        Assert.That(ex!.Message, Does.Contain("same topology"));
    }
}
