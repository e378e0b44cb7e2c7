using SdnController.Paths.Analysis;
using SdnController.Paths.Graph;
using SdnController.Testing;
using SdnController.Topology;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Zoo;
using static SdnController.Paths.Tests.Analysis.AnalysisFixtures;

namespace SdnController.Paths.Tests.Analysis;

public class EdgeConnectivityTests
{
    [Test]
    public void Matches_direct_max_flow_for_every_pair_of_random_multigraphs()
    {
        var rng = new Random(7);
        for (var round = 0; round < 300; round++)
        {
            var (n, links, _) = RandomMultigraph(rng, maxNodes: 10);
            if (round % 3 == 0) // denser graphs too, so counts above 2 occur
                for (var k = 0; k < 3 * n; k++) links.Add((rng.Next(n), rng.Next(n)));
            var g = CompactGraph.Create(n, links.Select(l => (l.A, l.B, 1.0)).ToList());
            var ec = EdgeConnectivity.AllPairs(g);
            var histogram = new long[ec.Histogram.Length + 1];
            for (var s = 0; s < n; s++)
                for (var t = s + 1; t < n; t++)
                {
                    var expected = DirectMaxFlow(n, links, s, t);
                    Assert.That(ec.Between(s, t), Is.EqualTo(expected), $"round {round} pair {s}-{t}: links=[{string.Join(" ", links)}]");
                    Assert.That(ec.Between(t, s), Is.EqualTo(expected));
                    Assert.That(expected, Is.LessThan(histogram.Length), "histogram too short");
                    histogram[expected]++;
                }
            Assert.That(ec.Histogram, Is.EqualTo(histogram.Take(ec.Histogram.Length)), $"round {round}");
            Assert.That(histogram.Skip(ec.Histogram.Length).Sum(), Is.Zero);
        }
    }

    [Test]
    public void Tree_edges_are_true_minimum_cuts()
    {
        // Gomory–Hu (cut tree) property, beyond flow equivalence: removing a tree edge splits the
        // nodes into two sides whose crossing link count equals the edge's weight.
        var rng = new Random(99);
        for (var round = 0; round < 200; round++)
        {
            var (n, links, _) = RandomMultigraph(rng, maxNodes: 10);
            for (var k = 0; k < 2 * n; k++) links.Add((rng.Next(n), rng.Next(n)));
            var g = CompactGraph.Create(n, links.Select(l => (l.A, l.B, 1.0)).ToList());
            var ec = EdgeConnectivity.AllPairs(g);
            for (var v = 1; v < n; v++)
            {
                var side = new bool[n];
                // Side of v: nodes whose tree path to the root passes through v.
                for (var x = 0; x < n; x++)
                    for (var y = x; y >= 0; y = ec.TreeParent[y])
                        if (y == v) { side[x] = true; break; }
                var crossing = links.Count(l => side[l.A] != side[l.B]);
                Assert.That(crossing, Is.EqualTo(ec.TreeWeight[v]), $"round {round} tree edge {v}-{ec.TreeParent[v]}");
            }
        }
    }

    [Test]
    public void Ring_with_one_doubled_link()
    {
        var links = Ring(5).Append((A: 0, B: 1)).ToList();
        var ec = EdgeConnectivity.AllPairs(CompactGraph.Create(5, links.Select(l => (l.A, l.B, 1.0)).ToList()));
        Assert.That(ec.Between(0, 1), Is.EqualTo(3));
        Assert.That(ec.Between(2, 4), Is.EqualTo(2));
        Assert.That(ec.Histogram, Is.EqualTo(new long[] { 0, 0, 9, 1 }));
    }

