using SdnController.Southbound.Actions;
using SdnController.Southbound.Matching;
using SdnController.Southbound.Messages;
using SdnController.Southbound.Rules;
using SdnController.VirtualNetwork.Switching;
using static SdnController.VirtualNetwork.Tests.Headers.TestFrames;
using static SdnController.VirtualNetwork.Tests.Switching.SwitchFixture;

namespace SdnController.VirtualNetwork.Tests.Switching;

public class GroupTests
{
    private static SwitchFixture SelectOver(params int[] ports)
    {
        var f = new SwitchFixture(ports: 6);
        f.AddGroup(1, GroupType.Select, ports.Select(p => Bucket(Out(p)) with { WatchPort = p }).ToArray());
        f.Install(10, Match.Any, new GroupAction(1));
        return f;
    }

    private static int PortFor(SwitchFixture f, ushort srcPort, string src = "10.0.0.1")
    {
        f.Output.Clear();
        f.Receive(Tcp(srcIp: src, srcPort: srcPort), 1);
        Assert.That(f.Output.Transmitted, Has.Count.EqualTo(1));
        return f.Output.Transmitted[0].Port;
    }

    [Test]
    public void SelectSpreadsFlowsAndKeepsEachFlowOnOneBucket()
    {
        var f = SelectOver(2, 3, 4);
        var counts = new Dictionary<int, int>();
        for (ushort sp = 1000; sp < 1600; sp++)
        {
            var port = PortFor(f, sp);
            Assert.That(PortFor(f, sp), Is.EqualTo(port), "same flow, same bucket");
            counts[port] = counts.GetValueOrDefault(port) + 1;
        }
        Assert.That(counts.Keys, Is.EquivalentTo(new[] { 2, 3, 4 }));
        Assert.That(counts.Values, Is.All.InRange(140, 260), string.Join(",", counts));
    }

    [Test]
    public void SelectHonoursWeights()
    {
        var f = new SwitchFixture(ports: 4);
        f.AddGroup(1, GroupType.Select, Bucket(Out(2)) with { Weight = 3 }, Bucket(Out(3)) with { Weight = 1 }, Bucket(Out(4)) with { Weight = 0 });
        f.Install(10, Match.Any, new GroupAction(1));
        var counts = new int[5];
        for (ushort sp = 0; sp < 2000; sp++) counts[PortFor(f, sp)]++;
        Assert.That(counts[4], Is.Zero, "weight 0 is never chosen");
        Assert.That(counts[2] / (double)counts[3], Is.InRange(2.4, 3.7));
    }

    [Test]
    public void SelectMovesOnlyTheDeadBucketsFlows()
    {
        var f = SelectOver(2, 3, 4);
        var before = new Dictionary<ushort, int>();
        for (ushort sp = 0; sp < 300; sp++) before[sp] = PortFor(f, sp);
        f.Switch.SetPortLive(3, false, false, f.Output);
        for (ushort sp = 0; sp < 300; sp++)
        {
            var now = PortFor(f, sp);
            Assert.That(now, Is.Not.EqualTo(3));
            if (before[sp] != 3) Assert.That(now, Is.EqualTo(before[sp]), $"flow {sp} moved although its bucket is alive");
        }
        f.Switch.SetPortLive(2, false, false, f.Output);
        f.Switch.SetPortLive(4, false, false, f.Output);
        f.Output.Clear();
        var packet = f.Receive(Tcp(), 1);
        Assert.That(f.Output.Drops, Is.EqualTo(new[] { (packet, DropReason.NoLiveBucket) }));
    }

    [Test]
    public void FastFailoverUsesTheFirstLiveBucket()
    {
        var f = new SwitchFixture();
        f.AddGroup(5, GroupType.FastFailover, Bucket(Out(2)) with { WatchPort = 2 }, Bucket(Out(3)) with { WatchPort = 3 });
        f.Install(10, Match.Any, new GroupAction(5));
        f.Receive(Tcp(), 1);
        f.Switch.SetPortLive(2, false, notifyController: true, f.Output);
        f.Receive(Tcp(), 1);
        f.Switch.SetPortLive(3, false, notifyController: true, f.Output);
        var lost = f.Receive(Tcp(), 1);
        f.Switch.SetPortLive(2, true, notifyController: true, f.Output);
        f.Receive(Tcp(), 1);
        Assert.That(f.Output.Ports, Is.EqualTo(new[] { 2, 3, 2 }));
        Assert.That(f.Output.Drops, Is.EqualTo(new[] { (lost, DropReason.NoLiveBucket) }));
        Assert.That(f.Output.Messages.OfType<PortStatus>().Select(s => (s.Port.PortNo, s.Port.LinkUp)),
            Is.EqualTo(new[] { (2, false), (3, false), (2, true) }));
    }

