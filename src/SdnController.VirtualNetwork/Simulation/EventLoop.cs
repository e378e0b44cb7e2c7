using System.Diagnostics;
using SdnController.Southbound.Time;

namespace SdnController.VirtualNetwork.Simulation;

/// <summary>
/// The one thread a run lives on: posted work (FIFO, always drained first) and timed events ordered by
/// (time, insertion order). Virtual mode jumps the clock from event to event, so a run is deterministic and
/// as fast as the work allows; real-time mode runs the same loop but waits for the wall clock.
/// </summary>
/// <remarks>
/// Only Post and ScheduleAt are meant for other threads; everything scheduled runs on the thread that calls
/// RunUntil / RunUntilIdle. In real-time mode wall-clock zero is the first run call, so building a network
/// before running costs no simulated time.
/// </remarks>
public sealed class EventLoop : IDisposable
{
    private readonly object _gate = new();
    private readonly Queue<PostedWork> _posted = new();
    private readonly PriorityQueue<ScheduledEntry, EventKey> _timed = new();
    private readonly LoopSynchronizationContext _context;
    private long _sequence;
    private long _nowTicks;
    private long _wallStart = -1;
    private int _loopThread = -1;
    private long _eventsProcessed;
    private bool _disposed;

    private EventLoop(bool isVirtual)
    {
        IsVirtual = isVirtual;
        _context = new LoopSynchronizationContext(this);
        Clock = new LoopClock(this);
    }

    public static EventLoop CreateVirtual() => new(isVirtual: true);
    public static EventLoop CreateRealTime() => new(isVirtual: false);

    public bool IsVirtual { get; }
    public IClock Clock { get; }
    public SynchronizationContext SynchronizationContext => _context;
    public TimeSpan Now => TimeSpan.FromTicks(Volatile.Read(ref _nowTicks));
    /// <summary>Timed events and posted work items run so far.</summary>
    public long EventsProcessed => Volatile.Read(ref _eventsProcessed);
    /// <summary>True on the thread currently running the loop.</summary>
    public bool IsLoopThread => Volatile.Read(ref _loopThread) == Environment.CurrentManagedThreadId;

    /// <summary>Run on the loop thread before the next timed event. Thread-safe; ignored after Dispose.</summary>
    public void Post(Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        Enqueue(new PostedWork(work, null, null));
    }

    internal void Post(SendOrPostCallback callback, object? state) => Enqueue(new PostedWork(null, callback, state));

    /// <summary>Run at the given loop time (a time already past runs as soon as possible, after work already due).</summary>
    public IScheduledWork ScheduleAt(TimeSpan at, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var entry = new ScheduledEntry(action);
        Insert(at, entry);
        return entry;
    }

    /// <summary>Allocation-light variant for per-frame events: a static callback and its state object.</summary>
    internal ScheduledEntry ScheduleAt(TimeSpan at, Action<object> callback, object state)
    {
        var entry = new ScheduledEntry(callback, state);
        Insert(at, entry);
        return entry;
    }

    /// <summary>Run posted work and every timed event due at or before <paramref name="end"/>; afterwards Now == end (never earlier than it was).</summary>
    public void RunUntil(TimeSpan end) => Run(end, stopWhenIdle: false);

    /// <summary>Like <see cref="RunUntil"/>, but return as soon as nothing is left to do at or before <paramref name="limit"/>.</summary>
    public void RunUntilIdle(TimeSpan limit) => Run(limit, stopWhenIdle: true);

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _posted.Clear();
            _timed.Clear();
            Monitor.PulseAll(_gate);
        }
    }

    private void Enqueue(PostedWork work)
    {
        lock (_gate)
        {
            if (_disposed) return;
            _posted.Enqueue(work);
            Monitor.Pulse(_gate);
        }
    }

    private void Insert(TimeSpan at, ScheduledEntry entry)
    {
        lock (_gate)
        {
            if (_disposed) return;
            // Clamping keeps "late" work behind everything already due now, instead of jumping the queue.
            var ticks = Math.Max(at.Ticks, _nowTicks);
            _timed.Enqueue(entry, new EventKey(ticks, _sequence++));
            Monitor.Pulse(_gate);
        }
    }

    private void Run(TimeSpan end, bool stopWhenIdle)
    {
        if (Interlocked.CompareExchange(ref _loopThread, Environment.CurrentManagedThreadId, -1) != -1)
            throw new InvalidOperationException("the event loop is already running; RunUntil/RunUntilIdle cannot be nested or called from two threads");
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_context);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!IsVirtual && _wallStart < 0) _wallStart = Stopwatch.GetTimestamp() - WallTicksToTimestamp(_nowTicks);
            var endTicks = end.Ticks;
            while (Step(endTicks, stopWhenIdle)) { }
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
            Volatile.Write(ref _loopThread, -1);
        }
    }

    /// <summary>Does one unit of work (or one wait); false when the run is over.</summary>
    private bool Step(long endTicks, bool stopWhenIdle)
    {
        PostedWork posted;
        ScheduledEntry? entry;
        lock (_gate)
        {
            if (_disposed) return false;
            if (_posted.Count > 0)
            {
                posted = _posted.Dequeue();
                if (!IsVirtual) AdvanceTo(Math.Min(WallNowTicks(), endTicks));
                entry = null;
            }
            else
            {
                posted = default;
                while (_timed.TryPeek(out var top, out _) && top.IsCancelled) _timed.Dequeue();
                if (_timed.TryPeek(out entry, out var key) && key.Ticks <= endTicks)
                {
                    if (!IsVirtual)
                    {
                        var wall = WallNowTicks();
                        if (wall < key.Ticks)
                        {
                            WaitWall(key.Ticks - wall);
                            return true;
                        }
                    }
                    _timed.Dequeue();
                    AdvanceTo(key.Ticks);
                }
                else
                {
                    entry = null;
                    if (stopWhenIdle && _timed.Count == 0) return false;
                    if (!IsVirtual)
                    {
                        var wall = WallNowTicks();
                        if (wall < endTicks)
                        {
                            if (stopWhenIdle) return false;
                            WaitWall(endTicks - wall);
                            return true;
                        }
                    }
                    if (!stopWhenIdle || IsVirtual && _timed.Count > 0) AdvanceTo(endTicks);
                    return false;
                }
            }
        }
        // Callbacks run outside the lock so they can Post/Schedule and other threads are never blocked on them.
        Interlocked.Increment(ref _eventsProcessed);
        if (entry is not null) entry.Run();
        else posted.Invoke();
        return true;
    }

    private void AdvanceTo(long ticks)
    {
        if (ticks > _nowTicks) Volatile.Write(ref _nowTicks, ticks);
    }

    private long WallNowTicks() => Stopwatch.GetElapsedTime(_wallStart).Ticks;

    private static long WallTicksToTimestamp(long ticks) => (long)(ticks * (double)Stopwatch.Frequency / TimeSpan.TicksPerSecond);

    /// <summary>Sleep until the wall clock catches up or new work is posted (Post/Schedule pulse the gate).</summary>
    private void WaitWall(long ticks) => Monitor.Wait(_gate, TimeSpan.FromTicks(Math.Max(ticks, 1)));

    private readonly record struct PostedWork(Action? Action, SendOrPostCallback? Callback, object? State)
    {
        public void Invoke()
        {
            if (Action is not null) Action();
            else Callback!(State);
        }
    }
}
