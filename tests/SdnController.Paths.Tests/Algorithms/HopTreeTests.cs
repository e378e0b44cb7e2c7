using SdnController.Paths.Algorithms;
using SdnController.Paths.Graph;

namespace SdnController.Paths.Tests.Algorithms;

public class HopTreeTests
{
    private static readonly double[] Weights = [1, 0, 0.01, 0.1, 7.3, 1e-300, 1e300];

    /// <summary>Random multigraph whose links all weigh <paramref name="w"/>; self-loops get other weights (never on a path).</summary>
    private static CompactGraph Uniform(Random rng, int n, double w, double density)
    {
        var links = new List<(int, int, double)>();
        var m = (int)(density * n);
        for (var i = 0; i < m; i++)
        {
            var a = rng.Next(n);
            var b = rng.Next(20) == 0 ? a : rng.Next(n);
            links.Add((a, b, a == b ? rng.Next(5) : w));
            if (rng.Next(6) == 0) links.Add((a, b, a == b ? 3 : w));
        }
        return CompactGraph.Create(n, links);
    }

    private static void AssertSameTree(CompactGraph g, UniformWeight weight, int s, LinkSet? failed, BreadthFirstScratch scratch, string what)
    {
        var expected = Dijkstra.Run(g, s, failed);
        var tree = HopTree.Search(g, weight, s, failed, scratch);
        for (var v = 0; v < g.NodeCount; v++)
        {
            Assert.That(tree.Reachable(v), Is.EqualTo(expected.Reachable(v)), $"{what} v {v}");
            Assert.That(tree.Hops(v), Is.EqualTo(expected.Hops[v]), $"{what} v {v}");
            // Bit-identical, not merely close: the controller's reports print these.
            Assert.That(BitConverter.DoubleToInt64Bits(tree.Distance(v)), Is.EqualTo(BitConverter.DoubleToInt64Bits(expected.Distance[v])), $"{what} v {v}");
            Assert.That(tree.ParentLink(v, failed), Is.EqualTo(expected.ParentLink[v]), $"{what} v {v}");
        }
    }

    [Test]
    public void Equals_dijkstra_on_random_uniform_multigraphs_with_failures()
    {
        var rng = new Random(4242);
        for (var iter = 0; iter < 1500; iter++)
        {
            var n = 1 + rng.Next(iter % 10 == 0 ? 300 : 25);
            // Sparse (long paths, top-down only) to dense (bottom-up levels).
            var density = rng.Next(4) switch { 0 => 0.8, 1 => 1.5, 2 => 4, _ => 12 };
            var w = Weights[rng.Next(Weights.Length)];
            var g = Uniform(rng, n, w, density);
            var weight = UniformWeight.Of(g);
            Assert.That(weight, Is.Not.Null, $"iter {iter}");
            var failed = rng.Next(3) == 0 ? null : RandomGraphs.Failures(rng, g, rng.Next(2) == 0 ? 0.05 : 0.4);
            var scratch = new BreadthFirstScratch(n);
            for (var k = 0; k < 3; k++)
                AssertSameTree(g, weight!, rng.Next(n), failed, scratch, $"iter {iter} w {w} n {n}");
        }
    }

    [Test]
    public void Equals_dijkstra_on_a_fat_tree_where_searches_go_bottom_up()
    {
        // k = 8 fat-tree in the generator's order: cores, then per pod aggregation then edge.
        const int k = 8, half = k / 2;
        var cores = half * half;
        var links = new List<(int, int, double)>();
        int Agg(int p, int a) => cores + p * k + a;
        int Edge(int p, int e) => cores + p * k + half + e;
        for (var p = 0; p < k; p++)
        {
            for (var e = 0; e < half; e++)
                for (var a = 0; a < half; a++) links.Add((Edge(p, e), Agg(p, a), 0.01));
            for (var a = 0; a < half; a++)
                for (var j = 0; j < half; j++) links.Add((Agg(p, a), a * half + j, 0.01));
        }
        var g = CompactGraph.Create(cores + k * k, links);
        var weight = UniformWeight.Of(g)!;
        var scratch = new BreadthFirstScratch(g.NodeCount);
        var rng = new Random(3);
        for (var s = 0; s < g.NodeCount; s++)
        {
            AssertSameTree(g, weight, s, null, scratch, $"source {s}");
            AssertSameTree(g, weight, s, RandomGraphs.Failures(rng, g, 0.2), scratch, $"source {s} with failures");
        }
    }

