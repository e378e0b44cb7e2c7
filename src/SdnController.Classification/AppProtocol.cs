namespace SdnController.Classification;

/// <summary>
/// Application (or network-control) protocols the classifier recognises. Names are rendered by
/// <see cref="AppProtocolNames"/> spelled as nDPI spells them, so results compare with ndpiReader's.
/// </summary>
public enum AppProtocol : byte
{
    Unknown,
    // Web and naming
    DNS, MDNS, LLMNR, HTTP, TLS, QUIC, DTLS,
    // Remote access
    SSH, Telnet, RDP, VNC,
    // Time, files, mail, databases
    NTP, FTP_CONTROL, FTP_DATA, TFTP, SMTP, POP3, IMAP, MySQL, PostgreSQL, Redis, SMBv1, SMBv23,
    // Real-time and messaging
    SIP, RTP, RTCP, RTSP, RTMP, STUN, MQTT, AMQP, COAP, Jabber, IRC, Discord,
    // Directory and authentication
    Kerberos, LDAP, RADIUS,
    // Peer to peer
    BitTorrent,
    // VPN and tunnels
    OpenVPN, WireGuard, IPSec, GRE,
    // Industrial
    Modbus,
    // Local discovery and addressing
    ARP, DHCP, DHCPV6, SSDP, WSD, NetBIOS, LLDP, IGMP,
    // The network's own control and management traffic
    ICMP, ICMPV6, Syslog, SNMP, OpenFlow, BGP, OSPF, BFD, LDP, VRRP, NetFlow, sFlow, IPFIX,
}

/// <summary>nDPI's spelling of each <see cref="AppProtocol"/> (the enum names are chosen to match; a table keeps it allocation-free).</summary>
public static class AppProtocolNames
{
    private static readonly string[] Names = BuildNames();

    public static string Name(this AppProtocol protocol) => Names[(int)protocol];

    /// <summary>Parses an nDPI protocol name (case-insensitive); false for names we do not know.</summary>
    public static bool TryParse(string name, out AppProtocol protocol) => Enum.TryParse(name, ignoreCase: true, out protocol) && Enum.IsDefined(protocol);

    private static string[] BuildNames()
    {
        var values = Enum.GetValues<AppProtocol>();
        var names = new string[values.Length];
        foreach (var v in values) names[(int)v] = v.ToString();
        return names;
    }
}
