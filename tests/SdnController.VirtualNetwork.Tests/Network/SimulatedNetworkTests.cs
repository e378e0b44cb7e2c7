using SdnController.Southbound;
using SdnController.Southbound.Messages;
using SdnController.VirtualNetwork.Simulation;
using SdnController.VirtualNetwork.Switching;
using SdnController.VirtualNetwork.Traffic;

namespace SdnController.VirtualNetwork.Tests.Network;

public class SimulatedNetworkTests
{
    private static TimeSpan Ms(double ms) => TimeSpan.FromTicks((long)Math.Round(ms * TimeSpan.TicksPerMillisecond));
    private static readonly TimeSpan Latency = Ms(0.5);

    [Test]
    public void Exposes_switches_hosts_and_links_in_topology_order()
    {
        using var loop = EventLoop.CreateVirtual();
        var net = new SimulatedNetwork(TestNet.Line(3), loop, new NetworkOptions());
        Assert.That(net.Switches.Select(s => s.Name), Is.EqualTo(new[] { "s1", "s2", "s3" }));
        Assert.That(((ISouthbound)net).Switches.Select(e => (e.Dpid, e.Name)), Is.EqualTo(new[] { (1UL, "s1"), (2UL, "s2"), (3UL, "s3") }));
        Assert.That(net.Hosts.Select(h => h.Id), Is.EqualTo(new[] { "h1", "h2" }));
        Assert.That(net.Links.Select(l => l.Id), Is.EqualTo(new[] { "s1-s2", "s2-s3" }));
        Assert.That(net.Switches[1].Ports.Select(p => p.PortNo), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(net.Switches[0].Ports.Select(p => p.PortNo), Is.EqualTo(new[] { 2, 10 }));
        Assert.That(net.Clock, Is.SameAs(loop.Clock));
    }

    [Test]
    public void Control_channel_connects_and_answers_in_order_after_the_latency_each_way()
    {
        using var loop = EventLoop.CreateVirtual();
        var net = new SimulatedNetwork(TestNet.Line(2), loop, new NetworkOptions());
        var sinks = TestNet.Connect(net);
        var s1 = sinks["s1"];
        loop.ScheduleAt(Ms(10), () =>
        {
            s1.Channel.Send(new FeaturesRequest(1));
            s1.Channel.Send(new BarrierRequest(2));
            s1.Channel.Send(new ControllerMessage[] { new EchoRequest(3), new BarrierRequest(4) });
            s1.Channel.Send(new BarrierRequest(5));
        });
        loop.RunUntil(Ms(20));
        Assert.That(s1.Received[0], Is.EqualTo((Latency, (SwitchMessage)new ChannelStateChanged(true))));
        var replies = s1.Received.Skip(1).ToList();
        Assert.That(replies.Select(r => r.Message.Xid), Is.EqualTo(new uint[] { 1, 2, 3, 4, 5 }));
        Assert.That(replies.All(r => r.At == Ms(10) + Latency + Latency));
        var features = (FeaturesReply)replies[0].Message;
        Assert.That(features.Dpid, Is.EqualTo(1UL));
        Assert.That(features.Ports.Select(p => (p.PortNo, p.LinkUp)), Is.EqualTo(new[] { (2, true), (10, true) }));
        Assert.That(net.Counters.ControlMessagesToSwitches, Is.EqualTo(5));
    }

    [Test]
    public void Loud_link_failure_reports_port_status_at_both_ends_and_repair_reports_up()
    {
        using var loop = EventLoop.CreateVirtual();
        var net = new SimulatedNetwork(TestNet.Line(3), loop, new NetworkOptions());
        var sinks = TestNet.Connect(net);
        loop.ScheduleAt(Ms(10), () => net.SetLinkState("s1-s2", false));
        loop.ScheduleAt(Ms(20), () => net.SetLinkState("s1-s2", true));
        loop.RunUntil(Ms(30));

        static (TimeSpan, int, bool)[] Statuses(RecordingSink s) =>
            s.Received.Where(r => r.Message is PortStatus).Select(r => (r.At, ((PortStatus)r.Message).Port.PortNo, ((PortStatus)r.Message).Port.LinkUp)).ToArray();
        Assert.That(sinks["s1"].Received[0].Message, Is.EqualTo(new ChannelStateChanged(true)));
        Assert.That(Statuses(sinks["s1"]), Is.EqualTo(new[] { (Ms(10) + Latency, 2, false), (Ms(20) + Latency, 2, true) }));
        Assert.That(Statuses(sinks["s2"]), Is.EqualTo(new[] { (Ms(10) + Latency, 1, false), (Ms(20) + Latency, 1, true) }));
        Assert.That(Statuses(sinks["s3"]), Is.Empty);
        Assert.That(net.IsLinkUp("s1-s2"), Is.True);
    }

    [Test]
    public void Silent_link_failure_drops_frames_without_any_port_status()
    {
        using var loop = EventLoop.CreateVirtual();
        var net = new SimulatedNetwork(TestNet.Line(3), loop, new NetworkOptions());
        var sinks = TestNet.ConnectAndInstallTreeRules(net);
        var flow = net.StartFlow(new HostFlowSpec("f", "h1", "h2", FlowProtocol.Udp, 1000, 100, Ms(10), Ms(110), 1, 2));
        loop.ScheduleAt(Ms(50), () => net.SetLinkState("s2-s3", false, silent: true));
        loop.RunUntil(Ms(200));
        Assert.That(sinks.Values.SelectMany(s => s.Of<PortStatus>()), Is.Empty);
        Assert.That(net.IsLinkUp("s2-s3"), Is.False);
        Assert.That(net.Switches[1].IsPortLive(2), Is.True, "the port still looks up");
        Assert.That(flow.Delivered, Is.EqualTo(38), "packets 0..37 beat the cut at 50 ms; 38 and 39 were on the s2-s3 wire");
        Assert.That(flow.Delivered + net.Counters.Dropped(DropReason.LinkDown), Is.EqualTo(100));
    }

    [Test]
    public void Switch_power_off_closes_its_channel_and_drops_carrier_at_neighbours_and_reboot_empties_tables()
    {
        using var loop = EventLoop.CreateVirtual();
        var net = new SimulatedNetwork(TestNet.Line(3), loop, new NetworkOptions());
        var sinks = TestNet.ConnectAndInstallTreeRules(net);
        var flow = net.StartFlow(new HostFlowSpec("f", "h1", "h2", FlowProtocol.Udp, 1000, 100, Ms(10), null, 1, 2));
        loop.ScheduleAt(Ms(100), () => net.SetSwitchState("s2", false));
        loop.ScheduleAt(Ms(150), () =>
        {
            Assert.That(net.IsSwitchUp("s2"), Is.False);
            sinks["s2"].Channel.Send(new BarrierRequest(77));   // discarded: the switch is off
        });
        loop.ScheduleAt(Ms(200), () => net.SetSwitchState("s2", true));
        loop.RunUntil(Ms(300));

        var s2 = sinks["s2"].Received;
        Assert.That(s2.Any(r => r.Message is BarrierReply { Xid: 77 }), Is.False);
        var channelEvents = s2.Where(r => r.Message is ChannelStateChanged).Select(r => (r.At, ((ChannelStateChanged)r.Message).Connected)).ToArray();
        Assert.That(channelEvents, Is.EqualTo(new[] { (Latency, true), (Ms(100) + Latency, false), (Ms(200) + Latency, true) }));
        foreach (var (id, port) in new[] { ("s1", 2), ("s3", 1) })
        {
            var ps = sinks[id].Of<PortStatus>().Select(p => (p.Port.PortNo, p.Port.LinkUp)).ToArray();
            Assert.That(ps, Is.EqualTo(new[] { (port, false), (port, true) }), id);
        }
        Assert.That(sinks["s2"].Of<PortStatus>().Select(p => p.Port.LinkUp), Is.All.True, "the rebooted switch reports its links up");
        // Flow rules are gone after the reboot: traffic now dies at s2 for want of a rule.
        var deliveredBeforeCut = flow.Delivered;
        Assert.That(deliveredBeforeCut, Is.InRange(85, 91));
        Assert.That(net.Counters.Dropped(DropReason.NoMatchingRule), Is.GreaterThan(90));
        Assert.That(flow.LastDeliveredAt, Is.LessThan(Ms(102)));
    }

    [Test]
    public void Same_seed_gives_identical_counters_and_another_seed_does_not()
    {
        static (string Counters, long Delivered, int Gaps) Run(int seed)
        {
            using var loop = EventLoop.CreateVirtual();
            var net = new SimulatedNetwork(TestNet.Line(4), loop, new NetworkOptions { LossRate = 0.05, Seed = seed });
            TestNet.ConnectAndInstallTreeRules(net);
            var flow = net.StartFlow(new HostFlowSpec("f", "h1", "h2", FlowProtocol.Tcp, 2000, 500, Ms(10), Ms(1010), 1, 2));
            loop.ScheduleAt(Ms(300), () => net.SetLinkState("s2-s3", false));
            loop.ScheduleAt(Ms(400), () => net.SetLinkState("s2-s3", true));
            loop.RunUntil(TimeSpan.FromSeconds(2));
            return (net.Counters.ToString(), flow.Delivered, flow.Gaps.Count);
        }
        var first = Run(3);
        Assert.That(first.Counters, Does.Contain("LinkLoss"));
        Assert.That(Run(3), Is.EqualTo(first));
        Assert.That(Run(4), Is.Not.EqualTo(first));
    }

    [Test]
    public void Bad_names_are_reported_with_suggestions()
    {
        using var loop = EventLoop.CreateVirtual();
        var net = new SimulatedNetwork(TestNet.Line(3), loop, new NetworkOptions());
        var e1 = Assert.Throws<ArgumentException>(() => net.SetLinkState("s1-s3", false));
        Assert.That(e1!.Message, Does.StartWith("unknown link 's1-s3'").And.Contain("did you mean"));
        var e2 = Assert.Throws<ArgumentException>(() => net.SetSwitchState("s9", false));
        Assert.That(e2!.Message, Does.StartWith("unknown switch 's9'"));
        var e3 = Assert.Throws<ArgumentException>(() => net.Open(99, new RecordingSink(loop)));
        Assert.That(e3!.Message, Does.Contain("datapath id"));
        Assert.Throws<ArgumentException>(() => _ = new SimulatedNetwork(TestNet.Line(2), loop, new NetworkOptions { LossRate = 2 }));
    }
}
