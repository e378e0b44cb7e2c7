using SdnController.Southbound.Messages;
using SdnController.Southbound.Nfv;
using SdnController.Topology.Model.Nfv;
using SdnController.VirtualNetwork.Simulation;
using SdnController.VirtualNetwork.Traffic;
using FabricDrop = SdnController.VirtualNetwork.Switching.DropReason;
using FunctionDrop = SdnController.Nfv.Functions.DropReason;
using static SdnController.VirtualNetwork.Tests.Functions.NfvTestNet;

namespace SdnController.VirtualNetwork.Tests.Functions;

/// <summary>The NFV management channel: versioned, idempotent, acknowledged configuration; status; counters; failure.</summary>
public class FunctionChannelTests
{
    private static TimeSpan Ms(double ms) => TimeSpan.FromTicks((long)Math.Round(ms * TimeSpan.TicksPerMillisecond));

    private static HostFlowSpec Udp(string id, double pps, TimeSpan start, TimeSpan stop) =>
        new(id, "h1", "h2", FlowProtocol.Udp, pps, 100, start, stop, 5000, 6000);

    private static readonly FirewallConfig DenyAll = new(FirewallAction.Deny, Array.Empty<FirewallRule>());

    [Test]
    public void Versions_are_acknowledged_resends_are_idempotent_and_stale_or_foreign_configurations_are_refused()
    {
        using var loop = EventLoop.CreateVirtual();
        var net = Create(loop);
        InstallSteering(net, onS1: 5, onS2: null);
        var fw = FunctionSink.Open(net, "fw1");
        var allowUdp6000 = net.FindFunction("fw1").Instance.Config;
        var idsConfig = net.FindFunction("ids1").Instance.Config;

        fw.Channel.Send(new ConfigureFunction(1, 1, allowUdp6000));
        fw.Channel.Send(new ConfigureFunction(2, 1, allowUdp6000));                 // a re-send (lost acknowledgement)
        var flow = net.StartFlow(Udp("f", 100, Ms(10), Ms(300)));
        loop.ScheduleAt(Ms(100), () =>
        {
            fw.Channel.Send(new ConfigureFunction(3, 3, DenyAll));
            fw.Channel.Send(new ConfigureFunction(4, 2, allowUdp6000));            // overtaken by version 3
            fw.Channel.Send(new ConfigureFunction(5, 0, allowUdp6000));
            fw.Channel.Send(new ConfigureFunction(6, 4, idsConfig));
            fw.Channel.Send(new FunctionStatusRequest(7));
            fw.Channel.Send(new FunctionCountersRequest(8));
        });
        var deliveredSentAt = new List<TimeSpan>();
        net.PacketDelivered += (p, _) => deliveredSentAt.Add(p.SentAt);
        loop.RunUntil(Ms(400));

        Assert.That(fw.Received[0], Is.EqualTo((Ms(0.5), (FunctionMessage)new FunctionStatus(0, FunctionState.Up, 0))), "the channel opens with the instance's state");
        Assert.That(fw.Reply<FunctionConfigured>(1), Is.EqualTo(new FunctionConfigured(1, 1, ConfigureOutcome.Applied, 1)));
        Assert.That(fw.Reply<FunctionConfigured>(2), Is.EqualTo(new FunctionConfigured(2, 1, ConfigureOutcome.AlreadyApplied, 1)));
        Assert.That(fw.Reply<FunctionConfigured>(3), Is.EqualTo(new FunctionConfigured(3, 3, ConfigureOutcome.Applied, 3)));
        Assert.That(fw.Reply<FunctionConfigured>(4), Is.EqualTo(new FunctionConfigured(4, 2, ConfigureOutcome.Stale, 3)));
        var zero = fw.Reply<FunctionConfigured>(5);
        Assert.That((zero.Outcome, zero.AppliedVersion, zero.Error), Is.EqualTo((ConfigureOutcome.Rejected, 3L, "configuration versions start at 1, got 0")));
        var foreign = fw.Reply<FunctionConfigured>(6);
        Assert.That((foreign.Outcome, foreign.AppliedVersion), Is.EqualTo((ConfigureOutcome.Rejected, 3L)));
        Assert.That(foreign.Error, Is.EqualTo("firewall 'fw1' cannot apply a ids configuration"));
        Assert.That(fw.Reply<FunctionStatus>(7), Is.EqualTo(new FunctionStatus(7, FunctionState.Up, 3)));
        var counters = fw.Reply<FunctionCountersReply>(8);
        Assert.That(counters.AppliedVersion, Is.EqualTo(3));
        Assert.That(counters.Rules.Select(r => r.Rule), Is.EqualTo(new[] { "default" }), "version 3's rules");
        Assert.That(counters.Total.Out, Is.EqualTo(10), "packets sent at 10..100 ms passed under version 1 (the one of 100 ms reached it at 100.01)");
        // Replies come back in request order, one control latency after the requests reached the function.
        Assert.That(fw.Received.Skip(1).Select(r => r.Message.Xid), Is.EqualTo(new uint[] { 1, 2, 3, 4, 5, 6, 7, 8 }));
        Assert.That(fw.Received.Where(r => r.Message.Xid >= 3).Select(r => r.At), Is.All.EqualTo(Ms(101)));

        // The rules in force really changed at 100.5 ms: deny-all from then on, and the stale push did not undo it.
        Assert.That(deliveredSentAt, Has.Count.EqualTo(10));
        Assert.That(deliveredSentAt.Max(), Is.EqualTo(Ms(100)));
        Assert.That(flow.Sent - flow.Delivered, Is.EqualTo(net.FindFunction("fw1").DroppedBy(FunctionDrop.DefaultDeny)));
    }

