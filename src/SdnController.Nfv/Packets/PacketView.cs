using System.Buffers.Binary;

namespace SdnController.Nfv.Packets;

/// <summary>What a frame is, as far as network functions care.</summary>
public enum FrameClass
{
    /// <summary>Not IPv4: ARP, LLDP, IPv6, anything else with a whole Ethernet header.</summary>
    NotIpv4,
    /// <summary>Too short for an Ethernet header, or an IPv4 header that is cut off or inconsistent.</summary>
    Malformed,
    Ipv4,
}

/// <summary>
/// The fields of an IPv4 frame, read straight from the bytes without allocating: Ethernet (with up to two
/// VLAN tags), IPv4, and TCP/UDP ports or the ICMP echo identifier when their header is whole. A non-first
/// fragment has no transport header. Offsets let <see cref="FrameRewrite"/> change fields in place.
/// </summary>
public struct PacketView
{
    public const ushort EtherTypeIpv4 = 0x0800;
    public const ushort EtherTypeArp = 0x0806;
    public const ushort EtherTypeLldp = 0x88cc;
    private const int EthernetHeader = 14;

    public ushort EtherType;
    public int L3;
    public int IpHeaderLength;
    /// <summary>End of the IP packet in the frame: IPv4 total length, clamped to the frame (trailing padding excluded).</summary>
    public int IpEnd;
    public uint Source;
    public uint Destination;
    public byte Protocol;
    public byte Tos;
    public bool IsFragment;
    /// <summary>Offset of the transport header, -1 when absent (fragment, cut off).</summary>
    public int L4;
    /// <summary>True when <see cref="SourcePort"/>/<see cref="DestinationPort"/> are real: TCP, UDP or ICMP echo.</summary>
    public bool HasPorts;
    public ushort SourcePort;
    public ushort DestinationPort;
    public bool IsIcmpEcho;
    public byte IcmpType;
    /// <summary>Application payload after the transport header (for IDS), empty when none.</summary>
    public int PayloadOffset;
    public int PayloadLength;

    public readonly FlowKey Flow => new(Source, Destination, SourcePort, DestinationPort, Protocol);

    public static FrameClass Parse(ReadOnlySpan<byte> frame, out PacketView view)
    {
        view = default;
        view.L4 = -1;
        if (frame.Length < EthernetHeader) return FrameClass.Malformed;
        var offset = 12;
        var etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
        for (var tags = 0; tags < 2 && etherType is 0x8100 or 0x88a8; tags++)
        {
            offset += 4;
            if (frame.Length < offset + 2) return FrameClass.Malformed;
            etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
        }
        view.EtherType = etherType;
        view.L3 = offset + 2;
        if (etherType != EtherTypeIpv4) return FrameClass.NotIpv4;

        var l3 = view.L3;
        if (frame.Length < l3 + 20) return FrameClass.Malformed;
        var versionIhl = frame[l3];
        var ihl = (versionIhl & 0x0f) * 4;
        if (versionIhl >> 4 != 4 || ihl < 20 || frame.Length < l3 + ihl) return FrameClass.Malformed;
        var totalLength = BinaryPrimitives.ReadUInt16BigEndian(frame[(l3 + 2)..]);
        if (totalLength < ihl) return FrameClass.Malformed;
        view.IpHeaderLength = ihl;
        // A frame cut short keeps what it has; the transport checks below use the real end.
        view.IpEnd = Math.Min(frame.Length, l3 + totalLength);
        view.Tos = frame[l3 + 1];
        var fragment = BinaryPrimitives.ReadUInt16BigEndian(frame[(l3 + 6)..]);
        view.IsFragment = (fragment & 0x1fff) != 0;
        view.Protocol = frame[l3 + 9];
        view.Source = BinaryPrimitives.ReadUInt32BigEndian(frame[(l3 + 12)..]);
        view.Destination = BinaryPrimitives.ReadUInt32BigEndian(frame[(l3 + 16)..]);

        var l4 = l3 + ihl;
        if (view.IsFragment) return FrameClass.Ipv4;
        var available = view.IpEnd - l4;
        var header = view.Protocol switch { 6 => 20, 17 => 8, 1 => 8, _ => 0 };
        if (header == 0 || available < header) return FrameClass.Ipv4;
        view.L4 = l4;
        if (view.Protocol == 6)
        {
            var dataOffset = (frame[l4 + 12] >> 4) * 4;
            if (dataOffset < 20 || dataOffset > available) dataOffset = 20;
            header = dataOffset;
        }
        if (view.Protocol == 1)
        {
            view.IcmpType = frame[l4];
            view.IsIcmpEcho = view.IcmpType is 0 or 8;
            if (view.IsIcmpEcho)
            {
                var id = BinaryPrimitives.ReadUInt16BigEndian(frame[(l4 + 4)..]);
                view.SourcePort = id;
                view.DestinationPort = id;
                view.HasPorts = true;
            }
        }
        else
        {
            view.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(frame[l4..]);
            view.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(frame[(l4 + 2)..]);
            view.HasPorts = true;
        }
        view.PayloadOffset = l4 + header;
        view.PayloadLength = view.IpEnd - view.PayloadOffset;
        return FrameClass.Ipv4;
    }
}
