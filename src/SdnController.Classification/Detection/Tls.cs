namespace SdnController.Classification.Detection;

/// <summary>
/// TLS (over TCP) and DTLS (over UDP) by their record header; the ClientHello's SNI and ALPN when the hello is in
/// the first segment. Only the structure is read; nothing is decrypted.
/// </summary>
internal static class Tls
{
    /// <summary>A TLS handshake record (or an SSLv2-compatible ClientHello) at the payload's start.</summary>
    public static bool IsTls(ReadOnlySpan<byte> p)
    {
        if (p.Length < 6) return false;
        if (p[0] == 0x16 && p[1] == 0x03 && p[2] <= 0x04)
        {
            var length = Bytes.U16(p, 3);
            var handshakeType = p[5];
            // ClientHello, ServerHello, or (TLS 1.3 middlebox-compatible) other handshake types; length sane.
            return length is > 0 and <= 16384 + 2048 && handshakeType is 1 or 2 or 11 or 12 or 14 or 16;
        }
        // SSLv2-compatible ClientHello: 2-byte length with the top bit, message type 1, version 3.x.
        return (p[0] & 0x80) != 0 && p[2] == 0x01 && p[3] == 0x03 && p[4] <= 0x04 && ((p[0] & 0x7F) << 8 | p[1]) > 9;
    }

    /// <summary>DTLS: content type 20..25, version 1.0/1.2/1.3 (0xFEFF/0xFEFD/0xFEFC), a record length that fits.</summary>
    public static bool IsDtls(ReadOnlySpan<byte> p)
    {
        if (p.Length < 13) return false;
        if (p[0] is < 20 or > 25 || p[1] != 0xFE || p[2] is not (0xFF or 0xFD or 0xFC)) return false;
        var length = Bytes.U16(p, 11);
        return length > 0 && 13 + length <= p.Length;
    }

    /// <summary>Reads SNI and ALPN from a ClientHello record (TLS) at the payload's start; false if not a ClientHello.</summary>
    public static bool TryReadClientHello(ReadOnlySpan<byte> p, out ReadOnlySpan<byte> sni, out string? alpn)
    {
        sni = default;
        alpn = null;
        if (p.Length < 9 || p[0] != 0x16 || p[5] != 0x01) return false;
        return TryReadHelloBody(p[9..], out sni, out alpn);
    }

    /// <summary>The ClientHello body (after the 4-byte handshake header): version, random, session, ciphers, compression, extensions.</summary>
    public static bool TryReadHelloBody(ReadOnlySpan<byte> h, out ReadOnlySpan<byte> sni, out string? alpn)
    {
        sni = default;
        alpn = null;
        var o = 2 + 32; // version, random
        if (h.Length < o + 1) return true;
        o += 1 + h[o]; // session id
        if (h.Length < o + 2) return true;
        o += 2 + Bytes.U16(h, o); // cipher suites
        if (h.Length < o + 1) return true;
        o += 1 + h[o]; // compression methods
        if (h.Length < o + 2) return true;
        var end = Math.Min(h.Length, o + 2 + Bytes.U16(h, o));
        o += 2;
        while (o + 4 <= end)
        {
            var type = Bytes.U16(h, o);
            var length = Bytes.U16(h, o + 2);
            o += 4;
            if (o + length > end) break;
            var ext = h.Slice(o, length);
            if (type == 0 && ext.Length >= 5 && ext[2] == 0)
            {
                var nameLength = Bytes.U16(ext, 3);
                if (5 + nameLength <= ext.Length) sni = ext.Slice(5, nameLength);
            }
            else if (type == 16 && ext.Length >= 3)
            {
                alpn = ReadAlpn(ext[2..]);
            }
            o += length;
        }
        return true;
    }

    private static string? ReadAlpn(ReadOnlySpan<byte> list)
    {
        var text = new System.Text.StringBuilder();
        var o = 0;
        while (o < list.Length)
        {
            var length = list[o++];
            if (o + length > list.Length) break;
            if (text.Length > 0) text.Append(',');
            foreach (var c in list.Slice(o, length)) text.Append(c is >= 0x20 and < 0x7F ? (char)c : '?');
            o += length;
        }
        return text.Length == 0 ? null : text.ToString();
    }
}
