using System.Diagnostics;
using System.Diagnostics.Metrics;
using SdnController.Controller.Messages;
using SdnController.Controller.Observation;

namespace SdnController.Controller.Telemetry;

/// <summary>
/// The controller's OpenTelemetry metrics (Meter "SdnController.Controller"): reroute durations and sizes,
/// rules installed/removed, barrier round trips, link state and switch actor restarts. Names follow
/// OpenTelemetry conventions with the `sdn.` prefix and UCUM units; docs/telemetry.md lists them with
/// their Prometheus names.
///
/// One instance per controller (a run), so several controllers in one process (tests, benchmarks) keep
/// their own link gauge and a listener can tell them apart by <see cref="Meter"/>; exporters subscribe by
/// name and see them all. Recording methods run on the controller's loop thread; none allocates.
///
/// Tags are kept low-cardinality on purpose: no switch or link ids (10,000 switches and 364,000 links
/// would be as many series per instrument). Which switch or link was involved is in the change's trace.
/// </summary>
public sealed class ControllerMetrics : IDisposable
{
    public const string MeterName = "SdnController.Controller";

    public const string RerouteDuration = "sdn.reroute.duration";
    public const string RerouteWallDuration = "sdn.reroute.wall_duration";
    public const string RouteComputeDuration = "sdn.route.compute.duration";
    public const string RerouteAffectedFlows = "sdn.reroute.affected_flows";
    public const string RerouteUnreachableFlows = "sdn.reroute.unreachable_flows";
    public const string RulesInstalled = "sdn.rules.installed";
    public const string RulesRemoved = "sdn.rules.removed";
    public const string BarrierRtt = "sdn.barrier.rtt";
    public const string LinkCount = "sdn.link.count";
    public const string LinkTransitions = "sdn.link.transitions";
    public const string SwitchActorRestarts = "sdn.switch_actor.restarts";
    public const string ActorRestarts = "sdn.actor.restarts";
    /// <summary>Which controller actor supervision restarted: switch, function, flow-manager, topology.</summary>
    public const string ActorKindTag = "sdn.actor.kind";
    public const string IntentKindTag = "sdn.intent.kind";
    public const string IntentsRecovered = "sdn.intents.recovered";
    public const string CongestionMoves = "sdn.congestion.moves";
    public const string PolicyActions = "sdn.policy.actions";

    public const string ChangeKindTag = "sdn.change.kind";
    public const string DetectionMethodTag = "sdn.detection.method";
    public const string ClockTag = "sdn.clock";
    public const string UpdateKindTag = "sdn.update.kind";
    public const string LinkStateTag = "sdn.link.state";
    /// <summary>On sdn.congestion.moves: move (flows left a hot link), undo (they came back) or unmovable (no path with headroom).</summary>
    public const string CongestionActionTag = "sdn.congestion.action";
    /// <summary>On sdn.policy.actions: the action's kind (metric, chain, block) and what came of it (<see cref="Observation.PolicyOutcomes"/>).</summary>
    public const string PolicyActionTag = "sdn.policy.action";
    public const string PolicyOutcomeTag = "sdn.policy.outcome";
    public const string ErrorTypeTag = "error.type";   // OpenTelemetry's general attribute for a failure's class

    /// <summary>
    /// Histogram buckets in milliseconds, from sub-millisecond barrier round trips on a local channel to
    /// seconds-long keepalive detection (OpenTelemetry's default buckets start at 5 ms, too coarse for a
    /// 20 ms reroute target).
    /// </summary>
    public static readonly double[] MillisecondBuckets = [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000];
    // (declared before Default: static fields initialise in order)

    /// <summary>For controllers started without their own instance (test harnesses); never disposed.</summary>
    public static ControllerMetrics Default { get; } = new();

    private readonly Histogram<double> _rerouteDuration;
    private readonly Histogram<double> _rerouteWall;
    private readonly Histogram<double> _computeWall;
    private readonly Histogram<int> _affected;
    private readonly Counter<long> _unreachable;
    private readonly Counter<long> _installed;
    private readonly Counter<long> _removed;
    private readonly Histogram<double> _barrierRtt;
    private readonly Counter<long> _transitions;
    private readonly Counter<long> _restarts;
    private readonly Counter<long> _actorRestarts;
    private readonly Counter<long> _intentsRecovered;
    private readonly Counter<long> _congestionMoves;
    private readonly Counter<long> _policyActions;
    private int _linksTotal;
    private int _linksDown;

