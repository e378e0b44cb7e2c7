namespace SdnController.Topology.Scenarios;

/// <summary>
/// <c>controller: restart</c>: the controller is killed (its actor system stops at once) and a new one starts while the
/// network keeps running; with <c>sdnctl run --state DIR</c> the new one recovers every intent from the store.
/// </summary>
public sealed record ControllerRestartEvent(TimeSpan At) : ScenarioEvent(At);
