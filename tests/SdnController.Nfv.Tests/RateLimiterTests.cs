using SdnController.Nfv.Functions;
using SdnController.Nfv.Packets;
using SdnController.Nfv.RateLimiting;
using SdnController.Topology.Model.Nfv;
using static SdnController.Nfv.Tests.Frames;

namespace SdnController.Nfv.Tests;

public class RateLimiterTests
{
    private static RateLimiterFunction Limiter(params RateLimitRule[] rules)
    {
        var rl = new RateLimiterFunction("rl1");
        rl.Configure(1, new RateLimiterConfig(rules));
        return rl;
    }

    /// <summary>Sends at <paramref name="pps"/> for one simulated second; returns the packets that passed.</summary>
    private static int SendForOneSecond(RateLimiterFunction rl, int pps, Func<int, byte[]> frame, string? cls = null, TimeSpan? start = null)
    {
        var passed = 0;
        var t0 = start ?? TimeSpan.FromSeconds(10);
        for (var i = 0; i < pps; i++)
            if (rl.Process(frame(i), t0 + TimeSpan.FromSeconds(i / (double)pps), cls).Passes) passed++;
        return passed;
    }

    [Test]
    public void APacketRatePassesTheRatePlusTheBurstPerSecond()
    {
        var rl = Limiter(new RateLimitRule(1000, RateUnit.PacketsPerSecond, 100, RateLimitAction.Drop));
        var passed = SendForOneSecond(rl, 5000, _ => TestFrames.Udp(A("10.0.0.1"), 1, A("10.0.0.2"), 2));
        Assert.That(passed, Is.EqualTo(1100).Within(1100 * 0.01));
        Assert.That(rl.Counters.Rules[0].Dropped, Is.EqualTo(5000 - passed));
        // The next second, the bucket having been drained, passes the rate alone.
        var next = SendForOneSecond(rl, 5000, _ => TestFrames.Udp(A("10.0.0.1"), 1, A("10.0.0.2"), 2), start: TimeSpan.FromSeconds(11));
        Assert.That(next, Is.EqualTo(1000).Within(1000 * 0.01));
    }

    [Test]
    public void ABitRatePassesTheRatePlusTheBurstInBytes()
    {
        var rl = Limiter(new RateLimitRule(1e6, RateUnit.BitsPerSecond, 10_000, RateLimitAction.Drop));
        var frame = TestFrames.Udp(A("10.0.0.1"), 1, A("10.0.0.2"), 2, new byte[958]);
        Assert.That(frame.Length, Is.EqualTo(1000));
        var passed = SendForOneSecond(rl, 250, _ => (byte[])frame.Clone());   // 2 Mbit/s offered
        Assert.That(passed * 1000.0, Is.EqualTo(125_000 + 10_000).Within(135_000 * 0.01));
    }

    [Test]
    public void ClassRulesLimitOnlyTheirClassAndPerFlowRulesEachFlow()
    {
        var rl = Limiter(
            new RateLimitRule(100, RateUnit.PacketsPerSecond, 10, RateLimitAction.Drop) { Class = "bulk" },
            new RateLimitRule(50, RateUnit.PacketsPerSecond, 5, RateLimitAction.Drop) { PerFlow = true });
        Assert.That(SendForOneSecond(rl, 1000, _ => TestFrames.Udp(A("10.0.0.1"), 1, A("10.0.0.2"), 2), "bulk"), Is.EqualTo(110).Within(2));
        // Unclassified traffic falls to the per-flow rule: two flows, each its own bucket.
        var passed = SendForOneSecond(rl, 1000, i => TestFrames.Udp(A("10.0.0.1"), (ushort)(1 + i % 2), A("10.0.0.2"), 2), start: TimeSpan.FromSeconds(20));
        Assert.That(passed, Is.EqualTo(2 * 55).Within(3));
        Assert.That(rl.Process(TestFrames.Arp(A("10.0.0.1"), A("10.0.0.2")), TimeSpan.FromSeconds(21)).Passes, "only IPv4 is limited");
    }

    [Test]
    public void MarkingSetsTheDscpAndKeepsTheChecksum()
    {
        var rl = Limiter(new RateLimitRule(10, RateUnit.PacketsPerSecond, 1, RateLimitAction.Mark) { Dscp = 10 });
        var t = TimeSpan.FromSeconds(1);
        var first = TestFrames.Tcp(A("10.0.0.1"), 1, A("10.0.0.2"), 2);
        first[15] = 0x01;   // ECN bit set, TOS otherwise 0; the IP checksum now is stale, so fix it by hand
        FixIpChecksum(first);
        Assert.That(rl.Process(first, t).Action, Is.EqualTo(NfvAction.Forward));
        var second = (byte[])first.Clone();
        var v = rl.Process(second, t);
        Assert.That((v.Action, v.Rule), Is.EqualTo((NfvAction.Rewritten, 0)));
        Assert.That(View(second).Tos, Is.EqualTo((10 << 2) | 0x01), "DSCP set, ECN kept");
        AssertChecksumsValid(second);
        Assert.That(rl.Counters.Total.Dropped, Is.Zero, "marked packets pass");
    }

    private static void FixIpChecksum(byte[] frame)
    {
        frame[24] = 0;
        frame[25] = 0;
        var c = InternetChecksum.Compute(frame.AsSpan(14, 20));
        frame[24] = (byte)(c >> 8);
        frame[25] = (byte)c;
    }
}
