using static SdnController.Testing.TestFrames;

namespace SdnController.Classification.Tests;

/// <summary>The remaining detectors, one minimal conversation each (first packet from the client unless noted).</summary>
public class MoreProtocolTests
{
    private static byte[] Udp(ushort sport, ushort dport, byte[] payload) => UdpFrame("10.0.0.1", sport, "10.0.0.2", dport, payload);
    private static byte[] Tcp(ushort sport, ushort dport, byte[] payload) => TcpFrame("10.0.0.1", sport, "10.0.0.2", dport, Psh | Ack, payload);

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return Case("RTSP", AppProtocol.RTSP, Tcp(40000, 8554, Ascii("DESCRIBE rtsp://cam/stream RTSP/1.0\r\nCSeq: 1\r\n\r\n")));
        yield return Case("SSDP", AppProtocol.SSDP, Udp(40000, 1900, Ascii("M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nST: ssdp:all\r\n\r\n")));
        yield return Case("Telnet", AppProtocol.Telnet, TcpFrame("10.0.0.2", 23, "10.0.0.1", 40000, Psh | Ack, [0xFF, 0xFD, 0x18, 0xFF, 0xFD, 0x20]));
        yield return Case("RDP", AppProtocol.RDP, Tcp(40000, 3390, [3, 0, 0, 19, 14, 0xE0, 0, 0, 0, 0, 0, 1, 0, 8, 0, 3, 0, 0, 0]));
        yield return Case("IKE", AppProtocol.IPSec, Udp(500, 500, [.. new byte[8], .. new byte[8], 33, 0x20, 34, 8, 0, 0, 0, 0, 0, 0, 0, 28]));
        yield return Case("ESP in UDP", AppProtocol.IPSec, Udp(4500, 4500, [0, 0, 0x10, 1, 0, 0, 0, 1, .. new byte[40]]));
        yield return Case("NetBIOS name", AppProtocol.NetBIOS, Udp(137, 137, [0x12, 0x34, 0x01, 0x10, 0, 1, 0, 0, 0, 0, 0, 0, 32, .. Enumerable.Repeat((byte)'A', 32), 0, 0, 0x20, 0, 1]));
        yield return Case("NetFlow v5", AppProtocol.NetFlow, Udp(40000, 2055, [0, 5, 0, 1, .. new byte[20], .. new byte[48]]));
        yield return Case("IPFIX", AppProtocol.IPFIX, Udp(40000, 4739, [0, 10, 0, 16, .. new byte[12]]));
        yield return Case("sFlow", AppProtocol.sFlow, Udp(40000, 6343, [0, 0, 0, 5, 0, 0, 0, 1, 10, 0, 0, 1, .. new byte[16]]));
        yield return Case("LDP hello", AppProtocol.LDP, Udp(646, 646, [0, 1, 0, 30, 10, 0, 0, 1, 0, 0, 0x01, 0, 0, 20, .. new byte[20]]));
        yield return Case("WSD", AppProtocol.WSD, Udp(40000, 3702, Ascii("<?xml version=\"1.0\"?><soap:Envelope></soap:Envelope>")));
        yield return Case("DHCPv6", AppProtocol.DHCPV6, Udp(546, 547, [1, 0x12, 0x34, 0x56, 0, 1, 0, 0]));
        yield return Case("DNS over TCP", AppProtocol.DNS, Tcp(40000, 53, [.. U16((ushort)DnsQuery("example.org").Length), .. DnsQuery("example.org")]));
        yield return Case("Syslog over TCP, octet-counted", AppProtocol.Syslog, Tcp(40000, 6514, Ascii("64 <13>1 2026-11-28T06:00:00Z host app - - - message")));
        yield return Case("STUN over TCP", AppProtocol.STUN, Tcp(40000, 3478, [0, 1, 0, 0, 0x21, 0x12, 0xA4, 0x42, .. new byte[12]]));
        yield return Case("BitTorrent DHT", AppProtocol.BitTorrent, Udp(40000, 6881, Ascii("d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t2:aa1:y1:qe")));
        yield return Case("BitTorrent uTP", AppProtocol.BitTorrent, Udp(40000, 40001, [0x41, 0, 0x12, 0x34, .. new byte[16]]), Udp(40000, 40001, [0x21, 0, 0x12, 0x34, .. new byte[16]]));
        yield return Case("BitTorrent tracker", AppProtocol.BitTorrent, Tcp(40000, 6969, Ascii("GET /announce?info_hash=%12%34&peer_id=x HTTP/1.1\r\nHost: tracker\r\n\r\n")));
        yield return Case("OpenVPN UDP", AppProtocol.OpenVPN,
            Udp(40000, 1194, [0x38, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 0, 0]),
            UdpFrame("10.0.0.2", 1194, "10.0.0.1", 40000, [0x40, 9, 9, 9, 9, 9, 9, 9, 9, 1, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 0]));
        yield return Case("OpenVPN TCP", AppProtocol.OpenVPN, Tcp(40000, 443, [0, 14, 0x38, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 0, 0]));
        yield return Case("WireGuard data", AppProtocol.WireGuard, Udp(40000, 40001, [4, 0, 0, 0, 1, 2, 3, 4, .. new byte[40]]), Udp(40000, 40001, [4, 0, 0, 0, 1, 2, 3, 4, .. new byte[56]]));
        yield return Case("TFTP read request", AppProtocol.TFTP, Udp(40000, 69, [0, 1, .. Ascii("file.bin"), 0, .. Ascii("octet"), 0]));
        yield return Case("TFTP transfer", AppProtocol.TFTP, Udp(40000, 40001, [0, 3, 0, 1, .. new byte[512]]), UdpFrame("10.0.0.2", 40001, "10.0.0.1", 40000, [0, 4, 0, 1]));
        yield return Case("RTP over TCP", AppProtocol.RTP, Tcp(40000, 5000, [0, 172, .. ProtocolDetectionTests.Rtp(7)[..172]]), Tcp(40000, 5000, [0, 172, .. ProtocolDetectionTests.Rtp(8)[..172]]));
        yield return Case("RTCP", AppProtocol.RTCP, Udp(40001, 40003, [0x81, 201, 0, 7, .. new byte[28]]), Udp(40001, 40003, [0x81, 201, 0, 7, .. new byte[28]]));
        yield return Case("Discord", AppProtocol.Discord, Udp(40000, 50003, [0, 1, 0, 70, .. new byte[70]]));
        yield return Case("PostgreSQL", AppProtocol.PostgreSQL, Tcp(40000, 5432, [0, 0, 0, 8, 0x04, 0xD2, 0x16, 0x2F]));
        yield return Case("POP3", AppProtocol.POP3, TcpFrame("10.0.0.2", 110, "10.0.0.1", 40000, Psh | Ack, Ascii("+OK POP3 server ready\r\n")));
        yield return Case("IMAP", AppProtocol.IMAP, TcpFrame("10.0.0.2", 143, "10.0.0.1", 40000, Psh | Ack, Ascii("* OK IMAP4rev1 ready\r\n")));
        yield return Case("ICMPv6", AppProtocol.ICMPV6, Ethernet(0x86DD, Ipv6("2001:db8::1", "2001:db8::2", 58, [128, 0, 0, 0, 0, 1, 0, 1])));
        yield return Case("OSPF", AppProtocol.OSPF, Ethernet(0x0800, Ipv4("10.0.0.1", "224.0.0.5", 89, new byte[44])));
        yield return Case("SMBv1", AppProtocol.SMBv1, Tcp(40000, 445, [0, 0, 0, 40, 0xFF, .. Ascii("SMB"), 0x72, .. new byte[35]]));
        yield return Case("SMB2", AppProtocol.SMBv23, Tcp(40000, 445, [0, 0, 0, 68, 0xFE, .. Ascii("SMB"), 64, 0, .. new byte[62]]));
        yield return Case("Kerberos", AppProtocol.Kerberos, Udp(40000, 88, [0x6A, 0x81, 0xF0, 0x30, 0x81, 0xED, .. new byte[40]]));
        yield return Case("LDAP bind", AppProtocol.LDAP, Tcp(40000, 389, [0x30, 0x0C, 0x02, 0x01, 0x01, 0x60, 0x07, 0x02, 0x01, 0x03, 0x04, 0x00, 0x80, 0x00]));
        yield return Case("RADIUS", AppProtocol.RADIUS, Udp(40000, 1812, [1, 7, 0, 20, .. new byte[16]]));
        yield return Case("CoAP", AppProtocol.COAP, Udp(40000, 5683, [0x44, 0x01, 0x12, 0x34, 1, 2, 3, 4, 0xB5, .. Ascii("hello")]));
        yield return Case("AMQP", AppProtocol.AMQP, Tcp(40000, 5672, [.. Ascii("AMQP"), 0, 0, 9, 1]));
        yield return Case("RTMP", AppProtocol.RTMP, Tcp(40000, 1935, [3, .. new byte[1536]]));
        yield return Case("Jabber", AppProtocol.Jabber, Tcp(40000, 5222, Ascii("<?xml version='1.0'?><stream:stream to='example.com' xmlns='jabber:client'>")));
        yield return Case("IRC", AppProtocol.IRC, Tcp(40000, 6667, Ascii("NICK alice\r\nUSER alice 0 * :Alice\r\n")));
        yield return Case("LLDP", AppProtocol.LLDP, Ethernet(0x88CC, new byte[40], dst: [0x01, 0x80, 0xC2, 0, 0, 0x0E]));
    }

    private static TestCaseData Case(string name, AppProtocol expected, params byte[][] frames) =>
        new TestCaseData(expected, frames).SetName(name);

    [TestCaseSource(nameof(Cases))]
    public void Recognised(AppProtocol expected, byte[][] frames)
    {
        var flow = Frames.Single(frames);
        Assert.That((flow.Protocol, flow.Method), Is.EqualTo((expected, DetectionMethod.Inspection)));
    }
}
