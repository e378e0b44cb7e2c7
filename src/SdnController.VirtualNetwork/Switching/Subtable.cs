using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SdnController.VirtualNetwork.Switching;

/// <summary>
/// All entries sharing one mask signature (same fields, same prefix lengths): a hash table from the masked
/// key to the entries with that key, chained best first (priority descending, then install order) through
/// <see cref="FlowEntry.NextSameKey"/>. Almost every key has one entry, so the chain costs no list object
/// and a lookup reads the winning entry straight from the table.
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
    public int Id { get; private set; }

    /// <summary>
    /// Brings an emptied subtable back for its mask as if created now (new id, no bounds), keeping its
    /// dictionary's capacity: a reroute that empties a switch's table and the restore that refills it
    /// do not regrow the table from scratch each time.
    /// </summary>
    public void Revive(int id)
    {
        if (Count != 0) throw new InvalidOperationException("Only an empty subtable can be revived.");
        Id = id;
        MaxPriority = int.MinValue;
        MinSequence = long.MaxValue;
    }
    /// <summary>Masked key → best entry with that key (the head of its chain).</summary>
    public readonly Dictionary<FlowKey, FlowEntry> Entries = new();
    public int Count { get; private set; }
    public int MaxPriority { get; private set; } = int.MinValue;
    /// <summary>
    /// A lower bound of the install sequence of the entries (not raised on removal): an entry found elsewhere
    /// with the same priority and an earlier sequence cannot be beaten by anything here.
    /// </summary>
    public long MinSequence { get; private set; } = long.MaxValue;

    public FlowEntry? Find(in FlowKey key, int priority)
    {
        if (!Entries.TryGetValue(key, out var e)) return null;
        for (; e is not null; e = e.NextSameKey)
            if (e.Priority == priority) return e;
        return null;
    }

    /// <param name="entry">The new entry.</param>
    /// <param name="more">Entries expected to follow in the same batch: a full table grows once to hold them too.</param>
    public void Insert(FlowEntry entry, int more = 0)
    {
        if (more > 0 && Entries.Count == Entries.EnsureCapacity(0)) Entries.EnsureCapacity(Entries.Count + 1 + more);
        ref var head = ref CollectionsMarshal.GetValueRefOrAddDefault(Entries, entry.Key, out _);
        if (head is null || IsBetter(entry, head))
        {
            entry.NextSameKey = head;
            head = entry;
        }
        else
        {
            var at = head;
            while (at.NextSameKey is { } next && IsBetter(next, entry)) at = next;
            entry.NextSameKey = at.NextSameKey;
            at.NextSameKey = entry;
        }
        Count++;
        ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(_priorityCounts, entry.Priority, out _);
        count++;
        if (entry.Priority > MaxPriority) MaxPriority = entry.Priority;
        if (entry.Sequence < MinSequence) MinSequence = entry.Sequence;
    }

    /// <summary>
    /// Puts <paramref name="entry"/> where <paramref name="old"/> is (same key and priority, installed later): the
    /// chain order, priorities and the sequence bound stay valid, so nothing else changes.
    /// </summary>
    public void Replace(FlowEntry old, FlowEntry entry)
    {
        ref var link = ref LinkTo(old);
        entry.NextSameKey = old.NextSameKey;
        link = entry;
        old.NextSameKey = null;
    }

    public void Remove(FlowEntry entry)
    {
        ref var head = ref CollectionsMarshal.GetValueRefOrNullRef(Entries, entry.Key);
        if (ReferenceEquals(head, entry) && entry.NextSameKey is null)
        {
            Entries.Remove(entry.Key);
        }
        else
        {
            ref var link = ref LinkTo(entry);
            link = entry.NextSameKey!;
            entry.NextSameKey = null;
        }
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

    /// <summary>The reference that points at the entry: its key's table slot or the previous entry's link.</summary>
    private ref FlowEntry LinkTo(FlowEntry entry)
    {
        ref var head = ref CollectionsMarshal.GetValueRefOrNullRef(Entries, entry.Key);
        if (Unsafe.IsNullRef(ref head)) throw new InvalidOperationException("The entry is not in this subtable.");
        if (ReferenceEquals(head, entry)) return ref head;
        for (var at = head; at.NextSameKey is { } next; at = next)
            if (ReferenceEquals(next, entry)) return ref at.NextSameKey!;
        throw new InvalidOperationException("The entry is not in this subtable.");
    }

    /// <summary>True when <paramref name="a"/> wins over <paramref name="b"/>: higher priority, then installed first.</summary>
    public static bool IsBetter(FlowEntry a, FlowEntry b) =>
        a.Priority > b.Priority || (a.Priority == b.Priority && a.Sequence < b.Sequence);
}
