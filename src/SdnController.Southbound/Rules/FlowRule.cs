using System.Collections.Immutable;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Matching;

namespace SdnController.Southbound.Rules;

/// <summary>
/// One flow-table entry. Identity inside a switch is (Priority, Match) as in OpenFlow; Cookie is the
/// controller's tag (we use it to find every rule of one controller flow).
/// </summary>
/// <remarks>
/// A controller keeps one per switch per flow direction for as long as the flow lives (hundreds of thousands
/// in a reactive run), and most never expire: the expiry settings live in one out-of-line object, null while
/// they are all unset, which makes a rule 56 bytes instead of 64. Equality stays by value.
/// </remarks>
public sealed record FlowRule(int Priority, Match Match, ImmutableArray<FlowAction> Actions)
{
    private Expiry? _expiry;

    public ulong Cookie { get; init; }

    /// <summary>Zero = never expires.</summary>
    public TimeSpan IdleTimeout
    {
        get => _expiry?.Idle ?? TimeSpan.Zero;
        init => _expiry = Expiry.Of(value, HardTimeout, NotifyOnRemoval);
    }

    public TimeSpan HardTimeout
    {
        get => _expiry?.Hard ?? TimeSpan.Zero;
        init => _expiry = Expiry.Of(IdleTimeout, value, NotifyOnRemoval);
    }

    /// <summary>Ask the switch for a flow-removed message when this rule expires or is deleted.</summary>
    public bool NotifyOnRemoval
    {
        get => _expiry?.Notify ?? false;
        init => _expiry = Expiry.Of(IdleTimeout, HardTimeout, value);
    }

    /// <summary>The expiry settings; a record, so the rule's generated equality compares them by value.</summary>
    private sealed record Expiry(TimeSpan Idle, TimeSpan Hard, bool Notify)
    {
        public static Expiry? Of(TimeSpan idle, TimeSpan hard, bool notify) =>
            idle == TimeSpan.Zero && hard == TimeSpan.Zero && !notify ? null : new Expiry(idle, hard, notify);
    }

    public override string ToString() =>
        $"priority={Priority},cookie=0x{Cookie:x},{Match} actions={(Actions.IsDefaultOrEmpty ? "drop" : string.Join(',', Actions))}";
}
