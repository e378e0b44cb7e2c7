using SdnController.Classification.Decoding;
using SdnController.Testing;
using static SdnController.Testing.TestFrames;

namespace SdnController.Classification.Tests;

/// <summary>
/// Hostile input never throws out of the classifier: real frames (the nDPI captures when present, else built ones)
/// with random bytes flipped, truncated or extended, fed to every link type, plus pure noise.
/// </summary>
public class MalformedInputTests
{
    [Test]
    public void RandomlyMutatedFramesNeverThrow()
    {
        var seeds = SeedFrames();
        var random = new Random(20261128);
        var classifier = new Classifier();
        LinkType[] links = [LinkType.Ethernet, LinkType.Raw, LinkType.LinuxSll, LinkType.LinuxSll2, LinkType.Null];
        var buffer = new byte[4096];
        var processed = 0;
        for (var round = 0; round < 60_000; round++)
        {
            var seed = seeds[random.Next(seeds.Count)];
            var length = Math.Min(buffer.Length, random.Next(4) switch
            {
                0 => random.Next(seed.Length + 1),          // truncated anywhere
                1 => seed.Length + random.Next(64),         // extended with garbage
                _ => seed.Length,
            });
            seed.AsSpan(0, Math.Min(seed.Length, length)).CopyTo(buffer);
            if (length > seed.Length) random.NextBytes(buffer.AsSpan(seed.Length, length - seed.Length));
            var flips = random.Next(1, 8);
            for (var i = 0; i < flips && length > 0; i++)
            {
                var at = random.Next(Math.Min(length, 80)); // mostly the headers, where lengths and offsets live
                if (random.Next(3) == 0) at = random.Next(length);
                buffer[at] = random.Next(4) == 0 ? (byte)random.Next(256) : (byte)(buffer[at] ^ (1 << random.Next(8)));
            }
            var link = round % 10 == 0 ? links[random.Next(links.Length)] : LinkType.Ethernet;
            Assert.DoesNotThrow(() => classifier.Process(buffer.AsSpan(0, length), link, round, length), $"round {round}");
            processed++;
        }
        Assert.DoesNotThrow(() => classifier.Report());
        Assert.That(processed, Is.EqualTo(60_000));
        TestContext.Out.WriteLine($"{seeds.Count} seed frames, {processed} mutations, {classifier.FlowCount} flows, {classifier.UndecodedFrames} undecoded");
    }

    [Test]
    public void PureNoiseNeverThrows()
    {
        var random = new Random(1);
        var classifier = new Classifier();
        var buffer = new byte[1600];
        for (var i = 0; i < 20_000; i++)
        {
            var length = random.Next(buffer.Length);
            random.NextBytes(buffer.AsSpan(0, length));
            Assert.DoesNotThrow(() => classifier.Process(buffer.AsSpan(0, length), (LinkType)random.Next(300), i));
        }
    }

    /// <summary>Frames to mutate: every frame of the nDPI captures when the shared data is there, and built ones always.</summary>
    private static List<byte[]> SeedFrames()
    {
        var seeds = new List<byte[]>
        {
            UdpFrame("10.0.0.1", 40000, "10.0.0.2", 53, DnsQuery("www.example.org")),
            TcpFrame("10.0.0.1", 40000, "10.0.0.2", 443, Psh | Ack, ProtocolDetectionTests.ClientHello("example.org", "h2")),
            Ethernet(0x86DD, Ipv6("2001:db8::1", "2001:db8::2", 17, Udp(5060, 5060, Ascii("INVITE sip:a@b SIP/2.0\r\n\r\n")), hopByHop: true)),
            Ethernet(0x0800, Ipv4("1.1.1.1", "2.2.2.2", 47, [0x20, 0, 0x65, 0x58, 0, 0, 0, 1, .. UdpFrame("10.0.0.1", 1, "10.0.0.2", 4789, [0x08, 0, 0, 0, 0, 0, 1, 0, .. TcpFrame("10.1.0.1", 2, "10.1.0.2", 80, Psh, Ascii("GET / HTTP/1.1\r\n\r\n"))])]), vlans: [10, 20]),
        };
        var root = SharedData.Root;
        var dir = root is null ? null : Path.Combine(root, "pcap", "ndpi-dev", "pcap");
        if (dir is not null && Directory.Exists(dir))
            foreach (var file in Directory.GetFiles(dir))
                Capture.PcapFileReader.Read(file, (frame, link, _, _) => { if (link == LinkType.Ethernet) seeds.Add(frame.ToArray()); });
        return seeds;
    }
}
