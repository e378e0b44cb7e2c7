using System.Net;
using SdnController.Southbound.Matching;

namespace SdnController.VirtualNetwork.Tests.Switching;

/// <summary>
/// <see cref="Match"/> as a value: its fields are stored packed (presence bits, IPv6 out of line), so every
/// field must read back what was set, absent must differ from zero, and equality, hash and text must be
/// those of the plain record it replaced.
/// </summary>
public class MatchValueTests
{
    private static UInt128 Ip6(string text)
    {
        var b = IPAddress.Parse(text).GetAddressBytes();
        UInt128 v = 0;
        foreach (var x in b) v = (v << 8) | x;
        return v;
    }

    private static Match Full() => new()
    {
        InPort = 3,
        EthSrc = MacAddress.Parse("00:00:00:00:00:01"),
        EthDst = MacAddress.Parse("00:00:00:00:00:02"),
        EthType = 0x0800,
        Vlan = VlanMatch.Id(42),
        Ipv4Src = new Ipv4Prefix(0x0A000001, 32),
        Ipv4Dst = new Ipv4Prefix(0x0A000200, 24),
        IpProto = 17,
        L4Src = 1024,
        L4Dst = 5000,
    };

    [Test]
    public void EveryFieldReadsBackWhatWasSet()
    {
        var m = Full() with { Ipv6Src = new Ipv6Prefix(Ip6("2001:db8::1"), 128), Ipv6Dst = new Ipv6Prefix(Ip6("2001:db8:1::"), 48) };
        Assert.Multiple(() =>
        {
            Assert.That(m.InPort, Is.EqualTo(3));
            Assert.That(m.EthSrc, Is.EqualTo(new MacAddress(1)));
            Assert.That(m.EthDst, Is.EqualTo(new MacAddress(2)));
            Assert.That(m.EthType, Is.EqualTo((ushort)0x0800));
            Assert.That(m.Vlan, Is.EqualTo(VlanMatch.Id(42)));
            Assert.That(m.Ipv4Src, Is.EqualTo(new Ipv4Prefix(0x0A000001, 32)));
            Assert.That(m.Ipv4Dst, Is.EqualTo(new Ipv4Prefix(0x0A000200, 24)));
            Assert.That(m.Ipv6Src, Is.EqualTo(new Ipv6Prefix(Ip6("2001:db8::1"), 128)));
            Assert.That(m.Ipv6Dst, Is.EqualTo(new Ipv6Prefix(Ip6("2001:db8:1::"), 48)));
            Assert.That(m.IpProto, Is.EqualTo((byte)17));
            Assert.That(m.L4Src, Is.EqualTo((ushort)1024));
            Assert.That(m.L4Dst, Is.EqualTo((ushort)5000));
        });
    }

    [Test]
    public void UnsetFieldsAreNull()
    {
        var m = new Match();
        Assert.Multiple(() =>
        {
            Assert.That(m.InPort, Is.Null);
            Assert.That(m.EthSrc, Is.Null);
            Assert.That(m.EthDst, Is.Null);
            Assert.That(m.EthType, Is.Null);
            Assert.That(m.Vlan, Is.Null);
            Assert.That(m.Ipv4Src, Is.Null);
            Assert.That(m.Ipv4Dst, Is.Null);
            Assert.That(m.Ipv6Src, Is.Null);
            Assert.That(m.Ipv6Dst, Is.Null);
            Assert.That(m.IpProto, Is.Null);
            Assert.That(m.L4Src, Is.Null);
            Assert.That(m.L4Dst, Is.Null);
            Assert.That(m, Is.EqualTo(Match.Any));
        });
    }

    [Test]
    public void ZeroDiffersFromAbsent()
    {
        Assert.That(new Match { InPort = 0 }, Is.Not.EqualTo(Match.Any));
        Assert.That(new Match { L4Src = 0 }, Is.Not.EqualTo(new Match { L4Dst = 0 }));
        Assert.That(new Match { Ipv4Src = new Ipv4Prefix(0, 0) }, Is.Not.EqualTo(Match.Any));
        Assert.That(new Match { Ipv4Src = new Ipv4Prefix(0, 0) }, Is.Not.EqualTo(new Match { Ipv4Dst = new Ipv4Prefix(0, 0) }));
        Assert.That(new Match { Vlan = VlanMatch.NoTag }, Is.Not.EqualTo(new Match { Vlan = VlanMatch.Id(0) }));
        Assert.That(new Match { Ipv6Dst = new Ipv6Prefix(0, 0) }, Is.Not.EqualTo(new Match { Ipv6Src = new Ipv6Prefix(0, 0) }));
    }

