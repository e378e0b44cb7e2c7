namespace SdnController.Classification.Detection;

/// <summary>Single-segment signatures of TCP protocols, mostly the first bytes a client or server sends.</summary>
internal static class TcpSignatures
{
    public static bool IsSsh(ReadOnlySpan<byte> p) => p.StartsWith("SSH-"u8) && p.Length >= 8 && (p[4] == '1' || p[4] == '2');

    public static bool IsBitTorrentHandshake(ReadOnlySpan<byte> p) => p.Length >= 20 && p[0] == 19 && p[1..20].SequenceEqual("BitTorrent protocol"u8);

    /// <summary>MQTT CONNECT ("MQTT" v3.1.1/v5, "MQIsdp" v3.1) from the client, or a CONNACK on the MQTT ports.</summary>
    public static bool IsMqtt(ReadOnlySpan<byte> p, ushort serverPort)
    {
        if (p.Length < 4) return false;
        if (p[0] == 0x10)
        {
            var o = 1;
            for (var i = 0; i < 4 && o < p.Length && (p[o] & 0x80) != 0; i++) o++;
            o++; // last byte of the remaining length
            if (p.Length < o + 6) return false;
            var nameLength = Bytes.U16(p, o);
            var name = p.Slice(o + 2, Math.Min(nameLength, p.Length - o - 2));
            return (nameLength == 4 && name.SequenceEqual("MQTT"u8)) || (nameLength == 6 && name.SequenceEqual("MQIsdp"u8));
        }
        return serverPort is 1883 or 8883 && p[0] == 0x20 && p[1] is 2 or 3 && p.Length <= 8;
    }

    /// <summary>The MySQL server greeting: 3-byte length, sequence 0, protocol 10, a version string "N.".</summary>
    public static bool IsMySqlGreeting(ReadOnlySpan<byte> p)
    {
        if (p.Length < 12) return false;
        var length = p[0] | p[1] << 8 | p[2] << 16;
        return length + 4 == p.Length && p[3] == 0 && p[4] == 0x0A && Bytes.IsDigit(p[5]) && (p[6] == '.' || Bytes.IsDigit(p[6]));
    }

    /// <summary>A MySQL client packet on port 3306 (the greeting was missed): a length-prefixed packet with sequence 1.</summary>
    public static bool IsMySqlClient(ReadOnlySpan<byte> p, ushort serverPort)
    {
        if (serverPort != 3306 || p.Length < 36) return false;
        var length = p[0] | p[1] << 8 | p[2] << 16;
        return length + 4 == p.Length && p[3] == 1;
    }

    /// <summary>Modbus/TCP on port 502: the MBAP header (protocol id 0, a length that matches) and a function code.</summary>
    public static bool IsModbus(ReadOnlySpan<byte> p, ushort sport, ushort dport)
    {
        if ((sport != 502 && dport != 502) || p.Length < 8) return false;
        var length = Bytes.U16(p, 4);
        return Bytes.U16(p, 2) == 0 && length >= 2 && length + 6 <= p.Length && p[7] != 0;
    }

    /// <summary>BGP: the 16-byte all-ones marker, a length 19..4096 and a message type 1..5.</summary>
    public static bool IsBgp(ReadOnlySpan<byte> p)
    {
        if (p.Length < 19) return false;
        for (var i = 0; i < 16; i++)
            if (p[i] != 0xFF) return false;
        return Bytes.U16(p, 16) is >= 19 and <= 4096 && p[18] is >= 1 and <= 5;
    }

    /// <summary>OpenFlow on 6653/6633: version 1.0-1.5, a known message type, a length of at least the header.</summary>
    public static bool IsOpenFlow(ReadOnlySpan<byte> p, ushort sport, ushort dport) =>
        (sport is 6653 or 6633 || dport is 6653 or 6633) && p.Length >= 8 && p[0] is >= 1 and <= 6 && p[1] <= 35 && Bytes.U16(p, 2) >= 8;

    /// <summary>RDP's first packet: TPKT (version 3) holding an X.224 connection request (0xE0).</summary>
    public static bool IsRdp(ReadOnlySpan<byte> p) => p.Length >= 11 && p[0] == 3 && p[1] == 0 && Bytes.U16(p, 2) == p.Length && p[5] == 0xE0;

    /// <summary>Telnet option negotiation (IAC WILL/WONT/DO/DONT) on port 23.</summary>
    public static bool IsTelnet(ReadOnlySpan<byte> p, ushort serverPort) => serverPort == 23 && p.Length >= 3 && p[0] == 0xFF && p[1] is >= 0xFB and <= 0xFE;

    public static bool IsVnc(ReadOnlySpan<byte> p) => p.Length == 12 && p.StartsWith("RFB 00"u8);

    public static bool IsPostgres(ReadOnlySpan<byte> p, ushort serverPort) =>
        serverPort == 5432 && p.Length >= 8 && Bytes.U32(p, 0) == p.Length && Bytes.U32(p, 4) is 0x00030000 or 80877103;

    public static bool IsRedis(ReadOnlySpan<byte> p, ushort serverPort) =>
        serverPort == 6379 && p.Length >= 4 && (p[0] == '*' && Bytes.IsDigit(p[1]) || p.StartsWith("+PONG"u8) || p.StartsWith("+OK"u8));

    /// <summary>DNS over TCP (port 53): a 2-byte length then a DNS message.</summary>
    public static bool IsDnsOverTcp(ReadOnlySpan<byte> p, ushort sport, ushort dport) =>
        (sport == 53 || dport == 53) && p.Length >= 14 && Bytes.U16(p, 0) >= 12 && Dns.IsMessage(p[2..], out _);

    /// <summary>OpenVPN over TCP: a 2-byte packet length then a hard-reset opcode with key id 0.</summary>
    public static bool IsOpenVpnTcp(ReadOnlySpan<byte> p) =>
        p.Length >= 16 && Bytes.U16(p, 0) + 2 <= p.Length && Bytes.U16(p, 0) >= 14 && (p[2] >> 3) is 7 or 8 or 10 && (p[2] & 7) == 0;

    /// <summary>RTP framed by a 2-byte length over TCP (RFC 4571).</summary>
    public static bool IsRtpOverTcp(ReadOnlySpan<byte> p, out uint ssrc, out ushort sequence)
    {
        ssrc = 0;
        sequence = 0;
        var length = Bytes.U16(p, 0);
        return p.Length >= 14 && length >= 12 && length + 2 <= p.Length && UdpSignatures.IsRtp(p[2..], out ssrc, out sequence);
    }

    /// <summary>NetBIOS session service on 139: session request/response/keep-alive or a message with a matching length.</summary>
    public static bool IsNetBiosSession(ReadOnlySpan<byte> p, ushort sport, ushort dport) =>
        (sport == 139 || dport == 139) && p.Length >= 4 && p[0] is 0x00 or 0x81 or 0x82 or 0x83 or 0x85 && (p[1] & 0xFE) == 0
        && ((p[1] & 1) << 16 | Bytes.U16(p, 2)) + 4 == p.Length;
}
