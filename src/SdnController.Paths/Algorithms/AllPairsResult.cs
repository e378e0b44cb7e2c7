using SdnController.Paths.Graph;

namespace SdnController.Paths.Algorithms;

/// <summary>
/// All-pairs shortest paths as flat row-major matrices: row s holds the distances from source s and
/// the parent links of s's shortest-path tree, from which any path is rebuilt in O(hops).
/// </summary>
public sealed class AllPairsResult
{
    internal AllPairsResult(CompactGraph graph, LinkSet? failed, double[] distances, int[]? parentLinks)
    {
        Graph = graph;
        Failed = failed?.Clone() ?? LinkSet.Empty(graph.LinkCount);
        Distances = distances;
        ParentLinks = parentLinks;
    }

    public CompactGraph Graph { get; }
    /// <summary>The failed links the result was computed with (a private copy).</summary>
    public LinkSet Failed { get; }
    public int NodeCount => Graph.NodeCount;
    /// <summary>dist(s, t) at [s * n + t]; +∞ when unreachable.</summary>
    public double[] Distances { get; }
    /// <summary>Parent link of t in s's tree at [s * n + t] (-1 on the diagonal and when unreachable);
    /// null for results of <see cref="AllPairs.Distances"/>.</summary>
    public int[]? ParentLinks { get; }

    public bool HasPaths => ParentLinks is not null;

    public double Distance(int s, int t)
    {
        Check(s, t);
        return Distances[s * NodeCount + t];
    }

    public bool Reachable(int s, int t) => !double.IsPositiveInfinity(Distance(s, t));

    /// <summary>Node sequence s … t ([s] when s = t, empty when unreachable), per the <see cref="Dijkstra"/> tie rule.</summary>
    public int[] Path(int s, int t)
    {
        Check(s, t);
        return DijkstraCore.PathTo(Row(s), Graph, s, t);
    }

    /// <summary>Link sequence of <see cref="Path"/>.</summary>
    public int[] Links(int s, int t)
    {
        Check(s, t);
        return DijkstraCore.LinksTo(Row(s), Graph, s, t);
    }

    internal ReadOnlySpan<int> Row(int s)
    {
        if (ParentLinks is null) throw new InvalidOperationException("this result holds distances only; use AllPairs.Compute for paths");
        return new ReadOnlySpan<int>(ParentLinks, s * NodeCount, NodeCount);
    }

    private void Check(int s, int t)
    {
        GraphArgs.Node(Graph, s, nameof(s));
        GraphArgs.Node(Graph, t, nameof(t));
    }
}
