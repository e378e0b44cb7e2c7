using System.Diagnostics;
using System.Globalization;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Yaml;

namespace SdnController.Scenarios.Benchmarks;

/// <summary>
/// One virtual-network chain run: packets of a steady flow delivered through the chain, and the wall time of the
/// steady phase (from the network being ready to the last delivery).
/// </summary>
/// <param name="Delivered">Packets delivered to the destination host.</param>
/// <param name="ThroughChain">Delivered packets whose hop record shows exactly fw1 → ids1 → rl1.</param>
public sealed record ChainNetworkBenchResult(string Name, string Workload, long Sent, long Delivered, long ThroughChain,
    double MedianSeconds, double VirtualSeconds)
{
    public long Lost => Sent - Delivered;
    public double PacketsPerSecond => MedianSeconds > 0 ? Delivered / MedianSeconds : 0;
    public double NanosecondsPerPacket => Delivered > 0 ? MedianSeconds * 1e9 / Delivered : 0;
}

/// <summary>
/// Packets per second through a firewall → IDS → rate limiter chain inside the virtual network, on one thread:
/// four switches in a line, h1 at s1 and h2 at s4, fw1 at s2, ids1 at s3, rl1 at s4, the chain steered by the
/// controller (VLAN-tagged segments, docs/nfv.md) exactly as in <c>sdnctl run</c>. One UDP flow h1 → h2 runs at a
/// steady rate in virtual time; the figure is packets delivered per wall second of the traffic phase, so it
/// counts every frame's trip across 9 switch hops, 3 one-arm function round trips and the functions' processing,
/// plus what the controller does meanwhile (LLDP, statistics). Setup (controller start, rules, function
/// configuration) is outside the timed phase.
/// </summary>
public static class ChainNetworkBenchmark
{
    public const string Name = "network-chain";
    // The flow's first packets wait in h1's queue (1000 packets) while h1 resolves h2's address (about 10 ms of
    // virtual time); a faster flow would overflow it and the figure would include those losses.
    private const double MaxPacketsPerVirtualSecond = 40_000;
    private static readonly string[] Chain = { "fw1", "ids1", "rl1" };

    public static ChainNetworkBenchResult Run(long packets, int repeats, int frameBytes, Action<string>? progress = null)
    {
        if (packets < 1) throw new ArgumentException("--network-packets must be 1 or more");
        if (repeats < 1) throw new ArgumentException("--repeats must be 1 or more");
        if (frameBytes is < 64 or > 9000) throw new ArgumentException("--size must be between 64 and 9000 bytes");

        // Keep the access links (1 Gbit/s) at most half busy: the figure measures processing, not queueing.
        var rate = Math.Floor(Math.Min(MaxPacketsPerVirtualSecond, 0.5e9 / (frameBytes * 8.0)));
        var durationMs = Math.Max(1, (long)Math.Ceiling(packets / rate * 1000));
        var topology = Load(Yaml(rate, frameBytes, durationMs));
        var workload = $"fw → ids → rate-limiter steered by the controller; 4 switches, 1 UDP flow at {rate:0} pps (virtual), {frameBytes}-byte frames";

        progress?.Invoke($"bench nfv: {Name} ({workload})");
        Measure(topology, out _, out _, out _, out _);   // warm-up: JIT tiers up on the same paths
        var times = new double[repeats];
        long sent = 0, delivered = 0, through = 0;
        double virtualSeconds = 0;
        for (var r = 0; r < repeats; r++)
        {
            times[r] = Measure(topology, out sent, out delivered, out through, out virtualSeconds);
        }
        Array.Sort(times);
        return new ChainNetworkBenchResult(Name, workload, sent, delivered, through, times[repeats / 2], virtualSeconds);
    }

    /// <summary>One run; the wall seconds from ready to the last delivery.</summary>
    private static double Measure(Topology.Model.Topology topology, out long sent, out long delivered, out long throughChain, out double virtualSeconds)
    {
        using var run = new ScenarioRun(topology, topology.Scenario, topology.Traffic, new RunOptions { VirtualTime = true });
        var net = run.Network;
        var chain = new int[Chain.Length];
        for (var i = 0; i < Chain.Length; i++) chain[i] = topology.Nfv.ToList().FindIndex(f => f.Id == Chain[i]);
        var clock = new Stopwatch();
        long count = 0, through = 0;
        var lastDelivery = TimeSpan.Zero;
        run.OnReady = _ => clock.Start();
        net.PacketDelivered += (p, _) =>
        {
            count++;
            var visits = p.FunctionVisits;
            var ok = visits.Length == chain.Length;
            for (var i = 0; ok && i < visits.Length; i++) ok = visits[i].Function == chain[i];
            if (ok) through++;
            lastDelivery = clock.Elapsed;
        };
        var report = run.Execute();
        sent = report.Flows.Sum(f => f.Sent);
        delivered = count;
        throughChain = through;
        virtualSeconds = run.Duration.TotalSeconds;
        return lastDelivery.TotalSeconds;
    }

    private static string Yaml(double rate, int frameBytes, long durationMs)
    {
        var ic = CultureInfo.InvariantCulture;
        return string.Format(ic, """
            name: nfv-chain-bench
            switches: [{{id: s1}}, {{id: s2}}, {{id: s3}}, {{id: s4}}]
            hosts:
              - {{id: h1, attach: "s1:10", ipv4: 10.0.0.1/24}}
              - {{id: h2, attach: "s4:10", ipv4: 10.0.0.2/24}}
            links:
              - {{id: s1-s2, endpoints: ["s1:1", "s2:1"], latency: 1ms}}
              - {{id: s2-s3, endpoints: ["s2:2", "s3:1"], latency: 1ms}}
              - {{id: s3-s4, endpoints: ["s3:2", "s4:1"], latency: 1ms}}
            nfv:
              fw1:
                kind: firewall
                attach: "s2:5"
                default: deny
                rules: [{{action: deny, proto: tcp}}, {{action: allow, proto: udp, dport: 6000}}]
              ids1:
                kind: ids
                attach: "s3:5"
                signatures: [{{id: evil, hex: "de ad be ef"}}, {{id: shell, pattern: "/bin/sh", proto: udp}}]
              rl1:
                kind: rate-limiter
                attach: "s4:5"
                rules: [{{per: flow, rate: {0:0}pps, action: drop}}]
            chains:
              - {{id: bench, match: {{from: h1, to: h2, proto: udp}}, through: [fw1, ids1, rl1]}}
            traffic:
              - {{id: steady, from: h1, to: h2, kind: udp, port: 6000, rate: {1:0}pps, size: {2}}}
            scenario: {{duration: {3}ms}}
            """, rate * 10, rate, frameBytes, durationMs);
    }

    private static Topology.Model.Topology Load(string yaml)
    {
        var bag = new DiagnosticBag();
        var t = TopologyYamlLoader.LoadText(yaml, "nfv-chain-bench.yaml", bag);
        return t ?? throw new InvalidOperationException("the benchmark topology does not load: " + string.Join("; ", bag.Items));
    }
}
