using SdnController.Southbound.Rules;

namespace SdnController.Controller.Flows;

/// <summary>
/// What one update must send, per switch index: rules to add (or replace in place) in phase 1 and
/// rules to delete in phase 2. Removals carry the rule as last installed.
/// </summary>
public sealed class RuleChanges
{
    public RuleChanges(int switchCount)
    {
        Adds = new List<FlowRule>?[switchCount];
        Removes = new List<FlowRule>?[switchCount];
    }

    public List<FlowRule>?[] Adds { get; }
    public List<FlowRule>?[] Removes { get; }
    public int AddCount { get; private set; }
    public int RemoveCount { get; private set; }

    /// <summary>Switches with at least one add or remove.</summary>
    public int SwitchesTouched
    {
        get
        {
            var n = 0;
            for (var s = 0; s < Adds.Length; s++)
                if (Adds[s] is not null || Removes[s] is not null) n++;
            return n;
        }
    }

    public bool IsEmpty => AddCount == 0 && RemoveCount == 0;

    internal void Add(int switchIndex, FlowRule rule)
    {
        (Adds[switchIndex] ??= new List<FlowRule>()).Add(rule);
        AddCount++;
    }

    internal void Remove(int switchIndex, FlowRule rule)
    {
        (Removes[switchIndex] ??= new List<FlowRule>()).Add(rule);
        RemoveCount++;
    }
}
