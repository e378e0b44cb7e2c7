namespace SdnController.Paths.Analysis;

/// <summary>
/// Bridges and articulation switches of a topology with their impact. "Worst" ranks by switch pairs
/// disconnected, then host pairs, then the lower link/switch index.
/// </summary>
public sealed record SinglePointsOfFailureReport(
    /// <summary>Bridges in link index order.</summary>
    IReadOnlyList<BridgeImpact> Bridges,
    /// <summary>Articulation switches in switch index order.</summary>
    IReadOnlyList<SwitchFailureImpact> ArticulationSwitches,
    /// <summary>Impact of failing each switch, in switch index order (articulation or not).</summary>
    IReadOnlyList<SwitchFailureImpact> SwitchFailures,
    /// <summary>The bridge that disconnects most; null when no single link failure disconnects anything.</summary>
    BridgeImpact? WorstLinkFailure,
    /// <summary>The switch whose failure disconnects most pairs (always counts its own pairs); null only without switches.</summary>
    SwitchFailureImpact? WorstSwitchFailure);
