using System.Collections.Immutable;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Matching;

namespace SdnController.Southbound.Rules;

/// <summary>
/// One flow-table entry. Identity inside a switch is (Priority, Match) as in OpenFlow; Cookie is the
/// controller's tag (we use it to find every rule of one controller flow).
/// </summary>
public sealed record FlowRule(int Priority, Match Match, ImmutableArray<FlowAction> Actions)
{
    public ulong Cookie { get; init; }
    /// <summary>Zero = never expires.</summary>
    public TimeSpan IdleTimeout { get; init; }
    public TimeSpan HardTimeout { get; init; }
    /// <summary>Ask the switch for a flow-removed message when this rule expires or is deleted.</summary>
    public bool NotifyOnRemoval { get; init; }

    public override string ToString() =>
        $"priority={Priority},cookie=0x{Cookie:x},{Match} actions={(Actions.IsDefaultOrEmpty ? "drop" : string.Join(',', Actions))}";
}
