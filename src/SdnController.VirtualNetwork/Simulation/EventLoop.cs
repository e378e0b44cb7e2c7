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
    // A Lock (not a Monitor on an object): taken several times per event, and Monitor.Pulse on every post
    // inflated the object's lock so each enter took the slow path. The loop sleeps on _wake instead, and
    // posts signal it only while it actually sleeps.
    private readonly Lock _gate = new();
    private readonly ManualResetEventSlim _wake = new(initialState: false);
    private bool _sleeping;
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
            _wake.Set();
        }
    }

    private void Enqueue(PostedWork work)
    {
        lock (_gate)
        {
            if (_disposed) return;
            _posted.Enqueue(work);
            if (_sleeping) _wake.Set();
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
            if (_sleeping) _wake.Set();
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
        long sleepTicks;
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
                            sleepTicks = PrepareSleep(key.Ticks - wall);
                            goto Sleep;
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
                            sleepTicks = PrepareSleep(endTicks - wall);
                            goto Sleep;
                        }
                    }
                    if (!stopWhenIdle || IsVirtual && _timed.Count > 0) AdvanceTo(endTicks);
                    return false;
                }
            }
        }
        // Callbacks run outside the lock so they can Post/Schedule and other threads are never blocked on them.
        Volatile.Write(ref _eventsProcessed, _eventsProcessed + 1);   // only the loop thread writes it
        if (entry is not null) entry.Run();
        else posted.Invoke();
        return true;

    Sleep:
        // Outside the lock: a post after PrepareSleep finds _sleeping set and signals _wake, so it is never missed.
        _wake.Wait(TimeSpan.FromTicks(sleepTicks));
        lock (_gate) _sleeping = false;
        return true;
    }

    /// <summary>Under the gate: from now on posts wake the loop. Returns the ticks to sleep at most.</summary>
    private long PrepareSleep(long ticks)
    {
        _sleeping = true;
        _wake.Reset();
        return Math.Max(ticks, 1);
    }

    private void AdvanceTo(long ticks)
    {
        if (ticks > _nowTicks) Volatile.Write(ref _nowTicks, ticks);
    }

    private long WallNowTicks() => Stopwatch.GetElapsedTime(_wallStart).Ticks;

    private static long WallTicksToTimestamp(long ticks) => (long)(ticks * (double)Stopwatch.Frequency / TimeSpan.TicksPerSecond);

    private readonly record struct PostedWork(Action? Action, SendOrPostCallback? Callback, object? State)
    {
        public void Invoke()
        {
            if (Action is not null) Action();
            else Callback!(State);
        }
    }
}
