using System.Diagnostics;
using SdnController.Nfv.Chains;
using SdnController.Nfv.Functions;
using SdnController.Nfv.Packets;
using SdnController.Topology.Model.Nfv;

namespace SdnController.Nfv.Benchmarks;

/// <summary>One measured workload: packets per second through a function or chain on one core.</summary>
public sealed record NfvBenchResult(string Name, string Workload, long Packets, double MedianSeconds, long Dropped)
{
    public double PacketsPerSecond => Packets / MedianSeconds;
    public double NanosecondsPerPacket => MedianSeconds * 1e9 / Packets;
}

/// <summary>
/// Packets per second through each function and through a firewall → IDS → load balancer chain, on the
/// calling thread. Every workload is the pass path of a configured function in steady state: a set of
/// flows whose state (connections, mappings, buckets) is warm, frames of one size, each copied into a
/// working buffer before processing as a network hands a function its own copy (the copy is in the figure).
/// The median of the timed repeats is reported; a warm-up pass runs first.
/// </summary>
public static class NfvBenchmark
{
    public static IReadOnlyList<NfvBenchResult> Run(long packets, int repeats, int flows, int frameBytes, Action<string>? progress = null)
    {
        if (packets < 1) throw new ArgumentException("--packets must be 1 or more");
        if (repeats < 1) throw new ArgumentException("--repeats must be 1 or more");
        if (flows is < 1 or > 60000) throw new ArgumentException("--flows must be between 1 and 60000");
        if (frameBytes is < 64 or > 9000) throw new ArgumentException("--size must be between 64 and 9000 bytes");

        var inside = Ipv4(10, 0, 0, 0);
        var vip = Ipv4(10, 0, 9, 1);
        var payload = new byte[frameBytes - 54];   // Ethernet 14 + IPv4 20 + TCP 20
        // A payload the IDS must scan to the end without a match.
        for (var i = 0; i < payload.Length; i++) payload[i] = (byte)('a' + i % 26);
        byte[][] ToVip = Frames(flows, f => TestFrames.Tcp(inside + 1 + (uint)(f / 1000), (ushort)(1024 + f % 1000), vip, 80, payload));
        byte[][] Outbound = Frames(flows, f => TestFrames.Tcp(inside + 1 + (uint)(f / 1000), (ushort)(1024 + f % 1000), Ipv4(198, 51, 100, 7), 443, payload));

        var workloads = new (string Name, string Workload, Func<INetworkFunction[]> Make, byte[][] Frames)[]
        {
            ("firewall", "10 rules, the 10th allows; connections established", () => new[] { Firewall() }, ToVip),
            ("nat", "source NAT, mappings established", () => new[] { Nat() }, Outbound),
            ("load-balancer", "VIP → 8 backends, connections established", () => new[] { LoadBalancer(vip) }, ToVip),
            ("rate-limiter", "per-flow token bucket, within rate", () => new[] { RateLimiter() }, ToVip),
            ("ids", $"3 signatures, {payload.Length}-byte payload scanned, no match", () => new[] { Ids() }, ToVip),
            ("chain", "firewall → ids → load-balancer", () => new[] { Firewall(), Ids(), LoadBalancer(vip) }, ToVip),
        };
        var results = new List<NfvBenchResult>(workloads.Length);
        foreach (var w in workloads)
        {
            progress?.Invoke($"bench nfv: {w.Name} ({w.Workload})");
            var chain = new FunctionChain(w.Make());
            var clock = TimeSpan.Zero;
            Drive(chain, w.Frames, Math.Min(packets, 200_000), ref clock, out _);   // warm-up: state built, code tiered up
            var times = new double[repeats];
            long dropped = 0;
            for (var r = 0; r < repeats; r++)
            {
                var sw = Stopwatch.StartNew();
                Drive(chain, w.Frames, packets, ref clock, out var d);
                times[r] = sw.Elapsed.TotalSeconds;
                dropped += d;
            }
            Array.Sort(times);
            results.Add(new NfvBenchResult(w.Name, w.Workload, packets, times[repeats / 2], dropped));
        }
        return results;
    }

    private static void Drive(FunctionChain chain, byte[][] frames, long packets, ref TimeSpan clock, out long dropped)
    {
        dropped = 0;
        var buffer = new byte[frames[0].Length];
        var tick = TimeSpan.FromTicks(1);   // 100 ns per packet: 10 Mpps of simulated time, far inside every timeout
        for (long i = 0, f = 0; i < packets; i++)
        {
            frames[f].CopyTo(buffer, 0);
            if (++f == frames.Length) f = 0;
            clock += tick;
            if (chain.Process(buffer, clock, out _).Action == NfvAction.Drop) dropped++;
        }
    }

    private static byte[][] Frames(int flows, Func<int, byte[]> make)
    {
        var frames = new byte[flows][];
        for (var f = 0; f < flows; f++) frames[f] = make(f);
        return frames;
    }

    private static INetworkFunction Firewall()
    {
        var rules = new List<FirewallRule>();
        for (var i = 0; i < 9; i++)
            rules.Add(new FirewallRule(FirewallAction.Deny) { Protocol = TransportProtocol.Udp, DestinationPorts = PortRange.Single(1000 + i) });
        rules.Add(new FirewallRule(FirewallAction.Allow) { Protocol = TransportProtocol.Tcp, Source = new Ipv4Cidr(Ipv4(10, 0, 0, 0), 16), DestinationPorts = new PortRange(80, 443) });
        return Configured("fw", new FirewallConfig(FirewallAction.Deny, rules));
    }

    private static INetworkFunction Nat() => Configured("nat", new NatConfig(
        new SourceNat(new Ipv4Cidr(Ipv4(10, 0, 0, 0), 16), Ipv4(192, 0, 2, 1), new PortRange(1024, 65535), TimeSpan.FromSeconds(60)),
        Array.Empty<DestinationNat>()));

    private static INetworkFunction LoadBalancer(uint vip) => Configured("lb", new LoadBalancerConfig(vip, 80, TransportProtocol.Tcp,
        Enumerable.Range(1, 8).Select(i => new LoadBalancerBackend($"b{i}", Ipv4(10, 0, 1, (byte)i), 8080)).ToArray()));

    private static INetworkFunction RateLimiter() => Configured("rl", new RateLimiterConfig(new[]
    {
        new RateLimitRule(1e12, RateUnit.BitsPerSecond, 1e9, RateLimitAction.Drop) { PerFlow = true },
    }));

    private static INetworkFunction Ids() => Configured("ids", new IdsConfig(true, new[]
    {
        new IdsSignature("sqli", "' OR 1=1"u8.ToArray()) { Protocol = TransportProtocol.Tcp, DestinationPorts = PortRange.Single(80) },
        new IdsSignature("evil", new byte[] { 0xde, 0xad, 0xbe, 0xef }),
        new IdsSignature("shell", "/bin/sh"u8.ToArray()),
    }));

    private static INetworkFunction Configured(string id, NfvConfig config)
    {
        var f = NetworkFunctions.Create(id, config.Kind);
        f.Configure(1, config);
        return f;
    }

    private static uint Ipv4(byte a, byte b, byte c, byte d) => (uint)(a << 24 | b << 16 | c << 8 | d);
}
