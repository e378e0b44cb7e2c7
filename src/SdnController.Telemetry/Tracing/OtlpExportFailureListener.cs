using System.Diagnostics.Tracing;
using System.Globalization;

namespace SdnController.Telemetry.Tracing;

/// <summary>
/// The OTLP exporter never throws: a failed export is only an event on its EventSource. This listener keeps
/// the first such error (and a count) so the CLI can say on stderr that spans did not reach the collector.
/// </summary>
internal sealed class OtlpExportFailureListener : EventListener
{
    private const string ExporterEventSource = "OpenTelemetry-Exporter-OpenTelemetryProtocol";
    private readonly Lock _gate = new();
    private string? _first;
    private int _count;

    public int FailureCount { get { lock (_gate) return _count; } }
    public string? FirstFailure { get { lock (_gate) return _first; } }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == ExporterEventSource) EnableEvents(source, EventLevel.Warning);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!IsExportFailure(e)) return;
        var text = e.Message is { } format && e.Payload is { } payload
            ? Format(format, payload)
            : e.EventName ?? "export failed";
        lock (_gate)
        {
            _count++;
            _first ??= FirstLine(text);
        }
    }

    // Errors always; warnings only when they name a failure: a gRPC connection refused is only a
    // "TransientHttpError" warning (the exporter would retry), and an export that ran out of time is only a
    // "RequestTimedOut" (or "OperationUnexpectedlyCanceled") warning, yet the spans are lost all the same.
    // Missing the timeout made a slow collector (or a loaded machine) lose spans without a word.
    private static bool IsExportFailure(EventWrittenEventArgs e) =>
        e.Level is EventLevel.Critical or EventLevel.Error
        || e.Level == EventLevel.Warning && e.EventName is { } name && FailureWords.Any(w => name.Contains(w, StringComparison.Ordinal));

    private static readonly string[] FailureWords = ["Error", "Fail", "Exception", "TimedOut", "Canceled"];

    private static string Format(string format, IReadOnlyList<object?> payload)
    {
        var args = new object?[payload.Count];
        for (var i = 0; i < args.Length; i++) args[i] = payload[i];
        try
        {
            return string.Format(CultureInfo.InvariantCulture, format, args);
        }
        catch (FormatException)
        {
            return format;
        }
    }

    // The payload carries the exception's full text; users get its first line, never a stack trace.
    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        var line = end < 0 ? text : text[..end];
        return line.Length > 300 ? line[..300] + "…" : line;
    }
}
