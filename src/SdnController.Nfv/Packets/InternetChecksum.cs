using System.Buffers.Binary;

namespace SdnController.Nfv.Packets;

/// <summary>RFC 1624 incremental checksum updates: a rewrite touches only the changed words, never the payload.</summary>
public static class InternetChecksum
{
    /// <summary>The checksum after one covered 16-bit word changed (RFC 1624 eqn. 3).</summary>
    public static ushort Update(ushort checksum, ushort oldWord, ushort newWord)
    {
        if (oldWord == newWord) return checksum;
        uint sum = (ushort)~checksum;
        sum += (ushort)~oldWord;
        sum += newWord;
        while (sum >> 16 != 0) sum = (sum & 0xffff) + (sum >> 16);
        return (ushort)~sum;
    }

    public static ushort Update32(ushort checksum, uint oldValue, uint newValue) =>
        Update(Update(checksum, (ushort)(oldValue >> 16), (ushort)(newValue >> 16)), (ushort)oldValue, (ushort)newValue);

    /// <summary>The full checksum of <paramref name="data"/> (used by tests and frame building).</summary>
    public static ushort Compute(ReadOnlySpan<byte> data, uint initial = 0)
    {
        var sum = initial;
        var i = 0;
        for (; i + 1 < data.Length; i += 2) sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        if (i < data.Length) sum += (uint)data[i] << 8;
        while (sum >> 16 != 0) sum = (sum & 0xffff) + (sum >> 16);
        return (ushort)~sum;
    }
}
