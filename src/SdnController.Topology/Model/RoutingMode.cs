namespace SdnController.Topology.Model;

/// <summary>When the controller installs paths: before traffic arrives, or on its first packet.</summary>
public enum RoutingMode
{
    /// <summary>Declared traffic and every path are installed ahead of time (the default).</summary>
    Proactive,
    /// <summary>Undeclared traffic is routed on its first packet (packet-in); declared traffic is still installed ahead of time.</summary>
    Reactive,
}
