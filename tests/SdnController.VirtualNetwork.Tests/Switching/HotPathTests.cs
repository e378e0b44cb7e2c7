using System.Diagnostics;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Matching;
using SdnController.Southbound.Rules;
using SdnController.VirtualNetwork.Packets;
using static SdnController.VirtualNetwork.Tests.Headers.TestFrames;
using static SdnController.VirtualNetwork.Tests.Switching.SwitchFixture;

namespace SdnController.VirtualNetwork.Tests.Switching;

/// <summary>The data path must not allocate per packet (beyond copies for extra outputs), whatever the table holds.</summary>
public class HotPathTests
{
    private static SwitchFixture LoadedSwitch()
    {
        var f = new SwitchFixture(ports: 8);
        f.AddGroup(1, GroupType.Select, Bucket(Out(5)) with { WatchPort = 5 }, Bucket(Out(6)) with { WatchPort = 6 });
        f.AddGroup(2, GroupType.FastFailover, Bucket(Out(7)) with { WatchPort = 7 }, Bucket(Out(8)) with { WatchPort = 8 });
        // 2000 host routes, 200 L2 rules, some prefix rules: a realistic controller table, 6 mask signatures.
        for (var i = 0; i < 2000; i++)
            f.Install(100, new Match { EthType = 0x0800, Ipv4Dst = Ipv4Prefix.Host(0x0A00_0000u + (uint)i) }, Out(2 + i % 3));
        for (var i = 0; i < 200; i++)
            f.Install(50, new Match { EthDst = new MacAddress(0x0200_0000_1000UL + (ulong)i) }, Out(3));
        for (var i = 0; i < 16; i++)
            f.Install(80, new Match { Ipv4Dst = new Ipv4Prefix(0xC0A8_0000u + ((uint)i << 8), 24) }, new GroupAction(1));
        f.Install(90, new Match { InPort = 4, IpProto = 17, L4Dst = 53 }, new GroupAction(2));
        f.Install(1, Match.Any, DropAction.Instance);
        return f;
    }

    [Test]
    public void ReceiveDoesNotAllocate()
    {
        var f = LoadedSwitch();
        var frames = new[] { Tcp(dstIp: "10.0.3.7"), Udp(dstIp: "192.168.7.1", srcPort: 999), Udp(dstIp: "172.16.0.9", dstPort: 53), Arp(), Tcp(dstIp: "172.16.0.1") };
        const int n = 20_000;
        var packets = new Packet[n];
        for (var i = 0; i < n; i++) packets[i] = new Packet(i, frames[i % frames.Length], TimeSpan.Zero);
        var output = new CountingOutput();
        var inPorts = new[] { 1, 1, 4, 1, 1 };

        for (var i = 0; i < 100; i++) f.Switch.Receive(packets[i], inPorts[i % 5], TimeSpan.Zero, output); // warm up
        var watch = new Stopwatch();
        var before = GC.GetAllocatedBytesForCurrentThread();
        watch.Start();
        for (var i = 100; i < n; i++) f.Switch.Receive(packets[i], inPorts[i % 5], TimeSpan.Zero, output);
        watch.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        var probe = new RecordingOutput();
        for (var i = 0; i < frames.Length; i++) f.Switch.Receive(new Packet(i, (byte[])frames[i].Clone(), TimeSpan.Zero), inPorts[i], TimeSpan.Zero, probe);
        Assert.That(probe.Ports, Is.EqualTo(new[] { 2 + 775 % 3, 5, 7 }).Or.EqualTo(new[] { 2 + 775 % 3, 6, 7 }), string.Join(",", probe.Drops.Select(d => d.Reason)));
        Assert.That(allocated, Is.Zero, "bytes allocated by Receive");
        Assert.That(output.Transmitted, Is.EqualTo(n * 3 / 5));
        Assert.That(output.Dropped, Is.EqualTo(n * 2 / 5));
        TestContext.Out.WriteLine($"{(n - 100) / watch.Elapsed.TotalSeconds:N0} packets/s through {f.Switch.Flows.Count} rules, {f.Switch.Flows.SubtableCount} subtables");
    }
}
