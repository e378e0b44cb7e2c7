using System.Net;
using System.Net.NetworkInformation;
using PacketDotNet;
using PacketDotNet.Utils;
using SdnController.Southbound.Matching;
using SdnController.VirtualNetwork.Traffic;

namespace SdnController.VirtualNetwork.Hosts;

/// <summary>
/// Builds the frames hosts send with PacketDotNet, so headers, lengths and checksums are those of a real
/// stack. Per-packet flow frames are copies of a template built here, re-stamped by <see cref="FlowSender"/>.
/// The destination MAC is left zero until ARP resolves it.
/// </summary>
internal static class FrameFactory
{
    /// <summary>An ARP request for <paramref name="targetIp"/>, broadcast.</summary>
    public static byte[] ArpRequest(MacAddress mac, uint ip, uint targetIp)
    {
        var arp = new ArpPacket(ArpOperation.Request, ToPhysical(new MacAddress(0)), ToAddress(targetIp), ToPhysical(mac), ToAddress(ip));
        var eth = new EthernetPacket(ToPhysical(mac), ToPhysical(MacAddress.Broadcast), EthernetType.Arp) { PayloadPacket = arp };
        return eth.Bytes;
    }

    public static byte[] ArpReply(MacAddress mac, uint ip, MacAddress requesterMac, uint requesterIp)
    {
        var arp = new ArpPacket(ArpOperation.Response, ToPhysical(requesterMac), ToAddress(requesterIp), ToPhysical(mac), ToAddress(ip));
        var eth = new EthernetPacket(ToPhysical(mac), ToPhysical(requesterMac), EthernetType.Arp) { PayloadPacket = arp };
        return eth.Bytes;
    }

    /// <summary>The frame every packet of a flow starts from: all headers final except the per-packet fields.</summary>
    public static byte[] FlowTemplate(FlowProtocol protocol, MacAddress mac, uint ip, uint dstIp, ushort sourcePort, ushort destinationPort, ushort icmpId, int frameBytes,
        byte[]? prefix = null)
    {
        var headers = FrameLayout.MinimumFrameBytes(protocol) - FrameLayout.FlowPayloadHeader;
        var payload = new byte[frameBytes - headers];
        prefix?.CopyTo(payload, 0);
        var ipPacket = new IPv4Packet(ToAddress(ip), ToAddress(dstIp)) { TimeToLive = 64 };
        switch (protocol)
        {
            case FlowProtocol.Udp:
                ipPacket.Protocol = ProtocolType.Udp;
                ipPacket.PayloadPacket = new UdpPacket(sourcePort, destinationPort) { PayloadData = payload };
                break;
            case FlowProtocol.Tcp:
                ipPacket.Protocol = ProtocolType.Tcp;
                ipPacket.PayloadPacket = new TcpPacket(sourcePort, destinationPort)
                {
                    PayloadData = payload,
                    Acknowledgment = false,
                    Push = true,
                    WindowSize = 65535,
                };
                break;
            default:
                ipPacket.Protocol = ProtocolType.Icmp;
                ipPacket.PayloadPacket = Echo(IcmpV4TypeCode.EchoRequest, icmpId, 0, payload);
                break;
        }
        return Finish(mac, new MacAddress(0), ipPacket);
    }

    /// <summary>A TCP segment that acknowledges, carrying no data (the receiver's answer to each data segment).</summary>
    public static byte[] TcpAckTemplate(MacAddress mac, uint ip, uint dstIp, ushort sourcePort, ushort destinationPort)
    {
        var ipPacket = new IPv4Packet(ToAddress(ip), ToAddress(dstIp)) { TimeToLive = 64, Protocol = ProtocolType.Tcp };
        ipPacket.PayloadPacket = new TcpPacket(sourcePort, destinationPort) { Acknowledgment = true, WindowSize = 65535 };
        return Finish(mac, new MacAddress(0), ipPacket);
    }

    /// <summary>Parse an echo request addressed to us and build the reply (same id, sequence and data).</summary>
    public static byte[]? EchoReplyFor(byte[] requestFrame, MacAddress mac)
    {
        var parsed = PacketDotNet.Packet.ParsePacket(LinkLayers.Ethernet, requestFrame);
        var ipIn = parsed.Extract<IPv4Packet>();
        var icmpIn = parsed.Extract<IcmpV4Packet>();
        if (ipIn is null || icmpIn is null || icmpIn.TypeCode != IcmpV4TypeCode.EchoRequest) return null;
        var ipOut = new IPv4Packet(ipIn.DestinationAddress, ipIn.SourceAddress) { TimeToLive = 64, Protocol = ProtocolType.Icmp };
        ipOut.PayloadPacket = Echo(IcmpV4TypeCode.EchoReply, icmpIn.Id, icmpIn.Sequence, icmpIn.PayloadData ?? Array.Empty<byte>());
        return Finish(mac, new MacAddress(0), ipOut);
    }

    public static PhysicalAddress ToPhysical(MacAddress mac)
    {
        var b = new byte[6];
        mac.WriteTo(b);
        return new PhysicalAddress(b);
    }

    public static IPAddress ToAddress(uint hostOrder) =>
        new(new[] { (byte)(hostOrder >> 24), (byte)(hostOrder >> 16), (byte)(hostOrder >> 8), (byte)hostOrder });

    public static uint FromAddress(IPAddress address)
    {
        var b = address.GetAddressBytes();
        return (uint)(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]);
    }

    private static IcmpV4Packet Echo(IcmpV4TypeCode type, ushort id, ushort sequence, byte[] payload)
    {
        var bytes = new byte[FrameLayout.IcmpHeader + payload.Length];
        payload.CopyTo(bytes, FrameLayout.IcmpHeader);
        return new IcmpV4Packet(new ByteArraySegment(bytes)) { TypeCode = type, Id = id, Sequence = sequence };
    }

    private static byte[] Finish(MacAddress src, MacAddress dst, IPv4Packet ipPacket)
    {
        var eth = new EthernetPacket(ToPhysical(src), ToPhysical(dst), EthernetType.IPv4) { PayloadPacket = ipPacket };
        eth.UpdateCalculatedValues();
        switch (ipPacket.PayloadPacket)
        {
            case UdpPacket udp: udp.UpdateUdpChecksum(); break;
            case TcpPacket tcp: tcp.UpdateTcpChecksum(); break;
            case IcmpV4Packet icmp: icmp.UpdateIcmpChecksum(); break;
        }
        ipPacket.UpdateIPChecksum();
        return eth.Bytes;
    }
}
