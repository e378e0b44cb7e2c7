namespace SdnController.Topology.Model;

/// <summary>Values a link gets when its file does not state them.</summary>
public sealed record LinkDefaults(double BandwidthBps, double LatencyMs, double Cost)
{
    /// <summary>1 Gbit/s, 1 ms, cost 1.</summary>
    public static readonly LinkDefaults Standard = new(1e9, 1.0, 1.0);
}
