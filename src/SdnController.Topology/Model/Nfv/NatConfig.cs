namespace SdnController.Topology.Model.Nfv;

/// <summary>Source NAT (optional) and port forwards; at least one of the two.</summary>
public sealed record NatConfig(SourceNat? Snat, IReadOnlyList<DestinationNat> Dnat) : NfvConfig
{
    public override NfvKind Kind => NfvKind.Nat;
}

/// <summary>
/// Connections from <see cref="Inside"/> leave with source <see cref="Address"/> and a port from
/// <see cref="Ports"/>; a mapping idle for <see cref="Timeout"/> is freed.
/// </summary>
public sealed record SourceNat(Ipv4Cidr Inside, uint Address, PortRange Ports, TimeSpan Timeout)
{
    public static readonly PortRange DefaultPorts = new(1024, 65535);
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);
}

/// <summary>A port forward: packets to <see cref="Address"/>:<see cref="Port"/> go to <see cref="ToAddress"/>:<see cref="ToPort"/>.</summary>
public sealed record DestinationNat(TransportProtocol Protocol, uint Address, int Port, uint ToAddress, int ToPort);
