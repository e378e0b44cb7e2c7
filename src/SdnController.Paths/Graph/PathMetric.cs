namespace SdnController.Paths.Graph;

/// <summary>What a path's length measures.</summary>
public enum PathMetric
{
    /// <summary>Every link weighs 1.</summary>
    Hop,
    /// <summary>Link latency in milliseconds.</summary>
    Latency,
    /// <summary>The link's administrative cost.</summary>
    Cost,
    /// <summary>Reference bandwidth (100 Gbit/s, as OSPF's reference-bandwidth) divided by link bandwidth.</summary>
    InverseBandwidth,
}
