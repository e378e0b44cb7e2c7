using System.Runtime.CompilerServices;
using SdnController.Paths.Graph;

namespace SdnController.Paths.Algorithms;

/// <summary>
/// The chosen route for every ordered (source, destination) pair under a set of failed links, with
/// an index from each link to the pairs whose route crosses it. Routes are stored as one
/// shortest-path tree per source (row s of <see cref="ParentLinks"/>), so a link's pairs are the
/// destinations below it in the trees of the sources listed for it.
/// </summary>
public sealed class RouteTable
{
    private readonly int[] _linkStart;   // sources using link l: _linkSources[_linkStart[l].._linkStart[l+1])
    private readonly int[] _linkSources;

    internal RouteTable(CompactGraph graph, LinkSet failed, double[] costs, int[] parentLinks)
    {
        Graph = graph;
        Failed = failed;
        Costs = costs;
        ParentLinks = parentLinks;
        (_linkStart, _linkSources) = BuildIndex(graph, parentLinks);
    }

    /// <summary>Route table of an all-pairs result computed with <see cref="AllPairs.Compute"/>.</summary>
    public static RouteTable FromAllPairs(AllPairsResult allPairs)
    {
        ArgumentNullException.ThrowIfNull(allPairs);
        if (allPairs.ParentLinks is null) throw new ArgumentException("a route table needs paths; use AllPairs.Compute, not AllPairs.Distances", nameof(allPairs));
        return new RouteTable(allPairs.Graph, allPairs.Failed.Clone(), allPairs.Distances, allPairs.ParentLinks);
    }

    public CompactGraph Graph { get; }
    /// <summary>Links that were down when these routes were chosen.</summary>
    public LinkSet Failed { get; }
    public int NodeCount => Graph.NodeCount;
    /// <summary>Route cost of (s, t) at [s * n + t]; +∞ when unreachable.</summary>
    public double[] Costs { get; }
    /// <summary>Parent link of t in s's route tree at [s * n + t]; -1 on the diagonal and when unreachable.</summary>
    public int[] ParentLinks { get; }

    public double Cost(int s, int t)
    {
        GraphArgs.Node(Graph, s, nameof(s));
        GraphArgs.Node(Graph, t, nameof(t));
        return Costs[s * NodeCount + t];
    }

    public bool Reachable(int s, int t) => !double.IsPositiveInfinity(Cost(s, t));

    /// <summary>Links of the route s → t in travel order (empty when s = t or unreachable).</summary>
    public int[] Links(int s, int t)
    {
        GraphArgs.Node(Graph, s, nameof(s));
        GraphArgs.Node(Graph, t, nameof(t));
        return DijkstraCore.LinksTo(Row(s), Graph, s, t);
    }

    /// <summary>Nodes of the route s → t ([s] when s = t, empty when unreachable).</summary>
    public int[] Path(int s, int t)
    {
        GraphArgs.Node(Graph, s, nameof(s));
        GraphArgs.Node(Graph, t, nameof(t));
        return DijkstraCore.PathTo(Row(s), Graph, s, t);
    }

    /// <summary>Sources whose route tree contains <paramref name="link"/>, ascending.</summary>
    public ReadOnlySpan<int> SourcesUsing(int link) => _linkSources.AsSpan(_linkStart[link], _linkStart[link + 1] - _linkStart[link]);

    /// <summary>All ordered pairs whose route crosses <paramref name="link"/>, by source then destination.</summary>
    public IReadOnlyList<(int Source, int Target)> PairsUsing(int link)
    {
        if ((uint)link >= (uint)Graph.LinkCount) throw new ArgumentOutOfRangeException(nameof(link), link, $"link index must be in 0..{Graph.LinkCount - 1}");
        var only = new LinkSet(Graph.LinkCount);
        only.Add(link);
        var pairs = new List<(int, int)>();
        var climb = new TreeClimb(NodeCount);
        foreach (var s in SourcesUsing(link))
        {
            AffectedTargets(s, only, climb);
            foreach (var t in climb.Targets) pairs.Add((s, t));
        }
        return pairs;
    }

    internal ReadOnlySpan<int> Row(int s) => new(ParentLinks, s * NodeCount, NodeCount);

    /// <summary>
    /// Destinations (ascending) whose route from <paramref name="s"/> crosses a link of
    /// <paramref name="links"/>, into <see cref="TreeClimb.Targets"/>; also every route's hop count
    /// into <see cref="TreeClimb.Hops"/> (<see cref="int.MaxValue"/> when unreachable), which a
    /// repair of the tree needs and the same climb yields.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void AffectedTargets(int s, LinkSet links, TreeClimb climb)
    {
        var n = NodeCount;
        var g = Graph;
        var row = Row(s);
        var hops = climb.Hops;
        var hit = climb.Hit;
        var trail = climb.Trail;
        var output = climb.Targets;
        output.Clear();
        hops.AsSpan().Fill(-1);
        hops[s] = 0;
        hit[s] = false;
        for (var t = 0; t < n; t++)
        {
            if (hops[t] < 0)
            {
                // Climb until a node already settled (at the latest the source), then settle the climb top-down.
                var depth = 0;
                var v = t;
                while (hops[v] < 0 && row[v] >= 0)
                {
                    trail[depth++] = v;
                    v = g.Other(row[v], v);
                }
                if (hops[v] < 0) { hops[v] = int.MaxValue; hit[v] = false; } // no route to v
                var h = hops[v];
                var crossed = hit[v];
                for (var i = depth - 1; i >= 0; i--)
                {
                    var x = trail[i];
                    crossed |= links.Contains(row[x]);
                    hit[x] = crossed;
                    hops[x] = h == int.MaxValue ? h : ++h;
                }
            }
            if (hit[t]) output.Add(t);
        }
    }

    private static (int[] Start, int[] Sources) BuildIndex(CompactGraph g, int[] parentLinks)
    {
        // A link is the parent link of at most one node per tree (two would close a cycle), so
        // counting a row's entries per link counts each (link, source) pair exactly once.
        var n = g.NodeCount;
        var m = g.LinkCount;
        var start = new int[m + 1];
        foreach (var l in parentLinks)
            if (l >= 0) start[l + 1]++;
        for (var l = 0; l < m; l++) start[l + 1] += start[l];
        var fill = (int[])start.Clone();
        var sources = new int[start[m]];
        for (var s = 0; s < n; s++)
            foreach (var l in parentLinks.AsSpan(s * n, n))
                if (l >= 0) sources[fill[l]++] = s;
        return (start, sources);
    }
}
