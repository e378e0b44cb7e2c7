using System.Buffers.Binary;
using SdnController.Southbound.Matching;

namespace SdnController.Controller.Protocols;

/// <summary>
/// The headers of an IPv4 packet that name its flow: addresses, protocol and (TCP/UDP) ports. What reactive
/// routing reads from a packet-in to decide which flow the packet opens.
/// </summary>
public readonly record struct Ipv4FlowKey(uint Source, uint Destination, byte Protocol, ushort SourcePort, ushort DestinationPort)
{
    public const byte Icmp = 1;
    public const byte Tcp = 6;
    public const byte Udp = 17;

    private const int MinimumIpv4Header = 20;

    /// <summary>Reads an untagged Ethernet/IPv4 frame; false for anything else or a truncated header.</summary>
    public static bool TryParse(ReadOnlySpan<byte> frame, out Ipv4FlowKey key)
    {
        key = default;
        if (frame.Length < EthernetLayout.HeaderLength + MinimumIpv4Header ||
            BinaryPrimitives.ReadUInt16BigEndian(frame.Slice(12, 2)) != EtherTypes.Ipv4)
            return false;
        var ip = frame[EthernetLayout.HeaderLength..];
        if (ip[0] >> 4 != 4) return false;
        var headerLength = (ip[0] & 0x0F) * 4;
        if (headerLength < MinimumIpv4Header || ip.Length < headerLength) return false;
        var protocol = ip[9];
        ushort sport = 0, dport = 0;
        // Only a first fragment carries the L4 header; later ones are keyed by addresses and protocol.
        var fragmentOffset = BinaryPrimitives.ReadUInt16BigEndian(ip.Slice(6, 2)) & 0x1FFF;
        if (protocol is Tcp or Udp && fragmentOffset == 0)
        {
            if (ip.Length < headerLength + 4) return false;
            sport = BinaryPrimitives.ReadUInt16BigEndian(ip.Slice(headerLength, 2));
            dport = BinaryPrimitives.ReadUInt16BigEndian(ip.Slice(headerLength + 2, 2));
        }
        key = new Ipv4FlowKey(
            BinaryPrimitives.ReadUInt32BigEndian(ip.Slice(12, 4)),
            BinaryPrimitives.ReadUInt32BigEndian(ip.Slice(16, 4)),
            protocol, sport, dport);
        return true;
    }
}
