using System.Buffers.Binary;

namespace SdnController.Nfv.Packets;

/// <summary>
/// In-place header rewrites that keep every checksum valid: the IPv4 header's, and the TCP/UDP one (whose
/// pseudo-header covers the addresses) or ICMP's (which covers the echo identifier). A UDP checksum of 0
/// means "none" and stays 0. Each updates the <see cref="PacketView"/> so later steps see the new values.
/// </summary>
public static class FrameRewrite
{
    public static void SetSource(Span<byte> frame, ref PacketView v, uint address, ushort port)
    {
        if (address != v.Source) SetAddress(frame, ref v, v.L3 + 12, v.Source, address);
        v.Source = address;
        if (v.HasPorts && port != v.SourcePort) SetPort(frame, ref v, source: true, port);
    }

    public static void SetDestination(Span<byte> frame, ref PacketView v, uint address, ushort port)
    {
        if (address != v.Destination) SetAddress(frame, ref v, v.L3 + 16, v.Destination, address);
        v.Destination = address;
        if (v.HasPorts && port != v.DestinationPort) SetPort(frame, ref v, source: false, port);
    }

    /// <summary>Sets the DSCP (upper six bits of the TOS byte), keeping ECN.</summary>
    public static void SetDscp(Span<byte> frame, ref PacketView v, int dscp)
    {
        var oldTos = frame[v.L3 + 1];
        var newTos = (byte)((dscp << 2) | (oldTos & 0x03));
        if (newTos == oldTos) return;
        // The TOS byte is the low half of the header's first word.
        var oldWord = (ushort)(frame[v.L3] << 8 | oldTos);
        var newWord = (ushort)(frame[v.L3] << 8 | newTos);
        frame[v.L3 + 1] = newTos;
        FixIpChecksum(frame, v.L3, oldWord, newWord);
        v.Tos = newTos;
    }

    private static void SetAddress(Span<byte> frame, ref PacketView v, int at, uint oldAddress, uint newAddress)
    {
        BinaryPrimitives.WriteUInt32BigEndian(frame[at..], newAddress);
        var check = frame.Slice(v.L3 + 10, 2);
        BinaryPrimitives.WriteUInt16BigEndian(check, InternetChecksum.Update32(BinaryPrimitives.ReadUInt16BigEndian(check), oldAddress, newAddress));
        // TCP and UDP cover the addresses through their pseudo-header; ICMP does not.
        if (TransportChecksumAt(v) is { } at4 && at4 + 2 <= frame.Length)
        {
            var c = BinaryPrimitives.ReadUInt16BigEndian(frame[at4..]);
            if (v.Protocol == 17 && c == 0) return;
            c = InternetChecksum.Update32(c, oldAddress, newAddress);
            if (v.Protocol == 17 && c == 0) c = 0xffff;   // 0 would read as "no checksum"
            BinaryPrimitives.WriteUInt16BigEndian(frame[at4..], c);
        }
    }

    private static void SetPort(Span<byte> frame, ref PacketView v, bool source, ushort port)
    {
        if (v.L4 < 0) return;
        int at;
        ushort old;
        if (v.Protocol == 1)
        {
            // ICMP echo: the identifier stands for both ports.
            at = v.L4 + 4;
            old = v.SourcePort;
            v.SourcePort = port;
            v.DestinationPort = port;
        }
        else
        {
            at = source ? v.L4 : v.L4 + 2;
            old = source ? v.SourcePort : v.DestinationPort;
            if (source) v.SourcePort = port;
            else v.DestinationPort = port;
        }
        BinaryPrimitives.WriteUInt16BigEndian(frame[at..], port);
        var checkAt = v.Protocol == 1 ? v.L4 + 2 : TransportChecksumAt(v);
        if (checkAt is not { } ca || ca + 2 > frame.Length) return;
        var c = BinaryPrimitives.ReadUInt16BigEndian(frame[ca..]);
        if (v.Protocol == 17 && c == 0) return;
        c = InternetChecksum.Update(c, old, port);
        if (v.Protocol == 17 && c == 0) c = 0xffff;
        BinaryPrimitives.WriteUInt16BigEndian(frame[ca..], c);
    }

    private static int? TransportChecksumAt(in PacketView v) => v.L4 < 0 ? null : v.Protocol switch
    {
        6 => v.L4 + 16,
        17 => v.L4 + 6,
        _ => null,
    };

    private static void FixIpChecksum(Span<byte> frame, int l3, ushort oldWord, ushort newWord)
    {
        var check = frame.Slice(l3 + 10, 2);
        BinaryPrimitives.WriteUInt16BigEndian(check, InternetChecksum.Update(BinaryPrimitives.ReadUInt16BigEndian(check), oldWord, newWord));
    }
}
