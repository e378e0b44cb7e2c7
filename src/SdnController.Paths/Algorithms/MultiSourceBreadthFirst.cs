using System.Numerics;
using System.Runtime.CompilerServices;
using SdnController.Paths.Graph;

namespace SdnController.Paths.Algorithms;

/// <summary>
/// Hop levels from up to 64 sources in one pass over the graph per level: each node keeps a 64-bit mask
/// of the sources that reached it, and a level is one OR over every node's neighbours' frontier masks
/// (the multi-source BFS of Then et al., VLDB 2015). The same levels as <see cref="BreadthFirst"/> per
/// source, for a fraction of the memory traffic when many trees of one graph are wanted.
/// </summary>
/// <remarks>
/// A node already reached by every source of the batch is skipped, and a node's scan stops once it has
/// heard of every source it is missing; on a dense fabric most nodes are settled for the whole batch
/// within two or three levels, so the cost per source is a few reads per node.
/// </remarks>
public static class MultiSourceBreadthFirst
{
    public const int MaxSources = 64;
    /// <summary>Level value of an unreachable node in the byte levels.</summary>
    public const byte Unreached = byte.MaxValue;

    /// <summary>
    /// Writes hop levels of every node from <c>sources[k]</c> into <c>levels[k]</c> (one byte per node,
    /// <see cref="Unreached"/> when unreachable). False when some level would not fit a byte (254 at most):
    /// the levels are then incomplete and the caller searches those sources one by one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool Levels(CompactGraph g, ReadOnlySpan<int> sources, LinkSet? failed, byte[][] levels, MultiSourceScratch scratch)
    {
        ArgumentNullException.ThrowIfNull(g);
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(scratch);
        GraphArgs.Failed(g, failed);
        if (sources.Length is 0 or > MaxSources) throw new ArgumentOutOfRangeException(nameof(sources), sources.Length, $"1..{MaxSources} sources per batch");
        if (levels.Length < sources.Length) throw new ArgumentException("one level array per source", nameof(levels));
        if (scratch.NodeCount != g.NodeCount) throw new ArgumentException($"scratch is sized for {scratch.NodeCount} nodes but the graph has {g.NodeCount}", nameof(scratch));
        var n = g.NodeCount;
        var offsets = g.Offsets;
        var adjNode = g.AdjNode;
        var adjLink = g.AdjLink;
        var seen = scratch.Seen;
        var frontier = scratch.Frontier;
        var next = scratch.Next;
        Array.Clear(seen);
        Array.Clear(frontier);
        var full = sources.Length == MaxSources ? ulong.MaxValue : (1UL << sources.Length) - 1;
        for (var k = 0; k < sources.Length; k++)
        {
            GraphArgs.Node(g, sources[k], nameof(sources));
            if (levels[k] is null || levels[k].Length != n) throw new ArgumentException($"level array {k} must have {n} entries", nameof(levels));
            Array.Fill(levels[k], Unreached);
            levels[k][sources[k]] = 0;
            seen[sources[k]] |= 1UL << k;
            frontier[sources[k]] |= 1UL << k;
        }
        var checkFailed = failed is not null && failed.Count > 0;
        var depth = 0;
        var active = true;
        while (active)
        {
            active = false;
            depth++;
            for (var v = 0; v < n; v++)
            {
                var sv = seen[v];
                var want = full & ~sv;
                if (want == 0)
                {
                    next[v] = 0;
                    continue;
                }
                var m = 0UL;
                for (int i = offsets[v], end = offsets[v + 1]; i < end; i++)
                {
                    var f = frontier[adjNode[i]];
                    if ((f & want) == 0) continue;
                    if (checkFailed && failed!.Contains(adjLink[i])) continue;
                    m |= f;
                    if ((m & want) == want) break;
                }
                m &= want;
                next[v] = m;
                if (m == 0) continue;
                if (depth >= Unreached) return false;
                active = true;
                seen[v] = sv | m;
                var d = (byte)depth;
                while (m != 0)
                {
                    levels[BitOperations.TrailingZeroCount(m)][v] = d;
                    m &= m - 1;
                }
            }
            (frontier, next) = (next, frontier);
        }
        return true;
    }
}

/// <summary>Reusable masks of one multi-source search thread.</summary>
public sealed class MultiSourceScratch(int nodeCount)
{
    public int NodeCount { get; } = nodeCount;
    internal ulong[] Seen { get; } = new ulong[nodeCount];
    internal ulong[] Frontier { get; } = new ulong[nodeCount];
    internal ulong[] Next { get; } = new ulong[nodeCount];
}
