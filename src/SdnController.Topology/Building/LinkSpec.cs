using SdnController.Topology.Diagnostics;

namespace SdnController.Topology.Building;

/// <summary>A link as read from a file, before validation. Null figures take the topology defaults.</summary>
public sealed record LinkSpec(PortSpec A, PortSpec B, SourceLocation? Source = null)
{
    public string? Id { get; init; }
    public double? BandwidthBps { get; init; }
    public double? LatencyMs { get; init; }
    public double? Cost { get; init; }
    /// <summary>Fraction of frames lost per traversal, 0 ≤ p &lt; 1.</summary>
    public double? LossRate { get; init; }
    /// <summary>Per-direction queue capacity in packets, at least 1.</summary>
    public int? QueuePackets { get; init; }
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
}