    [Test]
    public void A_down_function_drops_everything_reports_down_and_comes_back_holding_no_configuration()
    {
        using var loop = EventLoop.CreateVirtual();
        var net = Create(loop);
        var switches = InstallSteering(net, onS1: 5, onS2: null);
        var fw = FunctionSink.Open(net, "fw1");
        var config = net.FindFunction("fw1").Instance.Config;
        fw.Channel.Send(new ConfigureFunction(1, 1, config));
        var flow = net.StartFlow(Udp("f", 100, Ms(10), Ms(1000)));
        var deliveredSentAt = new List<TimeSpan>();
        net.PacketDelivered += (p, _) => deliveredSentAt.Add(p.SentAt);
        var reasons = new List<(TimeSpan SentAt, FabricDrop Reason)>();
        net.PacketDropped += (p, reason, where) => { if (p.FlowIndex >= 0) reasons.Add((p.SentAt, reason)); };

        loop.ScheduleAt(Ms(300), () => net.SetFunctionState("fw1", up: false));
        loop.ScheduleAt(Ms(400), () => fw.Channel.Send(new FunctionStatusRequest(2)));   // lost: nobody answers
        loop.ScheduleAt(Ms(600), () => net.SetFunctionState("fw1", up: true));
        loop.ScheduleAt(Ms(700), () => fw.Channel.Send(new FunctionStatusRequest(3)));
        loop.ScheduleAt(Ms(800), () => fw.Channel.Send(new ConfigureFunction(4, 1, config)));   // the controller re-sends
        loop.RunUntil(Ms(1100));

        Assert.That(fw.Of<FunctionStatus>().Where(s => s.Xid == 0).Select(s => (s.State, s.AppliedVersion)),
            Is.EqualTo(new[] { (FunctionState.Up, 0L), (FunctionState.Down, 1L), (FunctionState.Up, 0L) }));
        Assert.That(fw.Received.Where(r => r.Message is FunctionStatus { Xid: 0 }).Select(r => r.At).Skip(1), Is.EqualTo(new[] { Ms(300.5), Ms(600.5) }));
        Assert.That(fw.Received.Any(r => r.Message.Xid == 2), Is.False, "a request to a down instance gets no answer");
        Assert.That(fw.Reply<FunctionStatus>(3), Is.EqualTo(new FunctionStatus(3, FunctionState.Up, 0)), "the restarted instance holds no configuration");
        Assert.That(fw.Reply<FunctionConfigured>(4), Is.EqualTo(new FunctionConfigured(4, 1, ConfigureOutcome.Applied, 1)), "version 1 applies again");

        // Delivered before the failure and after the re-configuration; nothing in between, and never around the function.
        Assert.That(deliveredSentAt.Where(t => t > Ms(299) && t < Ms(800)), Is.Empty);
        Assert.That(deliveredSentAt.Count(t => t < Ms(299)), Is.EqualTo(29));
        Assert.That(deliveredSentAt.Count(t => t > Ms(801)), Is.EqualTo(flow.Sent - 80));
        Assert.That(reasons.Where(r => r.SentAt > Ms(300) && r.SentAt < Ms(600)).Select(r => r.Reason), Is.All.EqualTo(FabricDrop.FunctionDown));
        Assert.That(reasons.Count(r => r.Reason == FabricDrop.FunctionDown), Is.EqualTo(30));
        Assert.That(reasons.Where(r => r.SentAt > Ms(600) && r.SentAt < Ms(800)).Select(r => r.Reason), Is.All.EqualTo(FabricDrop.FunctionDropped));
        var fw1 = net.FindFunction("fw1");
        Assert.That(fw1.DroppedWhileDown, Is.EqualTo(30));
        Assert.That(fw1.DroppedBy(FunctionDrop.DefaultDeny), Is.EqualTo(21), "unconfigured from 600 ms until 800.5 ms: the packets sent at 600..800 ms");
        Assert.That(switches["s1"].Of<PortStatus>(), Is.Empty, "a failed function is a hung instance: its switch port stays up");
    }

    [Test]
    public void A_restart_loses_requests_in_flight_and_a_new_channel_replaces_the_old()
    {
        using var loop = EventLoop.CreateVirtual();
        var net = Create(loop);
        var first = FunctionSink.Open(net, "fw1");
        var config = net.FindFunction("fw1").Instance.Config;
        loop.ScheduleAt(Ms(10), () =>
        {
            first.Channel.Send(new ConfigureFunction(1, 1, config));   // reaches the function at 10.5 ms...
            net.SetFunctionState("fw1", false);                         // ...which is down by then
            net.SetFunctionState("fw1", true);
        });
        loop.RunUntil(Ms(20));
        Assert.That(first.Received.Any(r => r.Message.Xid == 1), Is.False);
        Assert.That(net.FindFunction("fw1").AppliedVersion, Is.Zero);

        var second = FunctionSink.Open(net, "fw1");
        second.Channel.Send(new ConfigureFunction(2, 5, config));
        Assert.Throws<ObjectDisposedException>(() => first.Channel.Send(new FunctionStatusRequest(3)));
        loop.RunUntil(Ms(30));
        Assert.That(second.Reply<FunctionConfigured>(2).Outcome, Is.EqualTo(ConfigureOutcome.Applied));
        Assert.That(first.Received.Count(r => r.Message.Xid == 2), Is.Zero);
    }
}
