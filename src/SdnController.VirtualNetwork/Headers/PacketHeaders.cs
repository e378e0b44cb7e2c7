using System.Buffers.Binary;
using SdnController.Southbound.Matching;

namespace SdnController.VirtualNetwork.Headers;

/// <summary>
/// The header fields of one frame, parsed once per packet straight from the bytes (no allocation), plus the
/// offsets the rewriting actions need. Fields a frame does not carry are reported absent (Has*/Is* false),
/// never guessed: a truncated IPv4 header leaves the frame an Ethernet frame with no L3 fields, like Open vSwitch.
/// </summary>
public struct PacketHeaders
{
    public const int EthernetHeaderLength = 14;
    private const int MaxIpv6ExtensionHeaders = 8;

    /// <summary>False for the default value and for frames <see cref="TryParse"/> rejected.</summary>
    public bool IsEthernet { get; private set; }
    public MacAddress EthDst { get; private set; }
    public MacAddress EthSrc { get; private set; }
    /// <summary>True when the frame carries at least one 802.1Q/802.1ad tag.</summary>
    public bool HasVlan { get; private set; }
    /// <summary>VLAN id of the outermost tag (0 when untagged).</summary>
    public ushort VlanId { get; private set; }
    /// <summary>Number of VLAN tags (2 for QinQ).</summary>
    public int VlanTags { get; private set; }
    /// <summary>The EtherType after all VLAN tags.</summary>
    public ushort EthType { get; private set; }
    /// <summary>Byte offset of the L3 header (after the VLAN tags).</summary>
    public int L3Offset { get; private set; }

    public bool IsIpv4 { get; private set; }
    public bool IsIpv6 { get; private set; }
    /// <summary>IPv4 addresses in host order (a.b.c.d = a&lt;&lt;24 | ...), as <see cref="Ipv4Prefix"/> holds them.</summary>
    public uint Ipv4Src { get; private set; }
    public uint Ipv4Dst { get; private set; }
    public UInt128 Ipv6Src { get; private set; }
    public UInt128 Ipv6Dst { get; private set; }
    /// <summary>IPv4 header length in bytes (IHL × 4).</summary>
    public int Ipv4HeaderLength { get; private set; }

    /// <summary>True for IPv4/IPv6 frames: IpProto is the transport protocol (after IPv6 extension headers).</summary>
    public readonly bool HasIpProto => IsIpv4 || IsIpv6;
    public byte IpProto { get; private set; }

    /// <summary>True when the frame carries TCP or UDP ports (first fragment, header present).</summary>
    public bool HasL4Ports { get; private set; }
    public ushort L4Src { get; private set; }
    public ushort L4Dst { get; private set; }
    /// <summary>Byte offset of the TCP/UDP header, -1 when none.</summary>
    public int L4Offset { get; private set; }

    /// <summary>Parse a frame; false only when it is not even an Ethernet frame (short header, truncated VLAN tag).</summary>
    public static bool TryParse(ReadOnlySpan<byte> frame, out PacketHeaders headers)
    {
        headers = default;
        headers.L4Offset = -1;
        if (frame.Length < EthernetHeaderLength) return false;

        headers.EthDst = MacAddress.FromBytes(frame[..6]);
        headers.EthSrc = MacAddress.FromBytes(frame.Slice(6, 6));
        var offset = 12;
        var type = BinaryPrimitives.ReadUInt16BigEndian(frame.Slice(offset, 2));
        while (EtherTypes.IsVlanTag(type))
        {
            // A tag is TPID(2, already read) + TCI(2) followed by the next EtherType(2).
            if (frame.Length < offset + 6) return false;
            var tci = BinaryPrimitives.ReadUInt16BigEndian(frame.Slice(offset + 2, 2));
            if (!headers.HasVlan)
            {
                headers.HasVlan = true;
                headers.VlanId = (ushort)(tci & 0x0FFF);
            }
            headers.VlanTags++;
            offset += 4;
            type = BinaryPrimitives.ReadUInt16BigEndian(frame.Slice(offset, 2));
        }
        headers.IsEthernet = true;
        headers.EthType = type;
        headers.L3Offset = offset + 2;

        if (type == EtherTypes.Ipv4) headers.ParseIpv4(frame);
        else if (type == EtherTypes.Ipv6) headers.ParseIpv6(frame);
        return true;
    }

