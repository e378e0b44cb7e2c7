using SdnController.Controller.Switches;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Matching;
using SdnController.Southbound.Rules;

namespace SdnController.Controller.Tests.Switches;

public sealed class RuleReconcilerTests
{
    internal static FlowRule Rule(int n, int port, ulong cookie = 0) =>
        new(1000, new Match { EthType = 0x0800, Ipv4Dst = Ipv4Prefix.Host(0x0A000000u + (uint)n) }, [new OutputAction(port)]) { Cookie = cookie == 0 ? (ulong)n : cookie };

    internal static string[] Text(IEnumerable<FlowRule> rules) => rules.Select(r => r.ToString()).ToArray();

    private static Dictionary<RuleKey, FlowRule> Desired(params FlowRule[] rules) => rules.ToDictionary(RuleKey.Of);

    [Test]
    public void Matching_table_needs_nothing()
    {
        var plan = RuleReconciler.Plan(Desired(Rule(1, 1), Rule(2, 2)), [.. BaseRules.All, Rule(2, 2), Rule(1, 1)]);
        Assert.That(plan.Add, Is.Empty);
        Assert.That(plan.Delete, Is.Empty);
    }

    [Test]
    public void Missing_rules_are_added_extras_deleted_changed_ones_replaced()
    {
        var plan = RuleReconciler.Plan(
            Desired(Rule(1, 1), Rule(2, 2), Rule(3, 3)),
            [.. BaseRules.All, Rule(1, 1), Rule(3, 9), Rule(4, 4), Rule(2, 2, cookie: 77)]);
        // FlowRule equality compares action arrays by reference; the text form compares everything by value.
        Assert.That(Text(plan.Add), Is.EquivalentTo(Text([Rule(3, 3), Rule(2, 2)])));
        Assert.That(Text(plan.Delete), Is.EqualTo(Text([Rule(4, 4)])));
    }

    [Test]
    public void Base_rules_are_kept_and_restored_never_deleted()
    {
        var plan = RuleReconciler.Plan(Desired(), [BaseRules.Lldp]);
        Assert.That(Text(plan.Add), Is.EqualTo(Text([BaseRules.Arp])));
        Assert.That(plan.Delete, Is.Empty);
    }
}
