namespace SdnController.Classification.Detection;

/// <summary>
/// The fallback when inspection found nothing: the protocol registered for the server's (or else the client's)
/// well-known port. Reported with method "port", as nDPI's "Match by port".
/// </summary>
public static class PortGuess
{
    private static readonly Dictionary<int, AppProtocol> Tcp = new()
    {
        [20] = AppProtocol.FTP_DATA, [21] = AppProtocol.FTP_CONTROL, [22] = AppProtocol.SSH, [23] = AppProtocol.Telnet,
        [25] = AppProtocol.SMTP, [53] = AppProtocol.DNS, [80] = AppProtocol.HTTP, [110] = AppProtocol.POP3,
        [139] = AppProtocol.NetBIOS, [143] = AppProtocol.IMAP, [179] = AppProtocol.BGP, [443] = AppProtocol.TLS,
        [502] = AppProtocol.Modbus, [554] = AppProtocol.RTSP, [587] = AppProtocol.SMTP, [646] = AppProtocol.LDP,
        [1194] = AppProtocol.OpenVPN, [1883] = AppProtocol.MQTT, [3306] = AppProtocol.MySQL, [3389] = AppProtocol.RDP,
        [5060] = AppProtocol.SIP, [5432] = AppProtocol.PostgreSQL, [5900] = AppProtocol.VNC, [6379] = AppProtocol.Redis,
        [6633] = AppProtocol.OpenFlow, [6653] = AppProtocol.OpenFlow, [6881] = AppProtocol.BitTorrent, [8080] = AppProtocol.HTTP,
        [8883] = AppProtocol.MQTT, [88] = AppProtocol.Kerberos, [389] = AppProtocol.LDAP, [445] = AppProtocol.SMBv23,
        [1935] = AppProtocol.RTMP, [5222] = AppProtocol.Jabber, [5672] = AppProtocol.AMQP, [6667] = AppProtocol.IRC,
    };

    private static readonly Dictionary<int, AppProtocol> Udp = new()
    {
        [53] = AppProtocol.DNS, [67] = AppProtocol.DHCP, [68] = AppProtocol.DHCP, [69] = AppProtocol.TFTP,
        [123] = AppProtocol.NTP, [137] = AppProtocol.NetBIOS, [138] = AppProtocol.NetBIOS, [161] = AppProtocol.SNMP,
        [162] = AppProtocol.SNMP, [443] = AppProtocol.QUIC, [500] = AppProtocol.IPSec, [514] = AppProtocol.Syslog,
        [546] = AppProtocol.DHCPV6, [547] = AppProtocol.DHCPV6, [646] = AppProtocol.LDP, [1194] = AppProtocol.OpenVPN,
        [1900] = AppProtocol.SSDP, [2055] = AppProtocol.NetFlow, [3478] = AppProtocol.STUN, [3702] = AppProtocol.WSD,
        [3784] = AppProtocol.BFD, [4500] = AppProtocol.IPSec, [4739] = AppProtocol.IPFIX, [5060] = AppProtocol.SIP,
        [5353] = AppProtocol.MDNS, [5355] = AppProtocol.LLMNR, [6343] = AppProtocol.sFlow, [6881] = AppProtocol.BitTorrent,
        [51820] = AppProtocol.WireGuard, [88] = AppProtocol.Kerberos, [389] = AppProtocol.LDAP, [1812] = AppProtocol.RADIUS,
        [1813] = AppProtocol.RADIUS, [5683] = AppProtocol.COAP,
    };

    /// <summary>A port below 1024 or one with a registered protocol: the side that listens.</summary>
    public static bool IsServicePort(byte transport, ushort port) =>
        port is > 0 and < 1024 || (transport == 6 ? Tcp : transport == 17 ? Udp : null)?.ContainsKey(port) == true;

    /// <summary>The guess for a TCP (6) or UDP (17) flow; Unknown when neither port is registered.</summary>
    public static AppProtocol Guess(byte transport, ushort serverPort, ushort clientPort)
    {
        var table = transport switch { 6 => Tcp, 17 => Udp, _ => null };
        if (table is null) return AppProtocol.Unknown;
        if (table.TryGetValue(serverPort, out var p)) return p;
        return table.TryGetValue(clientPort, out p) ? p : AppProtocol.Unknown;
    }
}
