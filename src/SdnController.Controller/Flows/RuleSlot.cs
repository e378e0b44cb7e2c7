namespace SdnController.Controller.Flows;

/// <summary>
/// Handle of one (switch, match) entry of the <see cref="DesiredRuleTable"/>: the switch and the entry's
/// slot number there. Flows keep the slots of their path, so moving a flow releases and re-claims by handle
/// instead of looking each rule up again; a handle stays valid as long as a claim holds its slot (a dropped
/// slot's number is reused).
/// </summary>
/// <remarks>
/// A value, not an object: half a million live rules were half a million slot objects that every
/// collection copied or marked; the table keeps their state in per-switch arrays instead.
/// </remarks>
public readonly record struct RuleSlot(int SwitchIndex, int Number)
{
    /// <summary>No slot (the end of a chain).</summary>
    public static readonly RuleSlot None = new(-1, -1);

    public bool IsNone => SwitchIndex < 0;
}
