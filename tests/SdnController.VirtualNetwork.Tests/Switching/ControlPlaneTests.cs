using SdnController.Southbound.Actions;
using SdnController.Southbound.Matching;
using SdnController.Southbound.Messages;
using SdnController.Southbound.Rules;
using SdnController.VirtualNetwork.Switching;
using static SdnController.VirtualNetwork.Tests.Headers.TestFrames;
using static SdnController.VirtualNetwork.Tests.Switching.SwitchFixture;

namespace SdnController.VirtualNetwork.Tests.Switching;

public class ControlPlaneTests
{
    private static readonly Match Web = new() { L4Dst = 80 };

    private static TimeSpan Ms(int ms) => TimeSpan.FromMilliseconds(ms);

    [Test]
    public void FeaturesEchoBarrierAndUnknownMessages()
    {
        var f = new SwitchFixture(ports: 3);
        f.Switch.SetPortLive(2, false, false, f.Output);
        f.Send(new FeaturesRequest(1));
        f.Send(new EchoRequest(2));
        f.Send(new BarrierRequest(3));
        f.Send(new UnknownMessage(4));
        var features = (FeaturesReply)f.Output.Messages[0];
        Assert.That((features.Xid, features.Dpid), Is.EqualTo((1u, 0xABCDUL)));
        Assert.That(features.Ports.Select(p => (p.PortNo, p.LinkUp)), Is.EqualTo(new[] { (1, true), (2, false), (3, true) }));
        Assert.That(f.Output.Messages[1], Is.EqualTo(new EchoReply(2)));
        Assert.That(f.Output.Messages[2], Is.EqualTo(new BarrierReply(3)));
        var error = (ErrorReply)f.Output.Messages[3];
        Assert.That((error.Xid, error.Code), Is.EqualTo((4u, SouthboundErrorCode.BadRequest)));
        Assert.That(f.Switch.Ports[1].LinkUp, Is.False);
        Assert.That(f.Switch.IsPortLive(2), Is.False);
        Assert.That(f.Switch.IsPortLive(3), Is.True);
        Assert.That(f.Switch.IsPortLive(99), Is.False);
    }

    private sealed record UnknownMessage(uint Xid) : ControllerMessage(Xid);

    [Test]
    public void CountersAndFlowStats()
    {
        var f = new SwitchFixture();
        f.Install(new FlowRule(10, Web, [Out(2)]) { Cookie = 0x101 });
        f.Install(new FlowRule(5, Match.Any, [Out(3)]) { Cookie = 0x202 });
        var frame = Tcp(dstPort: 80);
        f.Now = Ms(10);
        f.Receive(Tcp(dstPort: 80), 1);
        f.Now = Ms(20);
        f.Receive(Tcp(dstPort: 80), 1);
        f.Receive(Tcp(dstPort: 22), 1);
        var web = f.Switch.Flows.FindStrict(10, Web)!;
        Assert.That((web.Packets, web.Bytes, web.LastUsed, web.InstalledAt), Is.EqualTo((2UL, 2UL * (ulong)frame.Length, Ms(20), TimeSpan.Zero)));

        f.Now = Ms(50);
        f.Send(new FlowStatsRequest(7) { Cookie = 0x100, CookieMask = 0xF00 });
        var reply = f.Output.Single<FlowStatsReply>();
        Assert.That(reply.Xid, Is.EqualTo(7u));
        Assert.That(reply.Flows, Has.Length.EqualTo(1));
        Assert.That((reply.Flows[0].Rule.Cookie, reply.Flows[0].Packets, reply.Flows[0].Duration), Is.EqualTo((0x101UL, 2UL, Ms(50))));
        f.Output.Clear();
        f.Send(new FlowStatsRequest(8));
        Assert.That(f.Output.Single<FlowStatsReply>().Flows.Select(s => s.Rule.Priority), Is.EqualTo(new[] { 10, 5 }));
    }

