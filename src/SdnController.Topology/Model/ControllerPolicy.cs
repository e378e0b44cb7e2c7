namespace SdnController.Topology.Model;

/// <summary>
/// The <c>controller:</c> section of a topology file: how the controller routes, protects and detects
/// failures on this network. <see cref="Default"/> is what a file without the section gets.
/// </summary>
public sealed record ControllerPolicy
{
    public static readonly ControllerPolicy Default = new();

    public RoutingMode Routing { get; init; } = RoutingMode.Proactive;
    /// <summary>Path metric of flows without a class policy that sets one.</summary>
    public RouteMetric Metric { get; init; } = RouteMetric.Latency;
    /// <summary>Pre-installed fast-failover backup paths.</summary>
    public bool Protection { get; init; }
    /// <summary>Spread flows over every equal-cost shortest path with select groups (flows with protection stay single-path).</summary>
    public bool Ecmp { get; init; }
    public DetectionPolicy Detection { get; init; } = DetectionPolicy.Default;
    /// <summary>Null: no congestion-driven rerouting.</summary>
    public CongestionPolicy? Congestion { get; init; }
}
