using System.Collections.Immutable;
using System.Diagnostics;
using SdnController.Southbound.Messages;

namespace SdnController.Controller.Messages;

public enum DetectionMethod { PortStatus, KeepaliveTimeout, SwitchDisconnect, Keepalive }

/// <summary>Switch actor → topology actor: a port-status event arrived from the switch.</summary>
public sealed record PortStatusObserved(string SwitchId, PortDescription Port, TimeSpan At);

/// <summary>Switch actor → topology actor: an LLDP probe sent by (FromSwitchId, FromPort) arrived on (SwitchId, InPort).</summary>
public sealed record LldpObserved(string SwitchId, int InPort, string FromSwitchId, int FromPort, TimeSpan At);

/// <summary>Switch actor → topology actor: the control channel opened or closed.</summary>
public sealed record SwitchConnectionChanged(string SwitchId, bool Connected, TimeSpan At);

/// <summary>One link changing state.</summary>
public sealed record LinkChange(string LinkId, int LinkIndex, bool Up);

/// <summary>
/// Topology actor → flow manager: links went down or came back. Several changes arrive together when one
/// event (a switch failing) takes many links at once. Trace is the root span of the failure handling.
/// </summary>
public sealed record TopologyChanged(
    ImmutableArray<LinkChange> Changes,
    DetectionMethod Method,
    TimeSpan DetectedAt,
    long DetectedWallTimestamp,
    ActivityContext Trace)
{
    /// <summary>For a restore held back by flap damping: the hold-down the links stayed up for before this report; zero otherwise.</summary>
    public TimeSpan HeldDown { get; init; }
    /// <summary>The switch whose disconnect this change is (all its links), or null.</summary>
    public string? SwitchId { get; init; }
}

/// <summary>
/// Flow manager → topology actor: the change carried by Trace is fully handled (new rules confirmed, old
/// ones removed); the topology actor ends the root span it owns.
/// </summary>
public sealed record TopologyChangeHandled(ActivityContext Trace, int AffectedFlows, int ReroutedFlows, int UnreachableFlows, TimeSpan CommittedAt);
