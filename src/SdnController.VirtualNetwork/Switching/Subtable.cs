namespace SdnController.VirtualNetwork.Switching;

/// <summary>
/// All entries sharing one mask signature (same fields, same prefix lengths): a hash table from the masked
/// key to the entries with that key, best first (priority descending, then install order).
/// </summary>
internal sealed class Subtable
{
    private readonly Dictionary<int, int> _priorityCounts = new();

    public Subtable(FlowKey mask, int id)
    {
        Mask = mask;
        Id = id;
    }

    public readonly FlowKey Mask;
    /// <summary>Creation order, the last tie-break of the search order so it is total and deterministic.</summary>
    public readonly int Id;
    public readonly Dictionary<FlowKey, List<FlowEntry>> Entries = new();
    public int Count { get; private set; }
    public int MaxPriority { get; private set; } = int.MinValue;
    /// <summary>
    /// A lower bound of the install sequence of the entries (not raised on removal): an entry found elsewhere
    /// with the same priority and an earlier sequence cannot be beaten by anything here.
    /// </summary>
    public long MinSequence { get; private set; } = long.MaxValue;

    public FlowEntry? Find(in FlowKey key, int priority)
    {
        if (!Entries.TryGetValue(key, out var list)) return null;
        foreach (var e in list)
            if (e.Priority == priority) return e;
        return null;
    }

    public void Insert(FlowEntry entry)
    {
        if (!Entries.TryGetValue(entry.Key, out var list))
        {
            list = new List<FlowEntry>(1);
            Entries.Add(entry.Key, list);
        }
        var at = 0;
        while (at < list.Count && IsBetter(list[at], entry)) at++;
        list.Insert(at, entry);
        Count++;
        _priorityCounts[entry.Priority] = _priorityCounts.GetValueOrDefault(entry.Priority) + 1;
        if (entry.Priority > MaxPriority) MaxPriority = entry.Priority;
        if (entry.Sequence < MinSequence) MinSequence = entry.Sequence;
    }

    public void Remove(FlowEntry entry)
    {
        var list = Entries[entry.Key];
        list.Remove(entry);
        if (list.Count == 0) Entries.Remove(entry.Key);
        Count--;
        var left = _priorityCounts[entry.Priority] - 1;
        if (left > 0)
        {
            _priorityCounts[entry.Priority] = left;
            return;
        }
        _priorityCounts.Remove(entry.Priority);
        if (entry.Priority == MaxPriority)
        {
            MaxPriority = int.MinValue;
            foreach (var p in _priorityCounts.Keys)
                if (p > MaxPriority) MaxPriority = p;
        }
    }

    /// <summary>True when <paramref name="a"/> wins over <paramref name="b"/>: higher priority, then installed first.</summary>
    public static bool IsBetter(FlowEntry a, FlowEntry b) =>
        a.Priority > b.Priority || (a.Priority == b.Priority && a.Sequence < b.Sequence);
}
