using SdnController.Classification.Decoding;
using static SdnController.Testing.TestFrames;

namespace SdnController.Classification.Tests;

public class FrameDecoderTests
{
    private static readonly byte[] Data = Ascii("hello");

    [Test]
    public void PlainUdpOverIpv4()
    {
        var frame = UdpFrame("10.0.0.1", 5353, "10.0.0.2", 53, Data);
        Assert.That(FrameDecoder.TryDecode(frame, LinkType.Ethernet, out var p), Is.True);
        Assert.That((p.Kind, p.IpVersion, p.Transport, p.SourcePort, p.DestinationPort, p.Tunnel), Is.EqualTo((FrameKind.Ip, (byte)4, (byte)17, (ushort)5353, (ushort)53, TunnelKind.None)));
        Assert.That((uint)p.Source, Is.EqualTo(0x0A000001u));
        Assert.That(p.Payload.ToArray(), Is.EqualTo(Data));
    }

    [Test]
    public void EthernetPaddingIsNotPayload()
    {
        // A minimum-size Ethernet frame pads short IP packets: the IP total length says where the packet ends.
        var frame = UdpFrame("10.0.0.1", 1000, "10.0.0.2", 2000, [1, 2]).Concat(new byte[20]).ToArray();
        Assert.That(FrameDecoder.TryDecode(frame, LinkType.Ethernet, out var p), Is.True);
        Assert.That(p.Payload.Length, Is.EqualTo(2));
    }

    [Test]
    public void VlanAndQinQTagsAreSkipped()
    {
        var ip = Ipv4("10.0.0.1", "10.0.0.2", 17, Udp(1000, 2000, Data));
        Assert.That(FrameDecoder.TryDecode(Ethernet(0x0800, ip, vlans: [142]), LinkType.Ethernet, out var single), Is.True);
        Assert.That((single.VlanId, single.DestinationPort), Is.EqualTo(((ushort)142, (ushort)2000)));
        Assert.That(FrameDecoder.TryDecode(Ethernet(0x0800, ip, vlans: [100, 200]), LinkType.Ethernet, out var qinq), Is.True);
        Assert.That((qinq.VlanId, qinq.DestinationPort, qinq.Payload.Length), Is.EqualTo(((ushort)100, (ushort)2000, Data.Length)));
    }

    [Test]
    public void Ipv6ExtensionHeadersAreWalked()
    {
        var frame = Ethernet(0x86DD, Ipv6("2001:db8::1", "2001:db8::2", 6, Tcp(40000, 443, Psh | Ack, Data), hopByHop: true));
        Assert.That(FrameDecoder.TryDecode(frame, LinkType.Ethernet, out var p), Is.True);
        Assert.That((p.IpVersion, p.Transport, p.SourcePort, p.DestinationPort), Is.EqualTo(((byte)6, (byte)6, (ushort)40000, (ushort)443)));
        Assert.That(p.Payload.ToArray(), Is.EqualTo(Data));
    }

    [Test]
    public void GreCarryingIpv4IsDecapsulated()
    {
        var inner = Ipv4("192.168.1.1", "192.168.1.2", 17, Udp(5060, 5060, Data));
        byte[] gre = [0x00, 0x00, 0x08, 0x00, .. inner];
        var frame = Ethernet(0x0800, Ipv4("172.16.0.1", "172.16.0.2", 47, gre));
        Assert.That(FrameDecoder.TryDecode(frame, LinkType.Ethernet, out var p), Is.True);
        Assert.That((p.Tunnel, p.SourcePort, (uint)p.Source), Is.EqualTo((TunnelKind.Gre, (ushort)5060, 0xC0A80101u)));
    }

    [Test]
    public void GreWithKeyCarryingEthernetIsDecapsulated()
    {
        var innerFrame = Ethernet(0x0800, Ipv4("192.168.1.1", "192.168.1.2", 6, Tcp(1234, 80, Ack, Data)), vlans: [7]);
        byte[] gre = [0x20, 0x00, 0x65, 0x58, 0, 0, 0, 42, .. innerFrame]; // K bit: 4-byte key
        var frame = Ethernet(0x0800, Ipv4("172.16.0.1", "172.16.0.2", 47, gre));
        Assert.That(FrameDecoder.TryDecode(frame, LinkType.Ethernet, out var p), Is.True);
        Assert.That((p.Tunnel, p.Transport, p.DestinationPort, p.VlanId), Is.EqualTo((TunnelKind.Gre, (byte)6, (ushort)80, (ushort)7)));
    }

    [Test]
    public void VxlanIsDecapsulatedToTheInnerFlow()
    {
        var innerFrame = Ethernet(0x0800, Ipv4("10.10.20.4", "8.8.8.8", 17, Udp(32860, 53, Data)));
        byte[] vxlan = [0x08, 0, 0, 0, 0, 0, 5, 0, .. innerFrame];
        var frame = UdpFrame("172.16.0.1", 50000, "172.16.0.2", 4789, vxlan);
        Assert.That(FrameDecoder.TryDecode(frame, LinkType.Ethernet, out var p), Is.True);
        Assert.That((p.Tunnel, p.DestinationPort, (uint)p.Destination), Is.EqualTo((TunnelKind.Vxlan, (ushort)53, 0x08080808u)));
    }

    [Test]
    public void BrokenTunnelPayloadFallsBackToTheOuterFlow()
    {
        byte[] vxlan = [0x08, 0, 0, 0, 0, 0, 5, 0, 1, 2, 3]; // inner frame cut short
        var frame = UdpFrame("172.16.0.1", 50000, "172.16.0.2", 4789, vxlan);
        Assert.That(FrameDecoder.TryDecode(frame, LinkType.Ethernet, out var p), Is.True);
        Assert.That((p.Tunnel, p.DestinationPort), Is.EqualTo((TunnelKind.None, (ushort)4789)));
    }

    [Test]
    public void NonIpFramesKeepTheirEtherType()
    {
        Assert.That(FrameDecoder.TryDecode(Ethernet(0x0806, new byte[28]), LinkType.Ethernet, out var p), Is.True);
        Assert.That((p.Kind, p.EtherType), Is.EqualTo((FrameKind.NonIp, (ushort)0x0806)));
    }

    [Test]
    public void RawIpLinkType()
    {
        var packet = Ipv4("10.0.0.1", "10.0.0.2", 17, Udp(1, 2, Data));
        Assert.That(FrameDecoder.TryDecode(packet, LinkType.Raw, out var p), Is.True);
        Assert.That(p.DestinationPort, Is.EqualTo(2));
    }

    [TestCase(0), TestCase(13), TestCase(20), TestCase(33)]
    public void TruncatedFramesAreRejectedNotThrown(int length)
    {
        var frame = UdpFrame("10.0.0.1", 1000, "10.0.0.2", 2000, Data)[..length];
        Assert.That(FrameDecoder.TryDecode(frame, LinkType.Ethernet, out _), Is.False);
    }
}
