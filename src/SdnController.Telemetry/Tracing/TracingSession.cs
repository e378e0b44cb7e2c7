using OpenTelemetry.Trace;

namespace SdnController.Telemetry.Tracing;

/// <summary>
/// A running tracing pipeline. Disposing it flushes every exporter (bounded by the export timeout, so an
/// unreachable collector delays the exit by at most that much) and collects what went wrong in
/// <see cref="Warnings"/> for the caller to print.
/// </summary>
public sealed class TracingSession : IDisposable
{
    private readonly TracerProvider? _provider;
    private readonly OtlpExportFailureListener? _otlpFailures;
    private readonly OtlpTarget? _otlp;
    private readonly TraceFiles.OtlpJsonFileExporter? _file;
    private readonly int _shutdownMs;
    private readonly List<string> _warnings = [];
    private bool _disposed;

    internal TracingSession(TracerProvider? provider, OtlpExportFailureListener? otlpFailures, OtlpTarget? otlp, TraceFiles.OtlpJsonFileExporter? file, int shutdownMs)
    {
        _provider = provider;
        _otlpFailures = otlpFailures;
        _otlp = otlp;
        _file = file;
        _shutdownMs = shutdownMs;
    }

    /// <summary>Problems found while exporting (collector unreachable, trace file write failed); filled by Dispose.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_provider is null) return;
        _provider.Shutdown(_shutdownMs);
        _provider.Dispose();
        if (_otlpFailures is not null)
        {
            if (_otlpFailures.FailureCount > 0 && _otlp is not null)
                _warnings.Add($"spans could not be exported to {_otlp.Endpoint} ({OtlpProtocolNames.Name(_otlp.Protocol)}, from {_otlp.Origin}): {_otlpFailures.FirstFailure}");
            _otlpFailures.Dispose();
        }
        if (_file?.WriteError is { } error) _warnings.Add(error);
    }
}
