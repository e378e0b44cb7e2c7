using System.Diagnostics;
using System.Reflection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using SdnController.Telemetry.TraceFiles;

namespace SdnController.Telemetry.Tracing;

/// <summary>
/// Builds the OpenTelemetry TracerProvider of a run: the given ActivitySources, resource service.name /
/// service.version, and one batch processor per destination (OTLP, trace file). Batching keeps exports
/// off the event-loop thread, which must never block on I/O.
/// </summary>
public static class TracingPipeline
{
    // A failure trace of a large network has one switch.install span per switch touched; the SDK's default
    // queue (2048) would drop spans of a single big reroute, so the queue is sized for whole runs.
    private const int MaxQueueSize = 1 << 18;
    private const int ScheduledDelayMs = 1000;
    private const int MaxExportBatchSize = 2048;

    /// <summary>
    /// Starts recording. Throws IOException / UnauthorizedAccessException when the trace file cannot be
    /// created (before anything runs). With no destination the session records nothing.
    /// </summary>
    public static TracingSession Start(TracingOptions options)
    {
        if (!options.Enabled) return new TracingSession(null, null, null, null, null, null, 0);
        var timeoutMs = (int)Math.Clamp(options.ExportTimeout.TotalMilliseconds, 1, int.MaxValue / 4);
        BatchActivityExportProcessor? fileProcessor = null;
        BatchActivityExportProcessor? otlpProcessor = null;
        OtlpJsonFileExporter? file = null;
        OtlpExportFailureListener? failures = null;
        try
        {
            if (options.TraceFile is { } path)
            {
                file = new OtlpJsonFileExporter(path);
                fileProcessor = Batch(file, timeoutMs);
            }
            if (options.Otlp is { } target)
            {
                // Before the exporter exists, so its very first failure is seen.
                failures = new OtlpExportFailureListener();
                otlpProcessor = Batch(CreateOtlpExporter(target, timeoutMs), timeoutMs);
            }

            var builder = CreateBuilder(options);
            if (fileProcessor is not null) builder.AddProcessor(fileProcessor);
            if (otlpProcessor is not null) builder.AddProcessor(otlpProcessor);
            var provider = builder.Build();
            return new TracingSession(provider, fileProcessor, otlpProcessor, failures, options.Otlp, file, FlushBudgetMs(timeoutMs));
        }
        catch
        {
            file?.Dispose();
            failures?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// How long the final flush of one destination may take: when the run ends one export may be in flight and
    /// the queue's rest still to send, each bounded by the export timeout, plus time for the worker to stop.
    /// A collector that does not answer so costs at most this, not a hang; one that answers is never cut short.
    /// </summary>
    internal static int FlushBudgetMs(int exportTimeoutMs) => 2 * exportTimeoutMs + 2000;

    /// <summary>
    /// The provider every run's spans go through: the resource (service.name, service.version) and the
    /// sources, without destinations (Start adds them; tests add an in-memory exporter).
    /// </summary>
    public static TracerProviderBuilder CreateBuilder(TracingOptions options)
    {
        var builder = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService(options.ServiceName, serviceVersion: options.ServiceVersion ?? EntryVersion()));
        foreach (var source in options.Sources) builder.AddSource(source);
        return builder;
    }

    private static BatchActivityExportProcessor Batch(BaseExporter<Activity> exporter, int timeoutMs) =>
        new(exporter, MaxQueueSize, ScheduledDelayMs, timeoutMs, MaxExportBatchSize);

    private static OtlpTraceExporter CreateOtlpExporter(OtlpTarget target, int timeoutMs)
    {
        // The options' constructor also reads the other OTEL_EXPORTER_OTLP_* variables (headers, compression…);
        // endpoint and protocol are resolved by OtlpTargetResolver and set here verbatim (no path is appended).
        var options = new OtlpExporterOptions
        {
            Endpoint = target.Endpoint,
            Protocol = target.Protocol == OtlpProtocol.Grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf,
            TimeoutMilliseconds = timeoutMs,
        };
        return new OtlpTraceExporter(options);
    }

    private static string EntryVersion()
    {
        var assembly = Assembly.GetEntryAssembly() ?? typeof(TracingPipeline).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString() ?? "0.0.0";
        // Strip the SourceLink commit hash ("1.0.0+abc123…"): a version, not a build id.
        var plus = version.IndexOf('+');
        return plus < 0 ? version : version[..plus];
    }
}
