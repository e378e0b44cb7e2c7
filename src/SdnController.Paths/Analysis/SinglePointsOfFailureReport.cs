namespace SdnController.Paths.Analysis;

/// <summary>
/// Bridges and articulation switches of a topology with their impact. "Worst" ranks by switch pairs
/// disconnected, then host pairs, then the lower link/switch index.
/// </summary>
/// <param name="Bridges">Bridges in link index order.</param>
/// <param name="ArticulationSwitches">Articulation switches in switch index order.</param>
/// <param name="SwitchFailures">Impact of failing each switch, in switch index order (articulation or not).</param>
/// <param name="WorstLinkFailure">The bridge that disconnects most; null when no single link failure disconnects anything.</param>
/// <param name="WorstSwitchFailure">The switch whose failure disconnects most pairs (its own pairs always count); null only without switches.</param>
public sealed record SinglePointsOfFailureReport(
    IReadOnlyList<BridgeImpact> Bridges,
    IReadOnlyList<SwitchFailureImpact> ArticulationSwitches,
    IReadOnlyList<SwitchFailureImpact> SwitchFailures,
    BridgeImpact? WorstLinkFailure,
    SwitchFailureImpact? WorstSwitchFailure);
