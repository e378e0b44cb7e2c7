using System.Diagnostics;
using SdnController.Controller.Telemetry;

namespace SdnController.Controller.Tests.Support;

/// <summary>Listens to the controller's ActivitySource and keeps every span that started and every one that ended.</summary>
public sealed class SpanCollector : IDisposable
{
    private readonly ActivityListener _listener;

    public SpanCollector()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == ControllerTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = a => { lock (Started) Started.Add(a); },
            ActivityStopped = a => { lock (Stopped) Stopped.Add(a); },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public List<Activity> Started { get; } = new();
    public List<Activity> Stopped { get; } = new();

    public IEnumerable<Activity> Named(string name) => Started.Where(a => a.OperationName == name);

    public void Dispose() => _listener.Dispose();
}
