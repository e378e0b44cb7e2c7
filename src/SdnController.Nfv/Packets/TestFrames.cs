using System.Net;
using System.Net.NetworkInformation;
using PacketDotNet;
using PacketDotNet.Utils;

namespace SdnController.Nfv.Packets;

/// <summary>
/// Builds whole, checksummed IPv4 frames with PacketDotNet, for benchmarks, tests and tools that feed
/// functions without a network. Not on any hot path.
/// </summary>
public static class TestFrames
{
    private static readonly PhysicalAddress SourceMac = PhysicalAddress.Parse("02-00-00-00-00-01");
    private static readonly PhysicalAddress DestinationMac = PhysicalAddress.Parse("02-00-00-00-00-02");

    public static byte[] Tcp(uint src, ushort sport, uint dst, ushort dport, ReadOnlySpan<byte> payload = default, bool syn = false, bool ack = false)
    {
        var tcp = new TcpPacket(sport, dport) { PayloadData = payload.ToArray(), Synchronize = syn, Acknowledgment = ack, WindowSize = 65535 };
        return Finish(Ip(src, dst, ProtocolType.Tcp, tcp));
    }

    public static byte[] Udp(uint src, ushort sport, uint dst, ushort dport, ReadOnlySpan<byte> payload = default) =>
        Finish(Ip(src, dst, ProtocolType.Udp, new UdpPacket(sport, dport) { PayloadData = payload.ToArray() }));

    public static byte[] IcmpEcho(uint src, uint dst, ushort id, bool request = true, ushort sequence = 1, ReadOnlySpan<byte> payload = default)
    {
        var bytes = new byte[8 + payload.Length];
        payload.CopyTo(bytes.AsSpan(8));
        var icmp = new IcmpV4Packet(new ByteArraySegment(bytes))
        {
            TypeCode = request ? IcmpV4TypeCode.EchoRequest : IcmpV4TypeCode.EchoReply,
            Id = id,
            Sequence = sequence,
        };
        return Finish(Ip(src, dst, ProtocolType.Icmp, icmp));
    }

    /// <summary>An ARP request, the non-IPv4 frame every network carries.</summary>
    public static byte[] Arp(uint src, uint target)
    {
        var arp = new ArpPacket(ArpOperation.Request, PhysicalAddress.Parse("00-00-00-00-00-00"), Address(target), SourceMac, Address(src));
        return new EthernetPacket(SourceMac, PhysicalAddress.Parse("FF-FF-FF-FF-FF-FF"), EthernetType.Arp) { PayloadPacket = arp }.Bytes;
    }

    public static IPAddress Address(uint hostOrder) =>
        new(new[] { (byte)(hostOrder >> 24), (byte)(hostOrder >> 16), (byte)(hostOrder >> 8), (byte)hostOrder });

    private static IPv4Packet Ip(uint src, uint dst, ProtocolType protocol, Packet payload) =>
        new(Address(src), Address(dst)) { TimeToLive = 64, Protocol = protocol, PayloadPacket = payload };

    private static byte[] Finish(IPv4Packet ip)
    {
        var eth = new EthernetPacket(SourceMac, DestinationMac, EthernetType.IPv4) { PayloadPacket = ip };
        eth.UpdateCalculatedValues();
        switch (ip.PayloadPacket)
        {
            case UdpPacket udp: udp.UpdateUdpChecksum(); break;
            case TcpPacket tcp: tcp.UpdateTcpChecksum(); break;
            case IcmpV4Packet icmp: icmp.UpdateIcmpChecksum(); break;
        }
        ip.UpdateIPChecksum();
        return eth.Bytes;
    }
}