    [Test]
    public void PrefixLengthIsPartOfTheValue()
    {
        Assert.That(new Match { Ipv4Dst = new Ipv4Prefix(0x0A000000, 8) }, Is.Not.EqualTo(new Match { Ipv4Dst = new Ipv4Prefix(0x0A000000, 16) }));
        Assert.That(new Match { Ipv6Dst = new Ipv6Prefix(Ip6("2001:db8::"), 32) }, Is.Not.EqualTo(new Match { Ipv6Dst = new Ipv6Prefix(Ip6("2001:db8::"), 48) }));
    }

    [Test]
    public void EqualMatchesAreEqualWithEqualHashes()
    {
        Assert.That(Full(), Is.EqualTo(Full()));
        Assert.That(Full().GetHashCode(), Is.EqualTo(Full().GetHashCode()));
        Match v6() => new() { EthType = 0x86DD, Ipv6Src = new Ipv6Prefix(Ip6("fe80::1"), 128), Ipv6Dst = new Ipv6Prefix(Ip6("fe80::2"), 128) };
        Assert.That(v6(), Is.EqualTo(v6()));
        Assert.That(v6().GetHashCode(), Is.EqualTo(v6().GetHashCode()));
        Assert.That(v6() with { Ipv6Dst = new Ipv6Prefix(Ip6("fe80::3"), 128) }, Is.Not.EqualTo(v6()));
        Assert.That(Full() with { L4Dst = 5001 }, Is.Not.EqualTo(Full()));
    }

    [Test]
    public void WithClearsAndSetsFields()
    {
        var m = Full() with { InPort = null, Vlan = null, L4Src = null };
        Assert.That(m.InPort, Is.Null);
        Assert.That(m.Vlan, Is.Null);
        Assert.That(m.L4Src, Is.Null);
        Assert.That(m, Is.EqualTo(new Match
        {
            EthSrc = MacAddress.Parse("00:00:00:00:00:01"),
            EthDst = MacAddress.Parse("00:00:00:00:00:02"),
            EthType = 0x0800,
            Ipv4Src = new Ipv4Prefix(0x0A000001, 32),
            Ipv4Dst = new Ipv4Prefix(0x0A000200, 24),
            IpProto = 17,
            L4Dst = 5000,
        }));
        var v6 = new Match { Ipv6Src = new Ipv6Prefix(Ip6("fe80::1"), 128), Ipv6Dst = new Ipv6Prefix(Ip6("fe80::2"), 128) };
        var srcOnly = v6 with { Ipv6Dst = null };
        Assert.That(srcOnly.Ipv6Src, Is.EqualTo(new Ipv6Prefix(Ip6("fe80::1"), 128)));
        Assert.That(srcOnly.Ipv6Dst, Is.Null);
        Assert.That(srcOnly with { Ipv6Src = null }, Is.EqualTo(Match.Any), "no IPv6 field left: the same as a match that never had one");
    }

    [Test]
    public void TextListsTheSetFieldsInOrder()
    {
        Assert.That(Match.Any.ToString(), Is.EqualTo("any"));
        Assert.That(Full().ToString(), Is.EqualTo(
            "in_port=3,eth_src=00:00:00:00:00:01,eth_dst=00:00:00:00:00:02,eth_type=0x0800,vlan=42,ipv4_src=10.0.0.1/32,ipv4_dst=10.0.2.0/24,ip_proto=17,l4_src=1024,l4_dst=5000"));
        Assert.That(new Match { Vlan = VlanMatch.NoTag, EthType = 0x86DD, Ipv6Src = new Ipv6Prefix(Ip6("2001:db8::1"), 128), Ipv6Dst = new Ipv6Prefix(Ip6("2001:db8:1::"), 48) }.ToString(),
            Is.EqualTo("eth_type=0x86dd,vlan=none,ipv6_src=2001:db8::1/128,ipv6_dst=2001:db8:1::/48"));
    }
}
