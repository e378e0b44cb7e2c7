using SdnController.Southbound.Matching;
using SdnController.Southbound.Rules;
using SdnController.VirtualNetwork.Headers;

namespace SdnController.VirtualNetwork.Switching;

/// <summary>
/// Table 0 of a switch. Lookup is a tuple-space search: one hash probe per mask signature, signatures visited
/// by their best priority so the search stops as soon as no remaining signature can beat the match in hand.
/// Entry identity (for replace, modify-strict, delete-strict) is (priority, meaning of the match): matches that
/// select exactly the same packets are the same — e.g. ipv4_src=0/0 and ipv4_dst=0/0 both mean "any IPv4 packet".
/// </summary>
public sealed class FlowTable
{
    private readonly Dictionary<FlowKey, Subtable> _byMask = new();
    /// <summary>Emptied subtables kept for their capacity (see <see cref="Subtable.Revive"/>), a few at most.</summary>
    private readonly Dictionary<FlowKey, Subtable> _emptied = new();
    private const int MaxEmptied = 4;
    private readonly HashSet<FlowEntry> _timed = new();
    private Subtable[] _order = [];
    private int _orderCount;
    private bool _orderDirty;
    private long _nextSequence;
    private int _nextSubtableId;

    public int Count { get; private set; }

    /// <summary>
    /// Adds still to come in the batch being handled (a sizing hint, never a limit): a subtable that is full
    /// when an entry arrives grows once to take them all.
    /// </summary>
    public int AddsExpected { get; set; }

    /// <summary>Number of distinct mask signatures (hash probes a worst-case lookup makes).</summary>
    public int SubtableCount => _byMask.Count;

    /// <summary>The best entry for the packet: highest priority, ties to the one installed first; null on a miss.</summary>
    public FlowEntry? Lookup(in PacketHeaders h, int inPort)
    {
        if (Count == 0) return null;
        if (_orderDirty) RebuildOrder();
        var key = FlowKey.FromPacket(h, inPort);
        FlowEntry? best = null;
        var order = _order;
        for (var i = 0; i < _orderCount; i++)
        {
            var s = order[i];
            if (best is not null)
            {
                if (best.Priority > s.MaxPriority) break;
                if (best.Priority == s.MaxPriority && best.Sequence < s.MinSequence) continue;
            }
            if (s.Entries.TryGetValue(key.And(s.Mask), out var e) && (best is null || Subtable.IsBetter(e, best))) best = e;
        }
        return best;
    }

    /// <summary>Every entry, priority descending then install order.</summary>
    public IReadOnlyList<FlowEntry> Snapshot()
    {
        var all = new List<FlowEntry>(Count);
        foreach (var s in _byMask.Values)
            foreach (var head in s.Entries.Values)
                for (var e = head; e is not null; e = e.NextSameKey) all.Add(e);
        all.Sort(static (a, b) => Subtable.IsBetter(a, b) ? -1 : Subtable.IsBetter(b, a) ? 1 : 0);
        return all;
    }

    /// <summary>The entry with exactly this priority and match, if any.</summary>
    public FlowEntry? FindStrict(int priority, Match match)
    {
        FlowKey.FromMatch(match, out var mask, out var key);
        return _byMask.TryGetValue(mask, out var s) ? s.Find(key, priority) : null;
    }

    /// <summary>Install a rule; an entry with the same priority and match is replaced (returned in <paramref name="replaced"/>).</summary>
    public FlowEntry Add(FlowRule rule, TimeSpan now, out FlowEntry? replaced)
    {
        FlowKey.FromMatch(rule.Match, out var mask, out var key);
        var more = AddsExpected > 0 ? --AddsExpected : 0;
        var s = _byMask.GetValueOrDefault(mask);
        replaced = s?.Find(key, rule.Priority);
        if (replaced is not null)
        {
            // The new entry takes the old one's place: same key and priority, so the subtable's chain order,
            // priorities and search order are unchanged (only the new install sequence, which ranks it the same).
            var fresh = new FlowEntry(rule, now, _nextSequence++, s!, key);
            s!.Replace(replaced, fresh);
            _timed.Remove(replaced);
            if (fresh.HasTimeout) _timed.Add(fresh);
            return fresh;
        }
        if (s is null)
        {
            if (_emptied.Remove(mask, out s)) s.Revive(_nextSubtableId++);
            else s = new Subtable(mask, _nextSubtableId++);
            _byMask.Add(mask, s);
        }
        var entry = new FlowEntry(rule, now, _nextSequence++, s, key);
        s.Insert(entry, more);
        if (entry.HasTimeout) _timed.Add(entry);
        Count++;
        _orderDirty = true;
        return entry;
    }

