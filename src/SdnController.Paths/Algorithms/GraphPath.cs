using SdnController.Paths.Graph;

namespace SdnController.Paths.Algorithms;

/// <summary>A path as node and link sequences (Nodes.Length = Links.Length + 1) with its cost.</summary>
public sealed class GraphPath
{
    public GraphPath(int[] nodes, int[] links, double cost)
    {
        if (nodes.Length != links.Length + 1) throw new ArgumentException("a path has one more node than links", nameof(nodes));
        Nodes = nodes;
        Links = links;
        Cost = cost;
    }

    public int[] Nodes { get; }
    public int[] Links { get; }
    /// <summary>Left-to-right sum of the link weights (the same sum Dijkstra forms).</summary>
    public double Cost { get; }
    public int Hops => Links.Length;
    public int Source => Nodes[0];
    public int Target => Nodes[^1];

    /// <summary>Builds the path that starts at <paramref name="source"/> and follows <paramref name="links"/>.</summary>
    public static GraphPath FromLinks(CompactGraph g, int source, int[] links)
    {
        var nodes = new int[links.Length + 1];
        nodes[0] = source;
        double cost = 0;
        for (var i = 0; i < links.Length; i++)
        {
            nodes[i + 1] = g.Other(links[i], nodes[i]);
            cost += g.Weight[links[i]];
        }
        return new GraphPath(nodes, links, cost);
    }

    /// <summary>Total order used to rank equal-cost paths: cost, then hops, then link sequence.</summary>
    public static int Compare(GraphPath a, GraphPath b)
    {
        var c = a.Cost.CompareTo(b.Cost);
        if (c != 0) return c;
        c = a.Links.Length.CompareTo(b.Links.Length);
        if (c != 0) return c;
        return a.Links.AsSpan().SequenceCompareTo(b.Links);
    }

    public override string ToString() => $"[{string.Join(' ', Nodes)}] cost {Cost}";
}
