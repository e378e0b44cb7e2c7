using System.Diagnostics;
using SdnController.Controller.Telemetry;
using SdnController.Scenarios.Reporting;

namespace SdnController.Scenarios.Interactive;

/// <summary>
/// Keeps the controller's and the data plane's spans in memory, by trace, so the shell can draw the last
/// reroute's trace. The listener sees every span of the process (other runs too); a session asks only for
/// the trace ids its own controller reported, and only the most recent traces are kept.
/// </summary>
internal sealed class SpanRecorder : IDisposable
{
    private const int MaxTraces = 256;
    private readonly ActivityListener _listener;
    private readonly Dictionary<ActivityTraceId, List<Activity>> _byTrace = new();
    private readonly Queue<ActivityTraceId> _order = new();
    private readonly Lock _gate = new();

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is ControllerTelemetry.SourceName or RestorationSpans.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Add,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    private void Add(Activity a)
    {
        lock (_gate)
        {
            if (!_byTrace.TryGetValue(a.TraceId, out var spans))
            {
                if (_order.Count >= MaxTraces) _byTrace.Remove(_order.Dequeue());
                _byTrace[a.TraceId] = spans = [];
                _order.Enqueue(a.TraceId);
            }
            spans.Add(a);
        }
    }

    /// <summary>The finished spans of one trace (empty when none were seen or they were evicted).</summary>
    public IReadOnlyList<Activity> Spans(ActivityTraceId trace)
    {
        lock (_gate) return _byTrace.TryGetValue(trace, out var spans) ? spans.ToArray() : [];
    }

    public void Dispose() => _listener.Dispose();
}
