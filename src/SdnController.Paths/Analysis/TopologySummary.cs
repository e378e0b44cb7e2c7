namespace SdnController.Paths.Analysis;

/// <summary>
/// Headline numbers of a topology. Degrees count switch-to-switch links, each parallel link
/// separately and self-loops not at all. Hop figures are for the largest component only (ties:
/// the one holding the lowest switch index), since distances between components are undefined.
/// </summary>
public sealed record TopologySummary
{
    public required string Name { get; init; }
    public required int SwitchCount { get; init; }
    public required int HostCount { get; init; }
    public required int LinkCount { get; init; }
    /// <summary>Links that repeat a switch pair already joined by an earlier link (k links between a pair count k−1).</summary>
    public required int ParallelLinkCount { get; init; }
    public required int SelfLoopCount { get; init; }
    /// <summary>Components, largest first (ties: lowest first switch index).</summary>
    public required IReadOnlyList<ComponentInfo> Components { get; init; }
    public int ComponentCount => Components.Count;
    public required int MinDegree { get; init; }
    public required int MaxDegree { get; init; }
    public required double MeanDegree { get; init; }
    /// <summary>Longest shortest hop path within the largest component (0 for a single switch or none).</summary>
    public required int HopDiameter { get; init; }
    /// <summary>Mean shortest hop-path length over unordered switch pairs of the largest component (0 when it has under two switches).</summary>
    public required double AverageHopPathLength { get; init; }
    public required double TotalLatencyMs { get; init; }
    /// <summary>Mean one-way latency per link (0 when there are no links).</summary>
    public required double MeanLatencyMs { get; init; }
    public required int SwitchesWithCoordinates { get; init; }
    public bool HasCoordinates => SwitchesWithCoordinates > 0;
}
