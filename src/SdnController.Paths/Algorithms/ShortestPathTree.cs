using SdnController.Paths.Graph;

namespace SdnController.Paths.Algorithms;

/// <summary>
/// Result of one <see cref="Dijkstra.Run"/>: for every node its distance from <see cref="Source"/>,
/// hop count, and the parent link/node on the chosen shortest path (see <see cref="Dijkstra"/> for
/// the tie-breaking rule that makes the choice unique).
/// </summary>
public sealed class ShortestPathTree
{
    private readonly CompactGraph _graph;

    internal ShortestPathTree(CompactGraph graph, int source, double[] distance, int[] hops, int[] parentLink, int[] parentNode)
    {
        _graph = graph;
        Source = source;
        Distance = distance;
        Hops = hops;
        ParentLink = parentLink;
        ParentNode = parentNode;
    }

    public int Source { get; }
    /// <summary>Distance per node; +∞ when unreachable.</summary>
    public double[] Distance { get; }
    /// <summary>Links on the chosen path per node; <see cref="int.MaxValue"/> when unreachable.</summary>
    public int[] Hops { get; }
    /// <summary>Last link of the chosen path per node; -1 for the source and unreachable nodes.</summary>
    public int[] ParentLink { get; }
    /// <summary>Previous node of the chosen path per node; -1 for the source and unreachable nodes.</summary>
    public int[] ParentNode { get; }

    public bool Reachable(int target) => !double.IsPositiveInfinity(Distance[target]);

    /// <summary>Node sequence source … target; [source] when target is the source; empty when unreachable.</summary>
    public int[] PathTo(int target)
    {
        GraphArgs.Node(_graph, target, nameof(target));
        return DijkstraCore.PathTo(ParentLink, _graph, Source, target);
    }

    /// <summary>Link sequence of <see cref="PathTo"/>; empty when unreachable or target is the source.</summary>
    public int[] LinksTo(int target)
    {
        GraphArgs.Node(_graph, target, nameof(target));
        return DijkstraCore.LinksTo(ParentLink, _graph, Source, target);
    }
}
