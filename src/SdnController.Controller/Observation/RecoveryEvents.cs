namespace SdnController.Controller.Observation;

/// <summary>
/// A controller started with an intent store (<see cref="ControllerOptions.StateDirectory"/>) recovered it: the intents in
/// force it makes true again before any switch connects. Sent once per start, also when the store was empty.
/// </summary>
public sealed record IntentsRecoveredEvent(TimeSpan At, int Intents, int Flows, int Blocks, int Backends, int Labels, long EventsReplayed, bool FromSnapshot)
    : ControllerEvent(At)
{
    /// <summary>Network functions whose runtime-replaced configuration was recovered.</summary>
    public int Configs { get; init; }
}

/// <summary>The intent store could not be read or written: the controller does not start on it (or stops recording).</summary>
public sealed record IntentStoreFailed(TimeSpan At, string Reason) : ControllerEvent(At);
