using SdnController.Controller.Observation;

namespace SdnController.Scenarios.Playback;

/// <summary>Keeps every controller event in order and lets the run react to some (on the loop thread).</summary>
internal sealed class RecordingObserver : IControllerObserver
{
    private readonly List<ControllerEvent> _events = new();
    public IReadOnlyList<ControllerEvent> Events => _events;
    public Action<ControllerEvent>? OnEventHook { get; set; }

    public void OnEvent(ControllerEvent e)
    {
        _events.Add(e);
        OnEventHook?.Invoke(e);
    }
}
