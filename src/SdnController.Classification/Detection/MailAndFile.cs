namespace SdnController.Classification.Detection;

/// <summary>
/// The line-oriented TCP protocols that start with a server greeting or a client command: SMTP, POP3, IMAP, FTP.
/// A bare "220 " greeting means SMTP or FTP; its text or the port decides.
/// </summary>
internal static class MailAndFile
{
    public static AppProtocol Detect(ReadOnlySpan<byte> p, bool fromClient, ushort serverPort)
    {
        if (p.Length < 4) return AppProtocol.Unknown;
        var line = Bytes.FirstLine(p);
        if (!fromClient)
        {
            if ((line.StartsWith("220 "u8) || line.StartsWith("220-"u8)) && line.Length >= 4)
            {
                if (ContainsIgnoreCase(line, "SMTP"u8)) return AppProtocol.SMTP;
                if (ContainsIgnoreCase(line, "FTP"u8)) return AppProtocol.FTP_CONTROL;
                return serverPort switch
                {
                    25 or 587 or 2525 => AppProtocol.SMTP,
                    21 or 2121 => AppProtocol.FTP_CONTROL,
                    _ => AppProtocol.Unknown,
                };
            }
            if (line.StartsWith("+OK"u8) && (serverPort == 110 || ContainsIgnoreCase(line, "POP"u8))) return AppProtocol.POP3;
            if (line.StartsWith("* OK"u8) && (serverPort == 143 || ContainsIgnoreCase(line, "IMAP"u8))) return AppProtocol.IMAP;
            return AppProtocol.Unknown;
        }
        if (Bytes.StartsWithIgnoreCase(line, "EHLO "u8) || Bytes.StartsWithIgnoreCase(line, "HELO "u8)) return AppProtocol.SMTP;
        if (serverPort is 21 or 2121 && (Bytes.StartsWithIgnoreCase(line, "USER "u8) || Bytes.StartsWithIgnoreCase(line, "AUTH "u8)
            || Bytes.StartsWithIgnoreCase(line, "FEAT"u8) || Bytes.StartsWithIgnoreCase(line, "SYST"u8))) return AppProtocol.FTP_CONTROL;
        if (serverPort == 110 && (Bytes.StartsWithIgnoreCase(line, "USER "u8) || Bytes.StartsWithIgnoreCase(line, "CAPA"u8))) return AppProtocol.POP3;
        return AppProtocol.Unknown;
    }

    private static bool ContainsIgnoreCase(ReadOnlySpan<byte> line, ReadOnlySpan<byte> word)
    {
        for (var i = 0; i + word.Length <= line.Length; i++)
            if (Bytes.StartsWithIgnoreCase(line[i..], word)) return true;
        return false;
    }

    /// <summary>
    /// The data connection an FTP control line announces: "227 ... (h1,h2,h3,h4,p1,p2)" or "PORT h1,...,p2" (IPv4),
    /// "229 ... (|||port|)" or "EPRT |af|addr|port|" (port only: the address is the announcing side's).
    /// </summary>
    public static bool TryParseDataEndpoint(ReadOnlySpan<byte> line, out uint ipv4, out ushort port, out bool portOnly)
    {
        ipv4 = 0;
        port = 0;
        portOnly = false;
        ReadOnlySpan<byte> numbers;
        if (line.StartsWith("227"u8))
        {
            var open = line.IndexOf((byte)'(');
            numbers = open >= 0 ? line[(open + 1)..] : SkipToDigits(line[3..]);
        }
        else if (Bytes.StartsWithIgnoreCase(line, "PORT "u8)) numbers = line[5..];
        else if (line.StartsWith("229"u8))
        {
            var bars = line.IndexOf("|||"u8);
            if (bars < 0) return false;
            portOnly = true;
            return TryNumber(line[(bars + 3)..], out var p, out _) && (port = (ushort)p) != 0;
        }
        else return false;
        Span<int> v = stackalloc int[6];
        for (var i = 0; i < 6; i++)
        {
            if (!TryNumber(numbers, out v[i], out var used) || v[i] > 255) return false;
            numbers = numbers[used..];
            if (i < 5)
            {
                if (numbers.Length == 0 || numbers[0] != ',') return false;
                numbers = numbers[1..];
            }
        }
        ipv4 = (uint)(v[0] << 24 | v[1] << 16 | v[2] << 8 | v[3]);
        port = (ushort)(v[4] << 8 | v[5]);
        return port != 0;
    }

    private static ReadOnlySpan<byte> SkipToDigits(ReadOnlySpan<byte> s)
    {
        var i = 0;
        while (i < s.Length && !Bytes.IsDigit(s[i])) i++;
        return s[i..];
    }

    private static bool TryNumber(ReadOnlySpan<byte> s, out int value, out int used)
    {
        value = 0;
        used = 0;
        while (used < s.Length && used < 6 && Bytes.IsDigit(s[used])) value = value * 10 + (s[used++] - '0');
        return used > 0 && value <= 65535;
    }
}
