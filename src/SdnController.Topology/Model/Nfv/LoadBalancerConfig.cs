namespace SdnController.Topology.Model.Nfv;

/// <summary>Connections to <see cref="VipAddress"/>:<see cref="VipPort"/> spread over <see cref="Backends"/> by consistent hashing.</summary>
public sealed record LoadBalancerConfig(uint VipAddress, int VipPort, TransportProtocol Protocol, IReadOnlyList<LoadBalancerBackend> Backends) : NfvConfig
{
    public override NfvKind Kind => NfvKind.LoadBalancer;

    /// <summary>
    /// Backends (by <see cref="LoadBalancerBackend.Name"/>) the controller marked down. Null (the topology's own
    /// rules): the instance keeps the health it had. Set: it is the whole health picture — these down, the rest up —
    /// so a restarted instance comes back with the controller's health, not all backends up.
    /// </summary>
    public IReadOnlyList<string>? DownBackends { get; init; }
}

/// <summary>A backend: a host of the topology (its IPv4 address, the VIP's port) or an address:port.</summary>
public sealed record LoadBalancerBackend(string? HostId, uint Address, int Port)
{
    /// <summary>The name health reports and messages use: the host id, else address:port.</summary>
    public string Name => HostId ?? $"{Ipv4Cidr.FormatAddress(Address)}:{Port}";
}
