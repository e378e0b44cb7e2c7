using SdnController.Southbound.Rules;

namespace SdnController.Controller.Flows;

/// <summary>The state of one live slot of the <see cref="DesiredRuleTable"/>, kept in its switch's array by slot number.</summary>
internal struct RuleSlotState
{
    /// <summary>The rule the claimants want (kept after the last release until the commit drops the slot).</summary>
    public FlowRule? Rule;
    public long TouchedIn;
    /// <summary>The next slot of the same match on another switch (the table's chain by match).</summary>
    public RuleSlot NextOfMatch;
    /// <summary>Interned match id; -1 while the number is free.</summary>
    public int MatchId;
    public int Refs;
}
