using System.Collections.Immutable;

namespace SdnController.Controller.Observation;

/// <summary>What the flow manager did with a flow's (new) label under the topology's <c>policy:</c> section.</summary>
public static class PolicyOutcomes
{
    /// <summary>Metric: the flow now runs on another path.</summary>
    public const string Moved = "moved";
    /// <summary>Metric: the metric's route is the one the flow already had; nothing sent.</summary>
    public const string Unchanged = "unchanged";
    public const string Blocked = "blocked";
    public const string AlreadyBlocked = "already-blocked";
    /// <summary>Chain: the flow now goes through the chain's functions.</summary>
    public const string Chained = "chained";
    /// <summary>No entry matches the label.</summary>
    public const string NoMatch = "no-match";
    /// <summary>The controller routes no flow with that 5-tuple (metric, chain), or its hosts are unknown (block).</summary>
    public const string NoFlow = "no-flow";
    /// <summary>Metric or chain on a flow whose route the action cannot change (ECMP-spread, protected, chained, unreachable).</summary>
    public const string NotMovable = "not-movable";
}

/// <summary>
/// The flow manager applied the <c>policy:</c> entry <see cref="Rule"/> (0-based; -1: none matched) to a flow the
/// classifier labelled; At is when the switches confirmed the rule changes (or when nothing needed sending).
/// </summary>
/// <param name="Flow">The 5-tuple as the classifier saw it: <c>udp 10.0.0.1:10000 > 10.0.0.2:5001</c>.</param>
/// <param name="Action"><c>metric:latency</c>, <c>chain:ID</c>, <c>block</c>, or <c>none</c>.</param>
/// <param name="Outcome">One of <see cref="PolicyOutcomes"/>.</param>
/// <param name="FlowIds">The controller's flows the 5-tuple belongs to (declared or reactive ids).</param>
public sealed record FlowPolicyApplied(TimeSpan At, string Flow, string Protocol, string Class, string Method, int Rule, string Action,
    string Outcome, ImmutableArray<string> FlowIds) : ControllerEvent(At)
{
    /// <summary>When the label reached the flow manager.</summary>
    public TimeSpan LabelledAt { get; init; }
    public int RulesAdded { get; init; }
    public int RulesRemoved { get; init; }
    /// <summary>The block the action made (block action), else 0.</summary>
    public long BlockId { get; init; }
}
