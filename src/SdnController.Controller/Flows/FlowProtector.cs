using SdnController.Controller.Planning;
using SdnController.Controller.Routing;
using SdnController.Paths.Graph;
using SdnController.Paths.Protection;

namespace SdnController.Controller.Flows;

/// <summary>
/// The flow manager's backup computation for protected flows: one <see cref="BackupPaths"/> per routing
/// metric in use (backups are shortest under the flow's own metric), the links known failed, and a memo so
/// flows between the same hosts (which share one path object) cost one computation per update.
/// Exists only when some flow may be protected, so an unprotected controller pays nothing.
/// </summary>
internal sealed class FlowProtector
{
    private readonly RoutingByMetric _routings;
    private readonly BackupPaths?[] _bySlot;
    private readonly LinkSet _failed;
    private readonly Dictionary<(FlowPath, bool), HopBackup[]> _memo = new();

    public FlowProtector(Topology.Model.Topology topology, RoutingByMetric routings)
    {
        _routings = routings;
        _bySlot = new BackupPaths?[routings.Count];
        _failed = new LinkSet(topology.Links.Count);
        Planner = new ProtectionPlanner(topology);
    }

    public ProtectionPlanner Planner { get; }

    /// <summary>Flows with protection on, in creation order.</summary>
    public readonly List<FlowRecord> Flows = new();

    public bool IsFailed(int link) => _failed.Contains(link);
    public bool AnyFailed => _failed.Count > 0;

    public void SetLinkState(int link, bool up)
    {
        if (up) _failed.Remove(link);
        else _failed.Add(link);
    }

    /// <summary>
    /// Backups of every hop of one direction of <paramref name="path"/>: <paramref name="direction"/> is the
    /// path itself (forward) or its reversal (reverse), in the direction's own order.
    /// </summary>
    public HopBackup[] BackupsOf(int routingSlot, FlowPath path, FlowPath direction, bool reverse)
    {
        if (_memo.TryGetValue((path, reverse), out var known)) return known;
        var paths = _bySlot[routingSlot] ??= new BackupPaths(_routings[routingSlot].Graph);
        var backups = paths.Compute(direction.Switches.AsSpan(), direction.Links.AsSpan(), _failed);
        _memo[(path, reverse)] = backups;
        return backups;
    }

    /// <summary>Forget the memo (paths are only shared within one update).</summary>
    public void EndUpdate() => _memo.Clear();
}
