using SdnController.Southbound.Rules;

namespace SdnController.Controller.Flows;

/// <summary>
/// One (switch, match) entry of the <see cref="DesiredRuleTable"/>. Flows keep the slots of their path, so
/// moving a flow releases and re-claims by reference instead of looking each rule up again; a slot stays
/// in the table (and a flow's reference to it valid) as long as a claim holds it.
/// </summary>
public sealed class RuleSlot
{
    internal RuleSlot(int switchIndex, int matchId, int number)
    {
        SwitchIndex = switchIndex;
        MatchId = matchId;
        Number = number;
    }

    public int SwitchIndex { get; }
    public int MatchId { get; }
    /// <summary>
    /// Small number unique among the switch's live slots (reused once the slot is dropped), sent with the
    /// rule so the switch actor confirms it by array index (<see cref="Messages.ApplyRules.AddSlots"/>).
    /// </summary>
    public int Number { get; }
    /// <summary>The rule the claimants want (kept after the last release until the commit drops the slot).</summary>
    public FlowRule? Rule { get; internal set; }
    public int Refs { get; internal set; }
    internal long TouchedIn;
    /// <summary>The next slot of the same match on another switch (the table's chain by match).</summary>
    internal RuleSlot? NextOfMatch;
    /// <summary>The rule the switch held when this change first touched the slot (null: none).</summary>
    internal FlowRule? Before;
}
