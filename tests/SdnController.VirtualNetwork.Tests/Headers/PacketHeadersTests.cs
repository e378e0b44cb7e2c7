using SdnController.Southbound.Matching;
using SdnController.VirtualNetwork.Headers;
using static SdnController.VirtualNetwork.Tests.Headers.TestFrames;

namespace SdnController.VirtualNetwork.Tests.Headers;

public class PacketHeadersTests
{
    [Test]
    public void Ipv4Tcp()
    {
        Assert.That(PacketHeaders.TryParse(Tcp("10.1.2.3", "192.168.0.9", 1234, 80), out var h), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(h.EthSrc, Is.EqualTo(Mac(MacA)));
            Assert.That(h.EthDst, Is.EqualTo(Mac(MacB)));
            Assert.That(h.HasVlan, Is.False);
            Assert.That(h.EthType, Is.EqualTo(EtherTypes.Ipv4));
            Assert.That(h.L3Offset, Is.EqualTo(14));
            Assert.That(h.IsIpv4, Is.True);
            Assert.That(h.IsIpv6, Is.False);
            Assert.That(h.Ipv4Src, Is.EqualTo(Ip4("10.1.2.3")));
            Assert.That(h.Ipv4Dst, Is.EqualTo(Ip4("192.168.0.9")));
            Assert.That(h.IpProto, Is.EqualTo(IpProtocols.Tcp));
            Assert.That(h.HasL4Ports, Is.True);
            Assert.That(h.L4Src, Is.EqualTo(1234));
            Assert.That(h.L4Dst, Is.EqualTo(80));
            Assert.That(h.L4Offset, Is.EqualTo(34));
        });
    }

    [Test]
    public void Ipv4Udp()
    {
        PacketHeaders.TryParse(Udp(srcPort: 5353, dstPort: 53), out var h);
        Assert.That((h.IpProto, h.L4Src, h.L4Dst, h.HasL4Ports), Is.EqualTo((IpProtocols.Udp, (ushort)5353, (ushort)53, true)));
    }

    [Test]
    public void IcmpHasProtocolButNoPorts()
    {
        PacketHeaders.TryParse(Icmp(), out var h);
        Assert.That((h.IsIpv4, h.HasIpProto, h.IpProto, h.HasL4Ports), Is.EqualTo((true, true, IpProtocols.Icmp, false)));
    }

    [Test]
    public void Ipv6TcpAndUdp()
    {
        PacketHeaders.TryParse(Ipv6Tcp("2001:db8::1", "fe80::2", 4321, 443), out var h);
        Assert.Multiple(() =>
        {
            Assert.That(h.EthType, Is.EqualTo(EtherTypes.Ipv6));
            Assert.That(h.IsIpv6, Is.True);
            Assert.That(h.IsIpv4, Is.False);
            Assert.That(h.Ipv6Src, Is.EqualTo(Ip6("2001:db8::1")));
            Assert.That(h.Ipv6Dst, Is.EqualTo(Ip6("fe80::2")));
            Assert.That((h.IpProto, h.L4Src, h.L4Dst), Is.EqualTo((IpProtocols.Tcp, (ushort)4321, (ushort)443)));
            Assert.That(h.L4Offset, Is.EqualTo(54));
        });
        PacketHeaders.TryParse(Ipv6Udp(dstPort: 547), out var u);
        Assert.That((u.IpProto, u.L4Dst), Is.EqualTo((IpProtocols.Udp, (ushort)547)));
    }

    [Test]
    public void Ipv6ExtensionHeadersAreSkipped()
    {
        var frame = Ipv6Udp(dstPort: 99);
        // Insert an 8-byte hop-by-hop header between the IPv6 header and UDP.
        var withExt = new byte[frame.Length + 8];
        frame.AsSpan(0, 54).CopyTo(withExt);
        withExt[14 + 6] = 0; // next header = hop-by-hop
        withExt[54] = 17; // its next header = UDP
        withExt[55] = 0; // length (0 + 1) × 8
        frame.AsSpan(54).CopyTo(withExt.AsSpan(62));
        PacketHeaders.TryParse(withExt, out var h);
        Assert.That((h.IpProto, h.L4Dst, h.L4Offset), Is.EqualTo((IpProtocols.Udp, (ushort)99, 62)));
    }

    [Test]
    public void Arp()
    {
        PacketHeaders.TryParse(TestFrames.Arp(), out var h);
        Assert.That((h.EthType, h.IsIpv4, h.HasIpProto, h.HasL4Ports), Is.EqualTo((EtherTypes.Arp, false, false, false)));
        Assert.That(h.EthDst.Value, Is.EqualTo(0xFFFF_FFFF_FFFFUL));
    }

    [Test]
    public void VlanTag()
    {
        PacketHeaders.TryParse(WithTag(Tcp(dstPort: 22), 42, pcp: 5), out var h);
        Assert.Multiple(() =>
        {
            Assert.That((h.HasVlan, h.VlanId, h.VlanTags), Is.EqualTo((true, (ushort)42, 1)));
            Assert.That(h.EthType, Is.EqualTo(EtherTypes.Ipv4));
            Assert.That(h.L3Offset, Is.EqualTo(18));
            Assert.That(h.L4Dst, Is.EqualTo(22));
        });
    }

    [Test]
    public void QinQReportsOutermostTag()
    {
        var frame = WithTag(WithTag(Udp(), 7), 300, tpid: EtherTypes.QinQ);
        PacketHeaders.TryParse(frame, out var h);
        Assert.That((h.VlanId, h.VlanTags, h.EthType, h.L3Offset, h.IsIpv4), Is.EqualTo(((ushort)300, 2, EtherTypes.Ipv4, 22, true)));
    }

    [Test]
    public void ShorterThanAnEthernetHeaderIsRejected()
    {
        for (var n = 0; n < 14; n++) Assert.That(PacketHeaders.TryParse(new byte[n], out _), Is.False, $"{n} bytes");
    }

    [Test]
    public void TruncatedVlanTagIsRejected()
    {
        var frame = WithTag(Tcp(), 5);
        Assert.That(PacketHeaders.TryParse(frame.AsSpan(0, 16), out _), Is.False);
        Assert.That(PacketHeaders.TryParse(frame.AsSpan(0, 18), out var h), Is.True);
        Assert.That((h.VlanId, h.EthType, h.IsIpv4), Is.EqualTo(((ushort)5, EtherTypes.Ipv4, false)));
    }

    [Test]
    public void EveryTruncationParsesWithoutInventingFields()
    {
        foreach (var frame in new[] { Tcp(), Udp(), Ipv6Tcp(), WithTag(Icmp(), 9), TestFrames.Arp() })
        {
            PacketHeaders.TryParse(frame, out var full);
            for (var n = 0; n <= frame.Length; n++)
            {
                var ok = PacketHeaders.TryParse(frame.AsSpan(0, n), out var h);
                if (!ok) continue;
                if (h.IsIpv4) Assert.That(h.Ipv4Src, Is.EqualTo(full.Ipv4Src));
                if (h.IsIpv6) Assert.That(h.Ipv6Dst, Is.EqualTo(full.Ipv6Dst));
                if (h.HasL4Ports)
                {
                    Assert.That(h.L4Offset + 4, Is.LessThanOrEqualTo(n));
                    Assert.That((h.L4Src, h.L4Dst), Is.EqualTo((full.L4Src, full.L4Dst)));
                }
            }
        }
    }

    [Test]
    public void Ipv4NonFirstFragmentHasNoPorts()
    {
        var frame = Tcp();
        frame[14 + 7] = 0x10; // fragment offset 16 (× 8 bytes)
        PacketHeaders.TryParse(frame, out var h);
        Assert.That((h.IsIpv4, h.HasL4Ports), Is.EqualTo((true, false)));
    }

    [Test]
    public void BadIpVersionOrHeaderLengthLeavesOnlyL2()
    {
        var frame = Tcp();
        frame[14] = 0x65; // version 6 inside an IPv4 EtherType
        PacketHeaders.TryParse(frame, out var h);
        Assert.That((h.EthType, h.IsIpv4), Is.EqualTo((EtherTypes.Ipv4, false)));
        frame[14] = 0x43; // IHL 3 (< 5)
        PacketHeaders.TryParse(frame, out h);
        Assert.That(h.IsIpv4, Is.False);
    }

    [Test]
    public void RandomGarbageNeverThrows()
    {
        var random = new Random(12345);
        var templates = new[] { Tcp(), Udp(), Ipv6Tcp(), WithTag(WithTag(Udp(), 3), 4, EtherTypes.QinQ) };
        var parsed = 0;
        for (var i = 0; i < 20_000; i++)
        {
            byte[] frame;
            if (i % 2 == 0)
            {
                frame = new byte[random.Next(0, 120)];
                random.NextBytes(frame);
                // Steer some frames into the VLAN / IP parsers.
                if (frame.Length >= 14 && random.Next(3) == 0)
                    frame[12..14].AsSpan().Clear();
                if (frame.Length >= 14 && random.Next(2) == 0)
                {
                    var types = new ushort[] { 0x0800, 0x86DD, 0x8100, 0x88A8 };
                    var t = types[random.Next(types.Length)];
                    frame[12] = (byte)(t >> 8);
                    frame[13] = (byte)t;
                }
            }
            else
            {
                // Mutate a real frame: flip bytes, then cut it somewhere.
                var template = templates[random.Next(templates.Length)];
                frame = (byte[])template.Clone();
                for (var k = random.Next(1, 6); k > 0; k--) frame[random.Next(frame.Length)] = (byte)random.Next(256);
                frame = frame[..random.Next(0, frame.Length + 1)];
            }
            if (PacketHeaders.TryParse(frame, out var h))
            {
                parsed++;
                if (h.HasL4Ports) Assert.That(h.L4Offset + 4, Is.LessThanOrEqualTo(frame.Length));
                _ = h.FlowHash();
            }
        }
        Assert.That(parsed, Is.GreaterThan(5000));
    }

    [Test]
    public void FlowHashIsStableAndSensitiveToPorts()
    {
        PacketHeaders.TryParse(Tcp(srcPort: 1000), out var a);
        PacketHeaders.TryParse(Tcp(srcPort: 1000), out var b);
        PacketHeaders.TryParse(Tcp(srcPort: 1001), out var c);
        Assert.That(a.FlowHash(), Is.EqualTo(b.FlowHash()));
        Assert.That(a.FlowHash(), Is.Not.EqualTo(c.FlowHash()));
    }
}
