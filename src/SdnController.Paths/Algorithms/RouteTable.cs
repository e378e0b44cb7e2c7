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
        var state = new byte[NodeCount];
        var targets = new List<int>();
        foreach (var s in SourcesUsing(link))
        {
            AffectedTargets(s, only, state, targets);
            foreach (var t in targets) pairs.Add((s, t));
        }
        return pairs;
    }

    internal ReadOnlySpan<int> Row(int s) => new(ParentLinks, s * NodeCount, NodeCount);

    /// <summary>Destinations (ascending) whose route from <paramref name="s"/> crosses a link of <paramref name="links"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void AffectedTargets(int s, LinkSet links, byte[] state, List<int> output)
    {
        const byte Unknown = 0, Hit = 1, Clear = 2;
        output.Clear();
        var row = Row(s);
        Array.Clear(state);
        state[s] = Clear;
        var trail = new List<int>();
        for (var t = 0; t < NodeCount; t++)
        {
            if (state[t] != Unknown) { if (state[t] == Hit) output.Add(t); continue; }
            if (row[t] < 0) { state[t] = Clear; continue; }
            // Climb until a node whose fate is known, then settle the whole climb at once.
            trail.Clear();
            var v = t;
            var verdict = Clear;
            while (state[v] == Unknown && row[v] >= 0)
            {
                trail.Add(v);
                if (links.Contains(row[v])) { verdict = Hit; break; }
                v = Graph.Other(row[v], v);
            }
            if (verdict != Hit) verdict = state[v] == Hit ? Hit : Clear;
            // A hit on the climb lies above every trail node, so the trail shares one verdict.
            foreach (var x in trail) state[x] = verdict;
            if (state[t] == Hit) output.Add(t);
        }
    }

    private static (int[] Start, int[] Sources) BuildIndex(CompactGraph g, int[] parentLinks)
    {
        var n = g.NodeCount;
        var m = g.LinkCount;
        var start = new int[m + 1];
        var mark = new int[m];
        Array.Fill(mark, -1);
        for (var s = 0; s < n; s++)
            for (var t = 0; t < n; t++)
            {
                var l = parentLinks[s * n + t];
                if (l >= 0 && mark[l] != s) { mark[l] = s; start[l + 1]++; }
            }
        for (var l = 0; l < m; l++) start[l + 1] += start[l];
        var fill = (int[])start.Clone();
        var sources = new int[start[m]];
        Array.Fill(mark, -1);
        for (var s = 0; s < n; s++)
            for (var t = 0; t < n; t++)
            {
                var l = parentLinks[s * n + t];
                if (l >= 0 && mark[l] != s) { mark[l] = s; sources[fill[l]++] = s; }
            }
        return (start, sources);
    }
}
