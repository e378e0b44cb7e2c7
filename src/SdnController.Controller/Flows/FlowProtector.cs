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
/// <remarks>
/// Backups with no link down are also kept across updates, by routing slot and the direction's links: they depend
/// on nothing else, and every restore comes back to them (the flows rebuilt under the failure, and those moving back
/// to their old paths, ask again for exactly these).
/// </remarks>
internal sealed class FlowProtector
{
    private readonly RoutingByMetric _routings;
    private readonly BackupPaths?[] _bySlot;
    private readonly LinkSet _failed;
    private readonly Dictionary<(FlowPath, bool), HopBackup[]> _memo = new();
    private readonly Dictionary<DirectionKey, HopBackup[]> _intact = new();
    /// <summary>Entries of the all-links-up cache before it starts over (bounds it when reactive flows come and go).</summary>
    private const int IntactCapacity = 1 << 14;

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
        var intact = _failed.Count == 0;
        var key = intact ? new DirectionKey(routingSlot, direction.Switches[0], direction.Links) : default;
        if (!intact || !_intact.TryGetValue(key, out var backups))
        {
            var paths = _bySlot[routingSlot] ??= new BackupPaths(_routings[routingSlot].Graph);
            backups = paths.Compute(direction.Switches.AsSpan(), direction.Links.AsSpan(), _failed);
            if (intact)
            {
                if (_intact.Count >= IntactCapacity) _intact.Clear();
                _intact[key] = backups;
            }
        }
        _memo[(path, reverse)] = backups;
        return backups;
    }

    /// <summary>A direction by value: routing slot, first switch and links (the path's own arrays, never changed after it is made).</summary>
    private readonly struct DirectionKey : IEquatable<DirectionKey>
    {
        private readonly int _slot;
        private readonly int _first;
        private readonly System.Collections.Immutable.ImmutableArray<int> _links;
        private readonly int _hash;

        public DirectionKey(int slot, int first, System.Collections.Immutable.ImmutableArray<int> links)
        {
            _slot = slot;
            _first = first;
            _links = links;
            var h = new HashCode();
            h.Add(slot);
            h.Add(first);
            foreach (var l in links) h.Add(l);
            _hash = h.ToHashCode();
        }

        public bool Equals(DirectionKey other) =>
            _hash == other._hash && _slot == other._slot && _first == other._first && _links.AsSpan().SequenceEqual(other._links.AsSpan());

        public override bool Equals(object? obj) => obj is DirectionKey k && Equals(k);
        public override int GetHashCode() => _hash;
    }

    /// <summary>Forget the memo (paths are only shared within one update).</summary>
    public void EndUpdate() => _memo.Clear();
}
