using System.Collections.Immutable;
using Akka.Actor;
using SdnController.Controller.Flows;
using SdnController.Controller.Messages;
using SdnController.Controller.Observation;
using SdnController.Controller.Protocols;
using SdnController.Controller.Tests.Flows.Support;
using SdnController.Controller.Tests.Support;
using SdnController.Southbound.Actions;

namespace SdnController.Controller.Tests.Flows;

/// <summary>Reactive routing in the flow manager: packet-in → flow → rules along the path → packet-out.</summary>
public class ReactiveSetupTests
{
    private static readonly Topology.Model.Topology Ring = FlowManagerTestBed.Load("topologies/ring-6.yaml");

    private static ControllerOptions Options(bool reactive) =>
        new() { Reactive = reactive, DrainOldPaths = false, IdleCollectionDelay = TimeSpan.Zero };

    private static ReactivePacketIn PacketIn(string switchId, int inPort, byte[] frame)
    {
        Assert.That(Ipv4FlowKey.TryParse(frame, out var key), Is.True);
        return new ReactivePacketIn(switchId, inPort, frame, key);
    }

    private static int Out(PacketToRelease p) => ((OutputAction)p.Actions.Single()).Port;

    [Test]
    public void First_packet_opens_a_flow_installs_its_path_and_is_released_at_the_ingress()
    {
        using var bed = new FlowManagerTestBed(Ring, options: Options(reactive: true));
        bed.Ready();
        var frame = TestFrames.Ipv4("10.0.0.1", "10.0.0.4", 17, 40000, 53);
        bed.Manager.Tell(PacketIn("s1", 1, frame));

        // h1 → h4 on the fast side s1 s2 s3 s4: one forward rule per switch (a UDP flow is one direction).
        foreach (var id in new[] { "s1", "s2", "s3", "s4" })
        {
            var apply = bed.Expect(id);
            var rule = apply.Add.Single();
            Assert.That((rule.Match.IpProto, rule.Match.L4Src, rule.Match.L4Dst), Is.EqualTo(((byte?)17, (ushort?)40000, (ushort?)53)), id);
        }
        var release = bed.Switches["s1"].ExpectMsg<ReleasePackets>(TimeSpan.FromSeconds(5));
        var packet = release.Packets.Single();
        Assert.That((packet.InPort, Out(packet)), Is.EqualTo((1, 2)), "out of s1 towards s2");
        Assert.That(packet.Frame.ToArray(), Is.EqualTo(frame));
        var done = bed.Observer.WaitFor<ReactiveFlowsInstalled>();
        Assert.That((done.Flows, done.Rules, done.PacketsReleased), Is.EqualTo((1, 4, 1)));
        bed.ExpectQuiet();
        Assert.That(bed.Desired("s3").Rules.Length, Is.EqualTo(1));
    }

    [Test]
    public void Duplicate_packet_ins_before_the_rules_are_in_open_one_flow_and_are_released_together()
    {
        using var bed = new FlowManagerTestBed(Ring, autoConfirm: false, options: Options(reactive: true));
        bed.Ready();
        var frame = TestFrames.Ipv4("10.0.0.2", "10.0.0.3", 6, 1234, 80);
        bed.Manager.Tell(PacketIn("s2", 1, frame));
        var s2 = bed.Expect("s2");
        var s3 = bed.Expect("s3");
        // The switch keeps sending the flow's packets up while its rules are unconfirmed.
        for (var i = 0; i < 3; i++) bed.Manager.Tell(PacketIn("s2", 1, frame));
        bed.Switches["s2"].ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        bed.ConfirmFrom("s2", s2);
        bed.Switches["s2"].ExpectNoMsg(TimeSpan.FromMilliseconds(50));   // not before every switch on the path confirmed
        bed.ConfirmFrom("s3", s3);

        var release = bed.Switches["s2"].ExpectMsg<ReleasePackets>(TimeSpan.FromSeconds(5));
        Assert.That(release.Packets.Length, Is.EqualTo(4));
        Assert.That(release.Packets.Select(Out), Is.All.EqualTo(2));
        var done = bed.Observer.WaitFor<ReactiveFlowsInstalled>();
        Assert.That((done.Flows, done.PacketsReleased), Is.EqualTo((1, 4)));
        bed.ExpectQuiet();

        // A packet that was already on its way when the rules went in is passed on, and opens nothing.
        bed.Manager.Tell(PacketIn("s2", 1, frame));
        Assert.That(bed.Switches["s2"].ExpectMsg<ReleasePackets>(TimeSpan.FromSeconds(5)).Packets.Single().InPort, Is.EqualTo(1));
        bed.ExpectQuiet();
        Assert.That(bed.Observer.Count<ReactiveFlowsInstalled>(), Is.EqualTo(1));
    }

