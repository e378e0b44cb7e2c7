namespace SdnController.Telemetry.Tracing;

/// <summary>What a run's tracing pipeline listens to and where the spans go; null targets are simply off.</summary>
public sealed record TracingOptions
{
    /// <summary>OpenTelemetry's service.name of every exported span.</summary>
    public string ServiceName { get; init; } = TelemetryNames.ServiceName;

    /// <summary>service.version; null takes the entry assembly's informational version.</summary>
    public string? ServiceVersion { get; init; }

    /// <summary>The ActivitySource names whose spans are recorded (the CLI passes the controller's and the data plane's).</summary>
    public required IReadOnlyList<string> Sources { get; init; }

    /// <summary>Send spans over OTLP here (see <see cref="OtlpTargetResolver"/>).</summary>
    public OtlpTarget? Otlp { get; init; }

    /// <summary>Write spans to this file as OTLP JSON lines (see <see cref="TraceFiles.OtlpJsonFileExporter"/>).</summary>
    public string? TraceFile { get; init; }

    /// <summary>
    /// How long one export may take before it is abandoned (an unreachable collector must not hold up the run's
    /// end); the final flush gets twice this (see <see cref="TracingSession"/>). The CLI takes it from
    /// OTEL_EXPORTER_OTLP_[TRACES_]TIMEOUT (see <see cref="OtlpTimeoutResolver"/>).
    /// </summary>
    public TimeSpan ExportTimeout { get; init; } = OtlpTimeoutResolver.Default;

    public bool Enabled => Otlp is not null || TraceFile is not null;
}
