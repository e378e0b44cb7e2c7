using SdnController.Southbound.Time;

namespace SdnController.Controller.Tests.Flows.Support;

/// <summary>A virtual clock the test moves by hand; scheduled work runs inside <see cref="Advance"/>.</summary>
internal sealed class ManualFlowClock : IClock
{
    private readonly object _gate = new();
    private readonly List<Work> _pending = new();
    private TimeSpan _now;

    public TimeSpan Now { get { lock (_gate) return _now; } }
    public bool IsVirtual => true;

    public IScheduledWork Schedule(TimeSpan delay, Action action)
    {
        lock (_gate)
        {
            var work = new Work(this, _now + (delay < TimeSpan.Zero ? TimeSpan.Zero : delay), action);
            _pending.Add(work);
            Monitor.PulseAll(_gate);
            return work;
        }
    }

    /// <summary>Work scheduled and neither run nor cancelled.</summary>
    public int PendingCount { get { lock (_gate) return _pending.Count; } }

    /// <summary>Blocks until some work is scheduled (the actor schedules on its own thread).</summary>
    public void AwaitPending(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (_gate)
            while (_pending.Count == 0)
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || !Monitor.Wait(_gate, left)) Assert.Fail("nothing was scheduled on the clock");
            }
    }

    /// <summary>Moves time forward, running every work that falls due, in due order.</summary>
    public void Advance(TimeSpan by)
    {
        TimeSpan target;
        lock (_gate) target = _now + by;
        while (true)
        {
            Work? next = null;
            lock (_gate)
            {
                foreach (var w in _pending)
                    if (w.Due <= target && (next is null || w.Due < next.Due)) next = w;
                if (next is null) { _now = target; return; }
                _pending.Remove(next);
                _now = next.Due;
            }
            next.Action();
        }
    }

    private sealed class Work(ManualFlowClock clock, TimeSpan due, Action action) : IScheduledWork
    {
        public TimeSpan Due { get; } = due;
        public Action Action { get; } = action;
        public void Cancel() { lock (clock._gate) clock._pending.Remove(this); }
    }
}
