using System.Buffers.Binary;
using System.Collections.Immutable;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Matching;
using SdnController.Southbound.Messages;
using SdnController.Southbound.Rules;
using SdnController.VirtualNetwork.Simulation;
using SdnController.VirtualNetwork.Switching;
using SdnController.VirtualNetwork.Tests.Network;
using SdnController.VirtualNetwork.Traffic;

namespace SdnController.VirtualNetwork.Tests.Hosts;

public class HostTrafficTests
{
    private static TimeSpan Ms(double ms) => TimeSpan.FromTicks((long)Math.Round(ms * TimeSpan.TicksPerMillisecond));
    private static readonly uint H1Ip = 0x0A000001, H2Ip = 0x0A000002;

    /// <summary>One-way h1 → h2 over the 3-switch line for a frame whose serialisation rounds to 8 ticks at 1 Gbit/s: two access links (0.01 ms) and two 1 ms links.</summary>
    private static readonly TimeSpan OneWay3 = TimeSpan.FromTicks(2 * (100 + 8) + 2 * (10_000 + 8));

    private static HostFlowSpec Udp(string id, double pps, TimeSpan start, TimeSpan? stop, int bytes = 100) =>
        new(id, "h1", "h2", FlowProtocol.Udp, pps, bytes, start, stop, 5000, 6000);

    [Test]
    public void Arp_resolves_through_a_controller_that_answers_packet_ins_with_packet_outs()
    {
        using var loop = EventLoop.CreateVirtual();
        var net = new SimulatedNetwork(TestNet.Single(), loop, new NetworkOptions());
        var sink = new RecordingSink(loop);
        sink.Channel = net.Open(net.Topology.Switches[0].DatapathId, sink);
        var h1 = net.Topology.Hosts[0];
        var h2 = net.Topology.Hosts[1];
        // A tiny controller: ARP goes to it, it floods the frame out of every other host port; IPv4 by eth_dst.
        sink.OnReceive = m =>
        {
            if (m is not PacketIn pin) return;
            var outs = new[] { 1, 2 }.Where(p => p != pin.InPort).Select(p => (FlowAction)new OutputAction(p)).ToImmutableArray();
            sink.Channel.Send(new PacketOut(1, pin.Frame, pin.InPort, outs));
        };
        sink.Channel.Send(new[]
        {
            (ControllerMessage)new FlowMod(2, FlowModCommand.Add, new FlowRule(200, new Match { EthType = 0x0806 }, ImmutableArray.Create<FlowAction>(ToControllerAction.Instance))),
            new FlowMod(3, FlowModCommand.Add, new FlowRule(100, new Match { EthDst = TestNet.MacOf(h1) }, ImmutableArray.Create<FlowAction>(new OutputAction(1)))),
            new FlowMod(4, FlowModCommand.Add, new FlowRule(100, new Match { EthDst = TestNet.MacOf(h2) }, ImmutableArray.Create<FlowAction>(new OutputAction(2)))),
            new BarrierRequest(5),
        });
        PingResult? result = null;
        loop.ScheduleAt(Ms(5), () => net.Ping("h1", "h2", TimeSpan.FromSeconds(1), r => result = r));
        loop.RunUntil(TimeSpan.FromSeconds(2));

        Assert.That(result, Is.Not.Null);
        Assert.That(result!.Replied, Is.True);
        Assert.That(result.ForwardPath, Is.EqualTo(new[] { 0 }));
        Assert.That(sink.Of<PacketIn>().Count(), Is.EqualTo(2), "one ARP request and one ARP reply go through the controller");
        Assert.That(net.Hosts[0].TryGetArpEntry(H2Ip, out var mac) && mac == TestNet.MacOf(h2));
        Assert.That(net.Hosts[1].TryGetArpEntry(H1Ip, out var mac1) && mac1 == TestNet.MacOf(h1), "the target learns the asker from its request");
        Assert.That(net.Hosts[0].ArpRequestsSent, Is.EqualTo(1));
    }

