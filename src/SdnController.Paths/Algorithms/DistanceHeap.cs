using System.Runtime.CompilerServices;
namespace SdnController.Paths.Algorithms;

/// <summary>
/// Indexed 4-ary min-heap of nodes keyed by distance alone, for distance-only searches where the
/// (distance, hops) order of <see cref="SearchHeap"/> is not needed. Entries carry their key so a
/// sift reads one contiguous array; <c>_pos</c> gives decrease-key without duplicate entries.
/// </summary>
internal sealed class DistanceHeap
{
    private struct Entry
    {
        public double Dist;
        public int Node;
    }

    private readonly Entry[] _entries;
    private readonly int[] _pos; // heap index of a node, or -1 when not queued
    private int _count;

    public DistanceHeap(int nodeCount)
    {
        _entries = new Entry[Math.Max(1, nodeCount)];
        _pos = new int[nodeCount];
        Array.Fill(_pos, -1);
    }

    public int Count => _count;

    /// <summary>Empties the heap; only queued nodes need their position reset.</summary>
    public void Clear()
    {
        for (var i = 0; i < _count; i++) _pos[_entries[i].Node] = -1;
        _count = 0;
    }

    /// <summary>Inserts <paramref name="node"/> or lowers its key (callers only ever lower keys).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Upsert(int node, double dist)
    {
        var i = _pos[node];
        if (i < 0) i = _count++;
        var entries = _entries;
        var pos = _pos;
        while (i > 0)
        {
            var parent = (i - 1) >> 2;
            var pe = entries[parent];
            if (!(dist < pe.Dist)) break;
            entries[i] = pe;
            pos[pe.Node] = i;
            i = parent;
        }
        entries[i] = new Entry { Dist = dist, Node = node };
        pos[node] = i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Pop()
    {
        var entries = _entries;
        var pos = _pos;
        var top = entries[0].Node;
        pos[top] = -1;
        var count = --_count;
        if (count == 0) return top;
        var last = entries[count];
        var i = 0;
        while (true)
        {
            var first = (i << 2) + 1;
            if (first >= count) break;
            var best = first;
            var bestDist = entries[first].Dist;
            var end = Math.Min(first + 4, count);
            for (var c = first + 1; c < end; c++)
            {
                var d = entries[c].Dist;
                if (d < bestDist) { best = c; bestDist = d; }
            }
            if (!(bestDist < last.Dist)) break;
            entries[i] = entries[best];
            pos[entries[i].Node] = i;
            i = best;
        }
        entries[i] = last;
        pos[last.Node] = i;
        return top;
    }
}
