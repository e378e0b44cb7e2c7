using SdnController.Nfv.Functions;
using SdnController.Nfv.Packets;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Model.Nfv;
using SdnController.Topology.Yaml;
using static SdnController.Nfv.Tests.Frames;

namespace SdnController.Nfv.Tests;

/// <summary>Garbage, cut-off and corrupted frames never make a function throw, and the functions of a file work as one chain.</summary>
public class RobustnessTests
{
    private const string Contract = """
        switches: [{id: s1}, {id: s2}, {id: s3}, {id: s4}]
        hosts:
          - {id: h1, attach: s1, ipv4: 10.0.0.7/24}
          - {id: h5, attach: s2, ipv4: 10.0.1.5/24}
          - {id: h6, attach: s2, ipv4: 10.0.1.6/24}
          - {id: h7, attach: s2, ipv4: 10.0.1.7/24}
        links: [{endpoints: [s1, s2]}, {endpoints: [s2, s3]}, {endpoints: [s3, s4]}]
        nfv:
          fw1:
            kind: firewall
            attach: s3
            default: deny
            rules:
              - {action: allow, proto: tcp, src: 10.0.0.0/24, dst: 10.0.9.1, dport: 80-443}
              - {action: allow, proto: icmp}
          nat1:
            kind: nat
            attach: s1
            snat: {inside: 10.0.0.0/16, address: 192.0.2.1, ports: 20000-20100, timeout: 60s}
            dnat: [{proto: tcp, address: 192.0.2.1, port: 8080, to: 10.0.1.5:80}]
          lb1: {kind: load-balancer, attach: s2, vip: 10.0.9.1:80, proto: tcp, backends: [h5, h6, h7]}
          rl1:
            kind: rate-limiter
            attach: s2
            rules: [{class: bulk, rate: 10Mbps, burst: 64KB, action: drop}, {per: flow, rate: 1000pps, action: mark}]
          ids1:
            kind: ids
            attach: s4
            block: true
            signatures: [{id: sqli, pattern: "' OR 1=1", proto: tcp, dport: 80}, {id: evil, hex: "de ad be ef", nocase: true}]
        chains:
          - {id: web-in, match: {to: h5, proto: tcp, dport: 80}, through: [fw1, ids1, lb1]}
        """;

    private static Topology.Model.Topology LoadContract()
    {
        var bag = new DiagnosticBag();
        var t = TopologyYamlLoader.LoadText(Contract, "contract.yaml", bag);
        Assert.That(t, Is.Not.Null, string.Join("\n", bag.Items));
        return t!;
    }

    private static IEnumerable<byte[]> Valid()
    {
        yield return TestFrames.Tcp(A("10.0.0.7"), 5000, A("10.0.9.1"), 80, "GET /?q=' OR 1=1"u8, syn: true);
        yield return TestFrames.Tcp(A("10.0.1.5"), 80, A("10.0.0.7"), 5000, "HTTP/1.1 200 OK"u8);
        yield return TestFrames.Udp(A("10.0.0.7"), 53, A("192.0.2.1"), 20000, new byte[] { 0xde, 0xad, 0xbe, 0xef });
        yield return TestFrames.IcmpEcho(A("10.0.0.7"), A("8.8.8.8"), 9, payload: "ping"u8);
        yield return TestFrames.Tcp(A("203.0.113.1"), 4000, A("192.0.2.1"), 8080, "x"u8);
        yield return TestFrames.Arp(A("10.0.0.7"), A("10.0.0.1"));
    }

    [Test]
    public void RandomTruncatedAndCorruptedFramesNeverThrow()
    {
        var functions = LoadContract().Nfv.Select(n => NetworkFunctions.Create(n)).ToArray();
        var random = new Random(6);
        var frames = new List<byte[]>();
        for (var i = 0; i < 2000; i++)
        {
            var f = new byte[random.Next(0, 120)];
            random.NextBytes(f);
            if (f.Length > 14 && random.Next(2) == 0) { f[12] = 0x08; f[13] = 0x00; }          // claim IPv4
            if (f.Length > 15 && random.Next(2) == 0) f[14] = (byte)(0x40 | random.Next(16));    // and a version 4 header
            frames.Add(f);
        }
        foreach (var valid in Valid())
        {
            for (var len = 0; len <= valid.Length; len++) frames.Add(valid[..len]);
            for (var i = 0; i < 300; i++)
            {
                var f = (byte[])valid.Clone();
                for (var k = random.Next(1, 4); k > 0; k--) f[random.Next(12, Math.Min(f.Length, 60))] = (byte)random.Next(256);
                frames.Add(f);
            }
        }
        Assert.That(frames.Count, Is.GreaterThan(3000));
        var t = TimeSpan.Zero;
        foreach (var frame in frames)
        {
            t += TimeSpan.FromMilliseconds(1);
            foreach (var fn in functions)
            {
                var copy = (byte[])frame.Clone();
                NfvVerdict v = default;
                Assert.DoesNotThrow(() => v = fn.Process(copy, t, "bulk"), $"{fn.Id} on {Convert.ToHexString(frame)}");
                Assert.That(copy.Length, Is.EqualTo(frame.Length));
                if (v.Action == NfvAction.Forward) Assert.That(copy, Is.EqualTo(frame), $"{fn.Id} forwarded a frame it changed");
            }
        }
        foreach (var fn in functions)
            Assert.That(fn.Counters.Total.In, Is.EqualTo(frames.Count), fn.Id);
    }

