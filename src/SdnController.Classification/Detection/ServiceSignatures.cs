namespace SdnController.Classification.Detection;

/// <summary>
/// Enterprise and IoT services recognised cheaply: SMB, Kerberos, LDAP, RADIUS, CoAP, AMQP, RTMP, XMPP (nDPI's
/// "Jabber") and IRC. Formats that are weak on their own are tied to their registered ports.
/// </summary>
internal static class ServiceSignatures
{
    /// <summary>SMB after its 4-byte NetBIOS/direct-TCP header: "\xFFSMB" is SMBv1; "\xFESMB" (and "\xFDSMB", encrypted) SMB 2/3.</summary>
    public static AppProtocol Smb(ReadOnlySpan<byte> p)
    {
        if (p.Length < 8 || p[0] != 0 || p[5] != 'S' || p[6] != 'M' || p[7] != 'B') return AppProtocol.Unknown;
        return p[4] switch { 0xFF => AppProtocol.SMBv1, 0xFE or 0xFD => AppProtocol.SMBv23, _ => AppProtocol.Unknown };
    }

    /// <summary>Kerberos on 88: an ASN.1 application tag of AS/TGS requests and replies, AP-REQ or KRB-ERROR (after a 4-byte length on TCP).</summary>
    public static bool IsKerberos(ReadOnlySpan<byte> p, ushort sport, ushort dport, bool tcp)
    {
        if (sport != 88 && dport != 88) return false;
        if (tcp)
        {
            if (p.Length < 6 || Bytes.U32(p, 0) > 65535) return false;
            p = p[4..];
        }
        return p.Length >= 2 && p[0] is 0x6A or 0x6B or 0x6C or 0x6D or 0x6E or 0x7E && p[1] >= 0x80;
    }

    /// <summary>LDAP on 389/3268: a BER SEQUENCE with an INTEGER message id and an application-tagged protocol operation.</summary>
    public static bool IsLdap(ReadOnlySpan<byte> p, ushort sport, ushort dport)
    {
        if (sport is not (389 or 3268) && dport is not (389 or 3268)) return false;
        if (p.Length < 7 || p[0] != 0x30) return false;
        var o = 2;
        if (p[1] > 0x80) o += p[1] & 0x7F;
        if (p.Length < o + 3 || p[o] != 0x02 || p[o + 1] is 0 or > 4) return false;
        o += 2 + p[o + 1];
        return o < p.Length && p[o] is >= 0x60 and <= 0x79;
    }

    /// <summary>RADIUS on 1812/1813 (or the old 1645/1646): a known code and a length field equal to the datagram's.</summary>
    public static bool IsRadius(ReadOnlySpan<byte> p, ushort sport, ushort dport) =>
        (sport is 1812 or 1813 or 1645 or 1646 || dport is 1812 or 1813 or 1645 or 1646)
        && p.Length >= 20 && p[0] is (>= 1 and <= 5) or 11 or 12 or 13 or (>= 40 and <= 45) && Bytes.U16(p, 2) == p.Length;

    /// <summary>CoAP on 5683/5684: version 1, a token of at most 8 bytes, a request or response code class.</summary>
    public static bool IsCoap(ReadOnlySpan<byte> p, ushort sport, ushort dport) =>
        (sport is 5683 or 5684 || dport is 5683 or 5684) && p.Length >= 4 && (p[0] >> 6) == 1 && (p[0] & 0x0F) <= 8 && (p[1] >> 5) is 0 or 2 or 4 or 5;

    /// <summary>AMQP's protocol header "AMQP" + 4 version bytes.</summary>
    public static bool IsAmqp(ReadOnlySpan<byte> p) => p.Length == 8 && p.StartsWith("AMQP"u8) && p[4] <= 3;

    /// <summary>RTMP's client handshake on 1935: C0 (version 3) then C1.</summary>
    public static bool IsRtmp(ReadOnlySpan<byte> p, ushort serverPort) => serverPort == 1935 && p.Length >= 9 && p[0] == 3;

    /// <summary>XMPP's stream header (nDPI: Jabber).</summary>
    public static bool IsJabber(ReadOnlySpan<byte> p)
    {
        if (p.StartsWith("<?xml"u8))
        {
            var next = p.IndexOf("?>"u8);
            if (next < 0) return false;
            p = p[(next + 2)..].TrimStart("\r\n "u8);
        }
        return p.StartsWith("<stream:stream"u8);
    }

    /// <summary>IRC registration or a server notice on the IRC ports.</summary>
    public static bool IsIrc(ReadOnlySpan<byte> p, ushort serverPort)
    {
        if (serverPort is not ((>= 6660 and <= 6669) or 6697 or 7000)) return false;
        var line = Bytes.FirstLine(p);
        return line.StartsWith("NICK "u8) || line.StartsWith("CAP LS"u8) || line.StartsWith("PASS "u8) || line.StartsWith("USER "u8)
            || (line.StartsWith(":"u8) && line.IndexOf(" NOTICE "u8) > 0);
    }
}
