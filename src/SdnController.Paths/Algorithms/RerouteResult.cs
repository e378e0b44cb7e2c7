namespace SdnController.Paths.Algorithms;

/// <summary>The new route of one affected pair.</summary>
public sealed record ReroutedPair(int Source, int Target, int[] Links, double Cost);

/// <summary>What <see cref="IncrementalReroute.Apply"/> changed.</summary>
public sealed class RerouteResult
{
    internal RerouteResult(IReadOnlyList<(int Source, int Target)> affected, IReadOnlyList<ReroutedPair> rerouted,
        IReadOnlyList<(int Source, int Target)> unreachable, int sourcesRecomputed, RouteTable table)
    {
        AffectedPairs = affected;
        NewPaths = rerouted;
        Unreachable = unreachable;
        SourcesRecomputed = sourcesRecomputed;
        Table = table;
    }

    /// <summary>Pairs whose previous route crossed a newly failed link, by source then target.</summary>
    public IReadOnlyList<(int Source, int Target)> AffectedPairs { get; }
    /// <summary>New routes of the affected pairs that still have one.</summary>
    public IReadOnlyList<ReroutedPair> NewPaths { get; }
    /// <summary>Affected pairs left without any route.</summary>
    public IReadOnlyList<(int Source, int Target)> Unreachable { get; }
    /// <summary>Dijkstra runs performed: one per source with an affected pair.</summary>
    public int SourcesRecomputed { get; }
    /// <summary>The route table after the failures.</summary>
    public RouteTable Table { get; }
}
