using System.Collections.Immutable;
using SdnController.Southbound.Rules;

namespace SdnController.Controller.Switches;

/// <summary>
/// Compares the groups a switch should hold with its group-description reply: missing ones are added,
/// ones whose type or buckets differ are modified in place (rules pointing to the id keep working), and
/// ones nobody wants are deleted. Equal groups are left alone.
/// </summary>
public static class GroupReconciler
{
    public static GroupReconcilePlan Plan(ImmutableArray<GroupEntry> desired, ImmutableArray<GroupEntry> onSwitch)
    {
        var have = new Dictionary<uint, GroupEntry>(onSwitch.IsDefault ? 0 : onSwitch.Length);
        if (!onSwitch.IsDefault)
            foreach (var g in onSwitch) have[g.GroupId] = g;
        var add = new List<GroupEntry>();
        var modify = new List<GroupEntry>();
        var wanted = new HashSet<uint>();
        if (!desired.IsDefault)
            foreach (var g in desired)
            {
                wanted.Add(g.GroupId);
                if (!have.TryGetValue(g.GroupId, out var there)) add.Add(g);
                else if (!GroupContent.SameContent(g, there)) modify.Add(g);
            }
        var delete = new List<GroupEntry>();
        foreach (var (id, g) in have)
            if (!wanted.Contains(id)) delete.Add(g);
        delete.Sort(static (a, b) => a.GroupId.CompareTo(b.GroupId));
        return new GroupReconcilePlan(add, modify, delete);
    }
}

/// <summary>Group messages that make a switch's group table equal the desired groups.</summary>
public sealed record GroupReconcilePlan(IReadOnlyList<GroupEntry> Add, IReadOnlyList<GroupEntry> Modify, IReadOnlyList<GroupEntry> Delete)
{
    public int Count => Add.Count + Modify.Count + Delete.Count;
}
