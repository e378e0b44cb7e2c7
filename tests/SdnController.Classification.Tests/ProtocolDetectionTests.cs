using SdnController.Classification.Classes;
using static SdnController.Testing.TestFrames;

namespace SdnController.Classification.Tests;

/// <summary>Each detector on a hand-built conversation: protocol, method, name and class as reported.</summary>
public class ProtocolDetectionTests
{
    private const string Client = "10.0.0.1", Server = "10.0.0.2";

    private static byte[] ClientUdp(ushort sport, ushort dport, byte[] payload) => UdpFrame(Client, sport, Server, dport, payload);
    private static byte[] ServerUdp(ushort sport, ushort dport, byte[] payload) => UdpFrame(Server, sport, Client, dport, payload);
    private static byte[] ClientTcp(ushort sport, ushort dport, byte[] payload) => TcpFrame(Client, sport, Server, dport, Psh | Ack, payload);
    private static byte[] ServerTcp(ushort sport, ushort dport, byte[] payload) => TcpFrame(Server, sport, Client, dport, Psh | Ack, payload);

    [Test]
    public void DnsQueryAndResponseAreOneFlowWithTheQueryName()
    {
        var flow = Frames.Single(ClientUdp(40000, 53, DnsQuery("www.google.com")), ServerUdp(53, 40000, DnsQuery("www.google.com", response: true)));
        Assert.That((flow.Protocol, flow.Method, flow.Host, flow.App, flow.Class), Is.EqualTo((AppProtocol.DNS, DetectionMethod.Inspection, "www.google.com", "google", TrafficClass.Dns)));
        Assert.That((flow.Transport, flow.Source, flow.Destination, flow.Packets), Is.EqualTo(("udp", "10.0.0.1:40000", "10.0.0.2:53", 2L)));
        Assert.That(flow.Bytes, Is.EqualTo(flow.Flow.BytesFromClient + flow.Flow.BytesFromServer).And.GreaterThan(0));
    }

    [Test]
    public void ResponseSeenFirstStillMakesTheQuerierTheClient()
    {
        var flow = Frames.Single(ServerUdp(53, 40000, DnsQuery("example.org", response: true)));
        Assert.That((flow.Source, flow.Destination), Is.EqualTo(("10.0.0.1:40000", "10.0.0.2:53")));
    }

    [TestCase(5353, AppProtocol.MDNS), TestCase(5355, AppProtocol.LLMNR)]
    public void LocalNameResolution(int port, AppProtocol expected) =>
        Assert.That(Frames.Single(ClientUdp((ushort)port, (ushort)port, DnsQuery("printer.local"))).Protocol, Is.EqualTo(expected));

    [Test]
    public void HttpRequestGivesHost()
    {
        var flow = Frames.Single(ClientTcp(40000, 8000, Ascii("GET /index.html HTTP/1.1\r\nUser-Agent: test\r\nHost: www.Example.org:8000\r\n\r\n")));
        Assert.That((flow.Protocol, flow.Host, flow.Class), Is.EqualTo((AppProtocol.HTTP, "www.example.org", TrafficClass.Web)));
    }

    [Test]
    public void TlsClientHelloGivesSniAndAlpn()
    {
        var flow = Frames.Single(ClientTcp(40000, 8443, ClientHello("www.youtube.com", "h2", "http/1.1")));
        Assert.That((flow.Protocol, flow.Host, flow.Alpn, flow.App), Is.EqualTo((AppProtocol.TLS, "www.youtube.com", "h2,http/1.1", "youtube")));
    }

    [Test]
    public void QuicInitial()
    {
        byte[] initial = [0xC3, 0, 0, 0, 1, 8, 1, 2, 3, 4, 5, 6, 7, 8, 0, .. new byte[1200]];
        Assert.That(Frames.Single(ClientUdp(50000, 443, initial)).Protocol, Is.EqualTo(AppProtocol.QUIC));
    }

    [TestCase("SSH-2.0-OpenSSH_9.2p1\r\n", 2222, AppProtocol.SSH, TrafficClass.Interactive)]
    [TestCase("220 mail.example.org ESMTP Postfix\r\n", 2525, AppProtocol.SMTP, TrafficClass.Other)]
    [TestCase("220 ProFTPD Server ready\r\n", 2121, AppProtocol.FTP_CONTROL, TrafficClass.Other)]
    [TestCase("RFB 003.008\n", 5901, AppProtocol.VNC, TrafficClass.Interactive)]
    public void ServerBanners(string banner, int port, AppProtocol expected, TrafficClass trafficClass)
    {
        var flow = Frames.Single(TcpFrame(Client, 40000, Server, (ushort)port, Syn, []), ServerTcp((ushort)port, 40000, Ascii(banner)));
        Assert.That((flow.Protocol, flow.Class), Is.EqualTo((expected, trafficClass)));
    }

