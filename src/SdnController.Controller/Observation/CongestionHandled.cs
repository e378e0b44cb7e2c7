using System.Collections.Immutable;

namespace SdnController.Controller.Observation;

public enum CongestionAction { Move, Undo }

/// <summary>
/// A congestion event handled end to end (the moved flows' new rules confirmed, the old ones removed).
/// Move: the link direction measured over the threshold and these flows left it. Undo: the load fell, and
/// the flows an earlier move (EventId) took off it came back to their routed paths. Utilisation is the
/// measured share of the direction's bandwidth (a fraction; above 1 when more was offered than it carries).
/// </summary>
public sealed record CongestionHandled(
    TimeSpan At,
    long EventId,
    CongestionAction Action,
    string LinkId,
    string Direction,
    double Utilisation,
    double Threshold,
    TimeSpan MeasuredAt,
    ImmutableArray<string> MovedFlows,
    ImmutableArray<string> UnmovableFlows) : ControllerEvent(At)
{
    /// <summary>The event's trace (its <c>link.congestion</c> root span); default when no one listens.</summary>
    public System.Diagnostics.ActivityContext Trace { get; init; }
    /// <summary>Moved flows by update method (as for a reroute).</summary>
    public int OrderedFlows { get; init; }
    public int TwoPhaseFlows { get; init; }
    public int RulesAdded { get; init; }
    public int RulesRemoved { get; init; }
    public ImmutableArray<string> UnconfirmedSwitches { get; init; } = ImmutableArray<string>.Empty;
}
