using System.Collections.Immutable;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Rules;

namespace SdnController.Controller.Switches;

/// <summary>
/// Compares the desired rules of a switch with what its flow-stats reply shows. Entries that are neither
/// desired nor base rules are deleted; desired (and base) rules that are missing or differ in actions or
/// cookie are added (an Add replaces the entry with the same priority and match). Correct entries are left
/// alone, so their counters survive a controller restart.
/// </summary>
public static class RuleReconciler
{
    public static ReconcilePlan Plan(IReadOnlyDictionary<RuleKey, FlowRule> desired, IEnumerable<FlowRule> onSwitch)
    {
        // Sized for the usual cases: a fresh switch (every desired rule is added) and a switch in step (nothing).
        var add = new List<FlowRule>(desired.Count + BaseRules.All.Length);
        var delete = new List<FlowRule>();
        var seen = new HashSet<RuleKey>(RuleKeyComparer.Instance);
        foreach (var rule in onSwitch)
        {
            var key = RuleKey.Of(rule);
            if (!seen.Add(key)) continue;
            var wanted = BaseRules.IsBase(key) ? BaseRuleFor(key) : desired.GetValueOrDefault(key);
            if (wanted is null) delete.Add(rule);
            else if (!SameEffect(wanted, rule)) add.Add(wanted);
        }
        foreach (var rule in BaseRules.All)
            if (!seen.Contains(RuleKey.Of(rule))) add.Add(rule);
        foreach (var (key, rule) in desired)
            if (!seen.Contains(key) && !BaseRules.IsBase(key)) add.Add(rule);
        return new ReconcilePlan(add, delete);
    }

    /// <summary>Same actions and cookie: the entry does what the controller wants and is found by cookie.</summary>
    public static bool SameEffect(FlowRule a, FlowRule b) =>
        a.Cookie == b.Cookie && SameActions(a.Actions, b.Actions);

    private static bool SameActions(ImmutableArray<FlowAction> a, ImmutableArray<FlowAction> b)
    {
        var x = a.IsDefault ? ImmutableArray<FlowAction>.Empty : a;
        var y = b.IsDefault ? ImmutableArray<FlowAction>.Empty : b;
        if (x.Length != y.Length) return false;
        for (var i = 0; i < x.Length; i++)
            if (!Equals(x[i], y[i])) return false;
        return true;
    }

    private static FlowRule BaseRuleFor(RuleKey key) => key.Match == BaseRules.Lldp.Match ? BaseRules.Lldp : BaseRules.Arp;
}