    [Test]
    public void BinaryTcpProtocols()
    {
        byte[] bittorrent = [19, .. Ascii("BitTorrent protocol"), .. new byte[48]];
        Assert.That(Frames.Single(ClientTcp(40000, 51413, bittorrent)).Protocol, Is.EqualTo(AppProtocol.BitTorrent));
        byte[] mqtt = [0x10, 16, 0, 4, .. Ascii("MQTT"), 4, 2, 0, 60, 0, 4, .. Ascii("test")];
        Assert.That(Frames.Single(ClientTcp(40000, 1883, mqtt)).Protocol, Is.EqualTo(AppProtocol.MQTT));
        byte[] modbus = [0, 1, 0, 0, 0, 6, 1, 3, 0, 0, 0, 10];
        Assert.That(Frames.Single(ClientTcp(40000, 502, modbus)).Protocol, Is.EqualTo(AppProtocol.Modbus));
        byte[] bgpOpen = [.. Enumerable.Repeat((byte)0xFF, 16), 0, 29, 1, 4, 0xFD, 0xE8, 0, 180, 10, 0, 0, 1, 0];
        Assert.That(Frames.Single(ClientTcp(40000, 179, bgpOpen)).Protocol, Is.EqualTo(AppProtocol.BGP));
        byte[] openFlowHello = [4, 0, 0, 8, 0, 0, 0, 1];
        var openFlow = Frames.Single(ClientTcp(40000, 6653, openFlowHello));
        Assert.That((openFlow.Protocol, openFlow.Class), Is.EqualTo((AppProtocol.OpenFlow, TrafficClass.Management)));
        byte[] mysqlGreeting = [0x15, 0, 0, 0, 0x0A, .. Ascii("8.0.33"), 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0];
        Assert.That(Frames.Single(ServerTcp(3306, 40000, mysqlGreeting)).Protocol, Is.EqualTo(AppProtocol.MySQL));
    }

    [Test]
    public void UdpManagementProtocols()
    {
        byte[] ntp = [0x23, .. new byte[47]];
        Assert.That(Frames.Single(ClientUdp(123, 123, ntp)).Protocol, Is.EqualTo(AppProtocol.NTP));
        byte[] snmp = [0x30, 0x19, 0x02, 0x01, 0x01, 0x04, 0x06, .. Ascii("public"), 0xA0, 0x0C, 0x02, 0x01, 0x01, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00, 0x30, 0x01, 0x00];
        Assert.That(Frames.Single(ClientUdp(40000, 161, snmp)).Protocol, Is.EqualTo(AppProtocol.SNMP));
        var syslog = Frames.Single(ClientUdp(40000, 514, Ascii("<34>Oct 11 22:14:15 mymachine su: 'su root' failed")));
        Assert.That((syslog.Protocol, syslog.Class), Is.EqualTo((AppProtocol.Syslog, TrafficClass.Management)));
        var dhcp = new byte[300];
        dhcp[0] = 1;
        dhcp[236] = 0x63; dhcp[237] = 0x82; dhcp[238] = 0x53; dhcp[239] = 0x63;
        Assert.That(Frames.Single(ClientUdp(68, 67, dhcp)).Protocol, Is.EqualTo(AppProtocol.DHCP));
        byte[] bfd = [0x20, 0x40, 3, 24, 0, 0, 0, 1, .. new byte[16]];
        Assert.That(Frames.Single(ClientUdp(49152, 3784, bfd)).Protocol, Is.EqualTo(AppProtocol.BFD));
    }

    [Test]
    public void SipInviteIsRealTime()
    {
        var flow = Frames.Single(ClientUdp(5060, 5060, Ascii("INVITE sip:bob@example.org SIP/2.0\r\nVia: SIP/2.0/UDP pc33\r\n\r\n")));
        Assert.That((flow.Protocol, flow.Class), Is.EqualTo((AppProtocol.SIP, TrafficClass.RealTime)));
    }

    [Test]
    public void RtpNeedsTwoPacketsOfOneStream()
    {
        Assert.That(Frames.Single(ClientUdp(30000, 40000, Rtp(100))).Protocol, Is.EqualTo(AppProtocol.Unknown), "one RTP-looking packet proves nothing");
        var flow = Frames.Single(ClientUdp(30000, 40000, Rtp(100)), ClientUdp(30000, 40000, Rtp(101)));
        Assert.That((flow.Protocol, flow.Class), Is.EqualTo((AppProtocol.RTP, TrafficClass.RealTime)));
    }

    [Test]
    public void StunThenDtlsIsDtls()
    {
        byte[] binding = [0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xA4, 0x42, .. new byte[12]];
        Assert.That(Frames.Single(ClientUdp(50000, 3478, binding)).Protocol, Is.EqualTo(AppProtocol.STUN));
        byte[] dtlsHello = [0x16, 0xFE, 0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 1, 0, 0, 0];
        Assert.That(Frames.Single(ClientUdp(50000, 3478, binding), ClientUdp(50000, 3478, dtlsHello)).Protocol, Is.EqualTo(AppProtocol.DTLS));
    }

