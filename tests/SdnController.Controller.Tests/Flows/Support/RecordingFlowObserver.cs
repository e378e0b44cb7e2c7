using SdnController.Controller.Observation;

namespace SdnController.Controller.Tests.Flows.Support;

/// <summary>Keeps every controller event; tests wait for the one they expect.</summary>
internal sealed class RecordingFlowObserver : IControllerObserver
{
    private readonly object _gate = new();
    private readonly List<ControllerEvent> _events = new();

    public void OnEvent(ControllerEvent e)
    {
        lock (_gate)
        {
            _events.Add(e);
            Monitor.PulseAll(_gate);
        }
    }

    public IReadOnlyList<ControllerEvent> Events { get { lock (_gate) return _events.ToArray(); } }

    /// <summary>The n-th (0-based) event of type T, waiting up to the timeout for it.</summary>
    public T WaitFor<T>(int nth = 0, TimeSpan? timeout = null) where T : ControllerEvent
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(5));
        lock (_gate)
            while (true)
            {
                var seen = 0;
                foreach (var e in _events)
                    if (e is T t && seen++ == nth) return t;
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || !Monitor.Wait(_gate, left))
                    Assert.Fail($"no {typeof(T).Name} #{nth} within the timeout; events: {string.Join("; ", _events)}");
            }
    }

    public int Count<T>() where T : ControllerEvent
    {
        lock (_gate) return _events.Count(e => e is T);
    }
}
