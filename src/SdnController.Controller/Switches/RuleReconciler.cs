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
    /// <param name="baseRules">The base rules the switch must hold (<see cref="BaseRules.For"/>); default: the proactive set.</param>
    public static ReconcilePlan Plan(IReadOnlyDictionary<RuleKey, FlowRule> desired, IEnumerable<FlowRule> onSwitch, ImmutableArray<FlowRule> baseRules = default)
    {
        if (baseRules.IsDefault) baseRules = BaseRules.All;
        // Sized for the usual cases: a fresh switch (every desired rule is added) and a switch in step (nothing).
        var add = new List<FlowRule>(desired.Count + baseRules.Length);
        var delete = new List<FlowRule>();
        var seen = new HashSet<RuleKey>(RuleKeyComparer.Instance);
        foreach (var rule in onSwitch)
        {
            var key = RuleKey.Of(rule);
            if (!seen.Add(key)) continue;
            var wanted = BaseRules.IsBase(key) ? WantedBase(key, baseRules) : desired.GetValueOrDefault(key);
            if (wanted is null) delete.Add(rule);
            else if (!SameEffect(wanted, rule)) add.Add(wanted);
        }
        foreach (var rule in baseRules)
            if (!seen.Contains(RuleKey.Of(rule))) add.Add(rule);
        foreach (var (key, rule) in desired)
            if (!seen.Contains(key) && !BaseRules.IsBase(key)) add.Add(rule);
        return new ReconcilePlan(add, delete);
    }

    /// <summary>Same actions and cookie: the entry does what the controller wants and is found by cookie.</summary>
    public static bool SameEffect(FlowRule a, FlowRule b) =>
        a.Cookie == b.Cookie && SameActions(a.Actions, b.Actions);

    /// <summary>Element-wise equal action lists (a default array counts as empty).</summary>
    internal static bool SameActions(ImmutableArray<FlowAction> a, ImmutableArray<FlowAction> b)
    {
        var x = a.IsDefault ? ImmutableArray<FlowAction>.Empty : a;
        var y = b.IsDefault ? ImmutableArray<FlowAction>.Empty : b;
        if (x.Length != y.Length) return false;
        for (var i = 0; i < x.Length; i++)
            if (!Equals(x[i], y[i])) return false;
        return true;
    }

    /// <summary>The base rule to keep for this key; null (delete it) when the routing mode has no such base rule.</summary>
    private static FlowRule? WantedBase(RuleKey key, ImmutableArray<FlowRule> baseRules)
    {
        var rule = BaseRules.Of(key);
        return baseRules.Contains(rule) ? rule : null;
    }
}
