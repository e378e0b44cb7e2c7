using System.Collections.Immutable;
using SdnController.Southbound.Nfv;
using SdnController.Topology.Model.Nfv;

namespace SdnController.Controller.Observation;

/// <summary>A network function instance's state as the controller learned it (channel opened, went down, came back restarted).</summary>
public sealed record FunctionStateChanged(TimeSpan At, string FunctionId, NfvKind Kind, bool Up, long AppliedVersion) : ControllerEvent(At);

/// <summary>
/// A push was acknowledged: <paramref name="Version"/> is in force on the instance (Outcome Applied, or
/// AlreadyApplied for a re-send). RoundTrip is from the last send to the acknowledgement; Attempts counts the
/// sends of this push (more than 1 after timeouts). Reason: initial, restart, replace, resync, stale or behind.
/// </summary>
public sealed record FunctionConfigurationApplied(
    TimeSpan At, string FunctionId, NfvKind Kind, long Version, ConfigureOutcome Outcome, TimeSpan RoundTrip, int Attempts, string Reason) : ControllerEvent(At)
{
    /// <summary>The push's span context (default when no one listens).</summary>
    public System.Diagnostics.ActivityContext Trace { get; init; }
}

/// <summary>The instance refused a push (Rejected: another kind's configuration, a version below 1); it is not retried.</summary>
public sealed record FunctionConfigurationRejected(TimeSpan At, string FunctionId, NfvKind Kind, long Version, string Error) : ControllerEvent(At);

/// <summary>An IDS signature matched on the instance (Blocked: the flow is blocked from now on).</summary>
public sealed record FunctionAlertRaised(TimeSpan At, string FunctionId, NfvKind Kind, string SignatureId, string Flow, bool Blocked, TimeSpan RaisedAt)
    : ControllerEvent(At);

/// <summary>
/// The controller blocked a flow a blocking IDS alerted on: drop rules for its 5-tuple (Rules, as text) at the
/// ingress switches (Switches) of the hosts that send it, both directions, cookie <see cref="Planning.BlockCookie"/>.
/// Switches is empty when neither address is a known host's (Reason says so) — nothing was installed.
/// </summary>
public sealed record FlowBlocked(TimeSpan At, string FunctionId, string SignatureId, string Flow, ImmutableArray<string> Switches, ImmutableArray<string> Rules)
    : ControllerEvent(At)
{
    public string? Reason { get; init; }
    /// <summary>The block's number (≥ 1): what <see cref="ControllerHost.Unblock"/> takes; its rules' cookie is <see cref="Planning.BlockCookie.Of"/>(BlockId).</summary>
    public long BlockId { get; init; }
    /// <summary>When the block was decided (the alert reached the flow manager); At is when the switches confirmed it.</summary>
    public TimeSpan Since { get; init; }
    /// <summary>When the block ends (the IDS's <c>block_for</c> after <see cref="Since"/>); null: it lasts until lifted by hand.</summary>
    public TimeSpan? ExpiresAt { get; init; }
}

/// <summary>Why a block ended: its lifetime ran out, or the operator lifted it.</summary>
public static class BlockLiftReasons
{
    public const string Expired = "expired";
    public const string Operator = "operator";
}

/// <summary>
/// A block ended (<paramref name="Reason"/> a <see cref="BlockLiftReasons"/> name): its drop rules are gone from
/// <paramref name="Switches"/> (confirmed at At; decided at LiftedAt) and the flow passes again until it offends again.
/// </summary>
public sealed record FlowUnblocked(TimeSpan At, long BlockId, string FunctionId, string SignatureId, string Flow, string Reason, ImmutableArray<string> Switches)
    : ControllerEvent(At)
{
    public TimeSpan LiftedAt { get; init; }
}

/// <summary>
/// The answer to a <see cref="Nfv.CollectFunctionCounters"/> request. Total and Rules are null when the instance
/// could not answer (down, or no reply in time): Reason says which.
/// </summary>
public sealed record FunctionCountersCollected(
    TimeSpan At, string FunctionId, long RequestId, bool Up, long AppliedVersion,
    FunctionPacketCounts? Total, ImmutableArray<FunctionRuleCounts> Rules) : ControllerEvent(At)
{
    public string? Reason { get; init; }
}

/// <summary>The function's actor threw and was restarted by supervision (it re-opened the channel and re-syncs).</summary>
public sealed record FunctionActorRestarted(TimeSpan At, string FunctionId, string Reason) : ControllerEvent(At);

/// <summary>
/// A chained flow's route through its service chain was installed or changed: the functions it crosses in
/// order (standbys substituted) and the switches of the whole forward path (a function's switch appears before
/// and after it). Closed: no route keeps the chain, the flow's traffic is dropped at its ingress
/// (<see cref="ClosedReason"/> says why; a <see cref="ChainClosedAlert"/> goes with it).
/// </summary>
public sealed record ChainRouteChanged(TimeSpan At, string ChainId, string FlowId, ImmutableArray<string> Functions, ImmutableArray<string> Switches, string? ClosedReason)
    : ControllerEvent(At)
{
    public bool Closed => ClosedReason is not null;
    /// <summary>The forward path with the functions in place: switch ids with each function's id between its switch's two visits.</summary>
    public ImmutableArray<string> Path { get; init; } = ImmutableArray<string>.Empty;
    /// <summary>
    /// One path per receiving host: the destination's alone, or for a flow to a load balancer's VIP each backend's
    /// (<see cref="Path"/> is the first). Empty when closed.
    /// </summary>
    public ImmutableArray<ChainBranchPath> Branches { get; init; } = ImmutableArray<ChainBranchPath>.Empty;
    /// <summary>Receiving hosts (backends) no route reaches now: traffic the load balancer sends them dies in the chain.</summary>
    public ImmutableArray<string> Unreached { get; init; } = ImmutableArray<string>.Empty;
}

/// <summary>A chained flow's path to one receiving host: switch ids with each function's id between its switch's two visits.</summary>
public sealed record ChainBranchPath(string Receiver, ImmutableArray<string> Path);

/// <summary>Alert: a chained flow fails closed (a function down or cut off with no usable standby): its traffic is dropped, never sent around the function.</summary>
public sealed record ChainClosedAlert(TimeSpan At, string ChainId, string FlowId, string Reason) : ControllerEvent(At)
{
    /// <summary>The reason's category (<see cref="Telemetry.ChainClosedCause"/>): the <c>sdn.nfv.chain.closed</c> metric's tag.</summary>
    public string Cause { get; init; } = Telemetry.ChainClosedCause.FunctionDown;
}
