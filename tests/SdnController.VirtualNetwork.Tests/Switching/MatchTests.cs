using SdnController.Southbound.Matching;
using SdnController.VirtualNetwork.Headers;
using SdnController.VirtualNetwork.Switching;
using static SdnController.VirtualNetwork.Tests.Headers.TestFrames;

namespace SdnController.VirtualNetwork.Tests.Switching;

public class MatchTests
{
    private static FlowEntry? Lookup(FlowTable table, byte[] frame, int inPort = 1)
    {
        Assert.That(PacketHeaders.TryParse(frame, out var h), Is.True);
        return table.Lookup(h, inPort);
    }

    private static bool Matches(Match match, byte[] frame, int inPort = 1)
    {
        var table = new FlowTable();
        table.Add(new(10, match, []), TimeSpan.Zero, out _);
        return Lookup(table, frame, inPort) is not null;
    }

    private static Ipv4Prefix P4(string ip, int length) => new(Ip4(ip), length);
    private static Ipv6Prefix P6(string ip, int length) => new(Ip6(ip), length);

    [Test]
    public void InPort()
    {
        Assert.That(Matches(new Match { InPort = 2 }, Tcp(), inPort: 2), Is.True);
        Assert.That(Matches(new Match { InPort = 2 }, Tcp(), inPort: 3), Is.False);
    }

    [Test]
    public void EthernetAddressesAndType()
    {
        Assert.That(Matches(new Match { EthSrc = Mac(MacA) }, Tcp()), Is.True);
        Assert.That(Matches(new Match { EthSrc = Mac(MacB) }, Tcp()), Is.False);
        Assert.That(Matches(new Match { EthDst = Mac(MacB) }, Tcp()), Is.True);
        Assert.That(Matches(new Match { EthDst = Mac(MacA) }, Tcp()), Is.False);
        Assert.That(Matches(new Match { EthType = EtherTypes.Arp }, Arp()), Is.True);
        Assert.That(Matches(new Match { EthType = EtherTypes.Ipv4 }, Arp()), Is.False);
        Assert.That(Matches(new Match { EthType = EtherTypes.Ipv4 }, WithTag(Tcp(), 5)), Is.True, "type after the tag");
    }

    [Test]
    public void VlanIdAndNoTag()
    {
        var tagged = WithTag(Tcp(), 100);
        Assert.That(Matches(new Match { Vlan = VlanMatch.Id(100) }, tagged), Is.True);
        Assert.That(Matches(new Match { Vlan = VlanMatch.Id(101) }, tagged), Is.False);
        Assert.That(Matches(new Match { Vlan = VlanMatch.Id(100) }, Tcp()), Is.False);
        Assert.That(Matches(new Match { Vlan = VlanMatch.NoTag }, Tcp()), Is.True);
        Assert.That(Matches(new Match { Vlan = VlanMatch.NoTag }, tagged), Is.False);
        Assert.That(Matches(new Match { Vlan = VlanMatch.Id(0) }, WithTag(Tcp(), 0)), Is.True, "priority tag, vid 0");
        Assert.That(Matches(new Match { Vlan = VlanMatch.Id(0) }, Tcp()), Is.False);
    }

    [Test]
    public void Ipv4Prefixes()
    {
        var frame = Tcp("10.1.2.3", "172.16.5.6");
        Assert.That(Matches(new Match { Ipv4Src = P4("10.1.2.3", 32) }, frame), Is.True);
        Assert.That(Matches(new Match { Ipv4Src = P4("10.1.2.4", 32) }, frame), Is.False);
        Assert.That(Matches(new Match { Ipv4Src = P4("10.1.0.0", 16) }, frame), Is.True);
        Assert.That(Matches(new Match { Ipv4Src = P4("10.2.0.0", 16) }, frame), Is.False);
        Assert.That(Matches(new Match { Ipv4Dst = P4("172.16.4.0", 23) }, frame), Is.True);
        Assert.That(Matches(new Match { Ipv4Dst = P4("172.16.4.0", 24) }, frame), Is.False);
        Assert.That(Matches(new Match { Ipv4Dst = P4("0.0.0.0", 0) }, frame), Is.True);
        Assert.That(Matches(new Match { Ipv4Dst = P4("0.0.0.0", 0) }, Arp()), Is.False, "/0 still needs an IPv4 packet");
        Assert.That(Matches(new Match { Ipv4Src = P4("10.0.0.0", 8), Ipv4Dst = P4("172.16.5.6", 32) }, frame), Is.True);
        Assert.That(Matches(new Match { Ipv4Src = P4("10.0.0.0", 8), Ipv4Dst = P4("172.16.5.7", 32) }, frame), Is.False);
    }

    [Test]
    public void Ipv6Prefixes()
    {
        var frame = Ipv6Tcp("2001:db8:1::5", "2001:db8:2::9");
        Assert.That(Matches(new Match { Ipv6Src = P6("2001:db8:1::5", 128) }, frame), Is.True);
        Assert.That(Matches(new Match { Ipv6Src = P6("2001:db8:1::", 48) }, frame), Is.True);
        Assert.That(Matches(new Match { Ipv6Src = P6("2001:db8:2::", 48) }, frame), Is.False);
        Assert.That(Matches(new Match { Ipv6Dst = P6("2001:db8:2::", 64) }, frame), Is.True);
        Assert.That(Matches(new Match { Ipv6Dst = P6("2001:db8::", 64) }, frame), Is.False);
        Assert.That(Matches(new Match { Ipv6Dst = P6("::", 0) }, Tcp()), Is.False, "an IPv4 packet has no IPv6 address");
    }

