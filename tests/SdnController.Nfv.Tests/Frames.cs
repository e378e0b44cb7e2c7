using PacketDotNet;
using SdnController.Nfv.Packets;
using SdnController.Topology.Model.Nfv;

namespace SdnController.Nfv.Tests;

/// <summary>Addresses and checks the tests share; checksums are verified by PacketDotNet, independently of our code.</summary>
internal static class Frames
{
    public static uint A(string dotted)
    {
        Assert.That(Ipv4Cidr.TryParseAddress(dotted, out var a), dotted);
        return a;
    }

    public static PacketView View(byte[] frame)
    {
        Assert.That(PacketView.Parse(frame, out var v), Is.EqualTo(FrameClass.Ipv4));
        return v;
    }

    /// <summary>Asserts the IPv4 header checksum and the TCP/UDP/ICMP checksum are valid.</summary>
    public static void AssertChecksumsValid(byte[] frame)
    {
        var eth = (EthernetPacket)Packet.ParsePacket(LinkLayers.Ethernet, frame);
        var ip = eth.Extract<IPv4Packet>();
        Assert.That(ip, Is.Not.Null);
        Assert.That(ip!.ValidIPChecksum, "IPv4 header checksum");
        switch (ip.PayloadPacket)
        {
            case TcpPacket tcp: Assert.That(tcp.ValidTcpChecksum, "TCP checksum"); break;
            case UdpPacket udp: Assert.That(udp.ValidUdpChecksum, "UDP checksum"); break;
            case IcmpV4Packet:
                // The ICMP checksum covers the whole message: summed with it, the result is zero.
                var v = View(frame);
                Assert.That(InternetChecksum.Compute(frame.AsSpan(v.L4, v.IpEnd - v.L4)), Is.Zero, "ICMP checksum");
                break;
        }
    }
}
