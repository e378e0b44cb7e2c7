using System.Collections.Concurrent;
using SdnController.Southbound.Time;

namespace SdnController.Controller.Tests.Support;

/// <summary>
/// A single-threaded event loop with a manual virtual clock, like a virtual-time run: actors on the
/// synchronized dispatcher (created while this is the current context) run only when the test pumps,
/// on the test's thread, in a deterministic order. Time moves only through <see cref="Advance"/>.
/// </summary>
public sealed class TestLoop : SynchronizationContext, IClock
{
    private readonly ConcurrentQueue<(SendOrPostCallback Callback, object? State)> _work = new();
    private readonly PriorityQueue<Timer, (TimeSpan At, long Seq)> _timers = new();
    private readonly object _timerLock = new();
    private long _seq;

    public TimeSpan Now { get; private set; }
    public bool IsVirtual => true;

    public override void Post(SendOrPostCallback d, object? state) => _work.Enqueue((d, state));

    public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException("TestLoop runs work only through Post");

    public override SynchronizationContext CreateCopy() => this;

    public IScheduledWork Schedule(TimeSpan delay, Action action)
    {
        var timer = new Timer(action);
        if (delay <= TimeSpan.Zero)
        {
            Post(_ => timer.Run(), null);
            return timer;
        }
        lock (_timerLock) _timers.Enqueue(timer, (Now + delay, _seq++));
        return timer;
    }

    /// <summary>Run <paramref name="action"/> with this loop as the current context (e.g. ActorOf, so the dispatcher binds here), then everything it posted.</summary>
    public T Run<T>(Func<T> action)
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try { return action(); }
        finally
        {
            SetSynchronizationContext(previous);
            RunPending();
        }
    }

    /// <summary>Run queued work (and work it queues) until none is left; time does not move.</summary>
    public void RunPending()
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            while (_work.TryDequeue(out var item)) item.Callback(item.State);
        }
        finally { SetSynchronizationContext(previous); }
    }

    /// <summary>Move time forward, running each timer at its due time and all work it causes.</summary>
    public void Advance(TimeSpan by)
    {
        var target = Now + by;
        RunPending();
        while (true)
        {
            Timer? next;
            lock (_timerLock)
            {
                if (!_timers.TryPeek(out next, out var due) || due.At > target) break;
                _timers.Dequeue();
                Now = due.At;
            }
            var previous = Current;
            SetSynchronizationContext(this);
            try { next.Run(); }
            finally { SetSynchronizationContext(previous); }
            RunPending();
        }
        Now = target;
        RunPending();
    }

    /// <summary>
    /// Pump until the condition holds. Akka delivers a few things from its own threads (e.g. the
    /// guardian's stop), so this also waits briefly for work to arrive.
    /// </summary>
    public void RunUntil(Func<bool> condition, string what, int timeoutMs = 3000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (true)
        {
            RunPending();
            if (condition()) return;
            if (Environment.TickCount64 > deadline) Assert.Fail($"timed out waiting for {what}");
            Thread.Sleep(1);
        }
    }

    private sealed class Timer(Action action) : IScheduledWork
    {
        private bool _cancelled;
        public void Cancel() => _cancelled = true;
        public void Run()
        {
            if (_cancelled) return;
            _cancelled = true;
            action();
        }
    }
}
