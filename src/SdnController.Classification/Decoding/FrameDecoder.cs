using System.Buffers.Binary;

namespace SdnController.Classification.Decoding;

/// <summary>
/// Decodes a captured frame down to its innermost IP packet and transport payload: Ethernet with VLAN/QinQ tags,
/// MPLS, PPPoE, IPv4 (options, fragments), IPv6 (extension headers), and the tunnels GRE (incl. ERSPAN and PPTP),
/// VXLAN, Geneve and IP-in-IP. Every read is bounds-checked; a frame too short for a header is rejected or, inside a
/// tunnel, falls back to the outer packet. Never throws, never allocates.
/// </summary>
public static class FrameDecoder
{
    /// <summary>Tunnels within tunnels are legal, but a hostile frame could nest them forever.</summary>
    private const int MaxDepth = 6;

    public const ushort VxlanPort = 4789, VxlanLinuxPort = 8472, GenevePort = 6081;

    public static bool TryDecode(ReadOnlySpan<byte> frame, LinkType link, out DecodedPacket packet)
    {
        packet = default;
        switch (link)
        {
            case LinkType.Ethernet:
                return Ethernet(frame, ref packet, 0);
            case LinkType.Raw:
            case LinkType.RawLegacy:
            case LinkType.Ipv4:
            case LinkType.Ipv6:
                return Ip(frame, ref packet, 0);
            case LinkType.Null:
            case LinkType.Loop:
                // Address family (2 = IPv4; 24/28/30 = IPv6 on the BSDs) in host or network order; the IP version nibble decides.
                return frame.Length > 4 && Ip(frame[4..], ref packet, 0);
            case LinkType.LinuxSll:
                return frame.Length >= 16 && EtherPayload(frame, 16, BinaryPrimitives.ReadUInt16BigEndian(frame[14..]), ref packet, 0);
            case LinkType.LinuxSll2:
                return frame.Length >= 20 && EtherPayload(frame, 20, BinaryPrimitives.ReadUInt16BigEndian(frame), ref packet, 0);
            default:
                return false;
        }
    }