    public ControllerMetrics()
    {
        Meter = new Meter(MeterName, "1.0");
        _rerouteDuration = Meter.CreateHistogram<double>(RerouteDuration, "ms",
            "Time from the controller detecting a topology change to every new rule confirmed by a barrier, on the run clock (virtual or real, see sdn.clock)",
            null, Buckets(MillisecondBuckets));
        _rerouteWall = Meter.CreateHistogram<double>(RerouteWallDuration, "ms",
            "Wall-clock time the controller took from detecting a topology change to the old rules removed",
            null, Buckets(MillisecondBuckets));
        _computeWall = Meter.CreateHistogram<double>(RouteComputeDuration, "ms",
            "Wall-clock time spent computing new paths for one topology change",
            null, Buckets(MillisecondBuckets));
        _affected = Meter.CreateHistogram<int>(RerouteAffectedFlows, "{flow}",
            "Flows whose path used a changed link or switch, per topology change",
            null, new InstrumentAdvice<int> { HistogramBucketBoundaries = [0, 1, 10, 100, 1_000, 5_000, 10_000, 50_000, 100_000] });
        _unreachable = Meter.CreateCounter<long>(RerouteUnreachableFlows, "{flow}",
            "Affected flows left without any path after a topology change");
        _installed = Meter.CreateCounter<long>(RulesInstalled, "{rule}",
            "Flow rules added or replaced on switches, counted when the update finished");
        _removed = Meter.CreateCounter<long>(RulesRemoved, "{rule}",
            "Flow rules deleted from switches, counted when the update finished");
        _barrierRtt = Meter.CreateHistogram<double>(BarrierRtt, "ms",
            "Time from sending a rule update to its barrier reply, per switch update, on the run clock",
            null, Buckets(MillisecondBuckets));
        _transitions = Meter.CreateCounter<long>(LinkTransitions, "{transition}",
            "Link state changes the controller detected, by new state and detection method");
        _restarts = Meter.CreateCounter<long>(SwitchActorRestarts, "{restart}",
            "Switch actors restarted by supervision after throwing");
        _actorRestarts = Meter.CreateCounter<long>(ActorRestarts, "{restart}",
            "Controller actors restarted by supervision after throwing, by actor kind (switch, function, flow-manager, topology)");
        _intentsRecovered = Meter.CreateCounter<long>(IntentsRecovered, "{intent}",
            "Intents a controller started with --state recovered from its store, by intent kind");
        _congestionMoves = Meter.CreateCounter<long>(CongestionMoves, "{flow}",
            "Flows congestion rerouting moved off a link over the threshold (move), brought back after the load fell (undo), or could not move for lack of headroom (unmovable)");
        _policyActions = Meter.CreateCounter<long>(PolicyActions, "{flow}",
            "Flow labels the policy section acted on, by action kind (metric, chain, block) and outcome");
        Meter.CreateObservableGauge(LinkCount, ObserveLinks, "{link}",
            "Links as the controller sees them, by state (up or down)");
    }

    private static InstrumentAdvice<double> Buckets(double[] bounds) => new() { HistogramBucketBoundaries = bounds };

    /// <summary>Exporters and listeners subscribe to this meter (by name, or by reference to tell instances apart).</summary>
    public Meter Meter { get; }

    private NfvMetrics? _nfv;
    /// <summary>Network function management's instruments on the same meter, created when first used (runs without functions export none).</summary>
    public NfvMetrics Nfv
    {
        get
        {
            lock (Meter) return _nfv ??= new NfvMetrics(Meter);
        }
    }

    /// <summary>One topology change handled end to end (called once per RerouteCompleted).</summary>
    public void RecordReroute(RerouteCompleted e, bool virtualClock)
    {
        var kind = ChangeKind(e);
        var method = ControllerTelemetry.DetectionName(e.Method);
        var tags = new TagList
        {
            { ChangeKindTag, kind },
            { DetectionMethodTag, method },
            { ClockTag, virtualClock ? "virtual" : "real" },
        };
        _rerouteDuration.Record((e.InstalledAt - e.DetectedAt).TotalMilliseconds, tags);
        var kindOnly = new KeyValuePair<string, object?>(ChangeKindTag, kind);
        _rerouteWall.Record(e.WallTotalMs, kindOnly, new KeyValuePair<string, object?>(DetectionMethodTag, method));
        _computeWall.Record(e.WallComputeMs, kindOnly);
        _affected.Record(e.AffectedFlows, kindOnly);
        if (!e.UnreachableFlows.IsDefaultOrEmpty) _unreachable.Add(e.UnreachableFlows.Length, kindOnly);
    }

