using System.Collections.Immutable;
using System.Diagnostics;
using Akka.Actor;
using SdnController.Controller.Messages;
using SdnController.Controller.Nfv;
using SdnController.Southbound.Time;

namespace SdnController.Controller.Flows;

/// <summary>Work the flow manager serialises: one runs at a time, the rest wait in order.</summary>
internal abstract record FlowWork(long WallStart);

internal sealed record InstallWork(ImmutableArray<FlowSpec> Flows, long WallStart) : FlowWork(WallStart);

internal sealed record ConnectivityWork(string HostA, string HostB, long WallStart) : FlowWork(WallStart);

/// <summary>
/// Reactive routing: install the flows packet-ins opened since the last such work (taken when it starts,
/// so packet-ins that arrive while other work runs are handled as one batch), then release their packets.
/// </summary>
internal sealed record ReactiveWork(long WallStart) : FlowWork(WallStart)
{
    public List<ReactiveSetup.Entry> Batch { get; set; } = [];
}

internal sealed record TopologyWork(TopologyChanged Change, IActorRef ReplyTo, long WallStart) : FlowWork(WallStart)
{
    /// <summary>Later changes handled together with this one (queued while an update ran); each gets its own reply.</summary>
    public ImmutableArray<(TopologyChanged Change, IActorRef ReplyTo)> Merged { get; init; } = ImmutableArray<(TopologyChanged, IActorRef)>.Empty;
}

/// <summary>A function became usable or unusable for chained traffic: re-plan the chains that use it.</summary>
internal sealed record ChainWork(string FunctionId, bool Usable, long WallStart) : FlowWork(WallStart);

/// <summary>A blocking IDS alerted on a flow: install its drop rules at the ingress switches.</summary>
internal sealed record BlockWork(BlockFlow Block, long WallStart) : FlowWork(WallStart)
{
    /// <summary>Set when the work starts: the event to publish once the switches confirmed the rules.</summary>
    public Observation.FlowBlocked? Outcome { get; set; }
}

/// <summary>A block ended (expired or lifted by the operator): its rules are released; commit and confirm their removal.</summary>
internal sealed record UnblockWork(FlowBlock Block, string Reason, TimeSpan LiftedAt, long WallStart) : FlowWork(WallStart)
{
    /// <summary>Set when the work starts: the event to publish once the switches confirmed the removal.</summary>
    public Observation.FlowUnblocked? Outcome { get; set; }
}

/// <summary>Clock → flow manager: a block's lifetime ran out.</summary>
internal sealed record BlockExpired(long BlockId);

/// <summary>Clock → flow manager: the confirmations of this phase are overdue.</summary>
internal sealed record ConfirmationTimeout(long PhaseId);

/// <summary>Clock → flow manager: the controller has been idle since the collection was armed (see <see cref="IdleCollection"/>).</summary>
internal sealed record CollectWhenIdle(long Token);

/// <summary>Clock → flow manager: packets in flight on the old paths have arrived; the removals may go.</summary>
internal sealed record OldPathsDrained(long PhaseId);

/// <summary>The two-phase update in progress: rules sent, confirmations awaited, figures for the event.</summary>
internal sealed class FlowUpdate(FlowWork work, RuleChanges changes, ActivityContext trace)
{
    public FlowWork Work { get; } = work;
    public RuleChanges Changes { get; } = changes;
    public ActivityContext Trace { get; } = trace;

    /// <summary>1 = rules new to their switch, 2 = in-place replacements (traffic moves), 3 = removals.</summary>
    public int Phase;
    public long PhaseId;
    public readonly HashSet<int> Waiting = new();
    public IScheduledWork? Timer;
    public readonly SortedSet<string> Unconfirmed = new(StringComparer.Ordinal);

    /// <summary>Longest one-way latency of an old path the update moves traffic off (removals wait this long).</summary>
    public TimeSpan Drain;
    public TimeSpan ComputedAt;
    public TimeSpan InstalledAt;
    public double WallComputeMs;
    public Activity? CommitSpan;

    public int FlowsCreated;
    public int Affected;
    public int Rerouted;
    /// <summary>Moved flows that took the ordered update (including ones cut off or reconnected) and the version-tagged two-phase one.</summary>
    public int OrderedFlows;
    public int TwoPhaseFlows;
    public ImmutableArray<string> UnreachableFlows = ImmutableArray<string>.Empty;
    /// <summary>Connectivity work: does a path join the two hosts.</summary>
    public bool Reachable;
}
