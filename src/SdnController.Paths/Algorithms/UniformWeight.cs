using SdnController.Paths.Graph;

namespace SdnController.Paths.Algorithms;

/// <summary>
/// A graph whose links (self-loops aside) all weigh the same: then Dijkstra's (distance, hops) label of
/// a node is decided by its hop count alone, and a breadth-first search (<see cref="HopTree"/>) gives
/// exactly <see cref="Dijkstra"/>'s tree. Generated fabrics (fat-tree, leaf-spine) are like this.
/// </summary>
/// <remarks>
/// Dijkstra sums a path's weights left to right, so every k-hop path costs the same double s(k), with
/// s(0) = 0 and s(k+1) = s(k) + w. When s is strictly increasing (w &gt; 0, no rounding plateau) or
/// constant (w = 0, where hops decide anyway), comparing labels is comparing hop counts. The table of
/// s(k) is built here once with the same additions, so distances are bit-identical to Dijkstra's.
/// </remarks>
public sealed class UniformWeight
{
    private readonly double[] _distance;

    private UniformWeight(double weight, double[] distance)
    {
        Weight = weight;
        _distance = distance;
    }

    /// <summary>The one link weight.</summary>
    public double Weight { get; }

    /// <summary>Cost of any path of <paramref name="hops"/> links (as Dijkstra sums it).</summary>
    public double DistanceOf(int hops) => _distance[hops];

    /// <summary>The graph's uniform weight, or null when links differ (or sums would stop growing).</summary>
    public static UniformWeight? Of(CompactGraph g)
    {
        ArgumentNullException.ThrowIfNull(g);
        var adjLink = g.AdjLink;
        var weight = g.Weight;
        // Only adjacency links matter: self-loops are never on a path.
        var w = adjLink.Length > 0 ? weight[adjLink[0]] : 0.0;
        foreach (var l in adjLink)
            if (weight[l] != w) return null;
        // A simple path has at most n - 1 links.
        var table = new double[Math.Max(1, g.NodeCount)];
        for (var k = 1; k < table.Length; k++)
        {
            table[k] = table[k - 1] + w;
            if (w > 0 && !(table[k] > table[k - 1])) return null;
            if (double.IsInfinity(table[k])) return null;
        }
        return new UniformWeight(w, table);
    }
}
