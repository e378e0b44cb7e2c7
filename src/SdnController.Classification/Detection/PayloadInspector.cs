using SdnController.Classification.Decoding;
using SdnController.Classification.Flows;

namespace SdnController.Classification.Detection;

/// <summary>
/// Runs the detectors over a flow's packets until one recognises the protocol or the budget is spent. Signatures
/// that one packet proves are tried first; weak formats (RTP, uTP, TFTP transfers, WireGuard data, OpenVPN) need two
/// consistent packets. Some detections keep watching a little longer: STUN that turns into DTLS, an FTP control
/// channel announcing data connections, a TLS/HTTP flow whose name comes in a later segment.
/// </summary>
internal static class PayloadInspector
{
    /// <summary>Payload packets inspected before giving up (nDPI gives up after a few dozen as well).</summary>
    public const int MaxPayloadPackets = 32;

    public static void Inspect(Flow flow, in DecodedPacket p, bool fromClient, InspectionContext context)
    {
        ref var s = ref flow.State;
        if (p.Kind == FrameKind.NonIp)
        {
            var ether = p.EtherType switch { 0x0806 => AppProtocol.ARP, 0x88CC => AppProtocol.LLDP, _ => AppProtocol.Unknown };
            if (ether != AppProtocol.Unknown) flow.Detected(ether);
            s.Done = true;
            return;
        }
        switch (p.Transport)
        {
            case 6:
            case 17:
                break;
            case 1: Final(flow, AppProtocol.ICMP); return;
            case 58: Final(flow, AppProtocol.ICMPV6); return;
            case 2: Final(flow, AppProtocol.IGMP); return;
            case 89: Final(flow, AppProtocol.OSPF); return;
            case 112: Final(flow, AppProtocol.VRRP); return;
            case 47: Final(flow, AppProtocol.GRE); return;
            case 50:
            case 51: Final(flow, AppProtocol.IPSec); return;
            default: s.Done = true; return;
        }

        var payload = p.Payload;
        if (payload.IsEmpty) return;
        if (flow.Protocol != AppProtocol.Unknown)
        {
            Refine(flow, payload, fromClient, context);
            return;
        }
        s.PayloadPacketsInspected++;
        var found = p.Transport == 6 ? Tcp(flow, payload, fromClient, context) : Udp(flow, payload, fromClient, context);
        if (found != AppProtocol.Unknown)
        {
            flow.Detected(found);
            Detected(flow, found, payload, fromClient, context);
        }
        else if (s.PayloadPacketsInspected >= MaxPayloadPackets) s.Done = true;
    }

    private static void Final(Flow flow, AppProtocol protocol)
    {
        flow.Detected(protocol);
        flow.State.Done = true;
    }

    /// <summary>Set-up after a detection: which protocols keep being watched, and what other flows learn.</summary>
    private static void Detected(Flow flow, AppProtocol protocol, ReadOnlySpan<byte> payload, bool fromClient, InspectionContext context)
    {
        ref var s = ref flow.State;
        switch (protocol)
        {
            case AppProtocol.STUN:
                s.RefineBudget = 48; // WebRTC: STUN checks, then DTLS-SRTP on the same 5-tuple
                break;
            case AppProtocol.FTP_CONTROL:
                s.RefineBudget = 255;
                FtpLine(flow, payload, fromClient, context);
                break;
            case AppProtocol.TLS:
            case AppProtocol.HTTP:
            case AppProtocol.RTSP:
                s.RefineBudget = flow.Host is null ? (byte)6 : (byte)0;
                break;
            case AppProtocol.QUIC:
                // A post-quantum ClientHello spans two or three Initial packets; the SNI may be in any of them.
                s.RefineBudget = flow.Host is null && flow.QuicHello is not null ? (byte)6 : (byte)0;
                break;
            case AppProtocol.BitTorrent:
                context.BitTorrentPeer(flow.ServerAddress, flow.ServerPort);
                context.BitTorrentPeer(flow.ClientAddress, flow.ClientPort);
                break;
        }
        if (s.RefineBudget == 0)
        {
            s.Done = true;
            flow.QuicHello = null;
        }
    }