    [Test]
    public void MalformedIpv4IsDroppedByTheFunctionsThatMustFailClosed()
    {
        var functions = LoadContract().Nfv.ToDictionary(n => n.Id, n => NetworkFunctions.Create(n));
        var cut = TestFrames.Tcp(A("10.0.0.7"), 5000, A("10.0.9.1"), 80)[..30];   // IPv4 header cut off
        Assert.That(PacketView.Parse(cut, out _), Is.EqualTo(FrameClass.Malformed));
        Assert.That(functions["fw1"].Process((byte[])cut.Clone(), TimeSpan.Zero).Reason, Is.EqualTo(DropReason.Malformed));
        Assert.That(functions["nat1"].Process((byte[])cut.Clone(), TimeSpan.Zero).Reason, Is.EqualTo(DropReason.Malformed));
        Assert.That(functions["lb1"].Process((byte[])cut.Clone(), TimeSpan.Zero).Reason, Is.EqualTo(DropReason.Malformed));
    }

    [Test]
    public void TheFilesChainFiltersInspectsAndBalancesInOrder()
    {
        var topology = LoadContract();
        var chain = topology.Chains.Single();
        var runner = new Chains.FunctionChain(chain.Through.Select(id => NetworkFunctions.Create(topology.FindNfv(id)!)));
        Assert.That(runner.Functions.Select(f => f.Kind), Is.EqualTo(new[] { NfvKind.Firewall, NfvKind.Ids, NfvKind.LoadBalancer }));

        var ok = TestFrames.Tcp(A("10.0.0.7"), 5000, A("10.0.9.1"), 80, "GET /"u8, syn: true);
        var v = runner.Process(ok, TimeSpan.Zero, out var droppedAt);
        Assert.That((v.Action, droppedAt), Is.EqualTo((NfvAction.Rewritten, -1)));
        Assert.That(new[] { A("10.0.1.5"), A("10.0.1.6"), A("10.0.1.7") }, Does.Contain(View(ok).Destination));
        AssertChecksumsValid(ok);

        var attack = TestFrames.Tcp(A("10.0.0.7"), 5001, A("10.0.9.1"), 80, "GET /?q=' OR 1=1"u8);
        v = runner.Process(attack, TimeSpan.Zero, out droppedAt);
        Assert.That((v.Action, droppedAt, v.Alert?.SignatureId), Is.EqualTo((NfvAction.Drop, 1, "sqli")));
        var ssh = TestFrames.Tcp(A("10.0.0.7"), 5002, A("10.0.9.1"), 22);
        Assert.That((runner.Process(ssh, TimeSpan.Zero, out droppedAt).Reason, droppedAt), Is.EqualTo((DropReason.DefaultDeny, 0)));
        Assert.That(runner.Functions[2].Counters.Total.In, Is.EqualTo(1), "only the clean packet reached the load balancer");
    }
}

public class BenchmarkTests
{
    [Test]
    public void EveryWorkloadMeasuresThePassPath()
    {
        var results = Benchmarks.NfvBenchmark.Run(packets: 5000, repeats: 1, flows: 64, frameBytes: 256);
        Assert.That(results.Select(r => r.Name), Is.EqualTo(new[] { "firewall", "nat", "load-balancer", "rate-limiter", "ids", "chain" }));
        foreach (var r in results)
        {
            Assert.That(r.Dropped, Is.Zero, $"{r.Name}: a benchmark of dropped packets would time the wrong path");
            Assert.That(r.PacketsPerSecond, Is.GreaterThan(0));
        }
        Assert.Throws<ArgumentException>(() => Benchmarks.NfvBenchmark.Run(0, 1, 1, 256));
    }
}
