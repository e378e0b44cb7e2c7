using SdnController.Controller.Flows;
using SdnController.Controller.Messages;
using SdnController.Controller.Planning;
using SdnController.Controller.Tests.Flows.Support;
using SdnController.Southbound.Matching;

namespace SdnController.Controller.Tests.Flows;

/// <summary>Slots by number per switch, chained by match: claims, releases, commits and number reuse.</summary>
public class DesiredRuleTableTests
{
    private RulePlanner _planner = null!;

    [OneTimeSetUp]
    public void Load() => _planner = new RulePlanner(FlowManagerTestBed.Load("topologies/ring-6.yaml"), new ControllerOptions());

    private static Match Udp(ushort port) => new() { EthType = 0x0800, IpProto = 17, L4Dst = port };

    [Test]
    public void Equal_matches_share_a_slot_which_goes_with_its_last_claimant()
    {
        var table = new DesiredRuleTable(3, _planner);
        var id = table.InternMatch(Udp(80));
        Assert.That(table.InternMatch(Udp(80)), Is.EqualTo(id), "an equal match gets the same id");
        var a = table.Claim(1, id, Udp(80), 7, 1, 2);
        var b = table.Claim(1, id, Udp(80), 7, 1, 2);
        Assert.That(b, Is.EqualTo(a));
        var added = table.Commit();
        Assert.That(added.AddCount, Is.EqualTo(1));
        Assert.That(added.AddSlots[1], Is.EqualTo(new[] { a.Number }));

        table.Release(a);
        Assert.That(table.Commit().IsEmpty, Is.True, "one claimant left");
        Assert.That(table.CountOf(1), Is.EqualTo(1));
        table.Release(1, id);
        var removed = table.Commit();
        Assert.That(removed.RemoveCount, Is.EqualTo(1));
        Assert.That(removed.RemoveSlots[1], Is.EqualTo(new[] { a.Number }));
        Assert.That(table.CountOf(1), Is.Zero);
        Assert.That(() => table.Release(1, id), Throws.InvalidOperationException);
    }

    [Test]
    public void Numbers_are_unique_per_switch_and_reused_once_freed()
    {
        var table = new DesiredRuleTable(2, _planner);
        var slots = new List<RuleSlot>();
        for (ushort p = 1; p <= 2000; p++)   // past one chunk of slots
            slots.Add(table.Claim(0, table.InternMatch(Udp(p)), Udp(p), p, 1, 2));
        // The same matches on another switch: chained by match, numbered apart.
        var other = table.Claim(1, table.InternMatch(Udp(5)), Udp(5), 5, 1, 3);
        table.Commit();
        Assert.That(slots.Select(s => s.Number).Distinct().Count(), Is.EqualTo(2000));
        Assert.That(other.SwitchIndex, Is.EqualTo(1));
        Assert.That(table.RulesOf(0).Length, Is.EqualTo(2000));

        table.Release(slots[4]);   // Udp(5) on switch 0
        table.Release(slots[1500]);
        table.Commit();
        Assert.That(table.RuleOf(other)!.Match, Is.EqualTo(Udp(5)), "the other switch's slot of the same match stays");
        var again = table.Claim(0, table.InternMatch(Udp(5)), Udp(5), 5, 1, 2);
        Assert.That(again.Number, Is.EqualTo(slots[1500].Number).Or.EqualTo(slots[4].Number), "a freed number is reused");
        Assert.That(table.RulesOf(0).Select(r => r.Match.L4Dst), Does.Contain((ushort?)5));
        Assert.That(table.CountOf(0), Is.EqualTo(1999));
    }

    [Test]
    public void Released_and_reclaimed_in_one_change_with_the_same_actions_sends_nothing_and_a_new_port_replaces()
    {
        var table = new DesiredRuleTable(1, _planner);
        var id = table.InternMatch(Udp(80));
        var slot = table.Claim(0, id, Udp(80), 1, 1, 2);
        table.Commit();
        table.Release(slot);
        table.Claim(slot, Udp(80), 1, _planner.ActionsFor(1, 2));
        Assert.That(table.Commit().IsEmpty, Is.True);
        table.Release(slot);
        table.Claim(slot, Udp(80), 1, _planner.ActionsFor(1, 3));
        var changes = table.Commit();
        Assert.That(changes.ReplaceCount, Is.EqualTo(1));
        Assert.That(changes.ReplaceSlots[0], Is.EqualTo(new[] { slot.Number }));
    }
}
