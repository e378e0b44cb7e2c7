using SdnController.Topology.Diagnostics;

namespace SdnController.Topology.Model;

/// <summary>What a <c>policy:</c> entry does to a flow it matches.</summary>
public enum PolicyAction
{
    /// <summary>Route the flow by <see cref="PolicyRule.Metric"/>.</summary>
    Metric,
    /// <summary>Steer the flow through the service chain <see cref="PolicyRule.Chain"/>.</summary>
    Chain,
    /// <summary>Drop the flow at its ingress.</summary>
    Block,
}

/// <summary>
/// One <c>policy:</c> entry: the flows the classifier labels with <see cref="Class"/> and/or <see cref="Protocol"/>
/// (both must hold when both are given; at least one is) get <see cref="Action"/>. Entries are tried in file order and
/// the first match wins.
/// </summary>
/// <param name="Class">A traffic class as the classifier names it (<c>real-time</c>, <c>bulk</c>, ...), or null: any.</param>
/// <param name="Protocol">An application protocol as nDPI spells it (<c>BitTorrent</c>, <c>SSH</c>), or null: any.</param>
public sealed record PolicyRule(string? Class, string? Protocol, PolicyAction Action)
{
    /// <summary>The metric of a <see cref="PolicyAction.Metric"/> action.</summary>
    public RouteMetric? Metric { get; init; }
    /// <summary>The <c>classes:</c> entry the metric was taken from when the file named one instead of a metric.</summary>
    public string? MetricClass { get; init; }
    /// <summary>The <c>chains:</c> id of a <see cref="PolicyAction.Chain"/> action.</summary>
    public string? Chain { get; init; }
    public SourceLocation? Source { get; init; }

    /// <summary>Whether a flow labelled so takes this entry (names compared as the classifier spells them, case-insensitively).</summary>
    public bool Matches(string? protocol, string? trafficClass) =>
        (Class is null || string.Equals(Class, trafficClass, StringComparison.OrdinalIgnoreCase)) &&
        (Protocol is null || string.Equals(Protocol, protocol, StringComparison.OrdinalIgnoreCase));

    /// <summary>The match as the report and traces show it: <c>class=real-time</c>, <c>protocol=BitTorrent</c>, or both.</summary>
    public string MatchText => Class is null ? $"protocol={Protocol}" : Protocol is null ? $"class={Class}" : $"class={Class},protocol={Protocol}";

    /// <summary>The action as the report and traces show it: <c>metric:latency</c>, <c>chain:ids-path</c>, <c>block</c>.</summary>
    public string ActionText => Action switch
    {
        PolicyAction.Metric => $"metric:{Yaml.PolicyValues.Name(Metric!.Value)}",
        PolicyAction.Chain => $"chain:{Chain}",
        _ => "block",
    };
}