    [Test]
    public void IpProtoAndPorts()
    {
        Assert.That(Matches(new Match { IpProto = 6 }, Tcp()), Is.True);
        Assert.That(Matches(new Match { IpProto = 17 }, Tcp()), Is.False);
        Assert.That(Matches(new Match { IpProto = 1 }, Icmp()), Is.True);
        Assert.That(Matches(new Match { IpProto = 0 }, Arp()), Is.False, "ARP has no IP protocol, not protocol 0");
        Assert.That(Matches(new Match { L4Src = 1234 }, Tcp(srcPort: 1234)), Is.True);
        Assert.That(Matches(new Match { L4Src = 1234 }, Tcp(srcPort: 1235)), Is.False);
        Assert.That(Matches(new Match { L4Dst = 53 }, Udp(dstPort: 53)), Is.True);
        Assert.That(Matches(new Match { L4Dst = 53 }, Ipv6Udp(dstPort: 53)), Is.True);
        Assert.That(Matches(new Match { L4Dst = 0 }, Icmp()), Is.False, "ICMP has no ports, not port 0");
        Assert.That(Matches(new Match { IpProto = 6, L4Src = 1, L4Dst = 2 }, Tcp(srcPort: 1, dstPort: 2)), Is.True);
        Assert.That(Matches(new Match { IpProto = 6, L4Src = 1, L4Dst = 2 }, Udp(srcPort: 1, dstPort: 2)), Is.False);
    }

    [Test]
    public void EmptyMatchTakesEverything()
    {
        Assert.That(Matches(Match.Any, Arp()), Is.True);
        Assert.That(Matches(Match.Any, WithTag(Ipv6Tcp(), 4)), Is.True);
    }

    [Test]
    public void HighestPriorityWinsAcrossMasks()
    {
        var table = new FlowTable();
        var low = new Southbound.Rules.FlowRule(1, Match.Any, []);
        var mid = new Southbound.Rules.FlowRule(5, new Match { EthDst = Mac(MacB) }, []);
        var high = new Southbound.Rules.FlowRule(9, new Match { Ipv4Dst = P4("10.0.0.2", 32) }, []);
        table.Add(low, TimeSpan.Zero, out _);
        table.Add(high, TimeSpan.Zero, out _);
        table.Add(mid, TimeSpan.Zero, out _);
        Assert.That(Lookup(table, Tcp())!.Rule, Is.SameAs(high));
        Assert.That(Lookup(table, Tcp(dstIp: "10.0.0.3"))!.Rule, Is.SameAs(mid));
        Assert.That(Lookup(table, Tcp(dstMac: MacA, dstIp: "10.0.0.3"))!.Rule, Is.SameAs(low));
        Assert.That(table.Snapshot().Select(e => e.Rule), Is.EqualTo(new[] { high, mid, low }));
    }

    [Test]
    public void EqualPriorityTieGoesToTheFirstInstalled()
    {
        var table = new FlowTable();
        var byMac = new Southbound.Rules.FlowRule(5, new Match { EthDst = Mac(MacB) }, []);
        var byIp = new Southbound.Rules.FlowRule(5, new Match { Ipv4Dst = P4("10.0.0.2", 32) }, []);
        var byPort = new Southbound.Rules.FlowRule(5, new Match { L4Dst = 80 }, []);
        table.Add(byIp, TimeSpan.Zero, out _);
        table.Add(byMac, TimeSpan.Zero, out _);
        table.Add(byPort, TimeSpan.Zero, out _);
        Assert.That(Lookup(table, Tcp())!.Rule, Is.SameAs(byIp));
        table.DeleteStrict(5, byIp.Match, 0, 0);
        Assert.That(Lookup(table, Tcp())!.Rule, Is.SameAs(byMac));
        table.Add(byIp, TimeSpan.Zero, out _); // now the newest
        Assert.That(Lookup(table, Tcp())!.Rule, Is.SameAs(byMac));
    }

    [Test]
    public void SamePriorityAndMatchReplaces()
    {
        var table = new FlowTable();
        var first = new Southbound.Rules.FlowRule(5, new Match { Ipv4Dst = P4("10.0.0.0", 8) }, []);
        var second = first with { Cookie = 7 };
        table.Add(first, TimeSpan.Zero, out var r1);
        table.Add(second, TimeSpan.Zero, out var r2);
        Assert.That(r1, Is.Null);
        Assert.That(r2!.Rule, Is.SameAs(first));
        Assert.That(table.Count, Is.EqualTo(1));
        Assert.That(Lookup(table, Tcp())!.Rule, Is.SameAs(second));
        // A /8 on the same base written differently is the same match (prefix bits beyond the length are ignored).
        table.Add(first with { Match = new Match { Ipv4Dst = P4("10.9.9.9", 8) } }, TimeSpan.Zero, out var r3);
        Assert.That(r3!.Rule, Is.SameAs(second));
    }
}
