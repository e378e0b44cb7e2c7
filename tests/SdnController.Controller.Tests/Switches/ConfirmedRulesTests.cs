using System.Collections.Immutable;
using SdnController.Controller.Messages;
using SdnController.Controller.Switches;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Matching;
using SdnController.Southbound.Rules;

namespace SdnController.Controller.Tests.Switches;

/// <summary>Confirmed rules, slotted or keyed, read exactly as the updates applied one after another by key.</summary>
public class ConfirmedRulesTests
{
    private static FlowRule Rule(ushort port, int outPort) =>
        new(1000, new Match { EthType = 0x0800, IpProto = 17, L4Dst = port }, OutputActions.To(outPort));

    private static ApplyRules Update(FlowRule[] add, FlowRule[] remove) =>
        new(1, [.. add], [.. remove], default);

    private static ApplyRules Slotted(FlowRule[] add, int[] addSlots, FlowRule[] remove, int[] removeSlots) =>
        new(1, [.. add], [.. remove], default) { AddSlots = [.. addSlots], RemoveSlots = [.. removeSlots] };

    [Test]
    public void Keyed_updates_apply_in_confirmation_order()
    {
        var rules = new ConfirmedRules();
        var a1 = Rule(80, 1);
        var a2 = Rule(80, 2);   // same key as a1: replaces it
        var b = Rule(443, 1);
        rules.Apply(Update([a1, b], []));
        rules.Apply(Update([a2], []));
        rules.Apply(Update([], [b]));
        Assert.That(rules.Rules(), Is.EquivalentTo(new[] { a2 }));

        // A removal then a re-add of the same key in a later update leaves the re-added rule.
        rules.Apply(Update([], [a2]));
        rules.Apply(Update([a1], []));
        Assert.That(rules.Rules(), Is.EquivalentTo(new[] { a1 }));
    }

    [Test]
    public void A_slot_reused_before_the_old_rules_removal_is_confirmed_keeps_both_until_then()
    {
        var rules = new ConfirmedRules();
        var old = Rule(80, 1);
        var next = Rule(443, 2);
        rules.Apply(Slotted([old], [0], [], []));
        // The flow manager freed slot 0 and gave it to another rule; the old rule's removal comes later.
        rules.Apply(Slotted([next], [0], [], []));
        Assert.That(rules.Rules(), Is.EquivalentTo(new[] { old, next }), "the old rule is still on the switch");
        rules.Apply(Slotted([], [], [old], [0]));
        Assert.That(rules.Rules(), Is.EquivalentTo(new[] { next }), "the removal did not clear the slot's new rule");
        Assert.That(rules.Count, Is.EqualTo(1));
    }

    [Test]
    public void A_removal_of_a_slot_that_holds_another_rule_leaves_it()
    {
        var rules = new ConfirmedRules();
        var a = Rule(80, 1);
        var b = Rule(443, 1);
        rules.Apply(Slotted([a], [3], [], []));
        rules.Apply(Slotted([], [], [b], [3]));
        Assert.That(rules.Rules(), Is.EquivalentTo(new[] { a }));
    }

    [Test]
    public void Slotted_and_keyed_updates_mixed_give_the_table_of_updates_applied_by_key()
    {
        var random = new Random(7);
        var confirmed = new ConfirmedRules();
        var direct = new Dictionary<RuleKey, FlowRule>(RuleKeyComparer.Instance);
        // The flow manager's view: one slot per live key, numbers reused once freed.
        var slotOf = new Dictionary<ushort, int>();
        var free = new Stack<int>();
        var next = 0;
        for (var i = 0; i < 400; i++)
        {
            if (random.Next(15) == 0)
            {
                // A resync-like keyed edit: rules the switch reported, without slots.
                var keyed = confirmed.Keyed;
                var port = (ushort)random.Next(30);
                var rule = Rule(port, 9);
                keyed[RuleKey.Of(rule)] = rule;
                direct[RuleKey.Of(rule)] = rule;
                confirmed.EndKeyedEdit(ImmutableArray<FlowRule>.Empty);
                continue;
            }
            var addPorts = Enumerable.Range(0, random.Next(5)).Select(_ => (ushort)random.Next(30)).Distinct().ToArray();
            var removePorts = Enumerable.Range(0, random.Next(3)).Select(_ => (ushort)random.Next(30)).Where(p => slotOf.ContainsKey(p) && !addPorts.Contains(p)).Distinct().ToArray();
            var removes = removePorts.Select(p => direct.Values.FirstOrDefault(r => r.Match.L4Dst == p) ?? Rule(p, 1)).ToArray();
            var removeSlots = removePorts.Select(p => slotOf[p]).ToArray();
            foreach (var p in removePorts)
            {
                free.Push(slotOf[p]);
                slotOf.Remove(p);
            }
            var adds = addPorts.Select(p => Rule(p, random.Next(1, 4))).ToArray();
            var addSlots = addPorts.Select(p => slotOf.TryGetValue(p, out var s) ? s : slotOf[p] = free.Count > 0 ? free.Pop() : next++).ToArray();
            // Removals go in their own update (phase 3), adds in another (phase 1), in either order.
            var removal = Slotted([], [], removes, removeSlots);
            var addition = random.Next(4) == 0 ? Update(adds, []) : Slotted(adds, addSlots, [], []);
            foreach (var update in random.Next(2) == 0 ? new[] { removal, addition } : new[] { addition, removal })
            {
                confirmed.Apply(update);
                RuleTableUpdate.Apply(direct, update);
            }
            if (random.Next(10) == 0) Assert.That(confirmed.Snapshot(), Is.EquivalentTo(direct), $"step {i}");
        }
        Assert.That(confirmed.Snapshot(), Is.EquivalentTo(direct));
        Assert.That(confirmed.Count, Is.EqualTo(direct.Count));
    }

    [Test]
    public void Clear_forgets_slotted_and_keyed_rules()
    {
        var rules = new ConfirmedRules();
        rules.Apply(Slotted([Rule(80, 1)], [0], [], []));
        rules.Apply(Update([Rule(443, 1)], []));
        rules.Clear();
        Assert.That(rules.Rules(), Is.Empty);
        Assert.That(rules.Count, Is.Zero);
    }
}
