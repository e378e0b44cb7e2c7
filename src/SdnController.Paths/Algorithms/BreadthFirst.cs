using System.Runtime.CompilerServices;
using SdnController.Paths.Graph;

namespace SdnController.Paths.Algorithms;

/// <summary>
/// Hop levels from one source and the parent choice of <see cref="Dijkstra"/>'s tie rule derived from
/// them. With uniform weights (<see cref="UniformWeight"/>) this is Dijkstra's tree without a heap.
/// </summary>
/// <remarks>
/// <para><b>Parents from levels.</b> Under uniform weights a predecessor u of v is eligible exactly when
/// level(u) + 1 = level(v), and the tie rule takes the smallest (u, link). The adjacency is sorted by
/// (neighbour, link), so that is the first eligible entry of v's adjacency: the parent of a node can be
/// found from the levels when needed, and a tree needs no parent arrays.</para>
/// <para><b>Direction-optimising</b> (Beamer, Asanović, Patterson, SC 2012): when the frontier's links
/// outnumber a fraction of the unvisited nodes' links, each unvisited node instead looks for any
/// neighbour on the frontier and stops at the first. Dense fabrics (fat-trees: thousands of core
/// switches at level 2) then cost a few reads per node instead of every link. Levels are unique, so
/// the direction never changes the result.</para>
/// </remarks>
public static class BreadthFirst
{
    /// <summary>Switch to bottom-up when frontier links exceed unvisited links / this.</summary>
    private const int TopDownFactor = 14;
    /// <summary>Back to top-down when the frontier is smaller than nodes / this.</summary>
    private const int BottomUpFactor = 24;

    /// <summary>
    /// Fills <see cref="BreadthFirstScratch.Level"/> with hop levels from <paramref name="source"/>
    /// (links in <paramref name="failed"/> skipped; -1 = unreachable) and returns the deepest level.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Levels(CompactGraph g, int source, LinkSet? failed, BreadthFirstScratch scratch)
    {
        ArgumentNullException.ThrowIfNull(g);
        ArgumentNullException.ThrowIfNull(scratch);
        GraphArgs.Node(g, source, nameof(source));
        GraphArgs.Failed(g, failed);
        if (scratch.NodeCount != g.NodeCount) throw new ArgumentException($"scratch is sized for {scratch.NodeCount} nodes but the graph has {g.NodeCount}", nameof(scratch));

        var n = g.NodeCount;
        var offsets = g.Offsets;
        var adjNode = g.AdjNode;
        var adjLink = g.AdjLink;
        var level = scratch.Level;
        var frontier = scratch.Frontier;
        var next = scratch.Next;
        var unvisited = scratch.Unvisited;
        Array.Fill(level, -1);
        level[source] = 0;
        frontier[0] = source;
        var frontierCount = 1;
        long frontierLinks = offsets[source + 1] - offsets[source];
        long unvisitedLinks = offsets[n] - frontierLinks;
        var unvisitedCount = -1;   // list not built yet
        var depth = 0;
        var bottomUp = false;
        while (frontierCount > 0)
        {
            if (!bottomUp) bottomUp = frontierLinks > unvisitedLinks / TopDownFactor;
            else bottomUp = frontierCount >= n / BottomUpFactor;
            depth++;
            var nextCount = 0;
            long nextLinks = 0;
            if (!bottomUp)
            {
                for (var f = 0; f < frontierCount; f++)
                {
                    var u = frontier[f];
                    for (int i = offsets[u], end = offsets[u + 1]; i < end; i++)
                    {
                        var v = adjNode[i];
                        if (level[v] >= 0) continue;
                        if (failed is not null && failed.Contains(adjLink[i])) continue;
                        level[v] = depth;
                        next[nextCount++] = v;
                        nextLinks += offsets[v + 1] - offsets[v];
                    }
                }
            }
            else
            {
                var previous = depth - 1;
                var kept = 0;
                if (unvisitedCount < 0)
                {
                    unvisitedCount = 0;
                    for (var v = 0; v < n; v++)
                        if (level[v] < 0) unvisited[unvisitedCount++] = v;
                }
                for (var k = 0; k < unvisitedCount; k++)
                {
                    var v = unvisited[k];
                    if (level[v] >= 0) continue;   // reached by an earlier top-down level
                    var found = false;
                    for (int i = offsets[v], end = offsets[v + 1]; i < end; i++)
                    {
                        if (level[adjNode[i]] != previous) continue;
                        if (failed is not null && failed.Contains(adjLink[i])) continue;
                        found = true;
                        break;
                    }
                    if (found)
                    {
                        level[v] = depth;
                        next[nextCount++] = v;
                        nextLinks += offsets[v + 1] - offsets[v];
                    }
                    else unvisited[kept++] = v;
                }
                unvisitedCount = kept;
            }
            unvisitedLinks -= nextLinks;
            frontierLinks = nextLinks;
            frontierCount = nextCount;
            (frontier, next) = (next, frontier);
        }
        return depth - 1;
    }

    /// <summary>
    /// Dijkstra's parent link of <paramref name="node"/> under uniform weights: the first adjacency entry
    /// one level closer to the source over a working link; -1 for the source and unreachable nodes.
    /// <paramref name="levelOf"/> reads a node's level (-1 = unreachable).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int ParentLink<TLevels>(CompactGraph g, in TLevels levels, int node, LinkSet? failed, int treatAsWorking = -1)
        where TLevels : struct, ILevels
    {
        var want = levels[node] - 1;
        if (want < 0) return -1;
        var adjNode = g.AdjNode;
        var adjLink = g.AdjLink;
        for (int i = g.Offsets[node], end = g.Offsets[node + 1]; i < end; i++)
        {
            if (levels[adjNode[i]] != want) continue;
            var l = adjLink[i];
            if (failed is not null && l != treatAsWorking && failed.Contains(l)) continue;
            return l;
        }
        throw new InvalidOperationException($"node {node} at level {want + 1} has no working neighbour at level {want}: levels do not match the failed links");
    }

    /// <summary>Read access to a level array of any width.</summary>
    internal interface ILevels
    {
        int this[int node] { get; }
    }
}
