namespace SdnController.Topology.Model;

/// <summary>Where a link's latency came from, so output can say when a figure is an estimate.</summary>
public enum LatencySource
{
    /// <summary>Written in the file.</summary>
    Stated,
    /// <summary>Great-circle distance between the ends × 5 µs/km (speed of light in fibre).</summary>
    Geographic,
    /// <summary>Neither stated nor derivable: the topology's default latency applies.</summary>
    Default,
}