    [Test]
    public void Two_components_have_no_paths_between_them()
    {
        var ec = EdgeConnectivity.AllPairs(CompactGraph.Create(4, new List<(int, int, double)> { (0, 1, 1), (2, 3, 1) }));
        Assert.That(ec.Between(0, 1), Is.EqualTo(1));
        Assert.That(ec.Between(1, 2), Is.EqualTo(0));
        Assert.That(ec.Histogram, Is.EqualTo(new long[] { 4, 2 }));
        Assert.Throws<ArgumentException>(() => ec.Between(2, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => ec.Between(0, 4));
    }

    [Test]
    public void Networks_too_big_to_tabulate_answer_by_walking_the_tree()
    {
        // A ring with a chord: pairs on the same side of the chord have 2 paths, the chord's ends 3.
        const int n = EdgeConnectivity.MaxTabulatedNodes + 100;
        var links = Enumerable.Range(0, n).Select(i => (i, (i + 1) % n, 1.0)).Append((0, n / 2, 1.0)).ToList();
        var ec = EdgeConnectivity.AllPairs(CompactGraph.Create(n, links));
        Assert.That(ec.Between(0, n / 2), Is.EqualTo(3));
        Assert.That(ec.Between(1, n - 1), Is.EqualTo(2));
        Assert.That(ec.Between(n - 1, 1), Is.EqualTo(2));
        Assert.That(ec.Histogram, Is.EqualTo(new long[] { 0, 0, (long)n * (n - 1) / 2 - 1, 1 }));
    }

    [Test]
    public void Kdl_sized_random_network_in_a_few_seconds()
    {
        // Kdl-like: a random spanning tree on 754 nodes plus 145 extra links (899 in all).
        var rng = new Random(754);
        var links = new List<(int, int, double)>();
        for (var v = 1; v < 754; v++) links.Add((v, rng.Next(v), 1));
        for (var k = 0; k < 145; k++) links.Add((rng.Next(754), rng.Next(754), 1));
        var g = CompactGraph.Create(754, links);
        var clock = SdnController.Testing.ThreadCpuTime.StartNew(); // CPU, not wall-clock: a loaded machine must not fail it
        var ec = EdgeConnectivity.AllPairs(g);
        Assert.That(clock.Elapsed.TotalSeconds, Is.LessThan(5));
        Assert.That(ec.Histogram.Sum(), Is.EqualTo(754L * 753 / 2));
    }

    [Test]
    public void Real_Kdl_in_a_few_seconds()
    {
        var zoo = SharedData.RequireDirectory("topologyzoo");
        var bag = new DiagnosticBag();
        var t = TopologyFileLoader.Load(Path.Combine(zoo, "gml", "Kdl.gml"), new ZooImportOptions(), bag);
        Assert.That(t, Is.Not.Null, string.Join("\n", bag.Items));
        var g = CompactGraph.FromTopology(t!, PathMetric.Hop);
        var clock = SdnController.Testing.ThreadCpuTime.StartNew(); // CPU, not wall-clock: a loaded machine must not fail it
        var ec = EdgeConnectivity.AllPairs(g);
        var spof = SinglePointsOfFailure.Analyze(t!, g);
        var summary = TopologyStatistics.Compute(t!, g);
        Assert.That(clock.Elapsed.TotalSeconds, Is.LessThan(5));
        Assert.That(summary.SwitchCount, Is.EqualTo(754));
        Assert.That(summary.LinkCount, Is.EqualTo(899));
        // Consistency across the three analyses: a pair joined by one disjoint path is cut by some bridge.
        Assert.That(ec.Histogram[1] > 0, Is.EqualTo(spof.Bridges.Count > 0));
        Assert.That(ec.Histogram[0], Is.EqualTo(754L * 753 / 2 - summary.Components.Sum(c => (long)c.Size * (c.Size - 1) / 2)));
        TestContext.Out.WriteLine($"Kdl: {summary.ComponentCount} components, diameter {summary.HopDiameter}, {spof.Bridges.Count} bridges, {spof.ArticulationSwitches.Count} articulations, histogram [{string.Join(", ", ec.Histogram)}], {clock.Elapsed.TotalMilliseconds:0} ms CPU");
    }
}
