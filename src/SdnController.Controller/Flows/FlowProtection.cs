using System.Collections.Immutable;
using SdnController.Controller.Observation;
using SdnController.Paths.Protection;

namespace SdnController.Controller.Flows;

/// <summary>
/// What a protected flow holds for its backups along its current path and version: the fast-failover groups its
/// hop rules point to, the detour rules, the links the detours cross (a failure there means rebuilding them), and
/// the hops left without a backup.
/// </summary>
internal sealed class FlowProtection
{
    /// <summary>The backups the groups and detours were built from, per hop of each direction (Reverse null for a one-way flow).</summary>
    public HopBackup[] Forward = [];
    public HopBackup[]? Reverse;
    /// <summary>Built while some link was down: a restore may give better backups.</summary>
    public bool BuiltUnderFailure;
    public readonly List<GroupSlot> Groups = new();
    public readonly List<RuleSlot> Detours = new();
    /// <summary>Links the detours cross (a link may appear more than once).</summary>
    public readonly List<int> BackupLinks = new();
    public ImmutableArray<UnprotectedHop> Unprotected = ImmutableArray<UnprotectedHop>.Empty;
    /// <summary>Hops (of both directions) with a backup.</summary>
    public int ProtectedHops;
    /// <summary>Longest one-way latency of a detoured packet: the primary up to the hop plus the detour (the drain before its rules go).</summary>
    public double LongestDetourMs;
}
