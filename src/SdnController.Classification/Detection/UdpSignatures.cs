namespace SdnController.Classification.Detection;

/// <summary>Single-packet signatures of UDP protocols. Each answers from the bytes (and, where the format is weak, the port).</summary>
internal static class UdpSignatures
{
    public static bool IsNtp(ReadOnlySpan<byte> p, ushort sport, ushort dport)
    {
        if ((sport != 123 && dport != 123) || p.Length < 48) return false;
        var version = (p[0] >> 3) & 7;
        var mode = p[0] & 7;
        return version is >= 1 and <= 4 && mode != 0;
    }

    /// <summary>SNMP v1/v2c/v3: a BER SEQUENCE holding INTEGER version 0, 1 or 3.</summary>
    public static bool IsSnmp(ReadOnlySpan<byte> p)
    {
        if (p.Length < 10 || p[0] != 0x30) return false;
        var o = 1;
        int length;
        if (p[1] < 0x80) { length = p[1]; o = 2; }
        else if (p[1] == 0x81) { length = p[2]; o = 3; }
        else if (p[1] == 0x82) { length = Bytes.U16(p, 2); o = 4; }
        else return false;
        if (o + length != p.Length && o + length > p.Length) return false;
        if (p.Length < o + 3 || p[o] != 0x02 || p[o + 1] != 0x01) return false;
        var version = p[o + 2];
        if (version is not (0 or 1 or 3)) return false;
        // v1/v2c carry an OCTET STRING community next; v3 a SEQUENCE of global data.
        return p.Length > o + 3 && (version == 3 ? p[o + 3] == 0x30 : p[o + 3] == 0x04);
    }

    /// <summary>Syslog: "&lt;PRI&gt;" (PRI ≤ 191) at the start, optionally after an RFC 6587 octet count "NNN ".</summary>
    public static bool IsSyslog(ReadOnlySpan<byte> p)
    {
        var o = 0;
        while (o < p.Length && o < 6 && Bytes.IsDigit(p[o])) o++;
        if (o > 0)
        {
            if (o >= p.Length || p[o] != ' ') return false;
            o++;
        }
        if (p.Length < o + 4 || p[o] != '<') return false;
        var pri = 0;
        var i = o + 1;
        for (; i < p.Length && i <= o + 3 && Bytes.IsDigit(p[i]); i++) pri = pri * 10 + (p[i] - '0');
        if (i == o + 1 || i >= p.Length || p[i] != '>' || pri > 191) return false;
        // What follows the PRI is text: an RFC 5424 version, a timestamp, or a message.
        return i + 1 < p.Length && Bytes.IsText(p[i + 1]);
    }

    /// <summary>TFTP on its well-known port: a request with a known transfer mode, or DATA/ACK/ERROR/OACK.</summary>
    public static bool IsTftpOnPort69(ReadOnlySpan<byte> p)
    {
        if (p.Length < 4 || p[0] != 0) return false;
        var opcode = p[1];
        if (opcode is 1 or 2)
        {
            var fileEnd = p[2..].IndexOf((byte)0);
            if (fileEnd <= 0) return false;
            var mode = p[(2 + fileEnd + 1)..];
            return Bytes.StartsWithIgnoreCase(mode, "octet"u8) || Bytes.StartsWithIgnoreCase(mode, "netascii"u8) || Bytes.StartsWithIgnoreCase(mode, "mail"u8);
        }
        return opcode is 3 or 4 or 5 or 6;
    }

    /// <summary>A TFTP option acknowledgement (RFC 2347), sent from the server's transfer port: opcode 6 and known option names.</summary>
    public static bool IsTftpOptionAck(ReadOnlySpan<byte> p) =>
        p.Length >= 8 && p[0] == 0 && p[1] == 6 && p[^1] == 0
        && (p[2..].StartsWith("blksize\0"u8) || p[2..].StartsWith("tsize\0"u8) || p[2..].StartsWith("timeout\0"u8) || p[2..].StartsWith("windowsize\0"u8));

    /// <summary>A TFTP DATA or ACK packet (the transfer itself runs between ephemeral ports): its block number as a token.</summary>
    public static bool IsTftpTransfer(ReadOnlySpan<byte> p, out uint block)
    {
        block = 0;
        if (p.Length < 4 || p[0] != 0) return false;
        block = Bytes.U16(p, 2);
        return p[1] == 3 ? p.Length <= 4 + 65464 : p[1] == 4 && p.Length == 4;
    }

    /// <summary>STUN (RFC 5389 magic cookie; RFC 3489 classic only on STUN ports), possibly framed by a 2-byte length over TCP.</summary>
    public static bool IsStun(ReadOnlySpan<byte> p, ushort sport, ushort dport, bool tcp)
    {
        if (tcp && p.Length >= 22 && Bytes.U16(p, 0) + 2 <= p.Length && Bytes.U16(p, 0) >= 20 && IsStunMessage(p[2..], sport, dport, stream: true))
            return true;
        return IsStunMessage(p, sport, dport, tcp);
    }

