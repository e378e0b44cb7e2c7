namespace SdnController.Topology.Model;

/// <summary>
/// The policy of one traffic class (a <c>classes:</c> entry), applied to flows whose <c>class</c> names it.
/// A null setting falls back to the <c>controller:</c> section's.
/// </summary>
public sealed record ClassPolicy(string Name)
{
    public RouteMetric? Metric { get; init; }
    public bool? Protection { get; init; }
    public bool? Ecmp { get; init; }
}
