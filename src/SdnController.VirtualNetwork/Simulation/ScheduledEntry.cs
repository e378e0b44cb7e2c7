using SdnController.Southbound.Time;

namespace SdnController.VirtualNetwork.Simulation;

/// <summary>
/// One timed event in the loop's heap. Cancelling only marks it (lazy deletion): the heap drops it when it
/// reaches the top, which keeps Cancel O(1) and the heap free of search-and-remove.
/// </summary>
internal sealed class ScheduledEntry : IScheduledWork
{
    private Action? _action;
    private Action<object>? _stateAction;
    private object? _state;

    public ScheduledEntry(Action action) => _action = action;

    /// <summary>Static callback + state, so hot paths (one event per frame per hop) allocate no closure.</summary>
    public ScheduledEntry(Action<object> stateAction, object state)
    {
        _stateAction = stateAction;
        _state = state;
    }

    public bool IsCancelled { get; private set; }

    public void Cancel()
    {
        IsCancelled = true;
        // Release what the callback holds; a cancelled timer may sit in the heap for a long virtual time.
        _action = null;
        _stateAction = null;
        _state = null;
    }

    public void Run()
    {
        if (IsCancelled) return;
        var action = _action;
        var stateAction = _stateAction;
        var state = _state;
        // Mark as done first so a Cancel from inside the callback (or later) has nothing to undo.
        IsCancelled = true;
        _action = null;
        _stateAction = null;
        _state = null;
        if (action is not null) action();
        else stateAction!(state!);
    }
}

/// <summary>Heap key: time first, then insertion order, so equal-time events run in the order scheduled.</summary>
internal readonly record struct EventKey(long Ticks, long Sequence) : IComparable<EventKey>
{
    public int CompareTo(EventKey other)
    {
        var c = Ticks.CompareTo(other.Ticks);
        return c != 0 ? c : Sequence.CompareTo(other.Sequence);
    }
}
