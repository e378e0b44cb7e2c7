using System.Buffers.Binary;

namespace SdnController.VirtualNetwork.Hosts;

/// <summary>
/// RFC 1071 checksums for re-stamping per-packet fields into a template frame: cheaper than rebuilding
/// the frame through PacketDotNet for every packet of a flow, and byte-for-byte what it would produce.
/// </summary>
internal static class InternetChecksum
{
    public static uint Sum(ReadOnlySpan<byte> data, uint sum = 0)
    {
        var i = 0;
        for (; i + 1 < data.Length; i += 2) sum += BinaryPrimitives.ReadUInt16BigEndian(data.Slice(i, 2));
        if (i < data.Length) sum += (uint)(data[i] << 8);
        return sum;
    }

    public static ushort Fold(uint sum)
    {
        while (sum >> 16 != 0) sum = (sum & 0xFFFF) + (sum >> 16);
        return (ushort)~sum;
    }

    /// <summary>Recompute the TCP or UDP checksum of the segment at <paramref name="l4"/> (IPv4 header at <paramref name="l3"/>).</summary>
    public static void UpdateTransport(byte[] frame, int l3, int l4, int checksumOffset, byte protocol)
    {
        var totalLength = BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(l3 + 2, 2));
        var ihl = (frame[l3] & 0x0F) * 4;
        var segmentLength = totalLength - ihl;
        frame[l4 + checksumOffset] = 0;
        frame[l4 + checksumOffset + 1] = 0;
        // Pseudo header: source, destination, zero, protocol, segment length.
        var sum = Sum(frame.AsSpan(l3 + 12, 8));
        sum += protocol;
        sum += (uint)segmentLength;
        sum = Sum(frame.AsSpan(l4, segmentLength), sum);
        var checksum = Fold(sum);
        // UDP transmits an all-zero result as 0xFFFF (zero means "no checksum"); TCP never yields 0 here in practice.
        if (checksum == 0 && protocol == 17) checksum = 0xFFFF;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(l4 + checksumOffset, 2), checksum);
    }

    /// <summary>Recompute the ICMP checksum over the whole ICMP message.</summary>
    public static void UpdateIcmp(byte[] frame, int l3, int l4)
    {
        var totalLength = BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(l3 + 2, 2));
        var ihl = (frame[l3] & 0x0F) * 4;
        frame[l4 + 2] = 0;
        frame[l4 + 3] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(l4 + 2, 2), Fold(Sum(frame.AsSpan(l4, totalLength - ihl))));
    }
}
