namespace SdnController.Paths.Algorithms;

/// <summary>
/// Indexed 4-ary min-heap of nodes keyed by (distance, hops), the priority queue of every Dijkstra
/// search here. Keys live inside the heap entries (not in node arrays) so a sift touches one
/// contiguous array; <c>_pos</c> gives decrease-key without duplicate entries. A 4-ary layout halves
/// the depth of a binary heap, which pays off because sparse networks pop far more than they push.
/// </summary>
internal sealed class SearchHeap
{
    private struct Entry
    {
        public double Dist;
        public int Hops;
        public int Node;
    }

    private readonly Entry[] _entries;
    private readonly int[] _pos; // heap index of a node, or -1 when not queued
    private int _count;

    public SearchHeap(int nodeCount)
    {
        _entries = new Entry[Math.Max(1, nodeCount)];
        _pos = new int[nodeCount];
        Array.Fill(_pos, -1);
    }

    public int Capacity => _pos.Length;
    public int Count => _count;

    /// <summary>Empties the heap; only queued nodes need their position reset.</summary>
    public void Clear()
    {
        for (var i = 0; i < _count; i++) _pos[_entries[i].Node] = -1;
        _count = 0;
    }

    /// <summary>Inserts <paramref name="node"/> or lowers its key (callers only ever lower keys).</summary>
    public void Upsert(int node, double dist, int hops)
    {
        var i = _pos[node];
        if (i < 0)
        {
            i = _count++;
        }
        SiftUp(i, new Entry { Dist = dist, Hops = hops, Node = node });
    }

    public int Pop()
    {
        var top = _entries[0].Node;
        _pos[top] = -1;
        var last = _entries[--_count];
        if (_count > 0) SiftDown(last);
        return top;
    }

    private static bool Less(in Entry a, in Entry b) => a.Dist < b.Dist || (a.Dist == b.Dist && a.Hops < b.Hops);

    private void SiftUp(int i, Entry e)
    {
        var entries = _entries;
        while (i > 0)
        {
            var parent = (i - 1) >> 2;
            if (!Less(e, entries[parent])) break;
            entries[i] = entries[parent];
            _pos[entries[i].Node] = i;
            i = parent;
        }
        entries[i] = e;
        _pos[e.Node] = i;
    }

    private void SiftDown(Entry e)
    {
        var entries = _entries;
        var count = _count;
        var i = 0;
        while (true)
        {
            var first = (i << 2) + 1;
            if (first >= count) break;
            var best = first;
            var end = Math.Min(first + 4, count);
            for (var c = first + 1; c < end; c++)
                if (Less(entries[c], entries[best])) best = c;
            if (!Less(entries[best], e)) break;
            entries[i] = entries[best];
            _pos[entries[i].Node] = i;
            i = best;
        }
        entries[i] = e;
        _pos[e.Node] = i;
    }
}