    [Test]
    public void AllGroupCopiesToEveryBucketIndependently()
    {
        var f = new SwitchFixture();
        f.AddGroup(7, GroupType.All,
            Bucket(new SetFieldAction(SetField.Ipv4Dst, Ip4("10.0.0.3")), Out(3)),
            Bucket(new PushVlanAction(9), Out(4)),
            Bucket(Out(2)));
        f.Install(10, Match.Any, Out(2), new GroupAction(7));
        var original = Tcp();
        var packet = f.Receive((byte[])original.Clone(), 1);
        Assert.That(f.Output.Ports, Is.EqualTo(new[] { 2, 3, 4, 2 }));
        var frames = f.Output.Transmitted.Select(t => t.Packet.Frame).ToList();
        Assert.That(frames[0], Is.EqualTo(original));
        Assert.That(Decode(frames[1]).Extract<PacketDotNet.IPv4Packet>().DestinationAddress.ToString(), Is.EqualTo("10.0.0.3"));
        Assert.That(frames[2].Length, Is.EqualTo(original.Length + 4));
        Assert.That(frames[3], Is.EqualTo(original), "each bucket starts from the packet as it entered the group");
        Assert.That(f.Output.Transmitted.Select(t => t.Packet).Distinct().Count(), Is.EqualTo(4));
        Assert.That(f.Output.Transmitted[^1].Packet, Is.SameAs(packet), "the last output reuses the packet");
    }

    [Test]
    public void GroupBeforeMoreActionsLeavesThePacketUntouched()
    {
        var f = new SwitchFixture();
        f.AddGroup(1, GroupType.Indirect, Bucket(new SetFieldAction(SetField.L4Dst, 9), Out(3)));
        f.Install(10, Match.Any, new GroupAction(1), Out(2));
        f.Receive(Tcp(dstPort: 80), 1);
        Assert.That(f.Output.Ports, Is.EqualTo(new[] { 3, 2 }));
        Assert.That(Decode(f.Output.Transmitted[1].Packet.Frame).Extract<PacketDotNet.TcpPacket>().DestinationPort, Is.EqualTo(80));
        Assert.That(Decode(f.Output.Transmitted[0].Packet.Frame).Extract<PacketDotNet.TcpPacket>().DestinationPort, Is.EqualTo(9));
    }

    [Test]
    public void GroupChainsWork()
    {
        var f = new SwitchFixture();
        f.AddGroup(1, GroupType.Indirect, Bucket(Out(4)));
        f.AddGroup(2, GroupType.FastFailover, Bucket(new GroupAction(1)) with { WatchPort = 4 }, Bucket(Out(3)));
        f.Install(10, Match.Any, new GroupAction(2));
        f.Receive(Tcp(), 1);
        f.Switch.SetPortLive(4, false, false, f.Output);
        f.Receive(Tcp(), 1);
        Assert.That(f.Output.Ports, Is.EqualTo(new[] { 4, 3 }));
    }

