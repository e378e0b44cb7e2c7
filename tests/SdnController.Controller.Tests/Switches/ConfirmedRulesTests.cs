using System.Collections.Immutable;
using SdnController.Controller.Messages;
using SdnController.Controller.Switches;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Matching;
using SdnController.Southbound.Rules;

namespace SdnController.Controller.Tests.Switches;

/// <summary>Logged confirmations read exactly as if each had been applied when it was confirmed.</summary>
public class ConfirmedRulesTests
{
    private static FlowRule Rule(ushort port, int outPort) =>
        new(1000, new Match { EthType = 0x0800, IpProto = 17, L4Dst = port }, OutputActions.To(outPort));

    private static ApplyRules Update(FlowRule[] add, FlowRule[] remove) =>
        new(1, [.. add], [.. remove], default);

    [Test]
    public void Reads_apply_the_logged_updates_in_confirmation_order()
    {
        var rules = new ConfirmedRules();
        var a1 = Rule(80, 1);
        var a2 = Rule(80, 2);   // same key as a1: replaces it
        var b = Rule(443, 1);
        Assert.That(rules.Log(Update([a1, b], [])), Is.True, "first entry of an empty log");
        Assert.That(rules.Log(Update([a2], [])), Is.False);
        Assert.That(rules.Log(Update([], [b])), Is.False);
        Assert.That(rules.HasLogged, Is.True);

        var table = rules.Table;
        Assert.That(rules.HasLogged, Is.False, "reading applied the log");
        Assert.That(table.Values, Is.EquivalentTo(new[] { a2 }));

        // A removal then a re-add of the same key in a later update leaves the re-added rule.
        rules.Log(Update([], [a2]));
        rules.Log(Update([a1], []));
        Assert.That(rules.Table.Values, Is.EquivalentTo(new[] { a1 }));
    }

    [Test]
    public void The_same_update_applied_directly_gives_the_same_table()
    {
        var random = new Random(7);
        var logged = new ConfirmedRules();
        var direct = new Dictionary<RuleKey, FlowRule>(RuleKeyComparer.Instance);
        for (var i = 0; i < 200; i++)
        {
            var add = Enumerable.Range(0, random.Next(5)).Select(_ => Rule((ushort)random.Next(20), random.Next(1, 4))).ToArray();
            var remove = Enumerable.Range(0, random.Next(3)).Select(_ => Rule((ushort)random.Next(20), 1)).ToArray();
            var update = Update(add, remove);
            logged.Log(update);
            RuleTableUpdate.Apply(direct, update);
            if (random.Next(10) == 0) Assert.That(logged.Table, Is.EquivalentTo(direct));
        }
        Assert.That(logged.Table, Is.EquivalentTo(direct));
    }

    [Test]
    public void A_long_log_is_applied_on_its_own()
    {
        var rules = new ConfirmedRules();
        var many = Enumerable.Range(0, ConfirmedRules.MaxLoggedRules + 1).Select(i => Rule((ushort)(i % 60000), 1 + i / 60000)).ToArray();
        rules.Log(Update(many, []));
        Assert.That(rules.HasLogged, Is.False, "past the bound the log is applied at once");
    }

    [Test]
    public void Clear_forgets_logged_and_applied_rules()
    {
        var rules = new ConfirmedRules();
        rules.Log(Update([Rule(80, 1)], []));
        _ = rules.Table;
        rules.Log(Update([Rule(443, 1)], []));
        rules.Clear();
        Assert.That(rules.HasLogged, Is.False);
        Assert.That(rules.Table, Is.Empty);
    }
}
