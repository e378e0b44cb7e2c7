namespace SdnController.Topology.Scenarios;

/// <summary>A reachability check at a point of the run; <see cref="From"/> and <see cref="To"/> are host ids (null for <see cref="ExpectKind.ConnectedPairsReach"/>).</summary>
public sealed record ExpectEvent(TimeSpan At, ExpectKind Kind, string? From, string? To) : ScenarioEvent(At);