    [Test]
    public void Unanswered_arp_is_retried_every_three_seconds_then_its_frames_are_dropped()
    {
        using var loop = EventLoop.CreateVirtual();
        var net = new SimulatedNetwork(TestNet.Single(), loop, new NetworkOptions());   // no rules at all
        var arpAt = new List<TimeSpan>();
        net.PacketDropped += (p, reason, where) =>
        {
            if (reason == DropReason.NoMatchingRule && BinaryPrimitives.ReadUInt16BigEndian(p.Frame.AsSpan(12, 2)) == 0x0806) arpAt.Add(loop.Now);
        };
        PingResult? result = null;
        net.Ping("h1", "h2", TimeSpan.FromSeconds(5), r => result = r);
        loop.RunUntil(TimeSpan.FromSeconds(20));
        Assert.That(result!.Replied, Is.False);
        Assert.That(result.RoundTrip, Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(result.ForwardPath, Is.Empty);
        var accessLink = TimeSpan.FromTicks(100 + 3);    // 42-byte ARP frame: 336 ns → 3 ticks
        Assert.That(arpAt, Is.EqualTo(new[] { accessLink, TimeSpan.FromSeconds(3) + accessLink, TimeSpan.FromSeconds(6) + accessLink }));
        Assert.That(net.Counters.Dropped(DropReason.NoSuchHost), Is.EqualTo(1), "the held echo request is dropped after the last retry");
    }

    [Test]
    public void Ping_over_a_three_switch_line_has_the_exact_round_trip_and_path()
    {
        using var loop = EventLoop.CreateVirtual();
        var net = new SimulatedNetwork(TestNet.Line(3), loop, new NetworkOptions());
        TestNet.ConnectAndInstallTreeRules(net);
        var results = new List<PingResult>();
        loop.ScheduleAt(Ms(10), () => net.Ping("h1", "h2", TimeSpan.FromSeconds(1), results.Add));
        loop.ScheduleAt(Ms(100), () => net.Ping("h1", "h2", TimeSpan.FromSeconds(1), results.Add));
        loop.ScheduleAt(Ms(200), () => net.Ping("h2", "h1", TimeSpan.FromSeconds(1), results.Add));
        loop.RunUntil(TimeSpan.FromSeconds(2));

        Assert.That(results, Has.Count.EqualTo(3));
        Assert.That(results.All(r => r.Replied));
        Assert.That(results[0].RoundTrip, Is.GreaterThan(OneWay3 * 2), "the first ping waits for ARP");
        Assert.That(results[1].RoundTrip, Is.EqualTo(OneWay3 * 2), "98-byte frames: 784 ns → 8 ticks per link");
        Assert.That(results[1].ForwardPath, Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(results[2].ForwardPath, Is.EqualTo(new[] { 2, 1, 0 }));
        Assert.That(results[2].RoundTrip, Is.EqualTo(OneWay3 * 2), "h2 learned h1 from its ARP request");
    }

    [Test]
    public void Udp_flow_delivers_everything_at_the_exact_rate()
    {
        using var loop = EventLoop.CreateVirtual();
        var net = new SimulatedNetwork(TestNet.Line(3), loop, new NetworkOptions());
        TestNet.ConnectAndInstallTreeRules(net);
        var sendTimes = new List<TimeSpan>();
        net.PacketDropped += (_, r, w) => Assert.Fail($"unexpected drop {r} at {w}");
        var flow = net.StartFlow(Udp("f", 1000, Ms(10), Ms(1010)));
        loop.RunUntil(TimeSpan.FromSeconds(2));

        Assert.That(flow.Sent, Is.EqualTo(1000));
        Assert.That(flow.Delivered, Is.EqualTo(1000));
        Assert.That(flow.Lost, Is.Zero);
        Assert.That(flow.LostBefore(TimeSpan.FromSeconds(2)), Is.Zero);
        Assert.That(flow.Duplicates + flow.Reordered, Is.Zero);
        Assert.That(flow.Gaps, Is.Empty);
        Assert.That(flow.SentAtOf(999), Is.EqualTo(Ms(1009)));
        Assert.That(flow.LastDeliveredAt, Is.EqualTo(Ms(1009) + OneWay3), "the last packet needs no ARP and meets empty queues");
        Assert.That(flow.CurrentPath, Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(flow.PathChanges, Has.Count.EqualTo(1));
        Assert.That(net.Counters.HostFramesSent, Is.EqualTo(1000 + 2), "1000 data frames, one ARP request, one ARP reply");
        Assert.That(net.Counters.HostFramesDelivered, Is.EqualTo(1000 + 2));
    }

    [Test]
    public void Tcp_like_flow_is_acknowledged_segment_by_segment()
    {
        using var loop = EventLoop.CreateVirtual();
        var net = new SimulatedNetwork(TestNet.Line(2), loop, new NetworkOptions());
        TestNet.ConnectAndInstallTreeRules(net);
        var flow = net.StartFlow(new HostFlowSpec("t", "h1", "h2", FlowProtocol.Tcp, 500, 1054, Ms(5), Ms(205), 40000, 80));
        loop.RunUntil(TimeSpan.FromSeconds(1));
        Assert.That(flow.Sent, Is.EqualTo(100));
        Assert.That(flow.Delivered, Is.EqualTo(100));
        Assert.That(flow.AcksReceived, Is.EqualTo(100));
        Assert.That(flow.HighestAckedBytes, Is.EqualTo(100 * 1000), "1054-byte frames carry 1000 bytes of TCP payload");
    }

    [Test]
    public void Icmp_flow_counts_requests_and_replies()
    {
        using var loop = EventLoop.CreateVirtual();
        var net = new SimulatedNetwork(TestNet.Line(2), loop, new NetworkOptions());
        TestNet.ConnectAndInstallTreeRules(net);
        var flow = net.StartFlow(new HostFlowSpec("i", "h1", "h2", FlowProtocol.Icmp, 100, 98, Ms(5), Ms(505), 0, 0));
        loop.RunUntil(TimeSpan.FromSeconds(1));
        Assert.That((flow.Sent, flow.Delivered, flow.RepliesReceived), Is.EqualTo((50L, 50L, 50L)));
    }

    [Test]
    public void Cutting_a_link_mid_flow_shows_as_one_gap_with_exact_bounds()
    {
        using var loop = EventLoop.CreateVirtual();
        var net = new SimulatedNetwork(TestNet.Line(3), loop, new NetworkOptions());
        TestNet.ConnectAndInstallTreeRules(net);
        // Packet k leaves h1 at 10 + k ms (the rules are in place by then).
        var flow = net.StartFlow(Udp("f", 1000, Ms(10), Ms(1010)));
        loop.ScheduleAt(Ms(510), () => net.SetLinkState("s1-s2", false));
        loop.ScheduleAt(Ms(710), () => net.SetLinkState("s1-s2", true));
        loop.RunUntil(TimeSpan.FromSeconds(2));

        // Packet 499 (sent at 509 ms) is on the s1-s2 wire at the cut; 700 is the first after the repair.
        Assert.That(flow.Gaps, Has.Count.EqualTo(1));
        var gap = flow.Gaps[0];
        Assert.That((gap.FirstMissingSeq, gap.MissingCount), Is.EqualTo((499L, 201L)));
        Assert.That(gap.LastDeliveredAt, Is.EqualTo(Ms(508) + OneWay3));
        Assert.That(gap.ResumedAt, Is.EqualTo(Ms(710) + OneWay3));
        Assert.That(flow.Lost, Is.EqualTo(201));
        Assert.That(flow.LostBefore(Ms(509)), Is.Zero);
        Assert.That(flow.LostBefore(Ms(610)), Is.EqualTo(101));
        Assert.That(flow.WasDelivered(498) && !flow.WasDelivered(499) && flow.WasDelivered(700));
        Assert.That(net.Counters.Dropped(DropReason.LinkDown), Is.EqualTo(1), "1 lost on the wire");
        Assert.That(net.Counters.Dropped(DropReason.PortDown), Is.EqualTo(200), "200 refused at s1's dead port");
    }

    [Test]
    public void Reordering_duplicates_and_gaps_are_told_apart()
    {
        var flow = new HostFlow(0, Udp("f", 1000, TimeSpan.Zero, null), 0, 1);
        var path = new[] { 0, 1 };
        var other = new[] { 0, 2, 1 };
        flow.OnSent(); flow.OnSent(); flow.OnSent(); flow.OnSent(); flow.OnSent(); flow.OnSent();
        flow.OnDelivered(0, Ms(1), path);
        flow.OnDelivered(1, Ms(2), path);
        flow.OnDelivered(3, Ms(4), other);   // 2 overtaken: a gap of one, and the path moved
        flow.OnDelivered(2, Ms(5), path);    // the straggler: reordered, must not flap the path back
        flow.OnDelivered(4, Ms(6), other);
        flow.OnDelivered(4, Ms(7), other);   // duplicate
        Assert.That(flow.Delivered, Is.EqualTo(5));
        Assert.That(flow.Reordered, Is.EqualTo(1));
        Assert.That(flow.Duplicates, Is.EqualTo(1));
        Assert.That(flow.Gaps, Is.EqualTo(new[] { new DeliveryGap(2, 1, Ms(2), Ms(4)) }));
        Assert.That(flow.PathChanges.Select(c => (c.At, c.Switches)), Is.EqualTo(new[] { (Ms(1), path), (Ms(4), other) }));
        Assert.That(flow.CurrentPath, Is.EqualTo(other));
        Assert.That(flow.Lost, Is.EqualTo(1), "seq 5 was sent but not delivered");
        Assert.That(flow.LostBefore(Ms(5)), Is.Zero, "0..4 were sent before 5 ms and all arrived");
    }

    [Test]
    public void Reordering_is_detected_on_the_wire_when_a_shorter_path_appears()
    {
        // Long path first (the s1-s2 link is 20 ms), then the flow is moved to a 1 ms link: later packets overtake.
        using var loop = EventLoop.CreateVirtual();
        var b = new Topology.Building.TopologyBuilder("tri");
        foreach (var s in new[] { "s1", "s2" }) b.AddSwitch(new Topology.Building.SwitchSpec(s));
        b.AddLink(new Topology.Building.LinkSpec(new Topology.Building.PortSpec("s1", 1), new Topology.Building.PortSpec("s2", 1)) { LatencyMs = 20 });
        b.AddLink(new Topology.Building.LinkSpec(new Topology.Building.PortSpec("s1", 2), new Topology.Building.PortSpec("s2", 2)) { LatencyMs = 1 });
        b.AddHost(new Topology.Building.HostSpec("h1", new Topology.Building.PortSpec("s1", 10)) { IPv4 = new(System.Net.IPAddress.Parse("10.0.0.1"), 24) });
        b.AddHost(new Topology.Building.HostSpec("h2", new Topology.Building.PortSpec("s2", 10)) { IPv4 = new(System.Net.IPAddress.Parse("10.0.0.2"), 24) });
        var topology = b.Build(new Topology.Diagnostics.DiagnosticBag())!;
        var net = new SimulatedNetwork(topology, loop, new NetworkOptions());
        var sinks = TestNet.Connect(net);
        var mac1 = TestNet.MacOf(topology.Hosts[0]);
        var mac2 = TestNet.MacOf(topology.Hosts[1]);
        // Hosts already know each other: install rules for both directions and for broadcast over the slow link.
        FlowMod Rule(uint xid, Match m, int port) => new(xid, FlowModCommand.Add, new FlowRule(100, m, ImmutableArray.Create<FlowAction>(new OutputAction(port))));
        sinks["s1"].Channel.Send(new ControllerMessage[] { Rule(1, new Match { EthDst = mac2 }, 1), Rule(2, new Match { EthDst = mac1 }, 10), Rule(3, new Match { EthDst = MacAddress.Broadcast, InPort = 10 }, 1), Rule(4, new Match { EthDst = MacAddress.Broadcast, InPort = 1 }, 10) });
        sinks["s2"].Channel.Send(new ControllerMessage[] { Rule(1, new Match { EthDst = mac1 }, 1), Rule(2, new Match { EthDst = mac2 }, 10), Rule(3, new Match { EthDst = MacAddress.Broadcast, InPort = 10 }, 1), Rule(4, new Match { EthDst = MacAddress.Broadcast, InPort = 1 }, 10) });
        var flow = net.StartFlow(Udp("f", 1000, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)));
        loop.ScheduleAt(Ms(1500), () => sinks["s1"].Channel.Send(Rule(9, new Match { EthDst = mac2 }, 2)));
        loop.RunUntil(TimeSpan.FromSeconds(3));
        Assert.That(flow.Delivered, Is.EqualTo(1000));
        Assert.That(flow.Lost, Is.Zero);
        Assert.That(flow.Reordered, Is.InRange(15, 25), "about 19 ms worth of packets on the slow link are overtaken");
        Assert.That(flow.Gaps, Has.Count.EqualTo(1));
        Assert.That(flow.PathChanges, Has.Count.EqualTo(1), "same switches on both links: the hop list does not change");
    }

    [Test]
    public void Traffic_needs_addresses_and_valid_figures()
    {
        using var loop = EventLoop.CreateVirtual();
        var net = new SimulatedNetwork(TestNet.Line(2, extraHostsWithoutIp: 1), loop, new NetworkOptions());
        var e1 = Assert.Throws<ArgumentException>(() => net.StartFlow(Udp("f", 10, TimeSpan.Zero, null) with { ToHost = "x0" }));
        Assert.That(e1!.Message, Does.Contain("host 'x0' has no IPv4 address"));
        var e2 = Assert.Throws<ArgumentException>(() => net.Ping("h1", "h3", TimeSpan.FromSeconds(1), _ => { }));
        Assert.That(e2!.Message, Does.Contain("unknown host 'h3'").And.Contain("h1").Or.Contain("h2"));
        var e3 = Assert.Throws<ArgumentException>(() => net.StartFlow(Udp("f", 10, TimeSpan.Zero, null, bytes: 40)));
        Assert.That(e3!.Message, Does.Contain("frame size 40"));
        var e4 = Assert.Throws<ArgumentException>(() => net.StartFlow(Udp("f", 0, TimeSpan.Zero, null)));
        Assert.That(e4!.Message, Does.Contain("rate"));
        net.StartFlow(Udp("f", 10, TimeSpan.Zero, null));
        var e5 = Assert.Throws<ArgumentException>(() => net.StartFlow(Udp("f", 10, TimeSpan.Zero, null)));
        Assert.That(e5!.Message, Does.Contain("already"));
    }
}
