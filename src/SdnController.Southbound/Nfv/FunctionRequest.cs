using SdnController.Topology.Model.Nfv;

namespace SdnController.Southbound.Nfv;

/// <summary>A request from the controller to a network function instance; Xid pairs it with its reply.</summary>
public abstract record FunctionRequest(uint Xid);

/// <summary>
/// Put <paramref name="Config"/> in force as <paramref name="Version"/> (≥ 1). Idempotent and ordered by version:
/// the same version again changes nothing (<see cref="ConfigureOutcome.AlreadyApplied"/>), an older one is refused
/// (<see cref="ConfigureOutcome.Stale"/>). Always answered by <see cref="FunctionConfigured"/> while the instance is up.
/// </summary>
public sealed record ConfigureFunction(uint Xid, long Version, NfvConfig Config) : FunctionRequest(Xid);

/// <summary>Answered by <see cref="FunctionStatus"/> with this Xid.</summary>
public sealed record FunctionStatusRequest(uint Xid) : FunctionRequest(Xid);

/// <summary>Answered by <see cref="FunctionCountersReply"/>.</summary>
public sealed record FunctionCountersRequest(uint Xid) : FunctionRequest(Xid);

/// <summary>
/// Lift the instance's own block of <paramref name="Flow"/> (both directions), or of every flow when it is null: an IDS
/// then lets the flow pass again until it offends again. Answered by <see cref="FunctionBlocksLifted"/>; a function
/// that blocks nothing answers with 0.
/// </summary>
public sealed record LiftFunctionBlocks(uint Xid, FunctionFlowTuple? Flow) : FunctionRequest(Xid);
