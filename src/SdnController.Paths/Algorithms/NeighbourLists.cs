using System.Runtime.CompilerServices;
using SdnController.Paths.Graph;

namespace SdnController.Paths.Algorithms;

/// <summary>
/// Simple-graph view in struct-of-arrays CSR form: for every node its distinct neighbours over working
/// links, each with the lightest parallel link's weight, sorted by neighbour. Distance-only algorithms
/// need nothing more, and dropping the link indirection, failed-link checks and parallel duplicates
/// keeps their inner loops to two contiguous arrays.
/// </summary>
internal sealed class NeighbourLists
{
    private NeighbourLists(int[] start, int[] node, double[] weight)
    {
        Start = start;
        Node = node;
        Weight = weight;
    }

    /// <summary>Neighbours of u are Node/Weight[Start[u] .. Start[u+1]).</summary>
    public int[] Start { get; }
    public int[] Node { get; }
    public double[] Weight { get; }
    public int NodeCount => Start.Length - 1;
    public int Degree(int u) => Start[u + 1] - Start[u];

    /// <summary>The graph minus <paramref name="failed"/> links, self-loops and heavier parallel links.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static NeighbourLists FromGraph(CompactGraph g, LinkSet? failed)
    {
        var n = g.NodeCount;
        var offsets = g.Offsets;
        var adjNode = g.AdjNode;
        var adjLink = g.AdjLink;
        var weight = g.Weight;
        var start = new int[n + 1];
        var node = new int[offsets[n]];
        var w = new double[offsets[n]];
        var count = 0;
        for (var u = 0; u < n; u++)
        {
            start[u] = count;
            // The adjacency is sorted by neighbour, so parallel links are adjacent.
            for (int i = offsets[u], end = offsets[u + 1]; i < end; i++)
            {
                var l = adjLink[i];
                if (failed is not null && failed.Contains(l)) continue;
                var v = adjNode[i];
                if (count > start[u] && node[count - 1] == v)
                {
                    if (weight[l] < w[count - 1]) w[count - 1] = weight[l];
                    continue;
                }
                node[count] = v;
                w[count++] = weight[l];
            }
        }
        start[n] = count;
        return Trimmed(start, node, w, count);
    }

    /// <summary>Undirected edges (a, b, w) over nodes 0..n-1; parallel edges collapse to the lightest, self-loops are dropped.</summary>
    public static NeighbourLists FromEdges(int n, IReadOnlyList<(int A, int B, double W)> edges)
    {
        var degree = new int[n + 1];
        foreach (var (a, b, _) in edges)
        {
            if (a == b) continue;
            degree[a]++;
            degree[b]++;
        }
        var fill = new int[n + 1];
        for (var u = 0; u < n; u++) fill[u + 1] = fill[u] + degree[u];
        var rawStart = (int[])fill.Clone();
        var rawNode = new int[fill[n]];
        var rawWeight = new double[fill[n]];
        foreach (var (a, b, w) in edges)
        {
            if (a == b) continue;
            rawNode[fill[a]] = b; rawWeight[fill[a]++] = w;
            rawNode[fill[b]] = a; rawWeight[fill[b]++] = w;
        }
        var start = new int[n + 1];
        var node = new int[rawNode.Length];
        var weight = new double[rawNode.Length];
        var count = 0;
        for (var u = 0; u < n; u++)
        {
            start[u] = count;
            var from = rawStart[u];
            var len = rawStart[u + 1] - from;
            // Equal neighbours may land in any order, but only their minimum weight survives.
            Array.Sort(rawNode, rawWeight, from, len);
            for (var i = from; i < from + len; i++)
            {
                if (count > start[u] && node[count - 1] == rawNode[i])
                {
                    if (rawWeight[i] < weight[count - 1]) weight[count - 1] = rawWeight[i];
                    continue;
                }
                node[count] = rawNode[i];
                weight[count++] = rawWeight[i];
            }
        }
        start[n] = count;
        return Trimmed(start, node, weight, count);
    }

    /// <summary>The subgraph induced by nodes with <paramref name="keep"/> set (other nodes keep no neighbours).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public NeighbourLists Restrict(bool[] keep)
    {
        var n = NodeCount;
        var start = new int[n + 1];
        var node = new int[Node.Length];
        var weight = new double[Node.Length];
        var count = 0;
        for (var u = 0; u < n; u++)
        {
            start[u] = count;
            if (!keep[u]) continue;
            for (var i = Start[u]; i < Start[u + 1]; i++)
            {
                if (!keep[Node[i]]) continue;
                node[count] = Node[i];
                weight[count++] = Weight[i];
            }
        }
        start[n] = count;
        return Trimmed(start, node, weight, count);
    }

    private static NeighbourLists Trimmed(int[] start, int[] node, double[] weight, int count)
    {
        if (count < node.Length)
        {
            Array.Resize(ref node, count);
            Array.Resize(ref weight, count);
        }
        return new NeighbourLists(start, node, weight);
    }
}
