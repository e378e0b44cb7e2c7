namespace SdnController.Southbound.Time;

/// <summary>
/// The one clock of a run. Virtual time jumps from event to event (deterministic, much faster than real
/// time); real time follows the wall clock. Callbacks run on the run's event loop thread.
/// </summary>
public interface IClock
{
    /// <summary>Time since the run started.</summary>
    TimeSpan Now { get; }
    bool IsVirtual { get; }
    /// <summary>Run the action once, after the delay (zero or negative = as soon as possible, after work already due).</summary>
    IScheduledWork Schedule(TimeSpan delay, Action action);
}

public interface IScheduledWork
{
    /// <summary>Stop the work from running; no effect if it already ran.</summary>
    void Cancel();
}
