namespace SdnController.Classification.Detection;

/// <summary>
/// Protocols whose first line is text in the HTTP style: HTTP, RTSP, SIP, SSDP. The request line names the protocol
/// version ("HTTP/1.1", "RTSP/1.0", "SIP/2.0"), so one line decides.
/// </summary>
internal static class TextProtocols
{
    private static readonly byte[][] HttpMethods =
    [
        "GET "u8.ToArray(), "POST "u8.ToArray(), "HEAD "u8.ToArray(), "PUT "u8.ToArray(), "DELETE "u8.ToArray(),
        "OPTIONS "u8.ToArray(), "CONNECT "u8.ToArray(), "PATCH "u8.ToArray(), "TRACE "u8.ToArray(), "PROPFIND "u8.ToArray(),
        "DESCRIBE "u8.ToArray(), "SETUP "u8.ToArray(), "PLAY "u8.ToArray(), "PAUSE "u8.ToArray(), "TEARDOWN "u8.ToArray(),
        "ANNOUNCE "u8.ToArray(), "GET_PARAMETER "u8.ToArray(), "SET_PARAMETER "u8.ToArray(), "RECORD "u8.ToArray(),
        "M-SEARCH "u8.ToArray(), "NOTIFY "u8.ToArray(), "SUBSCRIBE "u8.ToArray(),
    ];

    private static readonly byte[][] SipMethods =
    [
        "INVITE "u8.ToArray(), "REGISTER "u8.ToArray(), "ACK "u8.ToArray(), "BYE "u8.ToArray(), "CANCEL "u8.ToArray(),
        "OPTIONS "u8.ToArray(), "NOTIFY "u8.ToArray(), "SUBSCRIBE "u8.ToArray(), "MESSAGE "u8.ToArray(), "INFO "u8.ToArray(),
        "PRACK "u8.ToArray(), "UPDATE "u8.ToArray(), "REFER "u8.ToArray(), "PUBLISH "u8.ToArray(),
    ];

    /// <summary>
    /// HTTP/RTSP/SIP/SSDP by the first line; Unknown otherwise. <paramref name="host"/> receives the Host header
    /// (HTTP/RTSP) when present.
    /// </summary>
    public static AppProtocol Detect(ReadOnlySpan<byte> payload, bool udp, ushort serverPort, out ReadOnlySpan<byte> host)
    {
        host = default;
        if (payload.Length < 8) return AppProtocol.Unknown;
        var line = Bytes.FirstLine(payload);
        if (line.Length == payload.Length && payload.Length > 200) line = payload[..200];

        // Responses: "HTTP/1.1 200 OK", "RTSP/1.0 200 OK", "SIP/2.0 100 Trying".
        if (line.StartsWith("SIP/2.0 "u8)) return AppProtocol.SIP;
        if (line.StartsWith("RTSP/1."u8)) return AppProtocol.RTSP;
        if (line.StartsWith("HTTP/1."u8) || line.StartsWith("HTTP/2"u8))
            return udp ? (serverPort == 1900 || Bytes.Header(payload, "st:"u8).Length > 0 || Bytes.Header(payload, "usn:"u8).Length > 0 ? AppProtocol.SSDP : AppProtocol.Unknown)
                : AppProtocol.HTTP;

        // Requests: METHOD SP URI SP VERSION.
        if (line.EndsWith(" SIP/2.0"u8))
        {
            foreach (var m in SipMethods)
                if (line.StartsWith(m)) return AppProtocol.SIP;
            return AppProtocol.Unknown;
        }
        var isMethod = false;
        foreach (var m in HttpMethods)
            if (line.StartsWith(m)) { isMethod = true; break; }
        if (!isMethod) return AppProtocol.Unknown;
        if (line.EndsWith(" RTSP/1.0"u8) || line.EndsWith(" RTSP/2.0"u8))
        {
            host = Bytes.Header(payload, "host:"u8);
            return AppProtocol.RTSP;
        }
        if (udp)
            return line.StartsWith("M-SEARCH * HTTP/1."u8) || line.StartsWith("NOTIFY * HTTP/1."u8) ? AppProtocol.SSDP : AppProtocol.Unknown;
        // A request line may be cut by the segment boundary; "HTTP/1." somewhere after the URI is enough.
        if (line.IndexOf(" HTTP/1."u8) < 0 && line.IndexOf(" HTTP/2"u8) < 0 && line.Length == Bytes.FirstLine(payload).Length && line.Length != payload.Length)
            return AppProtocol.Unknown;
        host = Bytes.Header(payload, "host:"u8);
        return AppProtocol.HTTP;
    }
}
