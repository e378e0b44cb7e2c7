using System.Buffers.Binary;

namespace SdnController.VirtualNetwork.Headers;

/// <summary>Internet (one's complement) checksums: full IPv4 header recompute and RFC 1624 incremental updates.</summary>
public static class Checksum
{
    /// <summary>Recompute the checksum of the IPv4 header at <paramref name="offset"/> in place.</summary>
    public static void RewriteIpv4Header(Span<byte> frame, int offset, int headerLength)
    {
        var header = frame.Slice(offset, headerLength);
        header[10] = 0;
        header[11] = 0;
        uint sum = 0;
        for (var i = 0; i + 1 < header.Length; i += 2) sum += BinaryPrimitives.ReadUInt16BigEndian(header.Slice(i, 2));
        BinaryPrimitives.WriteUInt16BigEndian(header.Slice(10, 2), (ushort)~Fold(sum));
    }

    /// <summary>
    /// RFC 1624 eqn. 3: the checksum after one covered 16-bit word changed from <paramref name="oldWord"/> to
    /// <paramref name="newWord"/> — lets us fix TCP/UDP checksums without touching the (possibly truncated) payload.
    /// </summary>
    public static ushort Update(ushort checksum, ushort oldWord, ushort newWord)
    {
        if (oldWord == newWord) return checksum; // keeps 0x0000 vs 0xFFFF (both "zero") exactly as it was
        uint sum = (ushort)~checksum;
        sum += (ushort)~oldWord;
        sum += newWord;
        return (ushort)~Fold(sum);
    }

    public static ushort Update32(ushort checksum, uint oldValue, uint newValue) =>
        Update(Update(checksum, (ushort)(oldValue >> 16), (ushort)(newValue >> 16)), (ushort)oldValue, (ushort)newValue);

    private static uint Fold(uint sum)
    {
        while (sum >> 16 != 0) sum = (sum & 0xFFFF) + (sum >> 16);
        return sum;
    }
}
