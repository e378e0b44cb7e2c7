using System.Diagnostics;
using System.Globalization;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace SdnController.Telemetry.Tracing;

/// <summary>
/// A running tracing pipeline. Disposing it flushes every destination and waits for the flush to finish
/// (bounded, so an unreachable collector delays the exit by at most the flush budget) and collects what went
/// wrong in <see cref="Warnings"/> for the caller to print: spans a user expects and does not get must be said.
/// </summary>
public sealed class TracingSession : IDisposable
{
    private readonly TracerProvider? _provider;
    private readonly BaseProcessor<Activity>? _fileProcessor;
    private readonly BaseProcessor<Activity>? _otlpProcessor;
    private readonly OtlpExportFailureListener? _otlpFailures;
    private readonly OtlpTarget? _otlp;
    private readonly TraceFiles.OtlpJsonFileExporter? _file;
    private readonly int _flushBudgetMs;
    private readonly List<string> _warnings = [];
    private bool _disposed;

    /// <param name="fileProcessor">The trace file's processor (also added to <paramref name="provider"/>), or null.</param>
    /// <param name="otlpProcessor">The OTLP exporter's processor (also added to <paramref name="provider"/>), or null.</param>
    /// <param name="flushBudgetMs">How long each destination's final flush may take (see <see cref="TracingPipeline.FlushBudgetMs"/>).</param>
    internal TracingSession(TracerProvider? provider, BaseProcessor<Activity>? fileProcessor, BaseProcessor<Activity>? otlpProcessor,
        OtlpExportFailureListener? otlpFailures, OtlpTarget? otlp, TraceFiles.OtlpJsonFileExporter? file, int flushBudgetMs)
    {
        _provider = provider;
        _fileProcessor = fileProcessor;
        _otlpProcessor = otlpProcessor;
        _otlpFailures = otlpFailures;
        _otlp = otlp;
        _file = file;
        _flushBudgetMs = flushBudgetMs;
    }

    /// <summary>Problems found while exporting (collector unreachable or too slow, trace file write failed); filled by Dispose.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_provider is null) return;
        // Each destination is shut down on its own, with its own budget, so we learn which one did not finish:
        // the provider's Shutdown shares one budget among them and its answer says neither which nor why, and a
        // flush cut short loses the spans still queued without any event the failure listener could hear.
        var fileFlushed = _fileProcessor?.Shutdown(_flushBudgetMs) ?? true;
        var otlpFlushed = _otlpProcessor?.Shutdown(_flushBudgetMs) ?? true;
        _provider.Shutdown(_flushBudgetMs); // what is left: the processors are already shut down
        _provider.Dispose();
        if (_otlpFailures is not null && _otlp is not null)
        {
            var where = $"{_otlp.Endpoint} ({OtlpProtocolNames.Name(_otlp.Protocol)}, from {_otlp.Origin})";
            if (_otlpFailures.FailureCount > 0)
                _warnings.Add($"spans could not be exported to {where}: {_otlpFailures.FirstFailure}");
            if (!otlpFlushed)
                _warnings.Add($"spans could not be exported to {where}: the final export did not finish within {Seconds(_flushBudgetMs)} s, "
                    + $"the spans still queued are lost (allow longer with {OtlpTimeoutResolver.TracesTimeoutVariable} or {OtlpTimeoutResolver.TimeoutVariable}, in milliseconds; the first wins)");
        }
        _otlpFailures?.Dispose();
        if (_file?.WriteError is { } error) _warnings.Add(error);
        else if (!fileFlushed && _file is not null)
            _warnings.Add($"the trace file '{_file.FilePath}' is incomplete: writing it did not finish within {Seconds(_flushBudgetMs)} s");
    }

    private static string Seconds(int ms) => (ms / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);
}
