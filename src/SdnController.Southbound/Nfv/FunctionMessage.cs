using System.Collections.Immutable;

namespace SdnController.Southbound.Nfv;

/// <summary>A message from a network function instance: a reply (its request's Xid) or an event (Xid 0).</summary>
public abstract record FunctionMessage(uint Xid);

public enum ConfigureOutcome
{
    /// <summary>The version was newer than the applied one; its rules are in force now.</summary>
    Applied,
    /// <summary>That version was in force already (a repeated push): nothing changed.</summary>
    AlreadyApplied,
    /// <summary>Older than the applied version (overtaken by a newer push): ignored.</summary>
    Stale,
    /// <summary>The instance cannot take it (a configuration of another kind, version &lt; 1); see Error.</summary>
    Rejected,
}

/// <summary>The answer to <see cref="ConfigureFunction"/>: what happened to <paramref name="Version"/>, and the version in force now.</summary>
public sealed record FunctionConfigured(uint Xid, long Version, ConfigureOutcome Outcome, long AppliedVersion) : FunctionMessage(Xid)
{
    public string? Error { get; init; }
}

public enum FunctionState { Up, Down }

/// <summary>
/// The instance's health and configuration version. An event (Xid 0) when the channel opens and whenever the
/// instance goes down or comes back; a reply to <see cref="FunctionStatusRequest"/> otherwise. An instance that
/// comes back up is a restarted one: AppliedVersion 0, no rules, dropping everything until configured again.
/// </summary>
public sealed record FunctionStatus(uint Xid, FunctionState State, long AppliedVersion) : FunctionMessage(Xid);

public sealed record FunctionPacketCounts(long In, long Out, long Dropped);

/// <summary>Packets one rule of the function decided (rules named as the function lists them: firewall rules and "default", ...).</summary>
public sealed record FunctionRuleCounts(string Rule, long In, long Out, long Dropped);

public sealed record FunctionCountersReply(uint Xid, long AppliedVersion, FunctionPacketCounts Total, ImmutableArray<FunctionRuleCounts> Rules)
    : FunctionMessage(Xid);

/// <summary>An IDS signature matched (event, Xid 0). Flow is the packet's 5-tuple as text; Blocked when the flow is now blocked.</summary>
public sealed record FunctionAlert(string SignatureId, string Flow, bool Blocked, TimeSpan At) : FunctionMessage(0)
{
    /// <summary>The same 5-tuple as numbers, so the controller can block the flow with switch rules; null when the agent does not send it.</summary>
    public FunctionFlowTuple? Tuple { get; init; }
}

/// <summary>The answer to <see cref="LiftFunctionBlocks"/>: how many flow directions were blocked and are not now.</summary>
public sealed record FunctionBlocksLifted(uint Xid, int Lifted) : FunctionMessage(Xid);

/// <summary>A packet's 5-tuple, IPv4 addresses in host order; ports 0 when the protocol has none.</summary>
public readonly record struct FunctionFlowTuple(uint Source, uint Destination, ushort SourcePort, ushort DestinationPort, byte Protocol);