    [Test]
    public void PortStatsCountReceiveAndTransmit()
    {
        var f = new SwitchFixture(ports: 3);
        f.Install(10, Match.Any, Out(2), Out(3));
        var frame = Udp();
        f.Receive(Udp(), 1);
        f.Receive(Udp(), 1);
        f.Send(new PortStatsRequest(5));
        var stats = f.Output.Single<PortStatsReply>().Ports;
        var len = (ulong)frame.Length;
        Assert.That(stats.Select(s => (s.PortNo, s.RxPackets, s.RxBytes, s.TxPackets, s.TxBytes)), Is.EqualTo(new[]
        {
            (1, 2UL, 2 * len, 0UL, 0UL),
            (2, 0UL, 0UL, 2UL, 2 * len),
            (3, 0UL, 0UL, 2UL, 2 * len),
        }));
    }

    [Test]
    public void AddReplacesAndResetsCountersModifyKeepsThem()
    {
        var f = new SwitchFixture();
        f.Install(10, Web, Out(2));
        f.Receive(Tcp(dstPort: 80), 1);
        f.Send(new FlowMod(1, FlowModCommand.ModifyStrict, new FlowRule(10, Web, [Out(3)])));
        var entry = f.Switch.Flows.FindStrict(10, Web)!;
        Assert.That(entry.Packets, Is.EqualTo(1UL), "modify keeps counters");
        f.Receive(Tcp(dstPort: 80), 1);
        Assert.That(f.Output.Ports, Is.EqualTo(new[] { 2, 3 }));
        Assert.That(entry.Packets, Is.EqualTo(2UL));

        f.Now = Ms(5);
        f.Send(new FlowMod(2, FlowModCommand.Add, new FlowRule(10, Web, [Out(4)])));
        var replaced = f.Switch.Flows.FindStrict(10, Web)!;
        Assert.That((replaced.Packets, replaced.InstalledAt, f.Switch.Flows.Count), Is.EqualTo((0UL, Ms(5), 1)));

        f.Send(new FlowMod(3, FlowModCommand.ModifyStrict, new FlowRule(11, Web, [Out(2)])));
        Assert.That(f.Switch.Flows.Count, Is.EqualTo(2), "modify-strict of a missing entry adds it");
        Assert.That(f.Output.Messages, Is.Empty);
    }

    [Test]
    public void DeleteByCookieUnderMask()
    {
        var f = new SwitchFixture();
        for (var i = 0; i < 6; i++)
            f.Install(new FlowRule(i, new Match { L4Dst = (ushort)i }, [Out(2)]) { Cookie = 0x1000UL * (ulong)(i % 3) + (ulong)i, NotifyOnRemoval = i == 1 });
        f.Now = Ms(30);
        // Cookies 0x0000,0x1001,0x2002,0x0003,0x1004,0x2005: the 0x1xxx ones go.
        f.Send(new FlowMod(1, FlowModCommand.Delete, new FlowRule(0, Match.Any, []) { Cookie = 0x1000 }) { CookieMask = 0xF000 });
        Assert.That(f.Switch.Flows.Snapshot().Select(e => e.Rule.Priority), Is.EqualTo(new[] { 5, 3, 2, 0 }));
        var removed = f.Output.Single<FlowRemoved>();
        Assert.That((removed.Reason, removed.Rule.Priority, removed.Duration), Is.EqualTo((FlowRemovedReason.Delete, 1, Ms(30))));
        f.Send(new FlowMod(2, FlowModCommand.Delete, new FlowRule(0, Match.Any, []) { Cookie = 0x1234 }));
        Assert.That(f.Switch.Flows.Count, Is.Zero, "mask 0 deletes everything");
    }

