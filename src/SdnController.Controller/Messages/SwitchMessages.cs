using System.Collections.Immutable;
using System.Diagnostics;
using SdnController.Southbound.Rules;

namespace SdnController.Controller.Messages;

/// <summary>
/// Flow manager → switch actor: make these changes and confirm with <see cref="RulesConfirmed"/>. On the
/// wire the switch actor sends group adds, flow adds, flow removes, group deletes, then a barrier: a group
/// exists before any rule that points to it and goes only after the rules that used it. Rules are
/// identified by (Priority, Match); Remove carries the rules as last installed. Groups are immutable
/// (content-addressed, see <see cref="Flows.DesiredGroupTable"/>), so there is no group modify.
/// </summary>
public sealed record ApplyRules(long UpdateId, ImmutableArray<FlowRule> Add, ImmutableArray<FlowRule> Remove, ActivityContext Trace)
{
    /// <summary>Groups new to the switch, sent before the flow adds.</summary>
    public ImmutableArray<GroupEntry> AddGroups { get; init; } = ImmutableArray<GroupEntry>.Empty;
    /// <summary>Groups no rule uses any more, deleted after the flow removes.</summary>
    public ImmutableArray<GroupEntry> RemoveGroups { get; init; } = ImmutableArray<GroupEntry>.Empty;

    /// <summary>
    /// The flow manager's slot number of each rule of <see cref="Add"/> on this switch (same order): small,
    /// unique among the switch's live rules, reused once freed. Lets the switch actor keep its confirmed rules
    /// in an array (see <c>ConfirmedRules</c>). Default: the rules have none and are kept by key.
    /// </summary>
    public ImmutableArray<int> AddSlots { get; init; }
    /// <summary>The slot numbers of <see cref="Remove"/>'s rules, as <see cref="AddSlots"/>.</summary>
    public ImmutableArray<int> RemoveSlots { get; init; }

    /// <summary>True when the update adds or deletes a group (most carry rules only).</summary>
    public bool HasGroups => !AddGroups.IsDefaultOrEmpty || !RemoveGroups.IsDefaultOrEmpty;
}

/// <summary>Switch actor → requester: every message of the update was acknowledged by a barrier reply.</summary>
public sealed record RulesConfirmed(string SwitchId, long UpdateId, int Added, int Removed, TimeSpan SentAt, TimeSpan ConfirmedAt);

/// <summary>Switch actor → flow manager: what should this switch hold? (asked after a restart or a switch reconnect).</summary>
public sealed record DesiredRulesRequest(string SwitchId);

/// <summary>Flow manager → switch actor: the full desired flow-rule set of the switch (controller-owned rules only) and the groups they use.</summary>
public sealed record DesiredRules(string SwitchId, ImmutableArray<FlowRule> Rules)
{
    public ImmutableArray<GroupEntry> Groups { get; init; } = ImmutableArray<GroupEntry>.Empty;
}

/// <summary>Switch actor → flow manager: the switch now holds exactly the desired rules (pending updates to it are complete).</summary>
public sealed record SwitchResynchronized(string SwitchId, int Added, int Removed, TimeSpan At);

/// <summary>Fault injection: the switch actor throws while handling it (tests and `crash` scenario events).</summary>
public sealed record CrashSwitchActor(string SwitchId);

/// <summary>Anyone → switch actor: which rules should the switch hold, and which has it proved it holds? Answered with <see cref="SwitchRules"/>.</summary>
public sealed record SwitchRulesRequest(string SwitchId);

/// <summary>
/// Switch actor → requester. Desired: what the actor last asked the switch to hold (base rules included).
/// Confirmed: what the switch proved it holds — by a barrier reply after the messages, or by the flow-stats
/// reply of a resynchronisation. They differ while updates are in flight. Both sorted by priority
/// (highest first), then by match text. The groups likewise (desired and confirmed), sorted by group id.
/// </summary>
public sealed record SwitchRules(string SwitchId, ImmutableArray<FlowRule> Desired, ImmutableArray<FlowRule> Confirmed)
{
    public ImmutableArray<GroupEntry> DesiredGroups { get; init; } = ImmutableArray<GroupEntry>.Empty;
    public ImmutableArray<GroupEntry> ConfirmedGroups { get; init; } = ImmutableArray<GroupEntry>.Empty;
}

/// <summary>
/// Switch actor → flow manager (reactive routing): an IPv4 packet no flow rule matched reached the controller
/// by the table-miss base rule. The flow manager routes its flow and releases the frame with <see cref="ReleasePacket"/>.
/// </summary>
public sealed record ReactivePacketIn(string SwitchId, int InPort, ReadOnlyMemory<byte> Frame, Protocols.Ipv4FlowKey Key)
{
    /// <summary>The switch's index in the topology when the sender knows it (saves a lookup by name per packet-in); -1: look it up.</summary>
    public int SwitchIndex { get; init; } = -1;
}

/// <summary>
/// Switch actor → flow manager: the reactive packet-ins of one switch that arrived together (a burst of new
/// flows), in arrival order — one message for the burst instead of one per packet.
/// </summary>
public sealed record ReactivePacketIns(ImmutableArray<ReactivePacketIn> PacketIns);

/// <summary>Flow manager → switch actor: send these frames out of the switch (one packet-out each, one channel write).</summary>
public sealed record ReleasePackets(ImmutableArray<PacketToRelease> Packets);

/// <summary>A held frame, the port it arrived on and the actions that send it on its path.</summary>
public readonly record struct PacketToRelease(ReadOnlyMemory<byte> Frame, int InPort, ImmutableArray<Southbound.Actions.FlowAction> Actions);
