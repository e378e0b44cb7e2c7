using SdnController.Topology.Traffic;

namespace SdnController.Topology.Scenarios;

/// <summary>What a separate scenario file holds: a scenario (null when its section is empty) and optional flows.</summary>
public sealed record ScenarioFile(Scenario? Scenario, IReadOnlyList<TrafficFlow> Traffic);