    [Test]
    public void DeleteStrictNeedsPriorityMatchAndCookie()
    {
        var f = new SwitchFixture();
        f.Install(new FlowRule(10, Web, [Out(2)]) { Cookie = 7 });
        f.Install(new FlowRule(11, Web, [Out(2)]) { Cookie = 7 });
        f.Send(new FlowMod(1, FlowModCommand.DeleteStrict, new FlowRule(10, Web with { L4Src = 1 }, [])));
        f.Send(new FlowMod(2, FlowModCommand.DeleteStrict, new FlowRule(10, Web, []) { Cookie = 8 }) { CookieMask = ulong.MaxValue });
        Assert.That(f.Switch.Flows.Count, Is.EqualTo(2));
        f.Send(new FlowMod(3, FlowModCommand.DeleteStrict, new FlowRule(10, Web, []) { Cookie = 7 }) { CookieMask = ulong.MaxValue });
        Assert.That(f.Switch.Flows.Snapshot().Single().Rule.Priority, Is.EqualTo(11));
        Assert.That(f.Output.Messages, Is.Empty, "no notify flag, no flow-removed");
    }

    [Test]
    public void IdleAndHardTimeouts()
    {
        var f = new SwitchFixture();
        Assert.That(f.Switch.NextExpiry, Is.Null);
        f.Install(new FlowRule(10, Web, [Out(2)]) { IdleTimeout = Ms(100), NotifyOnRemoval = true });
        f.Install(new FlowRule(9, Match.Any, [Out(3)]) { HardTimeout = Ms(250), IdleTimeout = Ms(1000), NotifyOnRemoval = true });
        f.Install(8, new Match { EthType = 0x0806 }, Out(4));
        Assert.That(f.Switch.NextExpiry, Is.EqualTo(Ms(100)));

        f.Now = Ms(60);
        f.Receive(Tcp(dstPort: 80), 1);
        Assert.That(f.Switch.NextExpiry, Is.EqualTo(Ms(160)), "a hit pushes the idle deadline");
        f.Switch.Expire(Ms(159), f.Output);
        Assert.That(f.Switch.Flows.Count, Is.EqualTo(3));
        f.Switch.Expire(Ms(160), f.Output);
        Assert.That(f.Switch.Flows.Count, Is.EqualTo(2));
        var idle = f.Output.Single<FlowRemoved>();
        Assert.That((idle.Reason, idle.Packets, idle.Duration), Is.EqualTo((FlowRemovedReason.IdleTimeout, 1UL, Ms(160))));

        Assert.That(f.Switch.NextExpiry, Is.EqualTo(Ms(250)));
        f.Now = Ms(200);
        f.Receive(Tcp(dstPort: 22), 1); // idle would now be 1200 but hard stays 250
        f.Output.Clear();
        f.Switch.Expire(Ms(250), f.Output);
        Assert.That(f.Output.Single<FlowRemoved>().Reason, Is.EqualTo(FlowRemovedReason.HardTimeout));
        Assert.That(f.Switch.NextExpiry, Is.Null);
        Assert.That(f.Switch.Flows.Count, Is.EqualTo(1), "the rule without timeouts stays");
    }

    [Test]
    public void PacketOutRunsActionsOnTheFrame()
    {
        var f = new SwitchFixture(index: 6);
        var frame = Arp();
        f.Now = Ms(3);
        f.Send(new PacketOut(77, frame, PortNumbers.Controller, [new SetFieldAction(SetField.EthSrc, 0x0200_0000_0099UL), Out(2), Out(3)]));
        Assert.That(f.Output.Ports, Is.EqualTo(new[] { 2, 3 }));
        var sent = f.Output.Transmitted[1].Packet;
        Assert.That((sent.Id, sent.SentAt, sent.Hops.ToArray()), Is.EqualTo((77L, Ms(3), new[] { 6 })));
        Assert.That(Decode(sent.Frame).SourceHardwareAddress.ToString(), Is.EqualTo("020000000099"));
        Assert.That(frame[6], Is.EqualTo(0x02), "the controller's buffer is not modified");
        Assert.That(Decode(frame).SourceHardwareAddress.ToString(), Is.EqualTo("02000000000A"));

        f.Output.Clear();
        f.Send(new PacketOut(78, frame, 4, [Out(PortNumbers.InPort)]));
        Assert.That(f.Output.Ports, Is.EqualTo(new[] { 4 }), "in_port of a packet-out is the port it pretends to come from");

        f.Output.Clear();
        f.Send(new PacketOut(79, frame, PortNumbers.Controller, [Out(12)]));
        f.Send(new PacketOut(80, frame, 12, [Out(2)]));
        Assert.That(f.Output.Messages.Cast<ErrorReply>().Select(e => (e.Xid, e.Code)),
            Is.EqualTo(new[] { (79u, SouthboundErrorCode.BadAction), (80u, SouthboundErrorCode.BadRequest) }));
        Assert.That(f.Output.Transmitted, Is.Empty);
    }

