using SdnController.Topology.Diagnostics;

namespace SdnController.Topology.Model.Nfv;

public enum FirewallAction
{
    Deny,
    Allow,
}

/// <summary>One 5-tuple rule; an omitted field matches anything. Ports only match TCP and UDP packets.</summary>
public sealed record FirewallRule(FirewallAction Action)
{
    public TransportProtocol Protocol { get; init; } = TransportProtocol.Any;
    public Ipv4Cidr Source { get; init; } = Ipv4Cidr.Any;
    public Ipv4Cidr Destination { get; init; } = Ipv4Cidr.Any;
    public PortRange SourcePorts { get; init; } = PortRange.Any;
    public PortRange DestinationPorts { get; init; } = PortRange.Any;
    /// <summary>Where the rule is in the file, for messages.</summary>
    public SourceLocation? Location { get; init; }
}