    private static void Refine(Flow flow, ReadOnlySpan<byte> payload, bool fromClient, InspectionContext context)
    {
        ref var s = ref flow.State;
        switch (flow.Protocol)
        {
            case AppProtocol.STUN:
                if (Tls.IsDtls(payload)) { flow.Detected(AppProtocol.DTLS); s.Done = true; return; }
                break;
            case AppProtocol.FTP_CONTROL:
                FtpLine(flow, payload, fromClient, context);
                break;
            case AppProtocol.TLS:
                if (fromClient && Tls.TryReadClientHello(payload, out var sni, out var alpn)) NameFromTls(flow, sni, alpn);
                break;
            case AppProtocol.QUIC:
                if (fromClient) QuicHello(flow, payload);
                break;
            case AppProtocol.HTTP:
            case AppProtocol.RTSP:
                if (fromClient && TextProtocols.Detect(payload, false, flow.ServerPort, out var host) != AppProtocol.Unknown && host.Length > 0)
                    flow.Host = Bytes.HostName(host);
                break;
        }
        if (flow.Host is not null && flow.Protocol is AppProtocol.TLS or AppProtocol.HTTP or AppProtocol.RTSP or AppProtocol.QUIC) s.Done = true;
        else if (--s.RefineBudget == 0) s.Done = true;
        if (s.Done) flow.QuicHello = null;
    }

    private static void FtpLine(Flow flow, ReadOnlySpan<byte> payload, bool fromClient, InspectionContext context)
    {
        // Several replies can share a segment; look at each line.
        var rest = payload;
        for (var lines = 0; lines < 16 && rest.Length > 0; lines++)
        {
            var line = Bytes.FirstLine(rest);
            if (MailAndFile.TryParseDataEndpoint(line, out var ipv4, out var port, out var portOnly))
            {
                // 229 gives only a port: the data connection goes to the server that sent it.
                UInt128 address = portOnly || flow.IpVersion == 6 ? (fromClient ? flow.ClientAddress : flow.ServerAddress) : ipv4;
                context.ExpectFtpData(address, port);
            }
            var nl = rest.IndexOf((byte)'\n');
            if (nl < 0) break;
            rest = rest[(nl + 1)..];
        }
    }

    /// <summary>Adds a client Initial's CRYPTO frames to the flow's reassembly and reads the ClientHello when it is whole enough.</summary>
    private static void QuicHello(Flow flow, ReadOnlySpan<byte> packet)
    {
        var version = Bytes.U32(packet, 1);
        if (!QuicInitial.IsDecryptable(version)) return;
        flow.QuicHello ??= new CryptoStream();
        if (!QuicInitial.TryCollectCrypto(packet, flow.QuicHello)) return;
        var hello = flow.QuicHello.Contiguous();
        if (hello.Length < 4 || hello[0] != 1) return;
        var length = hello[1] << 16 | hello[2] << 8 | hello[3];
        var body = hello[4..Math.Min(hello.Length, 4 + length)];
        if (Tls.TryReadHelloBody(body, out var sni, out var alpn)) NameFromTls(flow, sni, alpn);
    }

    private static void NameFromTls(Flow flow, ReadOnlySpan<byte> sni, string? alpn)
    {
        if (sni.Length > 0) flow.Host ??= Bytes.HostName(sni);
        if (alpn is not null) flow.Alpn ??= alpn;
    }

