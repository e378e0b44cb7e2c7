using System.Diagnostics;

namespace SdnController.Controller.Telemetry;

/// <summary>
/// Span names and attribute keys of network function management (docs/telemetry.md). Every push is an
/// <c>nfv.configure</c> span: a root of its own at start or on a replaced configuration, a child of the
/// <c>nfv.failure</c> root while the function is down and until it is configured again after coming back.
/// Spans come from <see cref="ControllerTelemetry.Source"/>.
/// </summary>
public static class NfvTelemetry
{
    public const string Configure = "nfv.configure";
    public const string Failure = "nfv.failure";
    public const string Alert = "nfv.alert";
    /// <summary>The span event on an <see cref="Alert"/> span (and its name in exporters that flatten events).</summary>
    public const string AlertEvent = "nfv.alert";
    /// <summary>A chained flow fails closed: an instant root span carrying one span event of the same name.</summary>
    public const string ChainClosed = "nfv.chain.closed";
    public const string ChainClosedEvent = "nfv.chain.closed";
    /// <summary>An IDS block ended (expired or lifted by the operator): an instant root span carrying one span event of the same name.</summary>
    public const string BlockLifted = "nfv.block.lifted";
    public const string BlockLiftedEvent = "nfv.block.lifted";

    public const string FunctionId = "sdn.nfv.function.id";
    public const string Kind = "sdn.nfv.kind";
    public const string Version = "sdn.nfv.version";
    public const string AppliedVersion = "sdn.nfv.applied_version";
    /// <summary>applied, already-applied, stale, rejected (the function's answer), timeout, down or superseded (no answer).</summary>
    public const string Outcome = "sdn.nfv.outcome";
    public const string RoundTripMs = "sdn.nfv.rtt_ms";
    public const string Attempt = "sdn.nfv.attempt";
    /// <summary>Why the push: initial, restart, replace, resync, stale, behind, retry.</summary>
    public const string Reason = "sdn.nfv.reason";
    public const string DownMs = "sdn.nfv.down_ms";
    public const string Signature = "sdn.nfv.signature";
    public const string Flow = "sdn.nfv.flow";
    public const string Blocked = "sdn.nfv.blocked";
    public const string ChainId = "sdn.nfv.chain.id";
    /// <summary>The declared traffic flow that fails closed.</summary>
    public const string ChainFlow = "sdn.nfv.chain.flow";
    /// <summary>A <see cref="ChainClosedCause"/> name.</summary>
    public const string ChainReason = "sdn.nfv.chain.reason";
    /// <summary>The closing reason in words (<c>fw1 down, no standby</c>).</summary>
    public const string ChainDetail = "sdn.nfv.chain.detail";
    /// <summary>The block's number (the shell's and <c>ControllerHost.Unblock</c>'s id).</summary>
    public const string BlockId = "sdn.nfv.block.id";
    /// <summary>Why a block ended: expired or operator.</summary>
    public const string BlockReason = "sdn.nfv.block.reason";
    /// <summary>How long the block was in force, from its decision to its end.</summary>
    public const string BlockDurationMs = "sdn.nfv.block.duration_ms";
    /// <summary>The detection method of an nfv.failure: the instance's own down status on its management channel.</summary>
    public const string StatusDetection = "nfv-status";

    public static string OutcomeName(Southbound.Nfv.ConfigureOutcome outcome) => outcome switch
    {
        Southbound.Nfv.ConfigureOutcome.Applied => "applied",
        Southbound.Nfv.ConfigureOutcome.AlreadyApplied => "already-applied",
        Southbound.Nfv.ConfigureOutcome.Stale => "stale",
        _ => "rejected",
    };

    public static string KindName(Topology.Model.Nfv.NfvKind kind) => Topology.Model.Nfv.NfvKinds.Name(kind);

    /// <summary>Start an nfv span: under <paramref name="parent"/>, or a new root when it is default.</summary>
    public static Activity? Start(string name, ActivityContext parent) =>
        parent == default ? ControllerTelemetry.StartRoot(name) : ControllerTelemetry.StartChild(name, parent);
}