    /// <summary>
    /// A finished rule update. <paramref name="updateKind"/>: install (declared traffic), connectivity (on
    /// demand between two hosts), reroute (a topology change) or resync (a switch reconciled after a restart).
    /// </summary>
    public void RecordRuleChanges(string updateKind, int added, int removed)
    {
        var tag = new KeyValuePair<string, object?>(UpdateKindTag, updateKind);
        if (added > 0) _installed.Add(added, tag);
        if (removed > 0) _removed.Add(removed, tag);
    }

    public void RecordBarrierRoundTrip(TimeSpan rtt, bool virtualClock) =>
        _barrierRtt.Record(rtt.TotalMilliseconds, new KeyValuePair<string, object?>(ClockTag, virtualClock ? "virtual" : "real"));

    /// <summary>
    /// Links reported changed (each link counted once) and the number down afterwards. The gauge reads the
    /// totals from the exporter's thread: int writes and reads are atomic, Volatile orders them.
    /// </summary>
    public void RecordLinkChanges(int links, bool up, DetectionMethod method, int linksTotal, int linksDown)
    {
        _transitions.Add(links,
            new KeyValuePair<string, object?>(LinkStateTag, up ? "up" : "down"),
            new KeyValuePair<string, object?>(DetectionMethodTag, ControllerTelemetry.DetectionName(method)));
        SetLinkState(linksTotal, linksDown);
    }

    /// <summary>The link gauge's figures without a transition (the topology actor (re)started).</summary>
    public void SetLinkState(int linksTotal, int linksDown)
    {
        Volatile.Write(ref _linksTotal, linksTotal);
        Volatile.Write(ref _linksDown, linksDown);
    }

    /// <summary>One congestion event handled: flows moved (or moved back, action undo) and flows that had nowhere to go.</summary>
    public void RecordCongestion(string action, int moved, int unmovable)
    {
        if (moved > 0) _congestionMoves.Add(moved, new KeyValuePair<string, object?>(CongestionActionTag, action));
        if (unmovable > 0) _congestionMoves.Add(unmovable, new KeyValuePair<string, object?>(CongestionActionTag, "unmovable"));
    }

    /// <summary>One policy entry applied to a labelled flow (called once per FlowPolicyApplied with a matching entry).</summary>
    public void RecordPolicyAction(string actionKind, string outcome) =>
        _policyActions.Add(1, new KeyValuePair<string, object?>(PolicyActionTag, actionKind), new KeyValuePair<string, object?>(PolicyOutcomeTag, outcome));

    public void RecordSwitchActorRestart(Exception reason) =>
        _restarts.Add(1, new KeyValuePair<string, object?>(ErrorTypeTag, reason.GetType().FullName));

    /// <summary>Any controller actor restarted by supervision (a switch actor counts here and in <see cref="SwitchActorRestarts"/>).</summary>
    public void RecordActorRestart(string kind, Exception reason) =>
        _actorRestarts.Add(1, new KeyValuePair<string, object?>(ActorKindTag, kind), new KeyValuePair<string, object?>(ErrorTypeTag, reason.GetType().FullName));

    /// <summary>Intents of one kind recovered from the intent store at a controller start.</summary>
    public void RecordIntentsRecovered(string kind, int count)
    {
        if (count > 0) _intentsRecovered.Add(count, new KeyValuePair<string, object?>(IntentKindTag, kind));
    }

    /// <summary>The trace root's name for the same change: link.failure, switch.failure or link.restore.</summary>
    public static string ChangeKind(RerouteCompleted e) =>
        e.Method == DetectionMethod.SwitchDisconnect ? ControllerTelemetry.SwitchFailure
        : !e.Changes.IsDefaultOrEmpty && e.Changes[0].Up ? ControllerTelemetry.LinkRestore
        : ControllerTelemetry.LinkFailure;

    private Measurement<int>[] ObserveLinks()
    {
        var total = Volatile.Read(ref _linksTotal);
        var down = Volatile.Read(ref _linksDown);
        return
        [
            new Measurement<int>(total - down, new KeyValuePair<string, object?>(LinkStateTag, "up")),
            new Measurement<int>(down, new KeyValuePair<string, object?>(LinkStateTag, "down")),
        ];
    }

    public void Dispose()
    {
        if (ReferenceEquals(this, Default)) return;
        Meter.Dispose();
    }
}
