namespace SdnController.Controller.Observation;

public interface IControllerObserver
{
    void OnEvent(ControllerEvent e);
}