    private static bool IsStunMessage(ReadOnlySpan<byte> p, ushort sport, ushort dport, bool stream)
    {
        if (p.Length < 20) return false;
        var type = Bytes.U16(p, 0);
        var length = Bytes.U16(p, 2);
        if ((type & 0xC000) != 0 || (length & 3) != 0) return false;
        var fits = stream ? 20 + length <= p.Length : 20 + length == p.Length;
        if (!fits) return false;
        var method = type & 0x3EEF;
        if (method is 0 or > 0x00C) return false;
        if (Bytes.U32(p, 4) == 0x2112A442) return true;
        var stunPort = sport is 3478 or 3479 or 19302 or 5349 || dport is 3478 or 3479 or 19302 or 5349;
        return stunPort && method == 0x001;
    }

    /// <summary>QUIC long-header packets of a known version (IETF v1/v2, drafts, Facebook mvfst, Google Q046+), or gQUIC ≤ Q043.</summary>
    public static bool IsQuic(ReadOnlySpan<byte> p)
    {
        if (p.Length < 7) return false;
        if ((p[0] & 0xC0) == 0xC0) // long header with the fixed bit (RTP's version-2 byte is 0x80..0xBF)
        {
            var version = Bytes.U32(p, 1);
            var known = version == 0x00000001 || version == 0x6b3343cf || (version & 0xFFFFFF00) == 0xFF000000
                || (version & 0xFFFFFFF0) == 0xFACEB000 || IsGoogleVersion(version) || (version & 0x0F0F0F0F) == 0x0A0A0A0A;
            if (!known) return false;
            var dcid = p[5];
            if (dcid > 20 || p.Length < 6 + dcid + 1) return false;
            var scid = p[6 + dcid];
            return scid <= 20 && p.Length >= 7 + dcid + scid;
        }
        // gQUIC up to Q043: public flags with the version bit, an 8-byte connection ID, then "Q0xx".
        return (p[0] & 0x01) != 0 && (p[0] & 0x08) != 0 && p.Length > 13 && IsGoogleVersion(Bytes.U32(p, 9));
    }

    private static bool IsGoogleVersion(uint v)
    {
        var a = (byte)(v >> 24);
        return (a == 'Q' || a == 'T') && Bytes.IsDigit((byte)(v >> 16)) && Bytes.IsDigit((byte)(v >> 8)) && Bytes.IsDigit((byte)v);
    }

    /// <summary>An RTP header (version 2, a payload type outside RTCP's range); out: SSRC and sequence number.</summary>
    public static bool IsRtp(ReadOnlySpan<byte> p, out uint ssrc, out ushort sequence)
    {
        ssrc = 0;
        sequence = 0;
        if (p.Length < 12 || (p[0] >> 6) != 2) return false;
        var payloadType = p[1] & 0x7F;
        if (payloadType is >= 72 and <= 76) return false; // RTCP
        if (payloadType is > 34 and < 96) return false; // unassigned
        var csrcs = p[0] & 0x0F;
        if (12 + 4 * csrcs > p.Length) return false;
        sequence = Bytes.U16(p, 2);
        ssrc = Bytes.U32(p, 8);
        return true;
    }

    /// <summary>An RTCP compound packet's first report: SR/RR/SDES/BYE/APP with a length that fits.</summary>
    public static bool IsRtcp(ReadOnlySpan<byte> p)
    {
        if (p.Length < 8 || (p[0] >> 6) != 2 || p[1] is < 200 or > 204) return false;
        var length = (Bytes.U16(p, 2) + 1) * 4;
        return length <= p.Length;
    }

    /// <summary>WireGuard: message type 1-4 with three zero bytes, at the exact sizes of its handshake messages.</summary>
    public static int WireGuardType(ReadOnlySpan<byte> p)
    {
        if (p.Length < 16 || p[0] is < 1 or > 4 || p[1] != 0 || p[2] != 0 || p[3] != 0) return 0;
        return p[0] switch
        {
            1 => p.Length == 148 ? 1 : 0,
            2 => p.Length == 92 ? 2 : 0,
            3 => p.Length == 64 ? 3 : 0,
            _ => p.Length >= 32 && (p.Length - 16) % 16 == 0 ? 4 : 0,
        };
    }

    /// <summary>OpenVPN's opcode (high 5 bits) when the packet looks like a control/data packet with key id 0..7; 0 otherwise.</summary>
    public static int OpenVpnOpcode(ReadOnlySpan<byte> p)
    {
        if (p.Length < 14) return 0;
        var opcode = p[0] >> 3;
        return opcode is >= 1 and <= 11 ? opcode : 0;
    }

    public static bool IsDhcp(ReadOnlySpan<byte> p, ushort sport, ushort dport) =>
        (sport is 67 or 68 || dport is 67 or 68) && p.Length >= 240 && p[0] is 1 or 2 && Bytes.U32(p, 236) == 0x63825363;

