namespace SdnController.Topology.Model;

/// <summary>What a path minimises, as a topology file names it (<c>controller.metric</c>, a class's <c>metric</c>).</summary>
public enum RouteMetric
{
    /// <summary>Fewest links.</summary>
    Hop,
    /// <summary>Lowest sum of link latencies (the default).</summary>
    Latency,
    /// <summary>Lowest sum of administrative link costs.</summary>
    Cost,
    /// <summary>Most spare capacity.</summary>
    Headroom,
}
