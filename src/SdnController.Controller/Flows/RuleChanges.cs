using SdnController.Southbound.Rules;

namespace SdnController.Controller.Flows;

/// <summary>
/// What one update must send, per switch index: rules new to a switch (phase 1), rules that replace a
/// rule in place and so redirect traffic already flowing (phase 2), and rules to delete (phase 3).
/// Removals carry the rule as last installed.
/// </summary>
public sealed class RuleChanges
{
    public RuleChanges(int switchCount)
    {
        Adds = new List<FlowRule>?[switchCount];
        Replaces = new List<FlowRule>?[switchCount];
        Removes = new List<FlowRule>?[switchCount];
        AddSlots = new List<int>?[switchCount];
        ReplaceSlots = new List<int>?[switchCount];
        RemoveSlots = new List<int>?[switchCount];
    }

    /// <summary>Rules the switch does not hold yet: nothing forwards by them until a replace points traffic their way.</summary>
    public List<FlowRule>?[] Adds { get; }
    /// <summary>Rules replacing one with the same priority and match (new actions): these move traffic.</summary>
    public List<FlowRule>?[] Replaces { get; }
    public List<FlowRule>?[] Removes { get; }
    /// <summary>The <see cref="RuleSlot.Number"/> of each rule in <see cref="Adds"/>, <see cref="Replaces"/> and <see cref="Removes"/> (same layout).</summary>
    public List<int>?[] AddSlots { get; }
    public List<int>?[] ReplaceSlots { get; }
    public List<int>?[] RemoveSlots { get; }
    public int AddCount { get; private set; }
    public int ReplaceCount { get; private set; }
    public int RemoveCount { get; private set; }

    /// <summary>Adds and replaces together.</summary>
    public int SwitchesTouched
    {
        get
        {
            var n = 0;
            for (var s = 0; s < Adds.Length; s++)
                if (Adds[s] is not null || Replaces[s] is not null || Removes[s] is not null || GroupAdds?[s] is not null || GroupRemoves?[s] is not null) n++;
            return n;
        }
    }

    /// <summary>Groups new to a switch (sent with phase 1, before its rules); null until an update has one.</summary>
    public List<GroupEntry>?[]? GroupAdds { get; private set; }
    /// <summary>Groups no rule uses any more (sent with phase 3, after the rule removals).</summary>
    public List<GroupEntry>?[]? GroupRemoves { get; private set; }
    public int GroupAddCount { get; private set; }
    public int GroupRemoveCount { get; private set; }

    public bool IsEmpty => AddCount == 0 && RemoveCount == 0 && GroupAddCount == 0 && GroupRemoveCount == 0;

    /// <summary>The groups the phase sends to the switch (adds in phase 1, deletes in phase 3).</summary>
    public List<GroupEntry>? GroupsOf(int phase, int switchIndex) =>
        phase == 1 ? GroupAdds?[switchIndex] : phase == 3 ? GroupRemoves?[switchIndex] : null;

    internal void AddGroup(int switchIndex, GroupEntry group)
    {
        ((GroupAdds ??= new List<GroupEntry>?[Adds.Length])[switchIndex] ??= new List<GroupEntry>()).Add(group);
        GroupAddCount++;
    }

    internal void RemoveGroup(int switchIndex, GroupEntry group)
    {
        ((GroupRemoves ??= new List<GroupEntry>?[Adds.Length])[switchIndex] ??= new List<GroupEntry>()).Add(group);
        GroupRemoveCount++;
    }

    /// <summary>AddCount counts replaces too (both are rules sent as Add). <paramref name="expected"/>: how many the switch's list will hold (its initial capacity).</summary>
    internal void Add(int switchIndex, FlowRule rule, int slot, bool replacing, int expected = 0)
    {
        if (replacing)
        {
            (Replaces[switchIndex] ??= new List<FlowRule>(expected)).Add(rule);
            (ReplaceSlots[switchIndex] ??= new List<int>(expected)).Add(slot);
            ReplaceCount++;
        }
        else
        {
            (Adds[switchIndex] ??= new List<FlowRule>(expected)).Add(rule);
            (AddSlots[switchIndex] ??= new List<int>(expected)).Add(slot);
        }
        AddCount++;
    }

    internal void Remove(int switchIndex, FlowRule rule, int slot, int expected = 0)
    {
        (Removes[switchIndex] ??= new List<FlowRule>(expected)).Add(rule);
        (RemoveSlots[switchIndex] ??= new List<int>(expected)).Add(slot);
        RemoveCount++;
    }
}
