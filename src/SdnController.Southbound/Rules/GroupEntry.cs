using System.Collections.Immutable;
using SdnController.Southbound.Actions;

namespace SdnController.Southbound.Rules;

public enum GroupType
{
    /// <summary>Every bucket gets a copy.</summary>
    All,
    /// <summary>One live bucket chosen by a hash of the flow (ECMP), weighted.</summary>
    Select,
    /// <summary>Exactly one bucket; a level of indirection.</summary>
    Indirect,
    /// <summary>The first bucket whose watched port is up.</summary>
    FastFailover,
}

/// <summary>One bucket of a group; WatchPort decides liveness for fast-failover (and select).</summary>
public sealed record Bucket(ImmutableArray<FlowAction> Actions)
{
    public int WatchPort { get; init; } = PortNumbers.Any;
    public int Weight { get; init; } = 1;

    public override string ToString() =>
        $"bucket(weight={Weight}{(WatchPort == PortNumbers.Any ? "" : $",watch_port={WatchPort}")}: {string.Join(',', Actions)})";
}

public sealed record GroupEntry(uint GroupId, GroupType Type, ImmutableArray<Bucket> Buckets)
{
    public ulong Cookie { get; init; }

    public override string ToString() => $"group_id={GroupId},type={Type},{string.Join(' ', Buckets)}";
}
