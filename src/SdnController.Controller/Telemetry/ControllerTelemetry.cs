using System.Diagnostics;

namespace SdnController.Controller.Telemetry;

/// <summary>
/// Span names and attribute keys of failure handling. One trace per topology change: root `link.failure`
/// (or `switch.failure`, `link.restore`), children failure.detect, route.compute, switch.install (one per
/// switch, created in the switch actor), update.commit. Our own attributes use the `sdn.` prefix.
/// Spans never rely on Activity.Current across messages: parents travel as ActivityContext inside messages
/// (the W3C trace context; <see cref="TraceParent"/> is its wire form). docs/telemetry.md is the contract.
/// </summary>
public static class ControllerTelemetry
{
    public const string SourceName = "SdnController.Controller";
    public static readonly ActivitySource Source = new(SourceName, "1.0");

    public const string LinkFailure = "link.failure";
    public const string SwitchFailure = "switch.failure";
    public const string LinkRestore = "link.restore";
    public const string FailureDetect = "failure.detect";
    public const string RouteCompute = "route.compute";
    public const string SwitchInstall = "switch.install";
    public const string UpdateCommit = "update.commit";
    public const string SwitchResync = "switch.resync";
    /// <summary>Root span of an untagging pass (flows back from the two-phase version tag to their untagged rules).</summary>
    public const string UpdateUntag = "update.untag";

    public const string LinkIds = "sdn.link.ids";
    public const string SwitchId = "sdn.switch.id";
    public const string DetectionMethod = "sdn.detection.method";
    public const string AffectedFlows = "sdn.flows.affected";
    public const string ReroutedFlows = "sdn.flows.rerouted";
    public const string UnreachableFlows = "sdn.flows.unreachable";
    public const string RulesAdded = "sdn.rules.added";
    public const string RulesRemoved = "sdn.rules.removed";
    public const string BarrierRttMs = "sdn.barrier.rtt_ms";
    public const string Algorithm = "sdn.route.algorithm";
    public const string SourcesRecomputed = "sdn.route.sources_recomputed";
    /// <summary>On route.compute when flows are routed by more than one metric (traffic classes): the metrics, controller's first.</summary>
    public const string RouteMetrics = "sdn.route.metric";
    public const string PairsRecomputed = "sdn.route.pairs_recomputed";
    public const string SwitchesTouched = "sdn.switches.touched";
    public const string SwitchesUnconfirmed = "sdn.switches.unconfirmed";
    /// <summary>How the change's moved flows were updated: ordered, two-phase, or mixed (some of each).</summary>
    public const string UpdateMethod = "sdn.update.method";
    public const string OrderedFlows = "sdn.update.ordered_flows";
    public const string TwoPhaseFlows = "sdn.update.two_phase_flows";
    /// <summary>Moved flows now spread over several equal-cost paths (ECMP select groups); on <c>route.compute</c> when ECMP is on.</summary>
    public const string EcmpFlows = "sdn.route.ecmp_flows";
    /// <summary>route.compute with protection on: protected flows whose backups were rebuilt on an unchanged path.</summary>
    public const string ProtectionRebuilt = "sdn.protection.rebuilt_flows";
    /// <summary>route.compute with protection on: hops of protected flows (both directions) left without a backup.</summary>
    public const string ProtectionUnprotectedHops = "sdn.protection.unprotected_hops";
    public const string WallDetectToCommitMs = "sdn.wall_time.detect_to_commit_ms";
    /// <summary>On a <c>link.restore</c> root released after flap damping: the hold-down the link had to stay up for.</summary>
    public const string HoldDownMs = "sdn.detection.hold_down_ms";
    public const string VirtualStartMs = "sdn.virtual_time.start_ms";
    public const string VirtualEndMs = "sdn.virtual_time.end_ms";

    /// <summary>
    /// The names of detection methods in spans, metrics and the run report alike: port-status,
    /// keepalive-timeout, switch-disconnect, keepalive (a link seen again by LLDP).
    /// </summary>
    public static string DetectionName(Messages.DetectionMethod m) => m switch
    {
        Messages.DetectionMethod.PortStatus => "port-status",
        Messages.DetectionMethod.KeepaliveTimeout => "keepalive-timeout",
        Messages.DetectionMethod.SwitchDisconnect => "switch-disconnect",
        _ => "keepalive",
    };

    /// <summary>Start a span under an explicit parent and leave Activity.Current as it was (actors must not leak it).</summary>
    public static Activity? StartChild(string name, ActivityContext parent, ActivityKind kind = ActivityKind.Internal)
    {
        var previous = Activity.Current;
        var activity = Source.StartActivity(name, kind, parent);
        Activity.Current = previous;
        return activity;
    }

    /// <summary>Start a new root span (a new trace) and leave Activity.Current as it was.</summary>
    public static Activity? StartRoot(string name)
    {
        var previous = Activity.Current;
        Activity.Current = null;
        var activity = Source.StartActivity(name, ActivityKind.Internal, default(ActivityContext));
        Activity.Current = previous;
        return activity;
    }
}