    /// <summary>Swap in a new rule for the entry with the same priority and match, keeping counters and times.</summary>
    public FlowEntry? ModifyStrict(FlowRule rule)
    {
        var entry = FindStrict(rule.Priority, rule.Match);
        if (entry is null) return null;
        entry.Rule = rule;
        if (entry.HasTimeout) _timed.Add(entry);
        else _timed.Remove(entry);
        return entry;
    }

    /// <summary>Remove every entry whose cookie equals <paramref name="cookie"/> under <paramref name="cookieMask"/> (0 = all).</summary>
    public IReadOnlyList<FlowEntry> Delete(ulong cookie, ulong cookieMask) =>
        RemoveWhere(e => (e.Rule.Cookie & cookieMask) == (cookie & cookieMask));

    public FlowEntry? DeleteStrict(int priority, Match match, ulong cookie, ulong cookieMask)
    {
        var entry = FindStrict(priority, match);
        if (entry is null || (entry.Rule.Cookie & cookieMask) != (cookie & cookieMask)) return null;
        Detach(entry);   // found by its key just now: no need to check it is ours
        return entry;
    }

    /// <summary>Remove the entries the predicate selects; returned in snapshot order.</summary>
    public IReadOnlyList<FlowEntry> RemoveWhere(Func<FlowEntry, bool> predicate)
    {
        var removed = new List<FlowEntry>();
        foreach (var e in Snapshot())
        {
            if (!predicate(e)) continue;
            Remove(e);
            removed.Add(e);
        }
        return removed;
    }

    public void Remove(FlowEntry entry)
    {
        if (!ReferenceEquals(entry.Subtable.Find(entry.Key, entry.Priority), entry))
            throw new InvalidOperationException("The entry is not in this table.");
        Detach(entry);
    }

    public void Clear()
    {
        _byMask.Clear();
        _emptied.Clear();
        _timed.Clear();
        _order = [];
        _orderCount = 0;
        _orderDirty = false;
        Count = 0;
    }

    /// <summary>The earliest idle/hard deadline of any entry, null when nothing can expire.</summary>
    public TimeSpan? NextExpiry
    {
        get
        {
            TimeSpan? next = null;
            foreach (var e in _timed)
                if (e.Deadline is { } d && (next is null || d < next)) next = d;
            return next;
        }
    }

    /// <summary>Remove the entries whose timeout fired at <paramref name="now"/>; hard wins when both fired.</summary>
    internal List<(FlowEntry Entry, bool Hard)> RemoveExpired(TimeSpan now)
    {
        var expired = new List<(FlowEntry, bool)>();
        if (_timed.Count == 0) return expired;
        foreach (var e in _timed)
        {
            var rule = e.Rule;
            if (rule.HardTimeout > TimeSpan.Zero && now - e.InstalledAt >= rule.HardTimeout) expired.Add((e, true));
            else if (rule.IdleTimeout > TimeSpan.Zero && now - e.LastUsed >= rule.IdleTimeout) expired.Add((e, false));
        }
        expired.Sort(static (a, b) => Subtable.IsBetter(a.Item1, b.Item1) ? -1 : Subtable.IsBetter(b.Item1, a.Item1) ? 1 : 0);
        foreach (var (e, _) in expired) Detach(e);
        return expired;
    }

    private void Detach(FlowEntry entry)
    {
        var s = entry.Subtable;
        s.Remove(entry);
        if (s.Count == 0)
        {
            _byMask.Remove(s.Mask);
            if (_emptied.Count < MaxEmptied) _emptied[s.Mask] = s;
        }
        _timed.Remove(entry);
        Count--;
        _orderDirty = true;
    }

    private void RebuildOrder()
    {
        if (_order.Length < _byMask.Count) _order = new Subtable[Math.Max(_byMask.Count, _order.Length * 2)];
        _orderCount = 0;
        foreach (var s in _byMask.Values) _order[_orderCount++] = s;
        Array.Sort(_order, 0, _orderCount, SearchOrder.Instance);
        Array.Clear(_order, _orderCount, _order.Length - _orderCount);
        _orderDirty = false;
    }

    /// <summary>Best priority first; among equals the one holding the oldest entry, so ties resolve early.</summary>
    private sealed class SearchOrder : IComparer<Subtable>
    {
        public static readonly SearchOrder Instance = new();

        public int Compare(Subtable? a, Subtable? b)
        {
            var c = b!.MaxPriority.CompareTo(a!.MaxPriority);
            if (c != 0) return c;
            c = a.MinSequence.CompareTo(b.MinSequence);
            return c != 0 ? c : a.Id.CompareTo(b.Id);
        }
    }
}
