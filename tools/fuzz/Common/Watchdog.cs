using System.Diagnostics;

namespace SdnController.Fuzz.Common;

/// <summary>
/// Ends the process when one case runs past a hard limit: a hang cannot be interrupted from inside (.NET has no
/// thread abort), so the input is saved and the process exits with <see cref="ExitCode"/> naming the case.
/// </summary>
public sealed class Watchdog : IDisposable
{
    public const int ExitCode = 3;
    private readonly TimeSpan _limit;
    private readonly Thread _thread;
    private readonly object _gate = new();
    private long _startTimestamp;
    private Func<string>? _onHang;
    private volatile bool _stopped;

    public Watchdog(TimeSpan limit)
    {
        _limit = limit;
        _thread = new Thread(Watch) { IsBackground = true, Name = "fuzz watchdog" };
        _thread.Start();
    }

    /// <param name="onHang">Saves the reproducer and returns the message to print.</param>
    public void Begin(Func<string> onHang)
    {
        lock (_gate)
        {
            _onHang = onHang;
            _startTimestamp = Stopwatch.GetTimestamp();
        }
    }

    public void End()
    {
        lock (_gate) _onHang = null;
    }

    private void Watch()
    {
        while (!_stopped)
        {
            Thread.Sleep(200);
            Func<string>? hang = null;
            lock (_gate)
                if (_onHang is not null && Stopwatch.GetElapsedTime(_startTimestamp) > _limit) hang = _onHang;
            if (hang is null) continue;
            Console.Error.WriteLine($"sdnfuzz: HANG: a case ran longer than {_limit.TotalSeconds:0} s; {hang()}");
            Environment.Exit(ExitCode);
        }
    }

    public void Dispose() => _stopped = true;
}