    private static AppProtocol Tcp(Flow flow, ReadOnlySpan<byte> p, bool fromClient, InspectionContext context)
    {
        var serverPort = flow.ServerPort;
        var clientPort = flow.ClientPort;
        if (Tls.IsTls(p))
        {
            if (Tls.TryReadClientHello(p, out var sni, out var alpn)) NameFromTls(flow, sni, alpn);
            return AppProtocol.TLS;
        }
        var text = TextProtocols.Detect(p, udp: false, serverPort, out var host);
        if (text != AppProtocol.Unknown)
        {
            if (host.Length > 0) flow.Host = Bytes.HostName(host);
            // A BitTorrent tracker announce is HTTP carrying the torrent's info hash.
            if (text == AppProtocol.HTTP && Bytes.FirstLine(p).IndexOf("info_hash="u8) >= 0) return AppProtocol.BitTorrent;
            return text;
        }
        if (TcpSignatures.IsSsh(p)) return AppProtocol.SSH;
        var smb = ServiceSignatures.Smb(p);
        if (smb != AppProtocol.Unknown) return smb;
        if (TcpSignatures.IsBitTorrentHandshake(p)) return AppProtocol.BitTorrent;
        if (TcpSignatures.IsMqtt(p, serverPort)) return AppProtocol.MQTT;
        if (TcpSignatures.IsMySqlGreeting(p) || TcpSignatures.IsMySqlClient(p, serverPort)) return AppProtocol.MySQL;
        var mail = MailAndFile.Detect(p, fromClient, serverPort);
        if (mail != AppProtocol.Unknown) return mail;
        if (TcpSignatures.IsModbus(p, serverPort, clientPort)) return AppProtocol.Modbus;
        if (TcpSignatures.IsBgp(p)) return AppProtocol.BGP;
        if (TcpSignatures.IsOpenFlow(p, serverPort, clientPort)) return AppProtocol.OpenFlow;
        if (TcpSignatures.IsRdp(p)) return AppProtocol.RDP;
        if (TcpSignatures.IsTelnet(p, serverPort)) return AppProtocol.Telnet;
        if (TcpSignatures.IsVnc(p)) return AppProtocol.VNC;
        if (TcpSignatures.IsPostgres(p, serverPort)) return AppProtocol.PostgreSQL;
        if (TcpSignatures.IsRedis(p, serverPort)) return AppProtocol.Redis;
        if (TcpSignatures.IsDnsOverTcp(p, serverPort, clientPort))
        {
            flow.Host ??= Dns.QueryName(p[2..]);
            return AppProtocol.DNS;
        }
        if (TcpSignatures.IsNetBiosSession(p, serverPort, clientPort)) return AppProtocol.NetBIOS;
        if (ServiceSignatures.IsKerberos(p, serverPort, clientPort, tcp: true)) return AppProtocol.Kerberos;
        if (ServiceSignatures.IsLdap(p, serverPort, clientPort)) return AppProtocol.LDAP;
        if (ServiceSignatures.IsAmqp(p)) return AppProtocol.AMQP;
        if (ServiceSignatures.IsRtmp(p, serverPort)) return AppProtocol.RTMP;
        if (ServiceSignatures.IsJabber(p)) return AppProtocol.Jabber;
        if (ServiceSignatures.IsIrc(p, serverPort)) return AppProtocol.IRC;
        if (UdpSignatures.IsLdp(p, serverPort, clientPort)) return AppProtocol.LDP;
        if (TcpSignatures.IsOpenVpnTcp(p)) return AppProtocol.OpenVPN;
        if (UdpSignatures.IsStun(p, serverPort, clientPort, tcp: true)) return AppProtocol.STUN;
        if (UdpSignatures.IsSyslog(p)) return AppProtocol.Syslog;
        if (TcpSignatures.IsRtpOverTcp(p, out var ssrc, out var sequence) && RtpStream(ref flow.State, fromClient, ssrc, sequence)) return AppProtocol.RTP;
        if (context.IsBitTorrentPeer(flow.ServerAddress, serverPort)) return AppProtocol.BitTorrent;
        return AppProtocol.Unknown;
    }

    private static AppProtocol Udp(Flow flow, ReadOnlySpan<byte> p, bool fromClient, InspectionContext context)
    {
        ref var s = ref flow.State;
        var serverPort = flow.ServerPort;
        var clientPort = flow.ClientPort;
        var dnsPort = DnsPortProtocol(serverPort, clientPort);
        if (dnsPort != AppProtocol.Unknown && Dns.IsMessage(p, out _))
        {
            flow.Host ??= Dns.QueryName(p);
            return dnsPort;
        }
        if ((serverPort == 137 || clientPort == 137) && Dns.IsNetBiosName(p)) return AppProtocol.NetBIOS;
        if ((serverPort == 138 || clientPort == 138) && UdpSignatures.IsNetBiosDatagram(p)) return AppProtocol.NetBIOS;
        if (UdpSignatures.IsDhcp(p, serverPort, clientPort)) return AppProtocol.DHCP;
        if (UdpSignatures.IsDhcpV6(p, serverPort, clientPort)) return AppProtocol.DHCPV6;
        if (UdpSignatures.IsNtp(p, serverPort, clientPort)) return AppProtocol.NTP;
        if (UdpSignatures.IsQuic(p))
        {
            var sni = GoogleQuic.Sni(p);
            if (sni.Length > 0) flow.Host ??= Bytes.HostName(sni);
            else if (fromClient) QuicHello(flow, p);
            return AppProtocol.QUIC;
        }
        if (UdpSignatures.IsStun(p, serverPort, clientPort, tcp: false)) return AppProtocol.STUN;
        if (Tls.IsDtls(p)) return AppProtocol.DTLS;
        var text = TextProtocols.Detect(p, udp: true, serverPort, out _);
        if (text != AppProtocol.Unknown) return text;
        if ((serverPort == 69 || clientPort == 69) && UdpSignatures.IsTftpOnPort69(p) || UdpSignatures.IsTftpOptionAck(p)) return AppProtocol.TFTP;
        if ((serverPort is 161 or 162 || clientPort is 161 or 162) && UdpSignatures.IsSnmp(p)) return AppProtocol.SNMP;
        if (UdpSignatures.IsSyslog(p)) return AppProtocol.Syslog;
        var wireGuard = UdpSignatures.WireGuardType(p);
        if (wireGuard is >= 1 and <= 3) return AppProtocol.WireGuard;
        if (UdpSignatures.IsDiscordIpDiscovery(p)) return AppProtocol.Discord;
        if (UdpSignatures.IsBitTorrentText(p)) return AppProtocol.BitTorrent;
        if (UdpSignatures.IsIpsec(p, serverPort, clientPort)) return AppProtocol.IPSec;
        if (UdpSignatures.IsBfd(p, serverPort, clientPort)) return AppProtocol.BFD;
        var export = UdpSignatures.FlowExport(p, serverPort, clientPort);
        if (export != AppProtocol.Unknown) return export;
        if (UdpSignatures.IsLdp(p, serverPort, clientPort)) return AppProtocol.LDP;
        if (UdpSignatures.IsWsd(p, serverPort, clientPort)) return AppProtocol.WSD;
        if (ServiceSignatures.IsKerberos(p, serverPort, clientPort, tcp: false)) return AppProtocol.Kerberos;
        if (ServiceSignatures.IsLdap(p, serverPort, clientPort)) return AppProtocol.LDAP;
        if (ServiceSignatures.IsRadius(p, serverPort, clientPort)) return AppProtocol.RADIUS;
        if (ServiceSignatures.IsCoap(p, serverPort, clientPort)) return AppProtocol.COAP;

        // Weak formats: confirmed by a second consistent packet.
        if (wireGuard == 4 && Confirm(ref s, AppProtocol.WireGuard, Bytes.U32(p, 4), sameOrNext: false)) return AppProtocol.WireGuard;
        var openVpn = UdpSignatures.OpenVpnOpcode(p);
        if (openVpn != 0 && OpenVpn(ref s, p, openVpn, fromClient)) return AppProtocol.OpenVPN;
        if (UdpSignatures.IsTftpTransfer(p, out var block) && Confirm(ref s, AppProtocol.TFTP, block, sameOrNext: true)) return AppProtocol.TFTP;
        if (UdpSignatures.IsRtcp(p) && ++s.RtcpHits >= 2) return AppProtocol.RTCP;
        if (UdpSignatures.IsRtp(p, out var ssrc, out var sequence) && RtpStream(ref s, fromClient, ssrc, sequence)) return AppProtocol.RTP;
        if (UdpSignatures.IsUtp(p, out var connection) && Confirm(ref s, AppProtocol.BitTorrent, connection, sameOrNext: true)) return AppProtocol.BitTorrent;
        if (context.IsBitTorrentPeer(flow.ServerAddress, serverPort) || context.IsBitTorrentPeer(flow.ClientAddress, clientPort)) return AppProtocol.BitTorrent;
        return AppProtocol.Unknown;
    }