    [Test]
    public void WireGuardHandshake()
    {
        byte[] initiation = [1, 0, 0, 0, .. new byte[144]];
        Assert.That(Frames.Single(ClientUdp(40000, 40001, initiation)).Protocol, Is.EqualTo(AppProtocol.WireGuard));
    }

    [Test]
    public void FtpPassiveReplyMakesTheDataConnectionFtpData()
    {
        var report = Frames.Classify(
            ServerTcp(21, 40000, Ascii("220 FTP server ready\r\n")),
            ServerTcp(21, 40000, Ascii("227 Entering Passive Mode (10,0,0,2,100,21).\r\n")),
            TcpFrame(Client, 40001, Server, 100 * 256 + 21, Syn, []),
            TcpFrame(Client, 40001, Server, 100 * 256 + 21, Psh | Ack, new byte[500]));
        Assert.That(report.Flows.Select(f => f.Protocol), Is.EqualTo(new[] { AppProtocol.FTP_CONTROL, AppProtocol.FTP_DATA }));
        Assert.That(report.Flows[1].Class, Is.EqualTo(TrafficClass.Bulk));
    }

    [Test]
    public void IcmpAndArpHaveNoPorts()
    {
        var icmp = Frames.Single(Ethernet(0x0800, Ipv4(Client, Server, 1, [8, 0, 0, 0, 0, 1, 0, 1])));
        Assert.That((icmp.Transport, icmp.Source, icmp.Protocol, icmp.Class), Is.EqualTo(("icmp", "10.0.0.1", AppProtocol.ICMP, TrafficClass.Management)));
        var arp = Frames.Single(Ethernet(0x0806, new byte[28], dst: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]));
        Assert.That((arp.Transport, arp.Protocol, arp.Source), Is.EqualTo(("arp", AppProtocol.ARP, "02:00:00:00:00:0a")));
    }

    [Test]
    public void Ipv6EndpointsAreBracketed()
    {
        var frame = Ethernet(0x86DD, Ipv6("2001:db8::1", "2001:db8::2", 17, Udp(40000, 53, DnsQuery("example.org"))));
        var flow = Frames.Single(frame);
        Assert.That((flow.Source, flow.Destination, flow.Protocol), Is.EqualTo(("[2001:db8::1]:40000", "[2001:db8::2]:53", AppProtocol.DNS)));
    }

    [Test]
    public void PortIsOnlyTheFallbackAndSaysSo()
    {
        var flow = Frames.Single(TcpFrame(Client, 40000, Server, 3306, Syn, []));
        Assert.That((flow.Protocol, flow.Method), Is.EqualTo((AppProtocol.MySQL, DetectionMethod.Port)));
        // The payload says HTTP: inspection wins over the port.
        var http = Frames.Single(ClientTcp(40000, 3306, Ascii("GET / HTTP/1.1\r\nHost: a\r\n\r\n")));
        Assert.That((http.Protocol, http.Method), Is.EqualTo((AppProtocol.HTTP, DetectionMethod.Inspection)));
    }

    [Test]
    public void UnrecognisedPayloadStaysUnknown()
    {
        var random = new Random(7);
        var frames = Enumerable.Range(0, 40).Select(_ =>
        {
            var payload = new byte[200];
            random.NextBytes(payload);
            payload[0] = 0xEE; // not a version/type byte any detector accepts
            return ClientUdp(40000, 40001, payload);
        }).ToArray();
        var flow = Frames.Single(frames);
        Assert.That((flow.Protocol, flow.Method, flow.Class), Is.EqualTo((AppProtocol.Unknown, DetectionMethod.None, TrafficClass.Other)));
    }

    internal static byte[] Rtp(ushort sequence) =>
        [0x80, 0x00, (byte)(sequence >> 8), (byte)sequence, 0, 0, 0, 160, 0x12, 0x34, 0x56, 0x78, .. new byte[160]];

    internal static byte[] ClientHello(string sni, params string[] alpn)
    {
        var name = Ascii(sni);
        byte[] sniExt = [0, 0, .. U16((ushort)(name.Length + 5)), .. U16((ushort)(name.Length + 3)), 0, .. U16((ushort)name.Length), .. name];
        var alpnList = alpn.SelectMany(a => new[] { (byte)a.Length }.Concat(Ascii(a))).ToArray();
        byte[] alpnExt = [0, 16, .. U16((ushort)(alpnList.Length + 2)), .. U16((ushort)alpnList.Length), .. alpnList];
        byte[] extensions = [.. sniExt, .. alpnExt];
        byte[] body = [3, 3, .. new byte[32], 0, 0, 2, 0x13, 0x01, 1, 0, .. U16((ushort)extensions.Length), .. extensions];
        byte[] handshake = [1, 0, .. U16((ushort)body.Length), .. body];
        return [0x16, 3, 1, .. U16((ushort)handshake.Length), .. handshake];
    }
}
