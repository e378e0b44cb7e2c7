using System.Text.Json;
using SdnController.Testing;
using static SdnController.Testing.TestFrames;

namespace SdnController.Cli.Tests;

/// <summary><c>sdnctl classify --pcap</c> run as a process: the flow table, the JSON contract, clear errors.</summary>
public class ClassifyCliTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), "sdnctl-classify-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    /// <summary>A capture built here: a DNS exchange, an SSH session start, a VXLAN-tunnelled HTTP request, an IPv6 NTP query.</summary>
    private string WriteCapture()
    {
        var path = Path.Combine(_dir, "mixed.pcap");
        byte[] innerHttp = Ethernet(0x0800, Ipv4("192.168.7.1", "192.168.7.2", 6, Tcp(40100, 80, Psh | Ack, Ascii("GET / HTTP/1.1\r\nHost: www.google.com\r\n\r\n"))));
        TestPcap.Write(path,
        [
            UdpFrame("10.0.0.1", 5353, "10.0.0.2", 53, DnsQuery("www.google.com")),
            UdpFrame("10.0.0.2", 53, "10.0.0.1", 5353, DnsQuery("www.google.com", response: true)),
            TcpFrame("10.0.0.1", 40000, "10.0.0.3", 22, Syn, []),
            TcpFrame("10.0.0.3", 22, "10.0.0.1", 40000, Syn | Ack, []),
            TcpFrame("10.0.0.3", 22, "10.0.0.1", 40000, Psh | Ack, Ascii("SSH-2.0-OpenSSH_9.2\r\n")),
            UdpFrame("172.16.0.1", 50000, "172.16.0.2", 4789, [0x08, 0, 0, 0, 0, 0, 1, 0, .. innerHttp]),
            Ethernet(0x86DD, Ipv6("2001:db8::1", "2001:db8::2", 17, Udp(123, 123, [0x23, .. new byte[47]]))),
        ]);
        return path;
    }

    [Test]
    public void Json_lists_flows_with_protocol_method_class_and_totals()
    {
        var r = CliRunner.Run("classify", "--pcap", WriteCapture(), "--json");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var flows = doc.RootElement.GetProperty("flows").EnumerateArray().ToList();
        Assert.That(flows, Has.Count.EqualTo(4));

        var dns = flows[0];
        Assert.That(dns.GetProperty("transport").GetString(), Is.EqualTo("udp"));
        Assert.That(dns.GetProperty("src").GetString(), Is.EqualTo("10.0.0.1:5353"));
        Assert.That(dns.GetProperty("dst").GetString(), Is.EqualTo("10.0.0.2:53"));
        Assert.That(dns.GetProperty("protocol").GetString(), Is.EqualTo("DNS"));
        Assert.That(dns.GetProperty("app").GetString(), Is.EqualTo("google"));
        Assert.That(dns.GetProperty("method").GetString(), Is.EqualTo("inspection"));
        Assert.That(dns.GetProperty("class").GetString(), Is.EqualTo("dns"));
        Assert.That(dns.GetProperty("packets").GetInt64(), Is.EqualTo(2));
        Assert.That(dns.GetProperty("bytes").GetInt64(), Is.EqualTo(2 * (14 + 20 + 8 + DnsQuery("www.google.com").Length)));

        Assert.That(Summary(flows[1]), Is.EqualTo("tcp 10.0.0.1:40000 10.0.0.3:22 SSH inspection interactive 3"));
        // The VXLAN-tunnelled flow is reported as its inner flow.
        Assert.That(Summary(flows[2]), Is.EqualTo("tcp 192.168.7.1:40100 192.168.7.2:80 HTTP inspection web 1"));
        Assert.That(flows[2].GetProperty("host").GetString(), Is.EqualTo("www.google.com"));
        Assert.That(Summary(flows[3]), Is.EqualTo("udp [2001:db8::1]:123 [2001:db8::2]:123 NTP inspection management 1"));

        var totals = doc.RootElement.GetProperty("totals");
        Assert.That(totals.GetProperty("flows").GetInt32(), Is.EqualTo(4));
        Assert.That(totals.GetProperty("packets").GetInt64(), Is.EqualTo(7));
        Assert.That(totals.GetProperty("protocols").GetProperty("DNS").GetProperty("flows").GetInt32(), Is.EqualTo(1));
        Assert.That(totals.GetProperty("classes").GetProperty("web").GetProperty("packets").GetInt64(), Is.EqualTo(1));
    }

    private static string Summary(JsonElement f) =>
        $"{f.GetProperty("transport").GetString()} {f.GetProperty("src").GetString()} {f.GetProperty("dst").GetString()} " +
        $"{f.GetProperty("protocol").GetString()} {f.GetProperty("method").GetString()} {f.GetProperty("class").GetString()} {f.GetProperty("packets").GetInt64()}";

    [Test]
    public void Text_output_is_a_table_and_totals()
    {
        var r = CliRunner.Run("classify", "--pcap", WriteCapture());
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        var lines = r.Stdout.Split('\n');
        Assert.That(lines[0], Does.StartWith("TRANSPORT").And.Contain("PROTOCOL").And.Contain("CLASS").And.EndWith("BYTES"));
        Assert.That(lines[1], Does.Match(@"^udp\s+10\.0\.0\.1:5353\s+10\.0\.0\.2:53\s+DNS\s+google\s+inspection\s+dns\s+2\s+\d+$"));
        Assert.That(r.Stdout, Does.Contain("4 flows, 7 packets"));
        Assert.That(r.Stdout, Does.Match(@"\nPROTOCOL\s+FLOWS\s+PACKETS\s+BYTES\n"));
        Assert.That(r.Stdout, Does.Match(@"\nCLASS\s+FLOWS\s+PACKETS\s+BYTES\n"));
    }

    [Test]
    public void Ndpi_capture_end_to_end()
    {
        var dir = SharedData.RequireDirectory("pcap/ndpi-dev/pcap");
        var r = CliRunner.Run("classify", "--pcap", Path.Combine(dir, "vxlan.pcap"), Path.Combine(dir, "ssh.pcap"), "--json");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var flows = doc.RootElement.GetProperty("flows").EnumerateArray()
            .Select(f => (Dst: f.GetProperty("dst").GetString(), Protocol: f.GetProperty("protocol").GetString(), App: f.GetProperty("app").GetString())).ToList();
        // nDPI: VXLAN:91.119/TLS.Facebook to 157.240.224.35:443 (twice) and VXLAN:5.119/DNS.Facebook to 8.8.8.8:53 (twice); SSH.
        Assert.That(flows.Count(f => f == ("157.240.224.35:443", "TLS", "facebook")), Is.EqualTo(2));
        Assert.That(flows.Count(f => f.Dst == "8.8.8.8:53" && f.Protocol == "DNS"), Is.EqualTo(2));
        Assert.That(flows.Count(f => f.Protocol == "SSH"), Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public void Missing_or_unreadable_file_is_a_clear_error_without_stack_trace()
    {
        var missing = CliRunner.Run("classify", "--pcap", Path.Combine(_dir, "missing.pcap"));
        Assert.That(missing.ExitCode, Is.EqualTo(2));
        Assert.That(missing.Stderr, Does.StartWith("sdnctl: error: ").And.Contain("missing.pcap: no such file"));
        var text = Path.Combine(_dir, "notes.pcap");
        File.WriteAllText(text, "not a capture at all, only words and more words\n");
        var unreadable = CliRunner.Run("classify", "--pcap", text, "--json");
        Assert.That(unreadable.ExitCode, Is.EqualTo(2));
        Assert.That(unreadable.Stderr, Does.Contain("notes.pcap: not a readable pcap/pcapng file"));
        Assert.That(unreadable.Stdout, Is.Empty);
        foreach (var r in new[] { missing, unreadable }) Assert.That(r.Stderr, Does.Not.Contain("   at "));
    }

    [Test]
    public void Needs_a_source()
    {
        var r = CliRunner.Run("classify");
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("give --pcap FILE... or --iface NAME"));
        var unknownIface = CliRunner.Run("classify", "--iface", "no-such-if9", "--duration", "1s");
        Assert.That(unknownIface.ExitCode, Is.EqualTo(1));
        Assert.That(unknownIface.Stderr, Does.Contain("interface 'no-such-if9' does not exist"));
    }
}
