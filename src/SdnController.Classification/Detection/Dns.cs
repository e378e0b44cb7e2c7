namespace SdnController.Classification.Detection;

/// <summary>DNS-shaped messages (DNS, mDNS, LLMNR, NetBIOS name service): header sanity and the first question's name.</summary>
internal static class Dns
{
    /// <summary>A plausible DNS message: sane opcode and counts, and (for queries) a question whose name parses.</summary>
    public static bool IsMessage(ReadOnlySpan<byte> m, out ReadOnlySpan<byte> nameStart)
    {
        nameStart = default;
        if (m.Length < 12) return false;
        var flags = Bytes.U16(m, 2);
        var opcode = (flags >> 11) & 0xF;
        if (opcode is not (0 or 1 or 2 or 4 or 5)) return false;
        var questions = Bytes.U16(m, 4);
        var answers = Bytes.U16(m, 6);
        var authority = Bytes.U16(m, 8);
        var additional = Bytes.U16(m, 10);
        if (questions > 16 || answers > 512 || authority > 512 || additional > 512) return false;
        var isResponse = (flags & 0x8000) != 0;
        if (questions == 0) return isResponse ? answers + authority + additional > 0 : opcode == 5;
        nameStart = m[12..];
        return SkipName(m, 12) > 12;
    }

    /// <summary>Offset after the name at <paramref name="offset"/> (labels or a compression pointer); -1 if malformed.</summary>
    private static int SkipName(ReadOnlySpan<byte> m, int offset)
    {
        var total = 0;
        for (var labels = 0; labels < 128; labels++)
        {
            if (offset >= m.Length) return -1;
            var length = m[offset];
            if (length == 0) return offset + 1;
            if ((length & 0xC0) == 0xC0) return offset + 2 <= m.Length ? offset + 2 : -1;
            if (length > 63) return -1;
            total += length + 1;
            if (total > 255) return -1;
            offset += 1 + length;
        }
        return -1;
    }

    /// <summary>The first question's name as a dotted, lower-case string; null if it cannot be read.</summary>
    public static string? QueryName(ReadOnlySpan<byte> m)
    {
        if (m.Length < 13 || Bytes.U16(m, 4) == 0) return null;
        Span<byte> name = stackalloc byte[256];
        var length = 0;
        var offset = 12;
        for (var labels = 0; labels < 128; labels++)
        {
            if (offset >= m.Length) return null;
            var l = m[offset];
            if (l == 0) break;
            if (l > 63 || offset + 1 + l > m.Length || length + l + 1 > name.Length) return null;
            if (length > 0) name[length++] = (byte)'.';
            m.Slice(offset + 1, l).CopyTo(name[length..]);
            length += l;
            offset += 1 + l;
        }
        return length == 0 ? null : Bytes.HostName(name[..length]);
    }

    /// <summary>NetBIOS name service (UDP 137): a DNS header and a 32-byte first-level-encoded name ('A'..'P').</summary>
    public static bool IsNetBiosName(ReadOnlySpan<byte> m)
    {
        if (m.Length < 12 + 34) return IsMessage(m, out _) && Bytes.U16(m, 4) == 0; // responses without a question
        if (m[12] != 32) return false;
        for (var i = 13; i < 13 + 32; i++)
            if (m[i] is < (byte)'A' or > (byte)'P') return false;
        return true;
    }
}