    private static bool Ethernet(ReadOnlySpan<byte> frame, ref DecodedPacket p, int depth)
    {
        if (frame.Length < 14) return false;
        var type = BinaryPrimitives.ReadUInt16BigEndian(frame[12..]);
        var offset = 14;
        // 802.1Q, 802.1ad (QinQ) and the legacy QinQ EtherTypes; a few stacked tags at most.
        for (var tags = 0; tags < 4 && (type == 0x8100 || type == 0x88A8 || type == 0x9100 || type == 0x9200); tags++)
        {
            if (frame.Length < offset + 4) return false;
            if (p.VlanId == 0) p.VlanId = (ushort)(BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]) & 0x0FFF);
            type = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 2)..]);
            offset += 4;
        }
        if (EtherPayload(frame, offset, type, ref p, depth)) return true;
        if (type == 0x0800 || type == 0x86DD || type == 0x8847 || type == 0x8848 || type == 0x8864) return false;
        // Non-IP: ARP, LLDP, LLC/STP, ... keyed by MAC addresses.
        p.Kind = FrameKind.NonIp;
        p.IpVersion = 0;
        p.EtherType = type < 0x0600 ? (ushort)0 : type;
        p.Destination = Mac(frame);
        p.Source = Mac(frame[6..]);
        p.Payload = frame[offset..];
        return true;
    }

    private static UInt128 Mac(ReadOnlySpan<byte> b) =>
        ((ulong)b[0] << 40) | ((ulong)b[1] << 32) | ((ulong)b[2] << 24) | ((ulong)b[3] << 16) | ((ulong)b[4] << 8) | b[5];

    /// <summary>The payload of an EtherType at <paramref name="offset"/>: IP directly, or via MPLS / PPPoE. False for non-IP.</summary>
    private static bool EtherPayload(ReadOnlySpan<byte> frame, int offset, ushort type, ref DecodedPacket p, int depth)
    {
        if (offset > frame.Length) return false;
        switch (type)
        {
            case 0x0800:
            case 0x86DD:
                return Ip(frame[offset..], ref p, depth);
            case 0x8847:
            case 0x8848:
                // MPLS label stack: 4 bytes per label until the bottom-of-stack bit; then the IP version nibble.
                for (var labels = 0; labels < 8; labels++)
                {
                    if (frame.Length < offset + 4) return false;
                    var bottom = (frame[offset + 2] & 0x01) != 0;
                    offset += 4;
                    if (bottom) return Ip(frame[offset..], ref p, depth);
                }
                return false;
            case 0x8864:
                // PPPoE session: 6-byte header then the PPP protocol.
                return frame.Length >= offset + 8 && Ppp(frame[(offset + 6)..], ref p, depth);
            default:
                return false;
        }
    }

    private static bool Ppp(ReadOnlySpan<byte> b, ref DecodedPacket p, int depth)
    {
        if (b.Length >= 2 && b[0] == 0xFF && b[1] == 0x03) b = b[2..]; // address/control (HDLC framing)
        if (b.Length < 1) return false;
        ushort proto;
        if ((b[0] & 0x01) != 0) { proto = b[0]; b = b[1..]; } // protocol field compressed to one byte
        else
        {
            if (b.Length < 2) return false;
            proto = BinaryPrimitives.ReadUInt16BigEndian(b);
            b = b[2..];
        }
        return (proto == 0x0021 || proto == 0x0057) && Ip(b, ref p, depth);
    }

    private static bool Ip(ReadOnlySpan<byte> b, ref DecodedPacket p, int depth)
    {
        if (b.Length < 1) return false;
        return (b[0] >> 4) switch
        {
            4 => Ipv4(b, ref p, depth),
            6 => Ipv6(b, ref p, depth),
            _ => false,
        };
    }

    private static bool Ipv4(ReadOnlySpan<byte> b, ref DecodedPacket p, int depth)
    {
        if (b.Length < 20) return false;
        var headerLength = (b[0] & 0x0F) * 4;
        if (headerLength < 20 || headerLength > b.Length) return false;
        var total = BinaryPrimitives.ReadUInt16BigEndian(b[2..]);
        // Total length 0 happens with TCP segmentation offload captures; otherwise it trims Ethernet padding.
        var end = total == 0 ? b.Length : Math.Min(b.Length, (int)total);
        if (end < headerLength) return false;
        p.Kind = FrameKind.Ip;
        p.IpVersion = 4;
        p.Source = BinaryPrimitives.ReadUInt32BigEndian(b[12..]);
        p.Destination = BinaryPrimitives.ReadUInt32BigEndian(b[16..]);
        var fragmentOffset = BinaryPrimitives.ReadUInt16BigEndian(b[6..]) & 0x1FFF;
        return Transport(b[headerLength..end], b[9], fragmentOffset != 0, ref p, depth);
    }

    private static bool Ipv6(ReadOnlySpan<byte> b, ref DecodedPacket p, int depth)
    {
        if (b.Length < 40) return false;
        var payloadLength = BinaryPrimitives.ReadUInt16BigEndian(b[4..]);
        var end = payloadLength == 0 ? b.Length : Math.Min(b.Length, 40 + payloadLength);
        p.Kind = FrameKind.Ip;
        p.IpVersion = 6;
        p.Source = BinaryPrimitives.ReadUInt128BigEndian(b[8..]);
        p.Destination = BinaryPrimitives.ReadUInt128BigEndian(b[24..]);
        var next = b[6];
        var offset = 40;
        var nonFirstFragment = false;
        for (var headers = 0; headers < 8; headers++)
        {
            if (next is 0 or 43 or 60) // hop-by-hop, routing, destination options
            {
                if (end < offset + 2) return false;
                var length = (b[offset + 1] + 1) * 8;
                next = b[offset];
                offset += length;
            }
            else if (next == 44) // fragment
            {
                if (end < offset + 8) return false;
                nonFirstFragment = (BinaryPrimitives.ReadUInt16BigEndian(b[(offset + 2)..]) >> 3) != 0;
                next = b[offset];
                offset += 8;
            }
            else if (next == 51) // authentication header
            {
                if (end < offset + 2) return false;
                var length = (b[offset + 1] + 2) * 4;
                next = b[offset];
                offset += length;
            }
            else break;
            if (offset > end) return false;
        }
        return Transport(b[offset..end], next, nonFirstFragment, ref p, depth);
    }

    private static bool Transport(ReadOnlySpan<byte> b, byte protocol, bool nonFirstFragment, ref DecodedPacket p, int depth)
    {
        p.Transport = protocol;
        p.SourcePort = p.DestinationPort = 0;
        p.TcpFlags = 0;
        p.Payload = default;
        if (nonFirstFragment)
        {
            p.NonFirstFragment = true;
            return true;
        }
        switch (protocol)
        {
            case 6: // TCP
                if (b.Length < 4) return false;
                p.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(b);
                p.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(b[2..]);
                if (b.Length >= 20)
                {
                    p.TcpFlags = b[13];
                    var dataOffset = (b[12] >> 4) * 4;
                    if (dataOffset >= 20 && dataOffset <= b.Length) p.Payload = b[dataOffset..];
                }
                return true;
            case 17: // UDP
                if (b.Length < 8) return false;
                p.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(b);
                p.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(b[2..]);
                var udpLength = BinaryPrimitives.ReadUInt16BigEndian(b[4..]);
                p.Payload = udpLength >= 8 && udpLength <= b.Length ? b[8..udpLength] : b[8..];
                if (depth < MaxDepth) UdpTunnel(ref p, depth);
                return true;
            case 132: // SCTP
                if (b.Length < 12) return false;
                p.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(b);
                p.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(b[2..]);
                p.Payload = b[12..];
                return true;
            case 1: // ICMP
            case 58: // ICMPv6
                p.Payload = b.Length >= 8 ? b[8..] : default;
                return true;
            case 47: // GRE
                if (depth < MaxDepth) Gre(b, ref p, depth);
                if (p.Tunnel == TunnelKind.None) p.Payload = b;
                return true;
            case 4: // IPv4 in IP
            case 41: // IPv6 in IP
                if (depth < MaxDepth)
                {
                    var inner = default(DecodedPacket);
                    if (Ip(b, ref inner, depth + 1) && inner.Kind == FrameKind.Ip)
                    {
                        Adopt(ref p, ref inner, TunnelKind.IpInIp);
                        return true;
                    }
                }
                p.Payload = b;
                return true;
            default:
                p.Payload = b;
                return true;
        }
    }

    /// <summary>Replaces the outer packet by a decoded inner one, keeping the outermost tunnel kind and VLAN.</summary>
    private static void Adopt(ref DecodedPacket outer, ref DecodedPacket inner, TunnelKind tunnel)
    {
        var vlan = outer.VlanId;
        var outerTunnel = outer.Tunnel;
        outer = inner;
        outer.Tunnel = outerTunnel != TunnelKind.None ? outerTunnel : tunnel;
        if (vlan != 0 && outer.VlanId == 0) outer.VlanId = vlan;
    }

    private static void UdpTunnel(ref DecodedPacket p, int depth)
    {
        var payload = p.Payload;
        if ((p.DestinationPort == VxlanPort || p.DestinationPort == VxlanLinuxPort) && payload.Length >= 8 + 14 && (payload[0] & 0x08) != 0)
        {
            var inner = default(DecodedPacket);
            if (Ethernet(payload[8..], ref inner, depth + 1) && inner.Kind == FrameKind.Ip) Adopt(ref p, ref inner, TunnelKind.Vxlan);
        }
        else if (p.DestinationPort == GenevePort && payload.Length >= 8 && (payload[0] >> 6) == 0)
        {
            var optionsLength = (payload[0] & 0x3F) * 4;
            var type = BinaryPrimitives.ReadUInt16BigEndian(payload[2..]);
            if (payload.Length < 8 + optionsLength) return;
            var inner = default(DecodedPacket);
            var ok = type == 0x6558 ? Ethernet(payload[(8 + optionsLength)..], ref inner, depth + 1)
                : type is 0x0800 or 0x86DD && Ip(payload[(8 + optionsLength)..], ref inner, depth + 1);
            if (ok && inner.Kind == FrameKind.Ip) Adopt(ref p, ref inner, TunnelKind.Geneve);
        }
    }

    private static void Gre(ReadOnlySpan<byte> b, ref DecodedPacket p, int depth)
    {
        if (b.Length < 4) return;
        var flags = BinaryPrimitives.ReadUInt16BigEndian(b);
        var type = BinaryPrimitives.ReadUInt16BigEndian(b[2..]);
        var version = flags & 0x7;
        int offset;
        if (version == 0)
        {
            offset = 4;
            if ((flags & 0x8000) != 0) offset += 4; // checksum + reserved
            if ((flags & 0x2000) != 0) offset += 4; // key
            if ((flags & 0x1000) != 0) offset += 4; // sequence number
        }
        else if (version == 1) // PPTP's enhanced GRE: key (payload length + call ID) always, sequence and ack optional
        {
            offset = 8;
            if ((flags & 0x1000) != 0) offset += 4;
            if ((flags & 0x0080) != 0) offset += 4;
        }
        else return;
        if (b.Length < offset) return;
        var inner = default(DecodedPacket);
        var rest = b[offset..];
        var ok = type switch
        {
            0x0800 or 0x86DD => Ip(rest, ref inner, depth + 1),
            0x6558 => Ethernet(rest, ref inner, depth + 1),
            // ERSPAN type II has an 8-byte header (present when the sequence bit is set), type I none; type III 12 (+8 with the O bit).
            0x88BE => (flags & 0x1000) != 0 ? rest.Length >= 8 && Ethernet(rest[8..], ref inner, depth + 1) : Ethernet(rest, ref inner, depth + 1),
            0x22EB => rest.Length >= 12 && ErspanThree(rest, ref inner, depth + 1),
            0x880B => Ppp(rest, ref inner, depth + 1),
            _ => false,
        };
        if (ok && inner.Kind == FrameKind.Ip) Adopt(ref p, ref inner, TunnelKind.Gre);
    }

    private static bool ErspanThree(ReadOnlySpan<byte> b, ref DecodedPacket inner, int depth)
    {
        var header = (b[11] & 0x01) != 0 ? 20 : 12; // the O bit announces an 8-byte platform-specific subheader
        return b.Length >= header && Ethernet(b[header..], ref inner, depth);
    }
}
