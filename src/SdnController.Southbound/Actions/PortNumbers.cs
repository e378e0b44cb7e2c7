namespace SdnController.Southbound.Actions;

/// <summary>Reserved port numbers (physical ports are 1..2^31-1, as in the topology model).</summary>
public static class PortNumbers
{
    /// <summary>Output back on the port the packet came in on.</summary>
    public const int InPort = -8;
    /// <summary>Group bucket watches no port (always live).</summary>
    public const int Any = -1;
    /// <summary>Packet-out with no physical ingress port (injected by the controller).</summary>
    public const int Controller = -3;
}