    public static bool IsDhcpV6(ReadOnlySpan<byte> p, ushort sport, ushort dport) =>
        (sport is 546 or 547 || dport is 546 or 547) && p.Length >= 4 && p[0] is >= 1 and <= 13;

    public static bool IsBfd(ReadOnlySpan<byte> p, ushort sport, ushort dport) =>
        (dport is 3784 or 3785 or 4784 || sport is 3784 or 3785 or 4784) && p.Length >= 24 && (p[0] >> 5) == 1 && p[3] >= 24 && p[3] <= p.Length;

    public static AppProtocol FlowExport(ReadOnlySpan<byte> p, ushort sport, ushort dport)
    {
        if (p.Length < 16) return AppProtocol.Unknown;
        var version = Bytes.U16(p, 0);
        if ((dport is 2055 or 2056 or 9995 or 9996 or 9555 || sport is 2055) && version is 1 or 5 or 7 or 9 && Bytes.U16(p, 2) <= 60)
            return AppProtocol.NetFlow;
        if ((dport == 4739 || sport == 4739) && version == 10 && Bytes.U16(p, 2) <= p.Length + 4) return AppProtocol.IPFIX;
        if ((dport == 6343 || sport == 6343) && Bytes.U32(p, 0) == 5 && Bytes.U32(p, 4) is 1 or 2) return AppProtocol.sFlow;
        return AppProtocol.Unknown;
    }

    /// <summary>IKE (UDP 500, or 4500 after the non-ESP marker) by its header; ESP in UDP 4500 (NAT traversal) too.</summary>
    public static bool IsIpsec(ReadOnlySpan<byte> p, ushort sport, ushort dport)
    {
        if (sport == 4500 || dport == 4500)
        {
            if (p.Length == 1 && p[0] == 0xFF) return true; // NAT-T keepalive
            if (p.Length >= 4 && Bytes.U32(p, 0) == 0) return IsIke(p[4..]);
            return p.Length >= 16 && Bytes.U32(p, 0) != 0; // ESP: SPI then sequence number
        }
        return (sport == 500 || dport == 500) && IsIke(p);
    }

    private static bool IsIke(ReadOnlySpan<byte> p) =>
        p.Length >= 28 && p[17] is 0x10 or 0x20 && p[18] is 2 or 4 or 5 or (>= 32 and <= 37) && Bytes.U32(p, 24) >= 28 && Bytes.U32(p, 24) <= p.Length;

    /// <summary>Discord's voice IP discovery: a 74-byte request/response of type 1/2 with length 70.</summary>
    public static bool IsDiscordIpDiscovery(ReadOnlySpan<byte> p) =>
        p.Length == 74 && Bytes.U16(p, 0) is 1 or 2 && Bytes.U16(p, 2) == 70;

    /// <summary>BitTorrent's DHT (bencoded KRPC dictionaries) or a handshake carried in uTP.</summary>
    public static bool IsBitTorrentText(ReadOnlySpan<byte> p)
    {
        if (p.Length >= 12 && p[0] == 'd' && p[1] is >= (byte)'1' and <= (byte)'9' && p[2] == ':')
            return p.IndexOf("1:y1:"u8) >= 0 || p.IndexOf(":id20:"u8) >= 0 || p.IndexOf("1:q"u8) >= 0;
        return p.IndexOf("BitTorrent protocol"u8) >= 0;
    }

    /// <summary>A uTP (BEP 29) header: type 0-4 with version 1, a known extension, 20 bytes at least; out: the connection id.</summary>
    public static bool IsUtp(ReadOnlySpan<byte> p, out uint connectionId)
    {
        connectionId = 0;
        if (p.Length < 20 || (p[0] & 0x0F) != 1 || (p[0] >> 4) > 4 || p[1] > 4) return false;
        connectionId = Bytes.U16(p, 2);
        return true;
    }

    /// <summary>LDP on 646: version 1 and a PDU length (excluding version and length) from the 6-byte LDP identifier up to 4096.</summary>
    public static bool IsLdp(ReadOnlySpan<byte> p, ushort sport, ushort dport) =>
        (sport == 646 || dport == 646) && p.Length >= 10 && Bytes.U16(p, 0) == 1 && Bytes.U16(p, 2) is >= 6 and <= 4096;

    public static bool IsWsd(ReadOnlySpan<byte> p, ushort sport, ushort dport) =>
        (sport == 3702 || dport == 3702) && p.Length > 16 && (p.IndexOf("<?xml"u8) >= 0 || p.IndexOf("Envelope"u8) >= 0);

    /// <summary>NetBIOS datagram service (UDP 138): message types 0x10..0x16.</summary>
    public static bool IsNetBiosDatagram(ReadOnlySpan<byte> p) => p.Length >= 10 && p[0] is >= 0x10 and <= 0x16;
}
