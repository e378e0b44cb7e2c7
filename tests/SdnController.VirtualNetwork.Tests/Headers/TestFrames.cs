using System.Buffers.Binary;
using System.Net;
using System.Net.NetworkInformation;
using PacketDotNet;
using SdnController.Southbound.Matching;

namespace SdnController.VirtualNetwork.Tests.Headers;

/// <summary>Real frames built with PacketDotNet (an independent encoder), so the parser is not checked against itself.</summary>
internal static class TestFrames
{
    public const string MacA = "02:00:00:00:00:0a";
    public const string MacB = "02:00:00:00:00:0b";

    public static byte[] Tcp(string srcIp = "10.0.0.1", string dstIp = "10.0.0.2", ushort srcPort = 1234, ushort dstPort = 80,
        string srcMac = MacA, string dstMac = MacB, int payload = 16, int tos = 0)
    {
        var tcp = new TcpPacket(srcPort, dstPort) { PayloadData = Payload(payload), SequenceNumber = 7, WindowSize = 1000 };
        return Ipv4Frame(srcIp, dstIp, srcMac, dstMac, tcp, ProtocolType.Tcp, tos, () => tcp.UpdateTcpChecksum());
    }

    public static byte[] Udp(string srcIp = "10.0.0.1", string dstIp = "10.0.0.2", ushort srcPort = 5000, ushort dstPort = 53,
        string srcMac = MacA, string dstMac = MacB, int payload = 12)
    {
        var udp = new UdpPacket(srcPort, dstPort) { PayloadData = Payload(payload) };
        return Ipv4Frame(srcIp, dstIp, srcMac, dstMac, udp, ProtocolType.Udp, 0, () => udp.UpdateUdpChecksum());
    }

    public static byte[] Icmp(string srcIp = "10.0.0.1", string dstIp = "10.0.0.2", string srcMac = MacA, string dstMac = MacB)
    {
        var bytes = new byte[16];
        bytes[0] = 8; // echo request
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), 0x42);
        var icmp = new IcmpV4Packet(new PacketDotNet.Utils.ByteArraySegment(bytes));
        return Ipv4Frame(srcIp, dstIp, srcMac, dstMac, icmp, ProtocolType.Icmp, 0, () => icmp.UpdateIcmpChecksum());
    }

    public static byte[] Ipv6Tcp(string srcIp = "2001:db8::1", string dstIp = "2001:db8::2", ushort srcPort = 4321, ushort dstPort = 443,
        string srcMac = MacA, string dstMac = MacB)
    {
        var tcp = new TcpPacket(srcPort, dstPort) { PayloadData = Payload(8) };
        return Ipv6Frame(srcIp, dstIp, srcMac, dstMac, tcp, ProtocolType.Tcp, () => tcp.UpdateTcpChecksum());
    }

    public static byte[] Ipv6Udp(string srcIp = "2001:db8::1", string dstIp = "2001:db8::2", ushort srcPort = 4321, ushort dstPort = 53,
        string srcMac = MacA, string dstMac = MacB)
    {
        var udp = new UdpPacket(srcPort, dstPort) { PayloadData = Payload(8) };
        return Ipv6Frame(srcIp, dstIp, srcMac, dstMac, udp, ProtocolType.Udp, () => udp.UpdateUdpChecksum());
    }

    public static byte[] Arp(string senderIp = "10.0.0.1", string targetIp = "10.0.0.2", string srcMac = MacA)
    {
        var arp = new ArpPacket(ArpOperation.Request, PhysicalAddress.Parse("00-00-00-00-00-00"), IPAddress.Parse(targetIp),
            Phys(srcMac), IPAddress.Parse(senderIp));
        var eth = new EthernetPacket(Phys(srcMac), PhysicalAddress.Parse("FF-FF-FF-FF-FF-FF"), EthernetType.Arp) { PayloadPacket = arp };
        return eth.Bytes;
    }

    /// <summary>Insert a tag (TPID + TCI) right after the MAC addresses, in front of any existing tag.</summary>
    public static byte[] WithTag(byte[] frame, ushort vid, ushort tpid = 0x8100, int pcp = 0)
    {
        var result = new byte[frame.Length + 4];
        frame.AsSpan(0, 12).CopyTo(result);
        BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(12), tpid);
        BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(14), (ushort)((pcp << 13) | vid));
        frame.AsSpan(12).CopyTo(result.AsSpan(16));
        return result;
    }

    /// <summary>The frame re-read by PacketDotNet, for checking what the switch wrote.</summary>
    public static EthernetPacket Decode(byte[] frame) => (EthernetPacket)Packet.ParsePacket(LinkLayers.Ethernet, frame);

    public static uint Ip4(string text) => BinaryPrimitives.ReadUInt32BigEndian(IPAddress.Parse(text).GetAddressBytes());

    public static UInt128 Ip6(string text) => BinaryPrimitives.ReadUInt128BigEndian(IPAddress.Parse(text).GetAddressBytes());

    public static MacAddress Mac(string text) => MacAddress.Parse(text);

    private static byte[] Ipv4Frame(string srcIp, string dstIp, string srcMac, string dstMac, Packet l4, ProtocolType proto, int tos,
        Action updateL4Checksum)
    {
        var ip = new IPv4Packet(IPAddress.Parse(srcIp), IPAddress.Parse(dstIp)) { Protocol = proto, TimeToLive = 64, TypeOfService = tos };
        var eth = new EthernetPacket(Phys(srcMac), Phys(dstMac), EthernetType.IPv4) { PayloadPacket = ip };
        ip.PayloadPacket = l4;
        ip.UpdateCalculatedValues();
        updateL4Checksum();
        ip.UpdateIPChecksum();
        return eth.Bytes;
    }

    private static byte[] Ipv6Frame(string srcIp, string dstIp, string srcMac, string dstMac, Packet l4, ProtocolType proto, Action updateL4Checksum)
    {
        var ip = new IPv6Packet(IPAddress.Parse(srcIp), IPAddress.Parse(dstIp)) { NextHeader = proto, HopLimit = 64 };
        var eth = new EthernetPacket(Phys(srcMac), Phys(dstMac), EthernetType.IPv6) { PayloadPacket = ip };
        ip.PayloadPacket = l4;
        ip.PayloadLength = (ushort)l4.Bytes.Length;
        if (l4 is UdpPacket udp) udp.UpdateCalculatedValues();
        updateL4Checksum();
        return eth.Bytes;
    }

    private static PhysicalAddress Phys(string mac) => PhysicalAddress.Parse(mac.Replace(':', '-').ToUpperInvariant());

    private static byte[] Payload(int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++) bytes[i] = (byte)(i * 7 + 3);
        return bytes;
    }
}
