namespace SdnController.Topology.Scenarios;

/// <summary>
/// A network function instance of the topology's <c>nfv:</c> section fails (drops everything it receives)
/// or comes back as a restarted instance holding no configuration.
/// </summary>
public sealed record NfvStateEvent(TimeSpan At, string FunctionId, bool Up) : ScenarioEvent(At);
