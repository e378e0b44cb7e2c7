using SdnController.Controller.Messages;
using SdnController.Southbound.Rules;

namespace SdnController.Controller.Switches;

internal static class RuleTableUpdate
{
    /// <summary>The table an update leaves: its removals gone, its adds in (an add wins over a removal of the same entry).</summary>
    public static void Apply(Dictionary<RuleKey, FlowRule> rules, ApplyRules m)
    {
        if (!m.Remove.IsDefault)
            foreach (var rule in m.Remove) rules.Remove(RuleKey.Of(rule));
        if (!m.Add.IsDefault)
            foreach (var rule in m.Add) rules[RuleKey.Of(rule)] = rule;
    }

    /// <summary>The group table an update leaves: its group deletes gone, its group adds in.</summary>
    public static void ApplyGroups(Dictionary<uint, GroupEntry> groups, ApplyRules m)
    {
        if (!m.RemoveGroups.IsDefault)
            foreach (var g in m.RemoveGroups) groups.Remove(g.GroupId);
        if (!m.AddGroups.IsDefault)
            foreach (var g in m.AddGroups) groups[g.GroupId] = g;
    }
}
