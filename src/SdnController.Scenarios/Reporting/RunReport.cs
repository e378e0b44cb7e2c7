using SdnController.Controller.Messages;
using SdnController.Scenarios.Playback;

namespace SdnController.Scenarios.Reporting;

/// <summary>
/// What a run measured. Run times (At) count from the moment the network was ready (controller connected
/// to every switch and the declared flows installed). Virtual durations come from the run clock; Wall* are
/// wall-clock milliseconds the controller spent and differ between runs.
/// </summary>
public sealed record RunReport(
    string Topology,
    bool VirtualTime,
    int Seed,
    TimeSpan Duration,
    SetupSummary Setup,
    IReadOnlyList<InjectedEvent> Events,
    IReadOnlyList<ChangeReport> Changes,
    IReadOnlyList<ExpectationResult> Expectations,
    IReadOnlyList<RestartReport> Restarts,
    TrafficTotals Totals,
    IReadOnlyList<FlowReport> Flows)
{
    /// <summary>Controller kills and restarts (<c>controller: restart</c>): intents recovered and rules changed reconciling.</summary>
    public IReadOnlyList<ControllerRecovery> Recoveries { get; init; } = Array.Empty<ControllerRecovery>();
    /// <summary>Topology changes the controller handled that no scenario event injected (e.g. a keepalive timeout on a very slow link).</summary>
    public IReadOnlyList<OtherReaction> OtherReactions { get; init; } = Array.Empty<OtherReaction>();
    /// <summary>Congestion events (congestion rerouting on): links over the threshold, flows moved, and when they came back.</summary>
    public IReadOnlyList<CongestionReport> Congestion { get; init; } = Array.Empty<CongestionReport>();
    /// <summary>Fast-failover protection as the controller last reported it; null when no flow has protection on.</summary>
    public ProtectionReport? Protection { get; init; }
    /// <summary>The topology's network function instances as the controller managed them (empty when it has none).</summary>
    public IReadOnlyList<FunctionReport> Functions { get; init; } = Array.Empty<FunctionReport>();
    /// <summary>Chained flows (traffic a <c>chains:</c> entry takes) and their routes through the chain over the run.</summary>
    public IReadOnlyList<ChainReport> Chains { get; init; } = Array.Empty<ChainReport>();
    /// <summary>Flows the classifier labelled and what the topology's <c>policy:</c> made of each label (empty without a policy).</summary>
    public IReadOnlyList<PolicyReport> Policy { get; init; } = Array.Empty<PolicyReport>();
    /// <summary>Untagging passes: flows moved back from the two-phase version tag to their untagged rules.</summary>
    public IReadOnlyList<UntagReport> Untagging { get; init; } = Array.Empty<UntagReport>();
    /// <summary>The run's <c>real: true</c> hosts with their namespaces and frame counts (empty without real hosts).</summary>
    public IReadOnlyList<RealHostReport> RealHosts { get; init; } = Array.Empty<RealHostReport>();

    public bool ExpectationsPassed
    {
        get
        {
            foreach (var e in Expectations) if (!e.Passed) return false;
            return true;
        }
    }
}

public sealed record SetupSummary(int Switches, int Links, int Hosts, int Flows, int Rules, TimeSpan ReadyAfter, double WallMs)
{
    /// <summary>Declared flows whose hosts no path joins at all (they can never be delivered).</summary>
    public IReadOnlyList<string> UnroutableFlows { get; init; } = Array.Empty<string>();
    /// <summary>Flows spread over several equal-cost paths at start-up (ECMP), and the select groups that spread them.</summary>
    public int EcmpFlows { get; init; }
    public int Groups { get; init; }
}

/// <summary>One injected change (failure or restore) and how the controller and the traffic reacted.</summary>
public sealed record ChangeReport(InjectedEvent Event, ReactionReport? Reaction, long PacketsLost, int FlowsDisrupted, IReadOnlyList<FlowImpact> PerFlow)
{
    /// <summary>Longest time from the change to the first packet delivered on a new path, over the flows that moved.</summary>
    public TimeSpan? FirstDeliveryOnNewPathMax { get; init; }
    /// <summary>Injected at the same instant as the previous change: its traffic loss is counted there.</summary>
    public bool LossCountedWithPrevious { get; init; }
    public TimeSpan? FirstDeliveryOnNewPathMedian { get; init; }
    /// <summary>An nfv down/up: the controller's function actor's reaction (null for other changes, or when it never heard).</summary>
    public FunctionReaction? FunctionReaction { get; init; }
}

/// <summary>The controller's handling (RerouteCompleted), durations measured from the injected change.</summary>
public sealed record ReactionReport(
    DetectionMethod Method,
    TimeSpan Detection,
    TimeSpan Computation,
    TimeSpan Installation,
    TimeSpan Commit,
    double WallComputeMs,
    double WallTotalMs,
    int AffectedFlows,
    int ReroutedFlows,
    IReadOnlyList<string> UnreachableFlows,
    int RulesAdded,
    int RulesRemoved,
    int SwitchesTouched)
{
    /// <summary>True when this handling also covered an earlier change of the same run (merged update).</summary>
    public bool SharedWithPrevious { get; init; }
    /// <summary>The change's trace (default when no one listens to the controller's spans).</summary>
    public System.Diagnostics.ActivityContext Trace { get; init; }
    /// <summary>A restore held back by flap damping: the hold-down included in <see cref="Detection"/> (zero otherwise).</summary>
    public TimeSpan HeldDown { get; init; }
    /// <summary>Affected flows moved by the ordered update (rules changed in place, downstream first; includes flows cut off or reconnected).</summary>
    public int OrderedFlows { get; init; }
    /// <summary>Affected flows moved by the version-tagged two-phase update (the ordered one was not provably consistent for them).</summary>
    public int TwoPhaseFlows { get; init; }
    /// <summary>ordered, two-phase, or mixed (some flows each way).</summary>
    public string UpdateMethod => TwoPhaseFlows == 0 ? "ordered" : OrderedFlows == 0 ? "two-phase" : "mixed";
}

public sealed record FlowImpact(string FlowId, long PacketsLost, TimeSpan? FirstDeliveryOnNewPath);

public sealed record RestartReport(TimeSpan At, string SwitchId, string Reason)
{
    public int? ResyncRulesAdded { get; init; }
    public int? ResyncRulesRemoved { get; init; }
}

public sealed record TrafficTotals(long Sent, long Delivered, long Lost, long Reordered, long Duplicates, long Looped, IReadOnlyDictionary<string, long> DropsByReason);

/// <summary>Path: the switches the last in-order packet delivered crossed (empty when none arrived).</summary>
public sealed record FlowReport(string Id, string From, string To, string Kind, long Sent, long Delivered, long Lost, long Reordered, IReadOnlyList<string> Path)
{
    public TimeSpan? LastDelivery { get; init; }
}

/// <summary>A controller reaction that matches no injected change.</summary>
public sealed record OtherReaction(TimeSpan At, IReadOnlyList<string> LinkIds, bool Up, ReactionReport Reaction);

/// <summary>Flows with protection on, those with a backup at every hop, and every hop without one (with the reason).</summary>
public sealed record ProtectionReport(int Flows, int Protected, IReadOnlyList<Controller.Observation.UnprotectedHop> Unprotected);
