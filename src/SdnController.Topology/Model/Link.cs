using SdnController.Topology.Diagnostics;

namespace SdnController.Topology.Model;

/// <summary>A bidirectional switch-to-switch link. Parallel links between the same switches are separate links.</summary>
public sealed record Link(string Id, PortRef A, PortRef B)
{
    /// <summary>Bits per second.</summary>
    public double BandwidthBps { get; init; }
    /// <summary>One-way propagation latency in milliseconds.</summary>
    public double LatencyMs { get; init; }
    public LatencySource LatencySource { get; init; } = LatencySource.Stated;
    /// <summary>Administrative cost (OSPF-style); 1 unless stated.</summary>
    public double Cost { get; init; } = 1;
    /// <summary>Chance, 0 ≤ p &lt; 1, that a frame is lost on one traversal of the link (either direction).</summary>
    public double LossRate { get; init; }
    /// <summary>Packets each direction's queue holds; null leaves it to whatever runs the network.</summary>
    public int? QueuePackets { get; init; }
    public SourceLocation? Source { get; init; }
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = Switch.EmptyAttributes;

    public bool Connects(string x, string y) =>
        (A.Node == x && B.Node == y) || (A.Node == y && B.Node == x);

    public string OtherEnd(string node) => A.Node == node ? B.Node : A.Node;
}
