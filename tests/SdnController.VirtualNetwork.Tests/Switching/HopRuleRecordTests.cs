using SdnController.Southbound.Actions;
using SdnController.Southbound.Matching;
using SdnController.Southbound.Rules;
using SdnController.VirtualNetwork.Packets;
using SdnController.VirtualNetwork.Switching;
using static SdnController.VirtualNetwork.Tests.Headers.TestFrames;
using static SdnController.VirtualNetwork.Tests.Switching.SwitchFixture;

namespace SdnController.VirtualNetwork.Tests.Switching;

/// <summary>Each hop records the rule the packet met: its cookie and the configuration version the rule carries.</summary>
public class HopRuleRecordTests
{
    [Test]
    public void Hops_record_cookie_and_version_of_the_rule_met_on_the_way()
    {
        // Three switches in a row: the first pushes VLAN 42, the second forwards it, the third pops it.
        var ingress = new SwitchFixture(index: 0);
        var transit = new SwitchFixture(index: 1);
        var egress = new SwitchFixture(index: 2);
        ingress.Install(new FlowRule(10, Match.Any, [new PushVlanAction(42), Out(2)]) { Cookie = 0x10 });
        transit.Install(new FlowRule(11, new Match { Vlan = VlanMatch.Id(42) }, [Out(2)]) { Cookie = 0x10 });
        transit.Install(new FlowRule(10, Match.Any, [Out(3)]) { Cookie = 0x20 });
        egress.Install(new FlowRule(11, new Match { Vlan = VlanMatch.Id(42) }, [new PopVlanAction(), Out(2)]) { Cookie = 0x10 });

        var packet = TrafficPacket();
        ingress.Switch.Receive(packet, 1, TimeSpan.Zero, ingress.Output);
        transit.Switch.Receive(packet, 1, TimeSpan.Zero, transit.Output);
        egress.Switch.Receive(packet, 1, TimeSpan.Zero, egress.Output);

        Assert.That(packet.Hops.ToArray(), Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(packet.HopRules.ToArray(), Is.EqualTo(new[] { new HopRule(0x10, 42), new HopRule(0x10, 42), new HopRule(0x10, 42) }));
    }

    [Test]
    public void An_untagged_rule_records_version_zero_and_a_table_miss_records_no_rule()
    {
        var first = new SwitchFixture(index: 5);
        var second = new SwitchFixture(index: 6);
        first.Install(new FlowRule(10, Match.Any, [Out(2)]) { Cookie = 0x30 });

        var packet = TrafficPacket();
        first.Switch.Receive(packet, 1, TimeSpan.Zero, first.Output);
        second.Switch.Receive(packet, 1, TimeSpan.Zero, second.Output);

        Assert.That(packet.HopRules.ToArray(), Is.EqualTo(new[] { new HopRule(0x30, 0), default }));
        Assert.That(second.Output.Drops.Single().Reason, Is.EqualTo(DropReason.NoMatchingRule));
        var copy = packet.Copy();
        Assert.That(copy.HopRules.ToArray(), Is.EqualTo(packet.HopRules.ToArray()), "a copy keeps the history");
    }

    [Test]
    public void A_rule_replaced_in_place_records_the_new_rules_version()
    {
        var f = new SwitchFixture();
        f.Install(new FlowRule(10, Match.Any, [Out(2)]) { Cookie = 1 });
        f.Install(new FlowRule(10, Match.Any, [new PushVlanAction(7), Out(2)]) { Cookie = 1 });
        var packet = TrafficPacket();
        f.Switch.Receive(packet, 1, TimeSpan.Zero, f.Output);
        Assert.That(packet.HopRules[0], Is.EqualTo(new HopRule(1, 7)));
    }

    [Test]
    public void Packets_of_no_traffic_flow_keep_no_rule_record()
    {
        var f = new SwitchFixture();
        f.Install(new FlowRule(10, Match.Any, [Out(2)]) { Cookie = 1 });
        var packet = f.Receive(Udp(), 1);
        Assert.That(packet.Hops.Length, Is.EqualTo(1));
        Assert.That(packet.HopRules.IsEmpty, Is.True);
    }

    private static Packet TrafficPacket() => new(1, Udp(), TimeSpan.Zero) { FlowIndex = 0 };
}
