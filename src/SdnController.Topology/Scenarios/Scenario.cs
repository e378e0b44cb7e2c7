using SdnController.Topology.Diagnostics;

namespace SdnController.Topology.Scenarios;

/// <summary>
/// Timed events to play against a topology: link and switch failures, flaps, random failures and
/// reachability expectations. Events are in non-decreasing <see cref="ScenarioEvent.At"/> order.
/// </summary>
public sealed record Scenario(IReadOnlyList<ScenarioEvent> Events)
{
    public string? Name { get; init; }
    /// <summary>How long the run lasts; every event is before it. Null: until the last event.</summary>
    public TimeSpan? Duration { get; init; }
    /// <summary>Default seed of random events that state none.</summary>
    public int? Seed { get; init; }
    public SourceLocation? Source { get; init; }
}
