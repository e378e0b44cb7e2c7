using SdnController.Capture;
using SdnController.Classification.Decoding;
using SdnController.Fuzz.Common;
using NfvFrames = SdnController.Nfv.Packets.TestFrames;
using T = SdnController.Testing.TestFrames;

namespace SdnController.Fuzz.Frames;

/// <summary>
/// Real frames from nDPI's sample captures (read with <see cref="PcapFileReader"/>, up to a few hundred per file) plus
/// synthesised ones: VLAN/QinQ, IPv6 with extension headers, DNS, checksummed TCP/UDP/ICMP/ARP to the addresses the
/// fuzzed functions are configured for (so mutations reach their rule and state code, not only the parsers).
/// </summary>
public static class FrameSeeds
{
    public const int MaxFramesPerCapture = 300;

    public static IReadOnlyList<FrameSeed> Load(bool includeCaptures = true)
    {
        var seeds = new List<FrameSeed>();
        var pcaps = includeCaptures ? RepositoryPaths.SharedData(Path.Combine("pcap", "ndpi-dev", "pcap")) : null;
        if (pcaps is not null)
        {
            foreach (var file in Directory.GetFiles(pcaps).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(file);
                var taken = 0;
                try
                {
                    PcapFileReader.Read(file, (frame, link, _, _) =>
                    {
                        if (taken++ < MaxFramesPerCapture) seeds.Add(new FrameSeed(name, link, frame.ToArray()));
                    });
                }
                catch (CaptureException e)
                {
                    // libpcap missing or a capture it cannot open: the synthesised seeds still run.
                    Console.Error.WriteLine($"sdnfuzz: note: {e.Message}");
                    break;
                }
            }
        }
        seeds.AddRange(Synthesised());
        return seeds;
    }

    private static IEnumerable<FrameSeed> Synthesised()
    {
        static FrameSeed E(string what, byte[] b) => new("synthesised " + what, LinkType.Ethernet, b);
        uint A(byte a, byte b, byte c, byte d) => (uint)(a << 24 | b << 16 | c << 8 | d);
        var payload = "GET / HTTP/1.1\r\nHost: x\r\n\r\n' OR 1=1 /bin/sh"u8.ToArray();
        yield return E("tcp syn to vip", NfvFrames.Tcp(A(10, 0, 0, 5), 40000, A(10, 0, 9, 1), 80, default, syn: true));
        yield return E("tcp data to vip", NfvFrames.Tcp(A(10, 0, 0, 5), 40000, A(10, 0, 9, 1), 80, payload, ack: true));
        yield return E("tcp outbound", NfvFrames.Tcp(A(10, 0, 0, 7), 41000, A(198, 51, 100, 7), 443, payload, syn: true));
        yield return E("tcp to public nat address", NfvFrames.Tcp(A(203, 0, 113, 9), 443, A(192, 0, 2, 1), 1024, payload, ack: true));
        yield return E("udp dns", NfvFrames.Udp(A(10, 0, 0, 5), 5353, A(10, 0, 1, 1), 53, T.DnsQuery("example.com")));
        yield return E("udp dnat", NfvFrames.Udp(A(198, 51, 100, 7), 999, A(192, 0, 2, 1), 5000, payload));
        yield return E("icmp echo", NfvFrames.IcmpEcho(A(10, 0, 0, 5), A(10, 0, 1, 1), 7, true, 1, payload));
        yield return E("arp", NfvFrames.Arp(A(10, 0, 0, 5), A(10, 0, 0, 1)));
        yield return E("vlan tcp", T.Ethernet(0x0800, T.Ipv4("10.0.0.5", "10.0.3.7", 6, T.Tcp(1234, 80, 0x18, payload)), vlans: [100]));
        yield return E("qinq udp", T.Ethernet(0x0800, T.Ipv4("10.0.0.5", "192.168.3.1", 17, T.Udp(1234, 53, T.DnsQuery("a.b"))), vlans: [10, 20]));
        yield return E("ipv6 tcp hop-by-hop", T.Ethernet(0x86DD, T.Ipv6("2001:db8::1", "2001:db8::2", 6, T.Tcp(1234, 443, 0x02, payload), hopByHop: true)));
        yield return E("ipv6 udp", T.Ethernet(0x86DD, T.Ipv6("2001:db8::1", "2001:db8::2", 17, T.Udp(1234, 53, T.DnsQuery("c.d")))));
        yield return new FrameSeed("synthesised raw ipv4", LinkType.Raw, T.Ipv4("10.0.0.5", "10.0.0.6", 17, T.Udp(1, 2, payload)));
    }
}
