using System.Buffers.Binary;
using SdnController.Southbound.Matching;

namespace SdnController.Controller.Protocols;

/// <summary>ARP over Ethernet for IPv4 (RFC 826): parse requests, build the replies proxy ARP sends.</summary>
public static class ArpFrame
{
    private const ushort HardwareEthernet = 1;
    private const int ArpLength = 28;

    /// <summary>Reads an untagged Ethernet/IPv4 ARP frame; false for anything else or a truncated frame.</summary>
    public static bool TryParse(ReadOnlySpan<byte> frame, out ArpPacket arp)
    {
        arp = default;
        if (frame.Length < EthernetLayout.HeaderLength + ArpLength ||
            BinaryPrimitives.ReadUInt16BigEndian(frame.Slice(12, 2)) != EtherTypes.Arp)
            return false;
        var a = frame.Slice(EthernetLayout.HeaderLength, ArpLength);
        if (BinaryPrimitives.ReadUInt16BigEndian(a) != HardwareEthernet ||
            BinaryPrimitives.ReadUInt16BigEndian(a.Slice(2, 2)) != EtherTypes.Ipv4 ||
            a[4] != 6 || a[5] != 4)
            return false;
        arp = new ArpPacket(
            BinaryPrimitives.ReadUInt16BigEndian(a.Slice(6, 2)),
            MacAddress.FromBytes(a.Slice(8, 6)),
            BinaryPrimitives.ReadUInt32BigEndian(a.Slice(14, 4)),
            MacAddress.FromBytes(a.Slice(18, 6)),
            BinaryPrimitives.ReadUInt32BigEndian(a.Slice(24, 4)));
        return true;
    }

    /// <summary>A complete frame (padded to the Ethernet minimum) with the ARP message inside.</summary>
    public static byte[] Build(MacAddress ethDst, MacAddress ethSrc, in ArpPacket arp)
    {
        var frame = new byte[EthernetLayout.MinimumFrameLength];
        var span = frame.AsSpan();
        ethDst.WriteTo(span[..6]);
        ethSrc.WriteTo(span.Slice(6, 6));
        BinaryPrimitives.WriteUInt16BigEndian(span.Slice(12, 2), EtherTypes.Arp);
        var a = span.Slice(EthernetLayout.HeaderLength, ArpLength);
        BinaryPrimitives.WriteUInt16BigEndian(a, HardwareEthernet);
        BinaryPrimitives.WriteUInt16BigEndian(a.Slice(2, 2), EtherTypes.Ipv4);
        a[4] = 6;
        a[5] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(a.Slice(6, 2), arp.Operation);
        arp.SenderMac.WriteTo(a.Slice(8, 6));
        BinaryPrimitives.WriteUInt32BigEndian(a.Slice(14, 4), arp.SenderIp);
        arp.TargetMac.WriteTo(a.Slice(18, 6));
        BinaryPrimitives.WriteUInt32BigEndian(a.Slice(24, 4), arp.TargetIp);
        return frame;
    }

    /// <summary>"ownerIp is at ownerMac", addressed to the host that asked.</summary>
    public static byte[] BuildReply(MacAddress ownerMac, uint ownerIp, MacAddress requesterMac, uint requesterIp) =>
        Build(requesterMac, ownerMac, new ArpPacket(ArpPacket.Reply, ownerMac, ownerIp, requesterMac, requesterIp));

    /// <summary>A broadcast who-has, as a host sends it (tests and tools).</summary>
    public static byte[] BuildRequest(MacAddress senderMac, uint senderIp, uint targetIp) =>
        Build(MacAddress.Broadcast, senderMac, new ArpPacket(ArpPacket.Request, senderMac, senderIp, default, targetIp));
}