    private static AppProtocol DnsPortProtocol(ushort serverPort, ushort clientPort)
    {
        if (serverPort == 53 || clientPort == 53) return AppProtocol.DNS;
        if (serverPort == 5353 || clientPort == 5353) return AppProtocol.MDNS;
        if (serverPort == 5355 || clientPort == 5355) return AppProtocol.LLMNR;
        return AppProtocol.Unknown;
    }

    /// <summary>Two packets of the same weak candidate whose tokens agree (equal, or the next one for counters).</summary>
    private static bool Confirm(ref DetectionState s, AppProtocol candidate, uint token, bool sameOrNext)
    {
        if (s.Candidate == candidate && (token == s.CandidateToken || (sameOrNext && token == s.CandidateToken + 1)))
        {
            s.CandidateToken = token;
            return ++s.CandidateHits >= 2;
        }
        s.Candidate = candidate;
        s.CandidateToken = token;
        s.CandidateHits = 1;
        return false;
    }

    /// <summary>RTP: the same SSRC with a sequence number a little ahead of the last one, per direction.</summary>
    private static bool RtpStream(ref DetectionState s, bool fromClient, uint ssrc, ushort sequence) =>
        fromClient ? s.RtpFromClient.Continues(ssrc, sequence) : s.RtpFromServer.Continues(ssrc, sequence);

    /// <summary>
    /// OpenVPN over UDP: a hard reset from the client (opcodes 1, 7, 10) starts the candidate, keyed by its session
    /// id; the server's hard reset (2, 8) or a second client packet of the same session confirms.
    /// </summary>
    private static bool OpenVpn(ref DetectionState s, ReadOnlySpan<byte> p, int opcode, bool fromClient)
    {
        var session = Bytes.U32(p, 1);
        if (s.Candidate != AppProtocol.OpenVPN)
        {
            if ((p[0] & 7) != 0 || opcode is not (1 or 7 or 10 or 2 or 8)) return false;
            s.Candidate = AppProtocol.OpenVPN;
            s.CandidateToken = session;
            s.CandidateHits = 1;
            return false;
        }
        if (fromClient == false && opcode is 2 or 8 or 4 or 5) return true;
        return session == s.CandidateToken && opcode is 1 or 7 or 10 or 4 or 5 or 3;
    }
}