    [Test]
    public void GroupErrors()
    {
        var f = new SwitchFixture();
        f.AddGroup(1, GroupType.Indirect, Bucket(Out(2)));
        var cases = new (ControllerMessage Message, SouthboundErrorCode Code)[]
        {
            (new GroupMod(1, GroupModCommand.Add, new GroupEntry(1, GroupType.All, [Bucket(Out(3))])), SouthboundErrorCode.GroupExists),
            (new GroupMod(2, GroupModCommand.Modify, new GroupEntry(9, GroupType.All, [])), SouthboundErrorCode.UnknownGroup),
            (new GroupMod(3, GroupModCommand.Delete, new GroupEntry(9, GroupType.All, [])), SouthboundErrorCode.UnknownGroup),
            (new FlowMod(4, FlowModCommand.Add, new FlowRule(1, Match.Any, [new GroupAction(9)])), SouthboundErrorCode.UnknownGroup),
            (new FlowMod(5, FlowModCommand.Add, new FlowRule(1, Match.Any, [Out(77)])), SouthboundErrorCode.BadAction),
            (new GroupMod(6, GroupModCommand.Add, new GroupEntry(2, GroupType.All, [Bucket(Out(77))])), SouthboundErrorCode.BadAction),
            (new GroupMod(7, GroupModCommand.Add, new GroupEntry(3, GroupType.FastFailover, [Bucket(Out(2)) with { WatchPort = 77 }])), SouthboundErrorCode.BadAction),
            (new GroupMod(8, GroupModCommand.Add, new GroupEntry(4, GroupType.Indirect, [Bucket(Out(2)), Bucket(Out(3))])), SouthboundErrorCode.BadRequest),
            (new GroupMod(9, GroupModCommand.Add, new GroupEntry(5, GroupType.Select, [Bucket(new GroupAction(5))])), SouthboundErrorCode.BadAction),
            (new FlowMod(10, FlowModCommand.Add, new FlowRule(1, Match.Any, [new PushVlanAction(5000)])), SouthboundErrorCode.BadAction),
            (new FlowMod(11, FlowModCommand.Add, new FlowRule(1, Match.Any, [new SetFieldAction(SetField.IpDscp, 64)])), SouthboundErrorCode.BadAction),
        };
        foreach (var (message, code) in cases)
        {
            f.Output.Clear();
            f.Send(message);
            var error = f.Output.Single<ErrorReply>();
            Assert.That((error.Xid, error.Code), Is.EqualTo((message.Xid, code)), error.Text);
            Assert.That(error.Text, Is.Not.Empty);
        }
        Assert.That(f.Switch.Flows.Count, Is.Zero, "no rejected rule was installed");
        Assert.That(f.Switch.Groups.Snapshot().Select(g => g.GroupId), Is.EqualTo(new[] { 1u }));
        Assert.That(f.Switch.Groups.Find(1)!.Type, Is.EqualTo(GroupType.Indirect));
    }

    [Test]
    public void ModifyAndDeleteGroup()
    {
        var f = new SwitchFixture();
        f.AddGroup(1, GroupType.Indirect, Bucket(Out(2)));
        f.Install(new FlowRule(10, new Match { L4Dst = 80 }, [new GroupAction(1)]) { NotifyOnRemoval = true, Cookie = 4 });
        f.Install(9, Match.Any, Out(4));
        f.Receive(Tcp(dstPort: 80), 1);
        f.Send(new GroupMod(2, GroupModCommand.Modify, new GroupEntry(1, GroupType.Indirect, [Bucket(Out(3))])));
        f.Receive(Tcp(dstPort: 80), 1);
        f.Send(new GroupMod(3, GroupModCommand.Delete, new GroupEntry(1, GroupType.Indirect, [])));
        f.Receive(Tcp(dstPort: 80), 1);
        Assert.That(f.Output.Ports, Is.EqualTo(new[] { 2, 3, 4 }), "deleting a group removes the rules that use it");
        var removed = f.Output.Single<FlowRemoved>();
        Assert.That((removed.Reason, removed.Rule.Cookie, removed.Packets), Is.EqualTo((FlowRemovedReason.GroupDelete, 4UL, 2UL)));
        Assert.That(f.Switch.Groups.Count, Is.Zero);
    }

    [Test]
    public void GroupDescReplyListsGroupsById()
    {
        var f = new SwitchFixture();
        f.AddGroup(9, GroupType.All, Bucket(Out(2)));
        f.AddGroup(3, GroupType.Select, Bucket(Out(2)), Bucket(Out(3)));
        f.Send(new GroupDescRequest(42));
        var reply = f.Output.Single<GroupDescReply>();
        Assert.That(reply.Xid, Is.EqualTo(42u));
        Assert.That(reply.Groups.Select(g => g.GroupId), Is.EqualTo(new[] { 3u, 9u }));
    }
}
