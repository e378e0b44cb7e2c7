using System.CommandLine;
using SdnController.Cli.Input;
using SdnController.Controller.Telemetry;
using SdnController.Scenarios.Reporting;
using SdnController.Telemetry.Tracing;

namespace SdnController.Cli.Commands;

/// <summary>
/// `sdnctl run`'s tracing options: --traces FILE (OTLP JSON lines) and --otlp-endpoint URL [--otlp-protocol
/// grpc|http/protobuf] (else the OTEL_EXPORTER_OTLP_* environment variables; OTEL_EXPORTER_OTLP_[TRACES_]TIMEOUT
/// bounds each export, default 10 s). Spans of the controller and
/// of the data plane are exported; nothing is recorded when no destination is given.
/// </summary>
public sealed class TraceExportOptions
{
    private readonly Option<string?> _file = new("--traces") { Description = "Write the run's spans to FILE as OTLP JSON, one ExportTraceServiceRequest per line (view with 'sdnctl traces FILE')" };
    private readonly Option<string?> _endpoint = new("--otlp-endpoint") { Description = "Send the run's spans over OTLP to this collector, e.g. http://localhost:4317 (default: OTEL_EXPORTER_OTLP_[TRACES_]ENDPOINT)" };
    private readonly Option<string?> _protocol = new("--otlp-protocol") { Description = "OTLP transport: grpc (default) or http/protobuf (default: OTEL_EXPORTER_OTLP_[TRACES_]PROTOCOL)" };

    public static readonly IReadOnlyList<string> Sources = [ControllerTelemetry.SourceName, RestorationSpans.SourceName];

    public void AddTo(Command command)
    {
        command.Options.Add(_file);
        command.Options.Add(_endpoint);
        command.Options.Add(_protocol);
    }

    /// <summary>Checks the options (and environment) without side effects; bad values are usage errors (exit 2).</summary>
    public TracingOptions Resolve(ParseResult parse)
    {
        OtlpTarget? target;
        TimeSpan timeout;
        try
        {
            target = OtlpTargetResolver.Resolve(parse.GetValue(_endpoint), parse.GetValue(_protocol), Environment.GetEnvironmentVariable);
            // Read only when spans go over OTLP: the variables are the exporter's, and a stray one must not stop a run without it.
            timeout = target is null ? OtlpTimeoutResolver.Default : OtlpTimeoutResolver.Resolve(Environment.GetEnvironmentVariable);
        }
        catch (TelemetryConfigurationException e)
        {
            throw new UsageException(e.Message);
        }
        var file = parse.GetValue(_file);
        if (file is "" or "-") throw new UsageException("--traces needs a file name (spans cannot go to stdout, which carries the report)");
        return new TracingOptions { Sources = Sources, Otlp = target, TraceFile = file, ExportTimeout = timeout };
    }

    /// <summary>Starts recording; a trace file that cannot be created ends the command (exit 1) before the run.</summary>
    public static TracingSession Start(TracingOptions options)
    {
        try
        {
            return TracingPipeline.Start(options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot create the trace file '{options.TraceFile}': {e.Message}", e);
        }
    }

    /// <summary>Flushes every exporter, then says on stderr what did not get through (the run's result stands).</summary>
    public static void Finish(TracingSession session)
    {
        session.Dispose();
        foreach (var warning in session.Warnings) Console.Error.WriteLine($"sdnctl: warning: {warning}");
    }
}
