using System.Buffers.Binary;

namespace SdnController.Classification.Detection;

/// <summary>Bounds-checked reads over payload spans: detectors look at hostile bytes, so a short span answers "no", never throws.</summary>
internal static class Bytes
{
    public static ushort U16(ReadOnlySpan<byte> b, int offset) =>
        offset >= 0 && b.Length >= offset + 2 ? BinaryPrimitives.ReadUInt16BigEndian(b[offset..]) : (ushort)0;

    public static uint U32(ReadOnlySpan<byte> b, int offset) =>
        offset >= 0 && b.Length >= offset + 4 ? BinaryPrimitives.ReadUInt32BigEndian(b[offset..]) : 0u;

    public static bool StartsWith(ReadOnlySpan<byte> b, ReadOnlySpan<byte> prefix) => b.StartsWith(prefix);

    /// <summary>Case-insensitive ASCII prefix test (HTTP/SIP methods and headers are case-insensitive in practice).</summary>
    public static bool StartsWithIgnoreCase(ReadOnlySpan<byte> b, ReadOnlySpan<byte> prefix)
    {
        if (b.Length < prefix.Length) return false;
        for (var i = 0; i < prefix.Length; i++)
            if ((b[i] | 0x20) != (prefix[i] | 0x20) && b[i] != prefix[i]) return false;
        return true;
    }

    /// <summary>The line at <paramref name="b"/>'s start, without CR/LF (the whole span when there is no line end).</summary>
    public static ReadOnlySpan<byte> FirstLine(ReadOnlySpan<byte> b)
    {
        var end = b.IndexOfAny((byte)'\r', (byte)'\n');
        return end < 0 ? b : b[..end];
    }

    /// <summary>The value of header <paramref name="name"/> (e.g. "host:") in an HTTP-like message; empty if absent.</summary>
    public static ReadOnlySpan<byte> Header(ReadOnlySpan<byte> message, ReadOnlySpan<byte> name)
    {
        var rest = message;
        for (var lines = 0; lines < 64; lines++)
        {
            var nl = rest.IndexOf((byte)'\n');
            if (nl < 0) return default;
            rest = rest[(nl + 1)..];
            if (rest.Length == 0 || rest[0] == '\r' || rest[0] == '\n') return default; // end of headers
            if (StartsWithIgnoreCase(rest, name))
            {
                var value = FirstLine(rest[name.Length..]);
                return value.Trim((byte)' ');
            }
        }
        return default;
    }

    public static bool IsDigit(byte c) => c >= '0' && c <= '9';

    /// <summary>Printable ASCII or common whitespace.</summary>
    public static bool IsText(byte c) => (c >= 0x20 && c < 0x7F) || c == '\r' || c == '\n' || c == '\t';

    /// <summary>A host name decoded from ASCII bytes, lower-cased; null when empty or not a plausible name.</summary>
    public static string? HostName(ReadOnlySpan<byte> b)
    {
        if (b.Length == 0 || b.Length > 253) return null;
        // Strip a ":port" suffix (HTTP Host), but not from an IPv6 literal.
        if (b[0] != '[')
        {
            var colon = b.LastIndexOf((byte)':');
            if (colon > 0) b = b[..colon];
        }
        foreach (var c in b)
            if (c <= 0x20 || c >= 0x7F) return null;
        return string.Create(b.Length, b.ToArray(), static (dst, src) =>
        {
            for (var i = 0; i < src.Length; i++) dst[i] = (char)(src[i] is >= (byte)'A' and <= (byte)'Z' ? src[i] | 0x20 : src[i]);
        });
    }
}
