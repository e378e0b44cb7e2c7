using System.Buffers.Binary;

namespace SdnController.Classification.Detection;

/// <summary>
/// Google QUIC (Q0xx before IETF QUIC) sends its client hello in clear: a "CHLO" tag-value map whose "SNI" entry
/// names the server. The map is a tag, an entry count, then (tag, end offset) pairs and the values back to back.
/// </summary>
internal static class GoogleQuic
{
    private const int MaxEntries = 64;

    public static ReadOnlySpan<byte> Sni(ReadOnlySpan<byte> payload)
    {
        var start = payload.Length > 128 ? payload[..128].IndexOf("CHLO"u8) : payload.IndexOf("CHLO"u8);
        if (start < 0) return default;
        var map = payload[start..];
        if (map.Length < 8) return default;
        var entries = BinaryPrimitives.ReadUInt16LittleEndian(map[4..]);
        if (entries == 0 || entries > MaxEntries) return default;
        var valuesStart = 8 + entries * 8;
        if (map.Length < valuesStart) return default;
        var previousEnd = 0u;
        for (var i = 0; i < entries; i++)
        {
            var entry = map.Slice(8 + i * 8, 8);
            var end = BinaryPrimitives.ReadUInt32LittleEndian(entry[4..]);
            if (end < previousEnd || end > (uint)(map.Length - valuesStart)) return default;
            if (entry[..4].SequenceEqual("SNI\0"u8)) return map.Slice(valuesStart + (int)previousEnd, (int)(end - previousEnd));
            previousEnd = end;
        }
        return default;
    }
}
