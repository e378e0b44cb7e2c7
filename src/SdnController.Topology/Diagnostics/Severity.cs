namespace SdnController.Topology.Diagnostics;

public enum Severity
{
    Error,
    Warning,
    Note,
}
