using System.Net;
using SdnController.Topology.Building;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Model;
using SdnController.VirtualNetwork.Links;
using SdnController.VirtualNetwork.Simulation;
using SdnController.VirtualNetwork.Switching;
using SdnController.VirtualNetwork.Traffic;

namespace SdnController.VirtualNetwork.Tests.Network;

/// <summary>A topology's per-link loss and queue size reach the simulated links and act on the frames crossing them.</summary>
public class LinkLossAndQueueTests
{
    private static TimeSpan Ms(double ms) => TimeSpan.FromTicks((long)Math.Round(ms * TimeSpan.TicksPerMillisecond));

    /// <summary>s1 - s2 - s3 (links s1:2—s2:1 and s2:2—s3:1, 1 ms), h1 on s1:10, h2 on s3:10; each link takes its spec's extras.</summary>
    private static Topology.Model.Topology Line(Func<LinkSpec, LinkSpec> first, Func<LinkSpec, LinkSpec> second)
    {
        var b = new TopologyBuilder("line");
        for (var i = 1; i <= 3; i++) b.AddSwitch(new SwitchSpec($"s{i}"));
        b.AddLink(first(new LinkSpec(new PortSpec("s1", 2), new PortSpec("s2", 1)) { LatencyMs = 1, BandwidthBps = 1e9 }));
        b.AddLink(second(new LinkSpec(new PortSpec("s2", 2), new PortSpec("s3", 1)) { LatencyMs = 1, BandwidthBps = 1e9 }));
        b.AddHost(new HostSpec("h1", new PortSpec("s1", 10)) { IPv4 = new InterfaceAddress(IPAddress.Parse("10.0.0.1"), 24) });
        b.AddHost(new HostSpec("h2", new PortSpec("s3", 10)) { IPv4 = new InterfaceAddress(IPAddress.Parse("10.0.0.2"), 24) });
        var diagnostics = new DiagnosticBag();
        return b.Build(diagnostics) ?? throw new InvalidOperationException(string.Join("\n", diagnostics));
    }

    [Test]
    public void The_links_own_values_win_over_the_network_options()
    {
        using var loop = EventLoop.CreateVirtual();
        var topology = Line(l => l with { LossRate = 0.2, QueuePackets = 7 }, l => l);
        var net = new SimulatedNetwork(topology, loop, new NetworkOptions { LossRate = 0.05, QueueCapacityPackets = 300 });
        Assert.That((net.Links[0].Parameters.LossRate, net.Links[0].Parameters.QueueCapacityPackets), Is.EqualTo((0.2, 7)));
        Assert.That((net.Links[1].Parameters.LossRate, net.Links[1].Parameters.QueueCapacityPackets), Is.EqualTo((0.05, 300)),
            "a link that states neither takes the network's loss and queue");
    }

    [Test]
    public void A_lossy_link_drops_about_its_share_of_the_frames_crossing_it_and_a_lossless_one_none()
    {
        using var loop = EventLoop.CreateVirtual();
        var net = new SimulatedNetwork(Line(l => l with { LossRate = 0.2 }, l => l), loop, new NetworkOptions { Seed = 7 });
        TestNet.ConnectAndInstallTreeRules(net);
        var flow = net.StartFlow(new HostFlowSpec("f", "h1", "h2", FlowProtocol.Udp, 1000, 200, Ms(10), Ms(3010), 1, 2));
        loop.RunUntil(TimeSpan.FromSeconds(4));

        var lossy = net.Links[0].AToB;
        var lossless = net.Links[1].AToB;
        var crossed = lossy.DroppedLoss + lossy.FramesDelivered;
        Assert.That(crossed, Is.GreaterThanOrEqualTo(3000), "every data frame (and the ARP traffic) reached the far end of the lossy link or was lost on it");
        // 3000 seeded draws at p = 0.2: the standard deviation of the share is 0.007.
        Assert.That((double)lossy.DroppedLoss / crossed, Is.EqualTo(0.2).Within(0.03));
        Assert.That(lossless.DroppedLoss + net.Links[1].BToA.DroppedLoss, Is.Zero);
        Assert.That(lossless.FramesDelivered, Is.EqualTo(lossy.FramesDelivered), "what survived the lossy link crossed the lossless one whole");
        Assert.That(net.Counters.Dropped(DropReason.LinkLoss), Is.EqualTo(lossy.DroppedLoss + net.Links[0].BToA.DroppedLoss));
        Assert.That((double)flow.Lost / flow.Sent, Is.EqualTo(0.2).Within(0.03), "the hosts see the same share lost");
    }

    /// <summary>
    /// A 20-frame burst at 10,000 frames/s from h1 meets a 1 Mbit/s link s2-s3, where a 1000-byte frame
    /// takes 8 ms: the 2 ms burst outruns it, so with room for two frames all but the first two are dropped.
    /// </summary>
    [TestCase(2, 2, 18)]
    [TestCase(null, 20, 0)]
    public void A_small_queue_overflows_under_a_burst(int? queue, int delivered, int droppedQueueFull)
    {
        using var loop = EventLoop.CreateVirtual();
        var topology = Line(l => l, l => l with { BandwidthBps = 1e6, QueuePackets = queue });
        var net = new SimulatedNetwork(topology, loop, new NetworkOptions());
        TestNet.ConnectAndInstallTreeRules(net);
        // One frame first, so ARP is resolved and the burst leaves h1 as sent, not released from the ARP queue.
        var warmUp = net.StartFlow(new HostFlowSpec("warm-up", "h1", "h2", FlowProtocol.Udp, 1, 1000, Ms(10), Ms(11), 1, 2));
        var burst = net.StartFlow(new HostFlowSpec("burst", "h1", "h2", FlowProtocol.Udp, 10_000, 1000, Ms(200), Ms(202), 1, 2));
        loop.RunUntil(TimeSpan.FromSeconds(1));

        Assert.That(warmUp.Delivered, Is.EqualTo(1));
        Assert.That(burst.Sent, Is.EqualTo(20));
        var narrow = net.Links[1].AToB;
        Assert.That(burst.Delivered, Is.EqualTo(delivered));
        Assert.That(narrow.DroppedQueueFull, Is.EqualTo(droppedQueueFull));
        Assert.That(narrow.MaxQueueLength, Is.EqualTo(queue ?? 20), "the queue fills to its capacity and no further");
        Assert.That(net.Counters.Dropped(DropReason.QueueFull), Is.EqualTo(droppedQueueFull));
        Assert.That(net.Links[0].AToB.DroppedQueueFull, Is.Zero, "the fast link before it kept up");
    }
}
