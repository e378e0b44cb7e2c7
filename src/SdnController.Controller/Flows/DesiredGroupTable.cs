using System.Collections.Immutable;
using System.Runtime.InteropServices;
using SdnController.Controller.Switches;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Rules;

namespace SdnController.Controller.Flows;

/// <summary>
/// The OpenFlow groups every switch should hold, content-addressed and reference-counted. Per switch, one
/// group id stands for one distinct (type, buckets): rules that want the same buckets share the group, and a
/// rule that needs other buckets points to another id, so a group never changes while rules use it (no
/// group modify, whose effect on packets in flight would be uncontrolled). <see cref="Commit"/> turns the
/// claims and releases since the last commit into the group adds and deletes beside the rule changes.
/// </summary>
/// <remarks>
/// Ids grow per switch and are never reused, so an id freed by a delete still in flight cannot name a new
/// group in an update sent after it. Nothing is allocated for a switch until it gets its first group, so
/// a controller without groups pays one null array entry per switch.
/// </remarks>
public sealed class DesiredGroupTable
{
    private readonly Dictionary<GroupKey, GroupSlot>?[] _byContent;
    private readonly Dictionary<uint, GroupSlot>?[] _byId;
    private readonly uint[] _lastId;
    private readonly List<GroupSlot> _touched = new();
    private long _change = 1;

    public DesiredGroupTable(int switchCount)
    {
        _byContent = new Dictionary<GroupKey, GroupSlot>?[switchCount];
        _byId = new Dictionary<uint, GroupSlot>?[switchCount];
        _lastId = new uint[switchCount];
    }

    public int SwitchCount => _byContent.Length;

    /// <summary>Groups claimed or released since the last commit (nothing to commit when zero).</summary>
    public int PendingCount => _touched.Count;

    /// <summary>One user wants a group with this content on this switch; returns its id (the same id for the same content).</summary>
    public uint Claim(int switchIndex, GroupType type, ImmutableArray<Bucket> buckets) => ClaimSlot(switchIndex, type, buckets).GroupId;

    /// <summary>Like <see cref="Claim"/>, returning the slot (its <see cref="GroupSlot.Actions"/> point a rule to it).</summary>
    public GroupSlot ClaimSlot(int switchIndex, GroupType type, ImmutableArray<Bucket> buckets)
    {
        if (buckets.IsDefaultOrEmpty) throw new ArgumentException("a group needs at least one bucket", nameof(buckets));
        var byContent = _byContent[switchIndex] ??= new Dictionary<GroupKey, GroupSlot>(GroupKeyComparer.Instance);
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(byContent, new GroupKey(type, buckets), out var known);
        if (!known)
        {
            var id = ++_lastId[switchIndex];
            slot = new GroupSlot(switchIndex, new GroupEntry(id, type, buckets));
            (_byId[switchIndex] ??= new Dictionary<uint, GroupSlot>())[id] = slot;
        }
        Touch(slot!);
        slot!.Refs++;
        return slot;
    }

    /// <summary>One user no longer wants the group.</summary>
    public void Release(int switchIndex, uint groupId)
    {
        if (_byId[switchIndex] is not { } byId || !byId.TryGetValue(groupId, out var slot))
            throw new InvalidOperationException($"no group {groupId} on switch #{switchIndex} to release");
        Release(slot);
    }

    public void Release(GroupSlot slot)
    {
        if (slot.Refs == 0) throw new InvalidOperationException($"group {slot.GroupId} on switch #{slot.SwitchIndex} released more often than claimed");
        Touch(slot);
        slot.Refs--;
    }

    /// <summary>
    /// The net group changes since the last commit, into <paramref name="changes"/>: groups now wanted that the
    /// switch does not hold are adds (sent before the rules), groups no longer wanted are deletes (sent after).
    /// </summary>
    public void Commit(RuleChanges changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var slot in CollectionsMarshal.AsSpan(_touched))
        {
            var sw = slot.SwitchIndex;
            if (slot.Refs > 0)
            {
                if (!slot.Installed) changes.AddGroup(sw, slot.Entry);
                slot.Installed = true;
                continue;
            }
            if (slot.Installed) changes.RemoveGroup(sw, slot.Entry);
            slot.Installed = false;
            _byContent[sw]!.Remove(new GroupKey(slot.Entry.Type, slot.Entry.Buckets));
            _byId[sw]!.Remove(slot.GroupId);
        }
        _touched.Clear();
        _change++;
    }

    /// <summary>Every group the switch should hold now (including ones still being installed), by id.</summary>
    public ImmutableArray<GroupEntry> GroupsOf(int switchIndex)
    {
        if (_byId[switchIndex] is not { Count: > 0 } byId) return ImmutableArray<GroupEntry>.Empty;
        var groups = new List<GroupEntry>(byId.Count);
        foreach (var slot in byId.Values)
            if (slot.Refs > 0) groups.Add(slot.Entry);
        groups.Sort(static (a, b) => a.GroupId.CompareTo(b.GroupId));
        return [.. groups];
    }

    /// <summary>Users of the group (0 when it is not in the table).</summary>
    public int RefsOf(int switchIndex, uint groupId) =>
        _byId[switchIndex] is { } byId && byId.TryGetValue(groupId, out var slot) ? slot.Refs : 0;

    public int CountOf(int switchIndex) => _byId[switchIndex]?.Count ?? 0;

    private void Touch(GroupSlot slot)
    {
        if (slot.TouchedIn == _change) return;
        slot.TouchedIn = _change;
        _touched.Add(slot);
    }

    private readonly record struct GroupKey(GroupType Type, ImmutableArray<Bucket> Buckets);

    private sealed class GroupKeyComparer : IEqualityComparer<GroupKey>
    {
        public static readonly GroupKeyComparer Instance = new();
        public bool Equals(GroupKey a, GroupKey b) => a.Type == b.Type && GroupContent.SameBuckets(a.Buckets, b.Buckets);
        public int GetHashCode(GroupKey k) => GroupContent.HashOf(k.Type, k.Buckets);
    }
}

/// <summary>One group of the <see cref="DesiredGroupTable"/>: its entry, its users, and the action list that points a rule to it.</summary>
public sealed class GroupSlot
{
    internal GroupSlot(int switchIndex, GroupEntry entry)
    {
        SwitchIndex = switchIndex;
        Entry = entry;
        // One array per group: rules pointing to it share it, so the rule table compares actions by reference.
        Actions = ImmutableArray.Create<FlowAction>(new GroupAction(entry.GroupId));
    }

    public int SwitchIndex { get; }
    public GroupEntry Entry { get; }
    public uint GroupId => Entry.GroupId;
    public ImmutableArray<FlowAction> Actions { get; }
    public int Refs { get; internal set; }
    /// <summary>The switch holds (or is being sent) the group as of the last commit.</summary>
    internal bool Installed;
    internal long TouchedIn;
}
