namespace SdnController.Topology.Scenarios;

/// <summary>A whole switch fails or recovers.</summary>
public sealed record SwitchStateEvent(TimeSpan At, string SwitchId, bool Up) : ScenarioEvent(At);
