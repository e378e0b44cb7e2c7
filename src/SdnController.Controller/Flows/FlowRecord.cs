using SdnController.Controller.Planning;
using SdnController.Controller.Messages;
using SdnController.Controller.Routing;
using SdnController.Southbound.Matching;

namespace SdnController.Controller.Flows;

/// <summary>The flow manager's state of one flow: its matches (interned), cookies and current path.</summary>
/// <remarks>
/// A reactive run keeps hundreds of thousands of these alive, and every full collection marks them, so the
/// state most flows never use — protection, the tagged version's matches, ECMP, chains — lives in one
/// <see cref="FlowRecordExtras"/> made the first time any of it is set, and the cookies are computed from
/// <see cref="Number"/> instead of stored.
/// </remarks>
internal sealed class FlowRecord
{
    public FlowRecord(FlowSpec spec, long number, int srcHost, int dstHost, int root)
    {
        Spec = spec;
        Number = number;
        SrcHost = srcHost;
        DstHost = dstHost;
        Root = root;
    }

    public FlowSpec Spec { get; }
    public long Number { get; }
    public int SrcHost { get; }
    public int DstHost { get; }
    /// <summary>Routing tree root of the host pair; flows are grouped by it for restores.</summary>
    public int Root { get; }
    /// <summary>
    /// Slot of the routing service of the flow's metric (0 = the controller's metric; see <see cref="RoutingByMetric"/>);
    /// a <c>policy:</c> metric action changes it.
    /// </summary>
    public int RoutingSlot { get; set; }
    /// <summary>The flow has fast-failover protection on (its class's setting, else the controller's).</summary>
    public bool Protected { get; init; }
    /// <summary>The flow may be spread over equal-cost paths (ECMP on for it, protection off).</summary>
    public bool EcmpEnabled { get; init; }

    public Match Forward = null!;
    public int ForwardId;
    public Match? Reverse;
    public int ReverseId;
    /// <summary>Cookie of the forward direction's rules.</summary>
    public ulong ForwardCookie => FlowCookie.Of(Number, FlowDirection.Forward);
    /// <summary>Cookie of the reverse direction's rules (0 for a one-way flow).</summary>
    public ulong ReverseCookie => Reverse is null ? 0 : FlowCookie.Of(Number, FlowDirection.Reverse);

    /// <summary>
    /// Configuration version the flow's rules carry: 0 = untagged (the original), 1 = tagged with
    /// <see cref="Planning.RulePlanner.VersionVlan"/>. A two-phase update moves the flow to the other one;
    /// an ordered update keeps it; losing the path resets it to 0.
    /// </summary>
    public int Version;

    /// <summary>Current path; null while the hosts are not connected.</summary>
    public FlowPath? Path;
    /// <summary>
    /// The rule slots the flow holds along <see cref="Path"/>: forward at [k] for the path's k-th switch,
    /// reverse at [Path.Length + k]. Null while Path is null.
    /// </summary>
    public RuleSlot[]? Slots;
    /// <summary>Scratch mark: set to the update's stamp once collected, so a flow is handled once per update.</summary>
    public long Mark;
    /// <summary>Scratch mark of the link-list compaction (keeps one entry per flow).</summary>
    public long LinkMark;
    /// <summary>Scratch: the route just computed for the flow, before the update adopts it.</summary>
    public FlowPath? NewPath;

    private FlowRecordExtras? _extras;

    /// <summary>Its backups' groups and detour rules along <see cref="Path"/>; null for an unprotected flow or while Path is null.</summary>
    public FlowProtection? Protection
    {
        get => _extras?.Protection;
        set { if (value is not null || _extras is not null) Extras.Protection = value; }
    }

    /// <summary>Tagged matches, made the first time the flow takes a two-phase update (most flows never do).</summary>
    public TaggedMatches? Tagged
    {
        get => _extras?.Tagged;
        set { if (value is not null || _extras is not null) Extras.Tagged = value; }
    }

    /// <summary>
    /// The equal-cost DAG the flow's rules cover; null when it runs on <see cref="Path"/> alone. While set,
    /// <see cref="Slots"/> are by DAG position (forward at [i], reverse at [Ecmp.Length + i]), Path is one
    /// of the DAG's paths (for packet releases), and the flow is listed on every DAG link.
    /// </summary>
    public EcmpRoute? Ecmp
    {
        get => _extras?.Ecmp;
        set { if (value is not null || _extras is not null) Extras.Ecmp = value; }
    }

    /// <summary>Select groups the flow's rules point to, laid out like <see cref="Slots"/> (null where a plain output).</summary>
    public GroupSlot?[]? GroupSlots
    {
        get => _extras?.GroupSlots;
        set { if (value is not null || _extras is not null) Extras.GroupSlots = value; }
    }

    /// <summary>Scratch: the equal-cost route just computed (null: single path).</summary>
    public EcmpRoute? NewEcmp
    {
        get => _extras?.NewEcmp;
        set { if (value is not null || _extras is not null) Extras.NewEcmp = value; }
    }

    /// <summary>
    /// Index of the <c>chains:</c> entry the flow's traffic takes, or -1. A chained flow is routed through the
    /// chain's functions (<see cref="ChainRoute"/>), single-path, unprotected; its rules are <see cref="ChainSlots"/>
    /// and it is kept out of the link and root indexes (<see cref="Path"/> stays null).
    /// </summary>
    public int Chain
    {
        get => _extras?.Chain ?? -1;
        // Set when created, or when a policy: chain action steers a routed flow into a chain.
        set { if (value >= 0 || _extras is not null) Extras.Chain = value; }
    }

    /// <summary>The chain route the installed rules follow (null until installed).</summary>
    public ChainRoute? ChainRoute
    {
        get => _extras?.ChainRoute;
        set { if (value is not null || _extras is not null) Extras.ChainRoute = value; }
    }

    /// <summary>Every rule the chained flow holds (both directions, every segment, or the drop at the ingresses).</summary>
    public List<RuleSlot>? ChainSlots
    {
        get => _extras?.ChainSlots;
        set { if (value is not null || _extras is not null) Extras.ChainSlots = value; }
    }

    private FlowRecordExtras Extras => _extras ??= new FlowRecordExtras();

    /// <summary>The state of a <see cref="FlowRecord"/> that only protected, re-versioned, ECMP or chained flows use.</summary>
    private sealed class FlowRecordExtras
    {
        public FlowProtection? Protection;
        public TaggedMatches? Tagged;
        public EcmpRoute? Ecmp;
        public GroupSlot?[]? GroupSlots;
        public EcmpRoute? NewEcmp;
        public int Chain = -1;
        public ChainRoute? ChainRoute;
        public List<RuleSlot>? ChainSlots;
    }
}

/// <summary>A flow's matches for its tagged version (interned ids beside them); Reverse null for a one-way flow.</summary>
internal sealed record TaggedMatches(Match Forward, int ForwardId, Match? Reverse, int ReverseId);
