namespace SdnController.Controller.Supervision;

/// <summary>Thrown on purpose by an actor told to crash (fault injection), so supervision restarts it.</summary>
public sealed class InjectedFaultException(string message) : Exception(message);
