using System.Collections.Immutable;
using SdnController.Controller.Messages;

namespace SdnController.Controller.Observation;

/// <summary>
/// What the controller tells the outside world (the run report, later the REST API). Delivered on the
/// run's event loop thread, in order.
/// </summary>
public abstract record ControllerEvent(TimeSpan At);

public sealed record SwitchConnected(TimeSpan At, string SwitchId) : ControllerEvent(At);
public sealed record SwitchDisconnected(TimeSpan At, string SwitchId) : ControllerEvent(At);

/// <summary>The first proactive installation of declared traffic finished (every barrier acknowledged).</summary>
public sealed record InitialInstallCompleted(TimeSpan At, int Flows, int Rules, double WallMs) : ControllerEvent(At)
{
    /// <summary>Flows spread over several equal-cost paths (ECMP select groups); 0 with ECMP off.</summary>
    public int EcmpFlows { get; init; }
    /// <summary>Groups installed with the rules.</summary>
    public int Groups { get; init; }
    /// <summary>Switches that never confirmed their rules (the flow manager stopped waiting after a timeout).</summary>
    public ImmutableArray<string> UnconfirmedSwitches { get; init; } = ImmutableArray<string>.Empty;
}

public sealed record LinkStateDetected(TimeSpan At, string LinkId, bool Up, DetectionMethod Method) : ControllerEvent(At);

/// <summary>
/// One topology change handled end to end: detect → compute → install (barriers) → remove old rules.
/// Times are virtual (run clock); Wall* are wall-clock milliseconds spent by the controller.
/// </summary>
public sealed record RerouteCompleted(
    TimeSpan At,
    ImmutableArray<LinkChange> Changes,
    DetectionMethod Method,
    TimeSpan DetectedAt,
    TimeSpan ComputedAt,
    TimeSpan InstalledAt,
    TimeSpan CommittedAt,
    double WallComputeMs,
    double WallTotalMs,
    int AffectedFlows,
    int ReroutedFlows,
    ImmutableArray<string> UnreachableFlows,
    int RulesAdded,
    int RulesRemoved,
    int SwitchesTouched) : ControllerEvent(At)
{
    /// <summary>Switches that never confirmed their part (the flow manager stopped waiting after a timeout).</summary>
    public ImmutableArray<string> UnconfirmedSwitches { get; init; } = ImmutableArray<string>.Empty;
    /// <summary>The trace of this change (its root span), so observers can add their spans to it.</summary>
    public System.Diagnostics.ActivityContext Trace { get; init; }
    /// <summary>A restore held back by flap damping: how long the links had to stay up first (zero otherwise).</summary>
    public TimeSpan HeldDown { get; init; }
    /// <summary>The switch whose disconnect this change was, or null.</summary>
    public string? SwitchId { get; init; }
    /// <summary>
    /// Moved flows (AffectedFlows) by update method: ordered (rules changed in place, downstream first; also
    /// flows cut off or reconnected) and version-tagged two-phase (see <c>UpdateMethodChooser</c>).
    /// </summary>
    public int OrderedFlows { get; init; }
    public int TwoPhaseFlows { get; init; }
}

public sealed record SwitchActorRestarted(TimeSpan At, string SwitchId, string Reason) : ControllerEvent(At);
public sealed record SwitchResynced(TimeSpan At, string SwitchId, int RulesAdded, int RulesRemoved) : ControllerEvent(At);

/// <summary>An EnsureConnectivity request is done: rules confirmed both ways (or the hosts are not connected).</summary>
public sealed record ConnectivityReady(TimeSpan At, string HostA, string HostB, bool Reachable) : ControllerEvent(At);

/// <summary>A later InstallFlows batch (after the initial one) is confirmed.</summary>
public sealed record FlowsInstalled(TimeSpan At, int Flows, int Rules, double WallMs) : ControllerEvent(At)
{
    /// <summary>Switches that never confirmed their rules (the flow manager stopped waiting after a timeout).</summary>
    public ImmutableArray<string> UnconfirmedSwitches { get; init; } = ImmutableArray<string>.Empty;
}

/// <summary>
/// Reactive routing: flows opened by packet-ins are confirmed along their paths and their buffered first
/// packets were released (packet-outs). One event per batch of packet-ins handled together.
/// </summary>
public sealed record ReactiveFlowsInstalled(TimeSpan At, int Flows, int Rules, int PacketsReleased, double WallMs) : ControllerEvent(At)
{
    /// <summary>Switches that never confirmed their rules (the flow manager stopped waiting after a timeout).</summary>
    public ImmutableArray<string> UnconfirmedSwitches { get; init; } = ImmutableArray<string>.Empty;
}

/// <summary>
/// Fast-failover protection as it stands after an update that changed it (install or reroute): how many flows
/// have <c>protection: on</c>, how many have a backup at every hop of every direction, and each hop without one.
/// Only sent when protection is on for some flow.
/// </summary>
public sealed record ProtectionStatus(TimeSpan At, int Flows, int Protected, ImmutableArray<UnprotectedHop> Unprotected) : ControllerEvent(At);

/// <summary>A hop of a protected flow's direction with no backup: Direction is "forward" or "reverse", From/To the hosts, Hop "s1-s2".</summary>
public sealed record UnprotectedHop(string FlowId, string Direction, string From, string To, string Hop, string Reason);

/// <summary>
/// The untagging pass finished: <paramref name="Flows"/> flows that two-phase updates had left on the tagged version
/// were moved back to the untagged one on their routes (another two-phase update; see FlowManagerActor.Untag).
/// </summary>
public sealed record FlowsUntagged(TimeSpan At, int Flows, TimeSpan StartedAt, int RulesAdded, int RulesRemoved, int SwitchesTouched) : ControllerEvent(At)
{
    /// <summary>Switches that never confirmed their part (the flow manager stopped waiting after a timeout).</summary>
    public ImmutableArray<string> UnconfirmedSwitches { get; init; } = ImmutableArray<string>.Empty;
    /// <summary>Wall-clock milliseconds the controller spent computing the pass.</summary>
    public double WallComputeMs { get; init; }
}
