using SdnController.Southbound.Rules;

namespace SdnController.VirtualNetwork.Switching;

/// <summary>The switch's groups by id.</summary>
public sealed class GroupTable
{
    private readonly Dictionary<uint, GroupEntry> _groups = new();

    public int Count => _groups.Count;

    public GroupEntry? Find(uint id) => _groups.GetValueOrDefault(id);

    public bool Contains(uint id) => _groups.ContainsKey(id);

    /// <summary>Every group, ascending id.</summary>
    public IReadOnlyList<GroupEntry> Snapshot()
    {
        var all = new List<GroupEntry>(_groups.Values);
        all.Sort(static (a, b) => a.GroupId.CompareTo(b.GroupId));
        return all;
    }

    internal void Set(GroupEntry group) => _groups[group.GroupId] = group;

    internal bool Remove(uint id) => _groups.Remove(id);

    internal void Clear() => _groups.Clear();
}
