using System.Net;
using SdnController.Topology.Generators;
using SdnController.Topology.Model;

namespace SdnController.Topology.Tests.Generators;

public class SimpleGeneratorTests
{
    [TestCase(1, 1, 0)]
    [TestCase(3, 2, 4)]
    [TestCase(8, 4, 2)]
    public void Leaf_spine_is_complete_bipartite(int leaves, int spines, int hostsPerLeaf)
    {
        var t = GeneratedTopology.Build(LeafSpineGenerator.Create(leaves, spines, hostsPerLeaf));
        Assert.That(t.Switches, Has.Count.EqualTo(leaves + spines));
        Assert.That(t.Links, Has.Count.EqualTo(leaves * spines));
        Assert.That(t.Hosts, Has.Count.EqualTo(leaves * hostsPerLeaf));
        var pairs = new HashSet<(string, string)>();
        foreach (var l in t.Links)
        {
            var leaf = l.A.Node.StartsWith("leaf") ? l.A.Node : l.B.Node;
            var spine = l.OtherEnd(leaf);
            Assert.That(leaf, Does.StartWith("leaf"));
            Assert.That(spine, Does.StartWith("spine"), $"link {l.Id} is not leaf–spine");
            Assert.That(pairs.Add((leaf, spine)), Is.True, $"duplicate link {leaf}–{spine}");
        }
        foreach (var h in t.Hosts) Assert.That(h.Attachment.Node, Does.StartWith("leaf"));
        GeneratedTopology.AssertPortsUnique(t);
    }

    [Test]
    public void Leaf_spine_rejects_bad_parameters()
    {
        Assert.Throws<ArgumentException>(() => LeafSpineGenerator.Create(0, 2, 1));
        Assert.Throws<ArgumentException>(() => LeafSpineGenerator.Create(2, 0, 1));
        Assert.Throws<ArgumentException>(() => LeafSpineGenerator.Create(2, 2, -1));
    }

    [TestCase(3)]
    [TestCase(6)]
    [TestCase(50)]
    public void Ring_switches_have_degree_2_and_one_cycle(int n)
    {
        var t = GeneratedTopology.Build(RingGenerator.Create(n));
        Assert.That(t.Switches, Has.Count.EqualTo(n));
        Assert.That(t.Links, Has.Count.EqualTo(n));
        Assert.That(GeneratedTopology.Degrees(t).Values, Is.All.EqualTo(2));
        Assert.That(GeneratedTopology.IsConnected(t), Is.True);
        Assert.That(t.Links.Any(l => l.Connects("s1", $"s{n}")), Is.True);
        Assert.That(t.Hosts.Select(h => h.Attachment.Node), Is.EqualTo(t.Switches.Select(s => s.Id)));
        GeneratedTopology.AssertPortsUnique(t);
    }

    [TestCase(2)]
    [TestCase(1)]
    public void Ring_rejects_fewer_than_3_switches(int n)
    {
        var e = Assert.Throws<ArgumentException>(() => RingGenerator.Create(n));
        Assert.That(e!.Message, Does.Contain("at least 3"));
    }

    [Test]
    public void Linear_ends_have_degree_1_and_the_middle_2()
    {
        var t = GeneratedTopology.Build(LinearGenerator.Create(5, hostsPerSwitch: 2));
        var degree = GeneratedTopology.Degrees(t);
        Assert.That((degree["s1"], degree["s5"]), Is.EqualTo((1, 1)));
        Assert.That(new[] { degree["s2"], degree["s3"], degree["s4"] }, Is.All.EqualTo(2));
        Assert.That(t.Links, Has.Count.EqualTo(4));
        Assert.That(t.Hosts, Has.Count.EqualTo(10));
        Assert.That(GeneratedTopology.IsConnected(t), Is.True);
        // Mininet-like: hosts on the low ports, h3 is the first host of s2.
        Assert.That(t.FindHost("h3")!.Attachment, Is.EqualTo(new PortRef("s2", 1)));
        Assert.That(t.FindHost("h4")!.Attachment, Is.EqualTo(new PortRef("s2", 2)));
        GeneratedTopology.AssertPortsUnique(t);
    }

    [Test]
    public void Linear_of_one_switch_has_no_links_and_zero_is_rejected()
    {
        var t = GeneratedTopology.Build(LinearGenerator.Create(1));
        Assert.That((t.Switches.Count, t.Links.Count, t.Hosts.Count), Is.EqualTo((1, 0, 1)));
        Assert.Throws<ArgumentException>(() => LinearGenerator.Create(0));
        Assert.Throws<ArgumentException>(() => LinearGenerator.Create(3, hostsPerSwitch: -1));
    }

    [Test]
    public void Hosts_are_numbered_like_Mininet()
    {
        Assert.That(HostNumbering.IdOf(12), Is.EqualTo("h12"));
        Assert.That(Host.FormatMac(HostNumbering.MacOf(1)), Is.EqualTo("00:00:00:00:00:01"));
        Assert.That(Host.FormatMac(HostNumbering.MacOf(255)), Is.EqualTo("00:00:00:00:00:ff"));
        Assert.That(Host.FormatMac(HostNumbering.MacOf(256)), Is.EqualTo("00:00:00:00:01:00"));
        Assert.That(HostNumbering.IPv4Of(1).ToString(), Is.EqualTo("10.0.0.1/8"));
        Assert.That(HostNumbering.IPv4Of(256).ToString(), Is.EqualTo("10.0.1.0/8"));
        Assert.That(HostNumbering.IPv4Of(HostNumbering.MaxHosts).Address, Is.EqualTo(IPAddress.Parse("10.255.255.254")));

        var t = GeneratedTopology.Build(LinearGenerator.Create(3));
        Assert.That(t.Hosts.Select(h => h.Id), Is.EqualTo(new[] { "h1", "h2", "h3" }));
        Assert.That(t.Hosts.Select(h => h.IPv4!.ToString()), Is.EqualTo(new[] { "10.0.0.1/8", "10.0.0.2/8", "10.0.0.3/8" }));
        Assert.That(t.Hosts.Select(h => Host.FormatMac(h.Mac)), Is.EqualTo(new[] { "00:00:00:00:00:01", "00:00:00:00:00:02", "00:00:00:00:00:03" }));
    }

    [Test]
    public void More_hosts_than_10_slash_8_holds_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => LeafSpineGenerator.Create(1000, 1, 20000));
        Assert.That(e!.Message, Does.Contain("10.0.0.0/8"));
    }

    [Test]
    public void Callers_can_extend_the_returned_builder()
    {
        var b = LinearGenerator.Create(2);
        b.AddSwitch(new Building.SwitchSpec("s9"));
        b.AddLink(new Building.LinkSpec(new Building.PortSpec("s2", null), new Building.PortSpec("s9", null)));
        var t = GeneratedTopology.Build(b);
        Assert.That(t.Links.Single(l => l.Connects("s2", "s9")).A, Is.EqualTo(new PortRef("s2", 3)));
    }
}
