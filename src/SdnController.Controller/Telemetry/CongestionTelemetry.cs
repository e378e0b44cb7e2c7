namespace SdnController.Controller.Telemetry;

/// <summary>
/// Span name and attributes of congestion handling (docs/telemetry.md). One trace per congestion event:
/// root <c>link.congestion</c> with <see cref="Action"/> = move (flows leave a link direction over the
/// threshold) or undo (they come back once the load fell), and the same children as a reroute:
/// route.compute, switch.install (per switch), update.commit.
/// </summary>
public static class CongestionTelemetry
{
    public const string LinkCongestion = "link.congestion";

    public const string Action = "sdn.congestion.action";
    public const string LinkId = "sdn.link.id";
    /// <summary>"s1>s2": the switch the congested direction leaves and the one it enters.</summary>
    public const string Direction = "sdn.link.direction";
    /// <summary>Measured utilisation of the direction, percent of its bandwidth.</summary>
    public const string Utilisation = "sdn.congestion.utilisation_pct";
    public const string Threshold = "sdn.congestion.threshold_pct";
    public const string FlowsMoved = "sdn.congestion.flows_moved";
    public const string FlowsUnmovable = "sdn.congestion.flows_unmovable";
    /// <summary>On an undo: the trace id of the move it undoes.</summary>
    public const string UndoesTrace = "sdn.congestion.undoes_trace_id";

    public const string MoveAction = "move";
    public const string UndoAction = "undo";

    /// <summary>
    /// Hysteresis: moved flows come back only when the direction they left (and every direction of their
    /// routed paths) would stay at or under the threshold less this many percentage points with them back,
    /// so a load hovering at the threshold does not move flows to and fro every interval.
    /// </summary>
    public const double HysteresisPoints = 10;
}
