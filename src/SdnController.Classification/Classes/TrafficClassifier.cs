using SdnController.Classification.Flows;

namespace SdnController.Classification.Classes;

/// <summary>
/// Traffic classes on top of the protocol: the protocol's natural class, bulk for elephant flows (by bytes or
/// rate), and suspicious for every probe of a source that probes many targets (see <see cref="ScanDetector"/>).
/// </summary>
public static class TrafficClassifier
{
    public static TrafficClass OfProtocol(AppProtocol protocol) => protocol switch
    {
        AppProtocol.DNS or AppProtocol.MDNS or AppProtocol.LLMNR => TrafficClass.Dns,
        AppProtocol.HTTP or AppProtocol.TLS or AppProtocol.QUIC => TrafficClass.Web,
        AppProtocol.SSH or AppProtocol.Telnet or AppProtocol.RDP or AppProtocol.VNC => TrafficClass.Interactive,
        AppProtocol.RTP or AppProtocol.RTCP or AppProtocol.SIP or AppProtocol.STUN or AppProtocol.DTLS or AppProtocol.RTSP
            or AppProtocol.Discord or AppProtocol.RTMP => TrafficClass.RealTime,
        AppProtocol.FTP_DATA or AppProtocol.BitTorrent or AppProtocol.TFTP => TrafficClass.Bulk,
        AppProtocol.SNMP or AppProtocol.Syslog or AppProtocol.NTP or AppProtocol.DHCP or AppProtocol.DHCPV6 or AppProtocol.ARP
            or AppProtocol.LLDP or AppProtocol.OpenFlow or AppProtocol.BGP or AppProtocol.OSPF or AppProtocol.BFD or AppProtocol.LDP
            or AppProtocol.NetFlow or AppProtocol.sFlow or AppProtocol.IPFIX or AppProtocol.ICMP or AppProtocol.ICMPV6
            or AppProtocol.IGMP or AppProtocol.VRRP or AppProtocol.SSDP or AppProtocol.WSD or AppProtocol.NetBIOS
            or AppProtocol.Modbus or AppProtocol.Kerberos or AppProtocol.LDAP or AppProtocol.RADIUS => TrafficClass.Management,
        _ => TrafficClass.Other,
    };

    /// <summary>The class of one flow given its (detected or port-guessed) protocol; suspicion is decided separately.</summary>
    public static TrafficClass Of(Flow flow, AppProtocol protocol, ClassifierOptions options)
    {
        var natural = OfProtocol(protocol);
        if (natural is TrafficClass.RealTime or TrafficClass.Interactive or TrafficClass.Dns) return natural;
        return IsElephant(flow, options) ? TrafficClass.Bulk : natural;
    }

    public static bool IsElephant(Flow flow, ClassifierOptions options)
    {
        var bytes = flow.Bytes;
        if (bytes >= options.ElephantBytes) return true;
        if (bytes < options.ElephantMinBytes) return false;
        var seconds = (flow.LastSeenMicros - flow.FirstSeenMicros) / 1e6;
        return seconds > 0 && bytes * 8 / seconds >= options.ElephantBitsPerSecond;
    }
}
