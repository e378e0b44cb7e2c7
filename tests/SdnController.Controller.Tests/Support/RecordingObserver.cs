using SdnController.Controller.Observation;

namespace SdnController.Controller.Tests.Support;

public sealed class RecordingObserver : IControllerObserver
{
    public List<ControllerEvent> Events { get; } = new();
    public IEnumerable<T> Of<T>() where T : ControllerEvent => Events.OfType<T>();
    public void OnEvent(ControllerEvent e) => Events.Add(e);
}