    [Test]
    public void Parent_before_a_failure_is_asked_by_treating_the_link_as_working()
    {
        // Square 0-1-3, 0-2-3: node 3's parent is 1 over link 2 (smaller parent).
        var g = CompactGraph.Create(4, [(0, 1, 1.0), (0, 2, 1.0), (1, 3, 1.0), (2, 3, 1.0)]);
        var weight = UniformWeight.Of(g)!;
        var tree = HopTree.Search(g, weight, 0, null, new BreadthFirstScratch(4));
        var failed = new LinkSet(4);
        failed.Add(2);
        Assert.That(tree.ParentLink(3, null), Is.EqualTo(2));
        Assert.That(tree.ParentLink(3, failed, treatAsWorking: 2), Is.EqualTo(2));
        Assert.That(tree.ParentLink(3, failed), Is.EqualTo(3), "the other candidate of the same level");
    }

    [Test]
    public void Deep_trees_keep_levels_past_a_byte()
    {
        var n = 600;
        var links = new List<(int, int, double)>();
        for (var i = 0; i + 1 < n; i++) links.Add((i, i + 1, 2.0));
        var g = CompactGraph.Create(n, links);
        AssertSameTree(g, UniformWeight.Of(g)!, 0, null, new BreadthFirstScratch(n), "chain");
        Assert.That(HopTree.Search(g, UniformWeight.Of(g)!, 0, null, new BreadthFirstScratch(n)).SizeBytes, Is.EqualTo(4L * n));
    }

    [Test]
    public void Many_sources_at_once_give_the_single_source_trees()
    {
        var rng = new Random(77);
        for (var iter = 0; iter < 300; iter++)
        {
            var n = 1 + rng.Next(iter % 5 == 0 ? 400 : 40);
            var density = rng.Next(3) switch { 0 => 0.9, 1 => 3, _ => 10 };
            var g = Uniform(rng, n, Weights[rng.Next(Weights.Length)], density);
            var weight = UniformWeight.Of(g)!;
            var failed = rng.Next(2) == 0 ? null : RandomGraphs.Failures(rng, g, 0.2);
            // Up to two full batches and a partial one; repeated sources are allowed.
            var sources = Enumerable.Range(0, 1 + rng.Next(150)).Select(_ => rng.Next(n)).ToArray();
            var many = HopTree.SearchMany(g, weight, sources, failed, new MultiSourceScratch(n), new BreadthFirstScratch(n));
            var single = new BreadthFirstScratch(n);
            for (var k = 0; k < sources.Length; k++)
            {
                var one = HopTree.Search(g, weight, sources[k], failed, single);
                Assert.That(many[k].Source, Is.EqualTo(sources[k]));
                for (var v = 0; v < n; v++)
                {
                    Assert.That(many[k].Level(v), Is.EqualTo(one.Level(v)), $"iter {iter} source {sources[k]} v {v}");
                    Assert.That(many[k].ParentLink(v, failed), Is.EqualTo(one.ParentLink(v, failed)), $"iter {iter} source {sources[k]} v {v}");
                }
            }
        }
    }

    [Test]
    public void Many_sources_on_a_graph_deeper_than_a_byte_fall_back_to_single_searches()
    {
        var n = 700;
        var links = new List<(int, int, double)>();
        for (var i = 0; i + 1 < n; i++) links.Add((i, i + 1, 1.0));
        var g = CompactGraph.Create(n, links);
        var weight = UniformWeight.Of(g)!;
        Assert.That(MultiSourceBreadthFirst.Levels(g, [0, 5], null, [new byte[n], new byte[n]], new MultiSourceScratch(n)), Is.False);
        var trees = HopTree.SearchMany(g, weight, [0, 350, 699], null, new MultiSourceScratch(n), new BreadthFirstScratch(n));
        Assert.That(trees[0].Hops(699), Is.EqualTo(699));
        Assert.That(trees[1].Hops(0), Is.EqualTo(350));
        Assert.That(trees[2].ParentLink(0, null), Is.EqualTo(0));
    }

    [Test]
    public void Mixed_weights_are_not_uniform_but_self_loops_do_not_count()
    {
        Assert.That(UniformWeight.Of(CompactGraph.Create(3, [(0, 1, 1.0), (1, 2, 2.0)])), Is.Null);
        var u = UniformWeight.Of(CompactGraph.Create(3, [(0, 1, 0.5), (1, 2, 0.5), (2, 2, 9.0)]));
        Assert.That(u, Is.Not.Null);
        Assert.That(u!.DistanceOf(2), Is.EqualTo(1.0));
        Assert.That(UniformWeight.Of(CompactGraph.Create(3, [])), Is.Not.Null, "no links: trivially uniform");
    }
}
