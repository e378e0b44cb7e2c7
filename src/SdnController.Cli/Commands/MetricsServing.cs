using System.CommandLine;
using System.Runtime.InteropServices;
using SdnController.Cli.Input;
using SdnController.Controller.Telemetry;
using SdnController.Scenarios.Telemetry;
using SdnController.Telemetry.Metrics;
using SdnController.Topology.Scenarios;

namespace SdnController.Cli.Commands;

/// <summary>
/// `--metrics-port N [--metrics-host HOST] [--metrics-hold DURATION|forever]` of `sdnctl run`: serve the
/// controller's and the data plane's metrics in Prometheus text format during the run and, since a
/// virtual-time run is over in well under a scrape interval, for a while after it (Ctrl-C or SIGTERM
/// ends the wait early). Status lines go to stderr: stdout carries the report.
/// </summary>
public sealed class MetricsServing : IDisposable
{
    private static readonly string[] MeterNames = [ControllerMetrics.MeterName, DataPlaneMetrics.MeterName];

    private readonly MetricsEndpoint _endpoint;
    private readonly TimeSpan? _hold;   // null = until Ctrl-C

    private MetricsServing(MetricsEndpoint endpoint, TimeSpan? hold)
    {
        _endpoint = endpoint;
        _hold = hold;
    }

    public sealed record Options(Option<int?> Port, Option<string> Host, Option<string?> Hold)
    {
        public IEnumerable<Option> All => [Port, Host, Hold];
    }

    public static Options CreateOptions() => new(
        new Option<int?>("--metrics-port") { Description = "Serve Prometheus metrics at http://HOST:N/metrics during the run (docs/telemetry.md)" },
        new Option<string>("--metrics-host") { Description = "Address to serve metrics on: an IP address, localhost, or * for every interface", DefaultValueFactory = _ => MetricsEndpoint.DefaultHost },
        new Option<string?>("--metrics-hold") { Description = "Keep serving metrics this long after the run ends, e.g. 30s, or 'forever' (until Ctrl-C)" });

    /// <summary>Null when --metrics-port is absent (then --metrics-host/--metrics-hold are refused).</summary>
    public static MetricsServing? Start(ParseResult parse, Options options)
    {
        var port = parse.GetValue(options.Port);
        var holdText = parse.GetValue(options.Hold);
        if (port is null)
        {
            if (holdText is not null) throw new UsageException("--metrics-hold needs --metrics-port");
            if (parse.GetResult(options.Host) is { Implicit: false }) throw new UsageException("--metrics-host needs --metrics-port");
            return null;
        }
        TimeSpan? hold = TimeSpan.Zero;
        if (holdText is "forever") hold = null;
        else if (holdText is not null)
        {
            if (!Durations.TryParse(holdText, out var value, out var error))
                throw new UsageException($"--metrics-hold {error} or 'forever', found '{holdText}'");
            hold = value;
        }
        try
        {
            var endpoint = MetricsEndpoint.Start(MeterNames, port.Value, parse.GetValue(options.Host)!);
            Console.Error.WriteLine($"sdnctl: serving metrics at {endpoint.Url}");
            return new MetricsServing(endpoint, hold);
        }
        catch (MetricsEndpointException e)
        {
            throw new UsageException($"--metrics-port: {e.Message}");
        }
    }

    /// <summary>After the run (its meters still alive): keep serving for the hold, or until Ctrl-C/SIGTERM.</summary>
    public void HoldAfterRun()
    {
        if (_hold == TimeSpan.Zero) return;
        using var stop = new ManualResetEventSlim();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        Console.Error.WriteLine(_hold is { } h
            ? $"sdnctl: run finished; serving metrics at {_endpoint.Url} for {Durations.Format(h)} more (Ctrl-C stops)"
            : $"sdnctl: run finished; serving metrics at {_endpoint.Url} until Ctrl-C");
        if (_hold is { } wait) stop.Wait(wait);
        else stop.Wait();
        return;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;   // end the wait, not the process: the exit code stays the run's
            stop.Set();
        }
    }

    /// <summary>The run's meters, owned here so they are still served after the run is disposed.</summary>
    public ControllerMetrics Controller { get; } = new();
    public DataPlaneMetrics DataPlane { get; } = new();

    public void Dispose()
    {
        _endpoint.Dispose();
        Controller.Dispose();
        DataPlane.Dispose();
    }
}
