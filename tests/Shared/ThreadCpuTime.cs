using System.Diagnostics;
using System.Runtime.InteropServices;

namespace SdnController.Testing;

/// <summary>
/// CPU time of the calling thread, for "this is fast" bounds on single-threaded work. Wall-clock time also
/// counts the time the thread waits for a core, so on a loaded machine (a CPU storm beside the test run)
/// a Stopwatch bound fails without the code being any slower; CPU time counts only the work done.
/// </summary>
public readonly struct ThreadCpuTime
{
    private const int ClockThreadCpuTimeId = 3; // CLOCK_THREAD_CPUTIME_ID (Linux)
    private readonly TimeSpan _start;
    private readonly long _wallStart;

    private ThreadCpuTime(TimeSpan start, long wallStart)
    {
        _start = start;
        _wallStart = wallStart;
    }

    /// <summary>Starts measuring on the calling thread; <see cref="Elapsed"/> must be read on the same thread.</summary>
    public static ThreadCpuTime StartNew() => new(Now() ?? TimeSpan.Zero, Stopwatch.GetTimestamp());

    /// <summary>CPU time the thread used since <see cref="StartNew"/> (wall-clock time where the OS gives no thread clock).</summary>
    public TimeSpan Elapsed => Now() is { } now ? now - _start : Stopwatch.GetElapsedTime(_wallStart);

    private static TimeSpan? Now()
    {
        if (!OperatingSystem.IsLinux()) return null;
        return clock_gettime(ClockThreadCpuTimeId, out var ts) == 0
            ? TimeSpan.FromTicks(ts.Seconds * TimeSpan.TicksPerSecond + ts.Nanoseconds / 100)
            : null;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", SetLastError = false)]
    private static extern int clock_gettime(int clockId, out Timespec ts);
}
