using SdnController.Southbound.Time;

namespace SdnController.Controller.Runtime;

/// <summary>
/// Collects the young GC generations once the flow manager has had nothing to do for a short while, so the
/// next burst of work — a failure's reroute, which allocates a few MiB for thousands of flows — starts with
/// a full allocation budget and no collection lands inside it. The collection the runtime would have made
/// mid-reroute (a gen-1 pause of 10–40 ms on a loaded 2-core machine) is made in the quiet time instead.
/// Only generations 0 and 1: a short pause, and the long-lived flow state in generation 2 is left to the
/// runtime's background collections.
/// </summary>
internal sealed class IdleCollection
{
    private readonly IClock _clock;
    private readonly TimeSpan _delay;
    private IScheduledWork? _pending;
    private long _token;

    public IdleCollection(IClock clock, TimeSpan delay)
    {
        _clock = clock;
        _delay = delay;
    }

    public bool Enabled => _delay > TimeSpan.Zero;

    /// <summary>Collections made so far (tests and diagnostics).</summary>
    public int Collections { get; private set; }

    /// <summary>The controller went quiet: collect after the delay unless work arrives first. <paramref name="deliver"/> posts the token back to the owner's mailbox.</summary>
    public void Arm(Action<long> deliver)
    {
        Cancel();
        if (!Enabled) return;
        var token = _token;
        _pending = _clock.Schedule(_delay, () => deliver(token));
    }

    /// <summary>Work arrived: a pending collection must not run in the middle of it.</summary>
    public void Cancel()
    {
        _token++;
        _pending?.Cancel();
        _pending = null;
    }

    /// <summary>The delay elapsed; collects only if nothing re-armed or cancelled since (the token is still current).</summary>
    public bool Fire(long token)
    {
        if (token != _token || _pending is null) return false;
        _pending = null;
        GC.Collect(1, GCCollectionMode.Forced, blocking: true);
        Collections++;
        return true;
    }
}
