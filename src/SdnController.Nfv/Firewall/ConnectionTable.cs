using SdnController.Nfv.Packets;

namespace SdnController.Nfv.Firewall;

/// <summary>
/// Connections a firewall allowed, found from a packet of either direction. Entries idle longer than the
/// timeout count as gone; they are swept when the table fills, and when it is full of live connections a
/// new one is still allowed but not tracked (its replies then meet the rules), so memory stays bounded.
/// </summary>
internal sealed class ConnectionTable
{
    public const int DefaultCapacity = 1 << 20;

    internal readonly record struct Entry(FlowKey Originator, TimeSpan LastSeen, int Rule, long Generation);

    private readonly Dictionary<FlowKey, Entry> _byOriginator = new();
    private readonly int _capacity;

    public ConnectionTable(int capacity) => _capacity = Math.Max(1, capacity);

    public int Count => _byOriginator.Count;

    /// <summary>Finds the live connection the packet belongs to (as originator or reply) and marks it seen.</summary>
    public bool TryTouch(in FlowKey flow, TimeSpan now, TimeSpan timeout, out Entry entry)
    {
        if (!_byOriginator.TryGetValue(flow, out entry) && !_byOriginator.TryGetValue(flow.Reverse(), out entry)) return false;
        if (now - entry.LastSeen > timeout)
        {
            _byOriginator.Remove(entry.Originator);
            return false;
        }
        entry = entry with { LastSeen = now };
        _byOriginator[entry.Originator] = entry;
        return true;
    }

    public void Refresh(in FlowKey originator, long generation)
    {
        if (_byOriginator.TryGetValue(originator, out var e) && e.Generation != generation)
            _byOriginator[originator] = e with { Generation = generation };
    }

    public void Remove(in FlowKey originator) => _byOriginator.Remove(originator);

    public void Open(in FlowKey flow, TimeSpan now, int rule, long generation, TimeSpan timeout)
    {
        if (_byOriginator.Count >= _capacity) Sweep(now, timeout);
        if (_byOriginator.Count >= _capacity) return;
        _byOriginator[flow] = new Entry(flow, now, rule, generation);
    }

    private void Sweep(TimeSpan now, TimeSpan timeout)
    {
        List<FlowKey>? stale = null;
        foreach (var (key, e) in _byOriginator)
            if (now - e.LastSeen > timeout) (stale ??= new List<FlowKey>()).Add(key);
        if (stale is null) return;
        foreach (var key in stale) _byOriginator.Remove(key);
    }
}