    [Test]
    public void Held_packets_are_bounded_per_flow()
    {
        using var bed = new FlowManagerTestBed(Ring, autoConfirm: false, options: Options(reactive: true));
        bed.Ready();
        var frame = TestFrames.Ipv4("10.0.0.2", "10.0.0.3", 17, 7, 9);
        for (var i = 0; i < 40; i++) bed.Manager.Tell(PacketIn("s2", 1, frame));
        var s2 = bed.Expect("s2");
        var s3 = bed.Expect("s3");
        bed.ConfirmFrom("s2", s2);
        bed.ConfirmFrom("s3", s3);
        var release = bed.Switches["s2"].ExpectMsg<ReleasePackets>(TimeSpan.FromSeconds(5));
        Assert.That(release.Packets.Length, Is.EqualTo(ReactiveSetup.MaxHeldPerFlow), "the rest were dropped, as by a full switch buffer");
        Assert.That(bed.Observer.WaitFor<ReactiveFlowsInstalled>().Flows, Is.EqualTo(1));
    }

    [Test]
    public void Icmp_is_one_flow_per_host_pair_and_releases_the_reply_the_other_way()
    {
        using var bed = new FlowManagerTestBed(Ring, autoConfirm: false, options: Options(reactive: true));
        bed.Ready();
        bed.Manager.Tell(PacketIn("s1", 1, TestFrames.Ipv4("10.0.0.1", "10.0.0.2", 1)));
        var s1 = bed.Expect("s1");
        var s2 = bed.Expect("s2");
        Assert.That(s1.Add.Length, Is.EqualTo(2), "both directions");
        bed.Manager.Tell(PacketIn("s2", 1, TestFrames.Ipv4("10.0.0.2", "10.0.0.1", 1)));
        bed.ConfirmFrom("s1", s1);
        bed.ConfirmFrom("s2", s2);
        Assert.That(Out(bed.Switches["s1"].ExpectMsg<ReleasePackets>(TimeSpan.FromSeconds(5)).Packets.Single()), Is.EqualTo(2));
        Assert.That(Out(bed.Switches["s2"].ExpectMsg<ReleasePackets>(TimeSpan.FromSeconds(5)).Packets.Single()), Is.EqualTo(3), "the reply goes back towards s1");
        Assert.That(bed.Observer.WaitFor<ReactiveFlowsInstalled>().Flows, Is.EqualTo(1));
    }

    [Test]
    public void Proactive_routing_and_unknown_hosts_open_no_flow()
    {
        using (var bed = new FlowManagerTestBed(Ring, options: Options(reactive: false)))
        {
            bed.Ready();
            bed.Manager.Tell(PacketIn("s1", 1, TestFrames.Ipv4("10.0.0.1", "10.0.0.4", 17, 1, 2)));
            bed.ExpectQuiet();
            Assert.That(bed.Observer.Count<ReactiveFlowsInstalled>(), Is.Zero);
        }
        using (var bed = new FlowManagerTestBed(Ring, options: Options(reactive: true)))
        {
            bed.Ready();
            bed.Manager.Tell(PacketIn("s1", 1, TestFrames.Ipv4("10.0.0.1", "192.0.2.7", 17, 1, 2)));
            bed.Manager.Tell(PacketIn("s1", 1, TestFrames.Ipv4("10.0.0.1", "10.0.0.1", 17, 1, 2)));
            bed.ExpectQuiet();
            Assert.That(bed.Observer.Count<ReactiveFlowsInstalled>(), Is.Zero);
        }
    }

    [Test]
    public void A_reactive_flow_reroutes_when_its_link_fails()
    {
        using var bed = new FlowManagerTestBed(Ring, options: Options(reactive: true));
        bed.Ready();
        bed.Manager.Tell(PacketIn("s1", 1, TestFrames.Ipv4("10.0.0.1", "10.0.0.4", 17, 40000, 53)));
        bed.Observer.WaitFor<ReactiveFlowsInstalled>();
        foreach (var p in bed.Switches.Values) p.ReceiveWhile<object>(TimeSpan.FromMilliseconds(50), m => m);
        bed.Change(null, bed.Link("s2", "s3", up: false));
        var e = bed.Observer.WaitFor<RerouteCompleted>();
        Assert.That((e.AffectedFlows, e.ReroutedFlows), Is.EqualTo((1, 1)));
        Assert.That(bed.Desired("s6").Rules.Length, Is.EqualTo(1), "now on the long side");
    }
}
