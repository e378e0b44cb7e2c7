namespace SdnController.Topology.Model;

/// <summary>Values a link gets when its file does not state them.</summary>
public sealed record LinkDefaults(double BandwidthBps, double LatencyMs, double Cost)
{
    /// <summary>1 Gbit/s, 1 ms, cost 1, no loss, the network's own queue size.</summary>
    public static readonly LinkDefaults Standard = new(1e9, 1.0, 1.0);

    /// <summary>Chance, 0 ≤ p &lt; 1, that a frame is lost on one traversal; 0 unless stated.</summary>
    public double LossRate { get; init; }

    /// <summary>Per-direction queue capacity in packets; null leaves it to whatever runs the network.</summary>
    public int? QueuePackets { get; init; }
}
