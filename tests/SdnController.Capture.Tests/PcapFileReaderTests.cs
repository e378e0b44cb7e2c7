using SdnController.Classification.Decoding;
using SdnController.Testing;
using static SdnController.Testing.TestFrames;

namespace SdnController.Capture.Tests;

public class PcapFileReaderTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), "sdn-capture-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void ReadsEveryFrameWithTimestampsAndLinkType()
    {
        var frames = new[]
        {
            UdpFrame("10.0.0.1", 40000, "10.0.0.2", 53, DnsQuery("example.org")),
            UdpFrame("10.0.0.2", 53, "10.0.0.1", 40000, DnsQuery("example.org", response: true)),
            TcpFrame("10.0.0.1", 40001, "10.0.0.2", 80, Syn, []),
        };
        var path = Path.Combine(_dir, "three.pcap");
        TestPcap.Write(path, frames, startMicros: 1_700_000_000_123_456, stepMicros: 2_000);
        var seen = new List<(byte[] Frame, LinkType Link, long Micros, int Wire)>();
        var stats = PcapFileReader.Read(path, (frame, link, micros, wire) => seen.Add((frame.ToArray(), link, micros, wire)));
        Assert.That(stats.Frames, Is.EqualTo(3));
        Assert.That(seen.Select(s => s.Frame), Is.EqualTo(frames));
        Assert.That(seen.Select(s => s.Link), Is.All.EqualTo(LinkType.Ethernet));
        Assert.That(seen.Select(s => s.Micros), Is.EqualTo(new[] { 1_700_000_000_123_456L, 1_700_000_000_125_456L, 1_700_000_000_127_456L }));
        Assert.That(seen.Select(s => s.Wire), Is.EqualTo(frames.Select(f => f.Length)));
    }

    [Test]
    public void RawIpLinkTypeIsPassedThrough()
    {
        var path = Path.Combine(_dir, "raw.pcap");
        TestPcap.Write(path, [Ipv4("10.0.0.1", "10.0.0.2", 17, Udp(1, 2, [1]))], linkType: 101);
        var ports = new List<int>();
        PcapFileReader.Read(path, (frame, link, _, _) =>
        {
            // libpcap reports LINKTYPE_RAW (101) as its DLT_RAW (12 on Linux); both mean bare IP.
            Assert.That(link, Is.AnyOf(LinkType.Raw, LinkType.RawLegacy));
            if (FrameDecoder.TryDecode(frame, link, out var p)) ports.Add(p.DestinationPort);
        });
        Assert.That(ports, Is.EqualTo(new[] { 2 }));
    }

    [Test]
    public void FilterSelectsFrames()
    {
        var path = Path.Combine(_dir, "mixed.pcap");
        TestPcap.Write(path, [UdpFrame("10.0.0.1", 1, "10.0.0.2", 53, [1]), TcpFrame("10.0.0.1", 2, "10.0.0.2", 80, Syn, [])]);
        var count = 0;
        PcapFileReader.Read(path, (_, _, _, _) => count++, filter: "udp port 53");
        Assert.That(count, Is.EqualTo(1));
        var e = Assert.Throws<CaptureException>(() => PcapFileReader.Read(path, (_, _, _, _) => { }, filter: "udp prot 53"))!;
        Assert.That(e.Message, Does.StartWith("invalid filter 'udp prot 53'"));
    }

    [Test]
    public void MissingFileIsAClearError()
    {
        var e = Assert.Throws<CaptureException>(() => PcapFileReader.Read(Path.Combine(_dir, "nope.pcap"), (_, _, _, _) => { }))!;
        Assert.That(e.Message, Does.EndWith("nope.pcap: no such file"));
    }

    [Test]
    public void NonPcapFileIsAClearError()
    {
        var path = Path.Combine(_dir, "text.pcap");
        File.WriteAllText(path, "this is not a capture, just some text long enough for a header\n");
        var e = Assert.Throws<CaptureException>(() => PcapFileReader.Read(path, (_, _, _, _) => { }))!;
        Assert.That(e.Message, Does.Contain("not a readable pcap/pcapng file"));
    }

    [Test]
    public void TruncatedFileEndsCleanly()
    {
        var path = Path.Combine(_dir, "cut.pcap");
        TestPcap.Write(path, [UdpFrame("10.0.0.1", 1, "10.0.0.2", 53, new byte[100]), UdpFrame("10.0.0.1", 1, "10.0.0.2", 53, new byte[100])]);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^50]); // the second record is cut short
        var count = 0;
        try
        {
            PcapFileReader.Read(path, (_, _, _, _) => count++);
        }
        catch (CaptureException e)
        {
            Assert.That(e.Message, Does.Contain("cut.pcap: read error after 1 frames"));
        }
        Assert.That(count, Is.EqualTo(1));
    }

    [Test]
    public void ReadsPcapngFromTheNdpiCaptures()
    {
        var dir = SharedData.RequireDirectory("pcap/ndpi-dev/pcap");
        var frames = 0L;
        var stats = PcapFileReader.Read(Path.Combine(dir, "dns.pcap"), (_, _, _, _) => frames++); // pcapng despite the name
        Assert.That((stats.Frames, frames), Is.EqualTo((5L, 5L)));
    }
}
