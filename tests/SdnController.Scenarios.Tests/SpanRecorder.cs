using System.Diagnostics;

namespace SdnController.Scenarios.Tests;

/// <summary>Records every span of the named activity sources that stops while it is alive (all threads: filter by trace).</summary>
internal sealed class SpanRecorder : IDisposable
{
    private readonly List<Activity> _spans = new();
    private readonly ActivityListener _listener;

    public SpanRecorder(params string[] sources)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => sources.Contains(s.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (_spans) _spans.Add(a); },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public List<Activity> Snapshot()
    {
        lock (_spans) return _spans.ToList();
    }

    public void Dispose() => _listener.Dispose();
}
