using SdnController.Topology.Generators;
using SdnController.Topology.Model;
using SdnController.Topology.Writing;

namespace SdnController.Topology.Tests.Generators;

public class WaxmanGeneratorTests
{
    [Test]
    public void Same_seed_gives_the_same_file()
    {
        var a = TopologyYamlWriter.ToYaml(GeneratedTopology.Build(WaxmanGenerator.Create(40, 0.4, 0.2, seed: 7, hostsPerSwitch: 1)));
        var b = TopologyYamlWriter.ToYaml(GeneratedTopology.Build(WaxmanGenerator.Create(40, 0.4, 0.2, seed: 7, hostsPerSwitch: 1)));
        Assert.That(a, Is.EqualTo(b));
    }

    [Test]
    public void Different_seeds_give_different_graphs()
    {
        var a = GeneratedTopology.Build(WaxmanGenerator.Create(40, 0.4, 0.2, seed: 1));
        var b = GeneratedTopology.Build(WaxmanGenerator.Create(40, 0.4, 0.2, seed: 2));
        Assert.That(b.Switches.Select(s => s.Location), Is.Not.EqualTo(a.Switches.Select(s => s.Location)));
        Assert.That(b.Links.Select(l => l.Id), Is.Not.EquivalentTo(a.Links.Select(l => l.Id)));
    }

    [Test]
    public void Always_connected_over_200_seeds()
    {
        var joined = 0;
        for (var seed = 0; seed < 200; seed++)
        {
            // Sparse on purpose (α = 0.05) so most seeds fall apart and need joining.
            var t = GeneratedTopology.Build(WaxmanGenerator.Create(30, 0.05, 0.15, seed));
            Assert.That(GeneratedTopology.IsConnected(t), Is.True, $"seed {seed}");
            if (t.Links.Any(l => l.Attributes.ContainsKey("waxman"))) joined++;
        }
        Assert.That(joined, Is.GreaterThan(100), "the test should exercise the joining step");
    }

    [Test]
    public void Joining_adds_exactly_components_minus_one_links_and_the_shortest_one_first_from_s1()
    {
        // α so small that hardly any Waxman edge appears: joining builds (almost) a minimum spanning tree.
        var t = GeneratedTopology.Build(WaxmanGenerator.Create(12, 1e-9, 0.1, seed: 3));
        Assert.That(t.Links, Has.Count.EqualTo(11));
        Assert.That(t.Links.All(l => l.Attributes["waxman"] == "connect"), Is.True);
        // The first joining link goes from s1 to its nearest switch.
        var s1 = t.Switches[0].Location!.Value;
        var nearest = t.Switches.Skip(1).MinBy(s => s1.DistanceKmTo(s.Location!.Value))!.Id;
        Assert.That(t.Links[0].Connects("s1", nearest), Is.True);
        // Minimum spanning tree: total length no more than a Prim run computed here independently.
        Assert.That(t.Links.Sum(l => Distance(t, l)), Is.EqualTo(MinimumSpanningLength(t)).Within(1e-9));
    }

    [Test]
    public void Locations_are_inside_the_box_and_latency_derives_from_distance()
    {
        var t = GeneratedTopology.Build(WaxmanGenerator.Create(25, 0.5, 0.3, seed: 11));
        foreach (var s in t.Switches)
        {
            var g = s.Location!.Value;
            Assert.That(g.Latitude, Is.InRange(WaxmanGenerator.MinLatitude, WaxmanGenerator.MaxLatitude));
            Assert.That(g.Longitude, Is.InRange(WaxmanGenerator.MinLongitude, WaxmanGenerator.MaxLongitude));
            Assert.That(Math.Round(g.Latitude, 4), Is.EqualTo(g.Latitude));
        }
        foreach (var l in t.Links)
        {
            Assert.That(l.LatencySource, Is.EqualTo(LatencySource.Geographic));
            Assert.That(l.LatencyMs, Is.EqualTo(Distance(t, l) * Building.TopologyBuilder.FibreMsPerKm).Within(1e-12));
        }
    }

    [Test]
    public void Denser_alpha_gives_more_links()
    {
        var sparse = GeneratedTopology.Build(WaxmanGenerator.Create(60, 0.1, 0.3, seed: 5)).Links.Count;
        var dense = GeneratedTopology.Build(WaxmanGenerator.Create(60, 0.9, 0.3, seed: 5)).Links.Count;
        Assert.That(dense, Is.GreaterThan(2 * sparse));
    }

    [TestCase(0, 0.5, 0.5, 0)]
    [TestCase(10, 0, 0.5, 0)]
    [TestCase(10, 1.5, 0.5, 0)]
    [TestCase(10, 0.5, 0, 0)]
    [TestCase(10, 0.5, double.NaN, 0)]
    [TestCase(10, 0.5, 0.5, -1)]
    [TestCase(100_000, 0.5, 0.5, 0)]
    public void Bad_parameters_are_rejected(int n, double alpha, double beta, int hosts)
    {
        var e = Assert.Throws<ArgumentException>(() => WaxmanGenerator.Create(n, alpha, beta, 1, hosts));
        Assert.That(e!.Message, Does.Contain("Waxman"));
    }

    [Test]
    public void One_switch_is_fine()
    {
        var t = GeneratedTopology.Build(WaxmanGenerator.Create(1, 0.5, 0.5, 1, hostsPerSwitch: 2));
        Assert.That((t.Switches.Count, t.Links.Count, t.Hosts.Count), Is.EqualTo((1, 0, 2)));
    }

    private static double Distance(Model.Topology t, Link l) =>
        t.FindSwitch(l.A.Node)!.Location!.Value.DistanceKmTo(t.FindSwitch(l.B.Node)!.Location!.Value);

    private static double MinimumSpanningLength(Model.Topology t)
    {
        var n = t.Switches.Count;
        var inTree = new bool[n];
        var best = Enumerable.Repeat(double.PositiveInfinity, n).ToArray();
        best[0] = 0;
        var total = 0.0;
        for (var step = 0; step < n; step++)
        {
            var u = Enumerable.Range(0, n).Where(i => !inTree[i]).MinBy(i => best[i]);
            inTree[u] = true;
            total += best[u];
            for (var v = 0; v < n; v++)
                if (!inTree[v])
                    best[v] = Math.Min(best[v], t.Switches[u].Location!.Value.DistanceKmTo(t.Switches[v].Location!.Value));
        }
        return total;
    }
}
