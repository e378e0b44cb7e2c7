using System.Buffers.Binary;
using SdnController.Southbound.Matching;

namespace SdnController.VirtualNetwork.Headers;

/// <summary>
/// The header rewrites of the OpenFlow actions, on raw frame bytes. Each takes the headers parsed from the same
/// bytes; a rewrite of a field the frame does not carry is a no-op (as OpenFlow's prerequisites would make it).
/// Checksums covering a rewritten field are kept valid.
/// </summary>
public static class FrameRewriter
{
    private const int VlanTagLength = 4;
    private const int TagOffset = 12;

    /// <summary>A new frame with an 802.1Q tag (TPID 0x8100, priority 0) in front of any existing tags.</summary>
    public static byte[] PushVlan(byte[] frame, ushort vlanId)
    {
        var result = new byte[frame.Length + VlanTagLength];
        frame.AsSpan(0, TagOffset).CopyTo(result);
        BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(TagOffset, 2), EtherTypes.Vlan);
        BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(TagOffset + 2, 2), (ushort)(vlanId & 0x0FFF));
        frame.AsSpan(TagOffset).CopyTo(result.AsSpan(TagOffset + VlanTagLength));
        return result;
    }

    /// <summary>A new frame without the outermost tag; the same array when the frame is untagged.</summary>
    public static byte[] PopVlan(byte[] frame, in PacketHeaders headers)
    {
        if (!headers.HasVlan) return frame;
        var result = new byte[frame.Length - VlanTagLength];
        frame.AsSpan(0, TagOffset).CopyTo(result);
        frame.AsSpan(TagOffset + VlanTagLength).CopyTo(result.AsSpan(TagOffset));
        return result;
    }

    public static void SetEthDst(Span<byte> frame, MacAddress mac) => mac.WriteTo(frame[..6]);

    public static void SetEthSrc(Span<byte> frame, MacAddress mac) => mac.WriteTo(frame.Slice(6, 6));

    /// <summary>Change the id of the outermost tag, keeping its priority and DEI bits.</summary>
    public static void SetVlanId(Span<byte> frame, in PacketHeaders headers, ushort vlanId)
    {
        if (!headers.HasVlan) return;
        var tci = frame.Slice(TagOffset + 2, 2);
        var value = BinaryPrimitives.ReadUInt16BigEndian(tci);
        BinaryPrimitives.WriteUInt16BigEndian(tci, (ushort)((value & 0xF000) | (vlanId & 0x0FFF)));
    }

    public static void SetIpv4Src(Span<byte> frame, in PacketHeaders headers, uint address) =>
        SetIpv4Address(frame, headers, 12, address);

    public static void SetIpv4Dst(Span<byte> frame, in PacketHeaders headers, uint address) =>
        SetIpv4Address(frame, headers, 16, address);

    private static void SetIpv4Address(Span<byte> frame, in PacketHeaders headers, int fieldOffset, uint address)
    {
        if (!headers.IsIpv4) return;
        var field = frame.Slice(headers.L3Offset + fieldOffset, 4);
        var old = BinaryPrimitives.ReadUInt32BigEndian(field);
        BinaryPrimitives.WriteUInt32BigEndian(field, address);
        Checksum.RewriteIpv4Header(frame, headers.L3Offset, headers.Ipv4HeaderLength);
        // TCP and UDP checksums cover the addresses through the pseudo-header.
        UpdateL4Checksum(frame, headers, old, address, wide: true);
    }

    /// <summary>Set the 6-bit DSCP of IPv4 (TOS) or IPv6 (traffic class), keeping the ECN bits.</summary>
    public static void SetDscp(Span<byte> frame, in PacketHeaders headers, byte dscp)
    {
        var l3 = headers.L3Offset;
        if (headers.IsIpv4)
        {
            frame[l3 + 1] = (byte)((dscp << 2) | (frame[l3 + 1] & 0x03));
            Checksum.RewriteIpv4Header(frame, l3, headers.Ipv4HeaderLength);
        }
        else if (headers.IsIpv6)
        {
            // Traffic class straddles bytes 0 and 1: version(4) | tc(8) | flow label(20).
            var tc = ((frame[l3] & 0x0F) << 4) | (frame[l3 + 1] >> 4);
            tc = (dscp << 2) | (tc & 0x03);
            frame[l3] = (byte)((frame[l3] & 0xF0) | (tc >> 4));
            frame[l3 + 1] = (byte)(((tc & 0x0F) << 4) | (frame[l3 + 1] & 0x0F));
        }
    }

    public static void SetL4Src(Span<byte> frame, in PacketHeaders headers, ushort port) => SetPort(frame, headers, 0, port);

    public static void SetL4Dst(Span<byte> frame, in PacketHeaders headers, ushort port) => SetPort(frame, headers, 2, port);

    private static void SetPort(Span<byte> frame, in PacketHeaders headers, int fieldOffset, ushort port)
    {
        if (!headers.HasL4Ports) return;
        var field = frame.Slice(headers.L4Offset + fieldOffset, 2);
        var old = BinaryPrimitives.ReadUInt16BigEndian(field);
        BinaryPrimitives.WriteUInt16BigEndian(field, port);
        UpdateL4Checksum(frame, headers, old, port, wide: false);
    }

    private static void UpdateL4Checksum(Span<byte> frame, in PacketHeaders headers, uint oldValue, uint newValue, bool wide)
    {
        if (!headers.HasL4Ports) return;
        var isUdp = headers.IpProto == IpProtocols.Udp;
        var at = headers.L4Offset + (isUdp ? 6 : 16);
        if (frame.Length < at + 2) return; // checksum field cut off: nothing to keep valid
        var field = frame.Slice(at, 2);
        var checksum = BinaryPrimitives.ReadUInt16BigEndian(field);
        if (isUdp && checksum == 0 && headers.IsIpv4) return; // UDP over IPv4 without a checksum stays without
        var updated = wide
            ? Checksum.Update32(checksum, oldValue, newValue)
            : Checksum.Update(checksum, (ushort)oldValue, (ushort)newValue);
        if (isUdp && updated == 0) updated = 0xFFFF; // 0 means "no checksum" in UDP
        BinaryPrimitives.WriteUInt16BigEndian(field, updated);
    }
}
