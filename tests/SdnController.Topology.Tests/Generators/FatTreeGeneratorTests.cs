using SdnController.Topology.Generators;

namespace SdnController.Topology.Tests.Generators;

public class FatTreeGeneratorTests
{
    [TestCase(2)]
    [TestCase(4)]
    [TestCase(6)]
    [TestCase(8)]
    public void Counts_follow_the_fat_tree_formulas(int k)
    {
        var t = GeneratedTopology.Build(FatTreeGenerator.Create(k));
        // (k/2)² core + k pods × (k/2 aggregation + k/2 edge) = 5k²/4 switches.
        Assert.That(t.Switches, Has.Count.EqualTo(k * k / 4 + k * k));
        Assert.That(t.Hosts, Has.Count.EqualTo(k * k * k / 4));
        // Each pod: (k/2)² edge–aggregation + (k/2)² aggregation–core links, so k·k²/2 = k³/2 in all.
        Assert.That(t.Links, Has.Count.EqualTo(k * k * k / 2));
    }

    [Test]
    public void K4_has_20_switches_16_hosts_32_links()
    {
        var t = GeneratedTopology.Build(FatTreeGenerator.Create(4));
        Assert.That((t.Switches.Count, t.Hosts.Count, t.Links.Count), Is.EqualTo((20, 16, 32)));
        Assert.That(t.Switches.Count(s => s.Id.StartsWith('c')), Is.EqualTo(4));
    }

    [TestCase(4)]
    [TestCase(6)]
    public void Every_switch_uses_all_k_ports(int k)
    {
        var t = GeneratedTopology.Build(FatTreeGenerator.Create(k));
        var degree = GeneratedTopology.Degrees(t);
        foreach (var h in t.Hosts) degree[h.Attachment.Node]++;
        Assert.That(degree.Values, Is.All.EqualTo(k));
        GeneratedTopology.AssertPortsUnique(t);
        foreach (var l in t.Links)
            Assert.That(new[] { l.A.Port, l.B.Port }, Is.All.InRange(1, k), $"link {l.Id}");
        foreach (var h in t.Hosts) Assert.That(h.Attachment.Port, Is.InRange(1, k / 2));
    }

    [Test]
    public void Switch_ports_degree_without_hosts_is_k_for_core_and_aggregation()
    {
        var t = GeneratedTopology.Build(FatTreeGenerator.Create(4, hostsPerEdge: 0));
        var degree = GeneratedTopology.Degrees(t);
        Assert.That(t.Hosts, Is.Empty);
        Assert.That(degree.Where(kv => !kv.Key.Contains('e')).Select(kv => kv.Value), Is.All.EqualTo(4));
        Assert.That(degree.Where(kv => kv.Key.Contains('e')).Select(kv => kv.Value), Is.All.EqualTo(2));
    }

    [Test]
    public void Wiring_follows_the_documented_convention()
    {
        var t = GeneratedTopology.Build(FatTreeGenerator.Create(4));
        // Aggregation 2 of pod 3 reaches core 3 and 4 on its ports 3 and 4; core c has pod p on port p.
        Assert.That(t.Links.Any(l => l.A == new Model.PortRef("p3a2", 3) && l.B == new Model.PortRef("c3", 3)), Is.True);
        Assert.That(t.Links.Any(l => l.A == new Model.PortRef("p3a2", 4) && l.B == new Model.PortRef("c4", 3)), Is.True);
        // Edge 1 of pod 1: hosts h1, h2 on ports 1, 2; aggregation 1 and 2 on ports 3, 4.
        Assert.That(t.FindHost("h2")!.Attachment, Is.EqualTo(new Model.PortRef("p1e1", 2)));
        Assert.That(t.FindHost("h16")!.Attachment, Is.EqualTo(new Model.PortRef("p4e2", 2)));
        Assert.That(t.Links.Any(l => l.A == new Model.PortRef("p1e1", 4) && l.B == new Model.PortRef("p1a2", 1)), Is.True);
        Assert.That(GeneratedTopology.IsConnected(t), Is.True);
    }

    [Test]
    public void Hosts_per_edge_can_differ_from_k_over_2()
    {
        var t = GeneratedTopology.Build(FatTreeGenerator.Create(4, hostsPerEdge: 3));
        Assert.That(t.Hosts, Has.Count.EqualTo(8 * 3));
        GeneratedTopology.AssertPortsUnique(t);
    }

    [TestCase(0)]
    [TestCase(3)]
    [TestCase(-2)]
    public void Odd_or_too_small_k_is_rejected(int k)
    {
        var e = Assert.Throws<ArgumentException>(() => FatTreeGenerator.Create(k));
        Assert.That(e!.Message, Does.Contain("even").And.Contain(k.ToString()));
    }

    [Test]
    public void Negative_hosts_and_huge_k_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => FatTreeGenerator.Create(4, hostsPerEdge: -1));
        var e = Assert.Throws<ArgumentException>(() => FatTreeGenerator.Create(4000));
        Assert.That(e!.Message, Does.Contain("at most"));
    }
}