    [Test]
    public void PacketOutDoesNotTouchFlowCounters()
    {
        var f = new SwitchFixture();
        f.Install(10, Match.Any, Out(2));
        f.Send(new PacketOut(1, Tcp(), PortNumbers.Controller, [Out(3)]));
        Assert.That(f.Switch.Flows.Snapshot()[0].Packets, Is.Zero);
        Assert.That(f.Output.Ports, Is.EqualTo(new[] { 3 }));
    }

    [Test]
    public void PortStatusOnlyWhenAskedAndChanged()
    {
        var f = new SwitchFixture();
        f.Switch.SetPortLive(1, false, notifyController: false, f.Output);
        f.Switch.SetPortLive(1, false, notifyController: true, f.Output);
        f.Switch.SetPortLive(1, true, notifyController: true, f.Output);
        var status = f.Output.Single<PortStatus>();
        Assert.That((status.Reason, status.Port.PortNo, status.Port.LinkUp), Is.EqualTo((PortStatusReason.Modify, 1, true)));
        Assert.Throws<ArgumentOutOfRangeException>(() => f.Switch.SetPortLive(42, true, true, f.Output));
    }

    [Test]
    public void ResetEmptiesTables()
    {
        var f = new SwitchFixture();
        f.AddGroup(1, GroupType.All, Bucket(Out(2)));
        f.Install(new FlowRule(10, Match.Any, [new GroupAction(1)]) { IdleTimeout = Ms(5) });
        f.Receive(Tcp(), 1);
        f.Switch.Reset();
        Assert.That((f.Switch.Flows.Count, f.Switch.Groups.Count, f.Switch.NextExpiry), Is.EqualTo((0, 0, (TimeSpan?)null)));
        f.Output.Clear();
        var packet = f.Receive(Tcp(), 1);
        Assert.That(f.Output.Drops, Is.EqualTo(new[] { (packet, DropReason.NoMatchingRule) }));
        f.Send(new PortStatsRequest(1));
        Assert.That(f.Output.Single<PortStatsReply>().Ports[0].RxPackets, Is.EqualTo(1UL), "counters restart at power-up");
        f.Install(10, Match.Any, Out(2));
        f.Output.Clear();
        f.Receive(Tcp(), 1);
        Assert.That(f.Output.Ports, Is.EqualTo(new[] { 2 }));
    }

    [Test]
    public void ConstructorRejectsBadPortLists()
    {
        var mac = new MacAddress(1);
        Assert.Throws<ArgumentException>(() => new VirtualSwitch(0, "s", 1, [new(1, mac, "a", true), new(1, mac, "b", true)]));
        Assert.Throws<ArgumentException>(() => new VirtualSwitch(0, "s", 1, [new(0, mac, "a", true)]));
        var big = new VirtualSwitch(0, "s", 1, [new(1, mac, "a", true), new(100_000, mac, "b", true)]);
        big.Handle(new FlowMod(1, FlowModCommand.Add, new FlowRule(1, Match.Any, [Out(100_000)])), TimeSpan.Zero, new RecordingOutput());
        var output = new RecordingOutput();
        big.Receive(new Packets.Packet(1, Tcp(), TimeSpan.Zero), 1, TimeSpan.Zero, output);
        Assert.That(output.Ports, Is.EqualTo(new[] { 100_000 }));
    }
}