    private void ParseIpv4(ReadOnlySpan<byte> frame)
    {
        var l3 = L3Offset;
        if (frame.Length < l3 + 20) return;
        var versionIhl = frame[l3];
        if (versionIhl >> 4 != 4) return;
        var headerLength = (versionIhl & 0x0F) * 4;
        if (headerLength < 20 || frame.Length < l3 + headerLength) return;

        IsIpv4 = true;
        Ipv4HeaderLength = headerLength;
        IpProto = frame[l3 + 9];
        Ipv4Src = BinaryPrimitives.ReadUInt32BigEndian(frame.Slice(l3 + 12, 4));
        Ipv4Dst = BinaryPrimitives.ReadUInt32BigEndian(frame.Slice(l3 + 16, 4));
        // Only the first fragment carries the transport header.
        var fragmentOffset = BinaryPrimitives.ReadUInt16BigEndian(frame.Slice(l3 + 6, 2)) & 0x1FFF;
        if (fragmentOffset == 0) ParsePorts(frame, l3 + headerLength);
    }

    private void ParseIpv6(ReadOnlySpan<byte> frame)
    {
        var l3 = L3Offset;
        if (frame.Length < l3 + 40) return;
        if (frame[l3] >> 4 != 6) return;
        IsIpv6 = true;
        Ipv6Src = BinaryPrimitives.ReadUInt128BigEndian(frame.Slice(l3 + 8, 16));
        Ipv6Dst = BinaryPrimitives.ReadUInt128BigEndian(frame.Slice(l3 + 24, 16));

        var next = frame[l3 + 6];
        var offset = l3 + 40;
        var firstFragment = true;
        for (var i = 0; i < MaxIpv6ExtensionHeaders; i++)
        {
            if (next is 0 or 43 or 60) // hop-by-hop, routing, destination options: (len + 1) × 8 bytes
            {
                if (frame.Length < offset + 2) { IpProto = next; return; }
                var length = (frame[offset + 1] + 1) * 8;
                next = frame[offset];
                offset += length;
            }
            else if (next == 44) // fragment header: fixed 8 bytes
            {
                if (frame.Length < offset + 8) { IpProto = next; return; }
                firstFragment = (BinaryPrimitives.ReadUInt16BigEndian(frame.Slice(offset + 2, 2)) & 0xFFF8) == 0;
                next = frame[offset];
                offset += 8;
            }
            else break;
        }
        IpProto = next;
        if (firstFragment) ParsePorts(frame, offset);
    }

    private void ParsePorts(ReadOnlySpan<byte> frame, int l4)
    {
        if (IpProto is not (IpProtocols.Tcp or IpProtocols.Udp)) return;
        if (l4 < 0 || frame.Length < l4 + 4) return;
        HasL4Ports = true;
        L4Offset = l4;
        L4Src = BinaryPrimitives.ReadUInt16BigEndian(frame.Slice(l4, 2));
        L4Dst = BinaryPrimitives.ReadUInt16BigEndian(frame.Slice(l4 + 2, 2));
    }

    /// <summary>
    /// A deterministic 64-bit hash of the flow's identity (addresses, protocol, ports) — the same in every run and
    /// process, unlike <see cref="HashCode"/>, so select-group choices are reproducible.
    /// </summary>
    public readonly ulong FlowHash()
    {
        var h = Mix(0x243F_6A88_85A3_08D3UL, EthSrc.Value);
        h = Mix(h, EthDst.Value);
        if (IsIpv4) h = Mix(h, ((ulong)Ipv4Src << 32) | Ipv4Dst);
        else if (IsIpv6)
        {
            h = Mix(h, (ulong)(Ipv6Src >> 64));
            h = Mix(h, (ulong)Ipv6Src);
            h = Mix(h, (ulong)(Ipv6Dst >> 64));
            h = Mix(h, (ulong)Ipv6Dst);
        }
        h = Mix(h, ((ulong)(HasIpProto ? IpProto : 0) << 32) | ((ulong)L4Src << 16) | L4Dst);
        return Finish(h);
    }

    internal static ulong Mix(ulong h, ulong word)
    {
        h ^= word;
        h *= 0x9E37_79B9_7F4A_7C15UL;
        return h ^ (h >> 31);
    }

    internal static ulong Finish(ulong h)
    {
        h ^= h >> 33;
        h *= 0xFF51_AFD7_ED55_8CCDUL;
        h ^= h >> 33;
        h *= 0xC4CE_B9FE_1A85_EC53UL;
        return h ^ (h >> 33);
    }
}
