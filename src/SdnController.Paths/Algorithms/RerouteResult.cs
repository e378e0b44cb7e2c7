namespace SdnController.Paths.Algorithms;

/// <summary>The new route of one affected pair.</summary>
public sealed record ReroutedPair(int Source, int Target, int[] Links, double Cost);

/// <summary>What <see cref="IncrementalReroute.Apply"/> changed.</summary>
public sealed class RerouteResult
{
    private readonly Lazy<(List<ReroutedPair> Rerouted, List<(int, int)> Unreachable)> _split;

    internal RerouteResult(IReadOnlyList<(int Source, int Target)> affected, int sourcesRecomputed, RouteTable table)
    {
        AffectedPairs = affected;
        SourcesRecomputed = sourcesRecomputed;
        Table = table;
        // Materialising every new route allocates one array per pair; a controller that only needs
        // the table (or a few pairs) should not pay for that on the reroute's critical path.
        _split = new Lazy<(List<ReroutedPair>, List<(int, int)>)>(Split);
    }

    private (List<ReroutedPair>, List<(int, int)>) Split()
    {
        var rerouted = new List<ReroutedPair>();
        var unreachable = new List<(int, int)>();
        var n = Table.NodeCount;
        foreach (var (s, t) in AffectedPairs)
        {
            var cost = Table.Costs[s * n + t];
            if (double.IsPositiveInfinity(cost)) unreachable.Add((s, t));
            else rerouted.Add(new ReroutedPair(s, t, Table.Links(s, t), cost));
        }
        return (rerouted, unreachable);
    }

    /// <summary>Pairs whose previous route crossed a newly failed link, by source then target.</summary>
    public IReadOnlyList<(int Source, int Target)> AffectedPairs { get; }
    /// <summary>New routes of the affected pairs that still have one.</summary>
    public IReadOnlyList<ReroutedPair> NewPaths => _split.Value.Rerouted;
    /// <summary>Affected pairs left without any route.</summary>
    public IReadOnlyList<(int Source, int Target)> Unreachable => _split.Value.Unreachable;
    /// <summary>Dijkstra runs performed: one per source with an affected pair.</summary>
    public int SourcesRecomputed { get; }
    /// <summary>The route table after the failures.</summary>
    public RouteTable Table { get; }
}
