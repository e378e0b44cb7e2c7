using SdnController.Southbound.Nfv;
using SdnController.Topology.Model.Nfv;

namespace SdnController.Controller.Nfv;

/// <summary>
/// Replace the instance's desired configuration: it becomes a new version (one above both the desired and the
/// applied version, so a version number never names two rule sets) and is pushed at once.
/// </summary>
public sealed record ReplaceFunctionConfig(string FunctionId, NfvConfig Config);

/// <summary>
/// Mark a load balancer's backend (host id, or address:port) down or up: the desired configuration gets the new
/// health (<see cref="LoadBalancerConfig.DownBackends"/>) as a new version, pushed and acknowledged like any.
/// </summary>
public sealed record SetBackendHealth(string FunctionId, string Backend, bool Healthy)
{
    /// <summary>Sent by a recovery from the intent store: applied, not journalled again.</summary>
    public bool Recovered { get; init; }
}

/// <summary>
/// Ask every instance (FunctionId null) or one for its counters; each answers with a
/// <see cref="Observation.FunctionCountersCollected"/> event carrying <paramref name="RequestId"/>.
/// </summary>
public sealed record CollectFunctionCounters(long RequestId, string? FunctionId = null);

/// <summary>Fault injection: the function's actor throws (supervision restarts it; it re-opens the channel and re-syncs).</summary>
public sealed record CrashFunctionActor(string FunctionId);

/// <summary>A push's reply did not come in time (ignored unless that push is still the one pending).</summary>
internal sealed record ConfigureTimedOut(uint Xid);

/// <summary>A counters request's reply did not come in time.</summary>
internal sealed record CountersTimedOut(uint Xid);

/// <summary>
/// Function actor → supervisor → flow manager: the instance can (up and running its desired rules) or cannot
/// (down) carry chained traffic. Chains move to the standby, fail closed, or come back on it.
/// </summary>
public sealed record FunctionAvailability(string FunctionId, bool Usable);

/// <summary>
/// Function actor → supervisor → flow manager: a blocking IDS alerted on this flow; drop its 5-tuple (both
/// directions) at the ingress switches so its later packets never reach the chain.
/// </summary>
public sealed record BlockFlow(string FunctionId, string SignatureId, string Flow, FunctionFlowTuple Tuple)
{
    /// <summary>The IDS's <c>block_for</c>: the block ends this long after it is made; null: until lifted by hand.</summary>
    public TimeSpan? BlockFor { get; init; }

    /// <summary>A block recovered from the intent store: made again with its old id and times (null: a new block).</summary>
    public RecoveredBlock? Recovered { get; init; }
}

/// <summary>The id and times of a block made before a controller restart.</summary>
public sealed record RecoveredBlock(long Id, TimeSpan Since, TimeSpan? ExpiresAt);

/// <summary>Supervisor → flow manager after recovery: block ids go on after this one (a new block never reuses an old id).</summary>
internal sealed record RestoreBlockIds(long LastId);

/// <summary>
/// <see cref="ControllerHost.Unblock"/> → supervisor → flow manager: lift block <paramref name="BlockId"/>, or every block
/// when it is null. Unknown or already lifted blocks are ignored.
/// </summary>
public sealed record LiftBlocks(long? BlockId);

/// <summary>
/// Flow manager → supervisor → function actor: the operator lifted a block, so the instance must forget its own
/// block of the flow too (an IDS drops a blocked flow itself, besides the switch rules).
/// </summary>
public sealed record LiftFunctionBlock(string FunctionId, FunctionFlowTuple Flow);
