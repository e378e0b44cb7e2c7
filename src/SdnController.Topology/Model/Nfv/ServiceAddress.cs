using System.Net.Sockets;

namespace SdnController.Topology.Model.Nfv;

/// <summary>
/// An address a function answers for instead of a host: a load balancer's VIP, or a NAT's public address and
/// port of one port forward. Traffic may be addressed to it (<c>to: lb1</c>); the function rewrites the destination
/// to one of <see cref="Receivers"/> (host ids: the load balancer's backends that are hosts, the forward's inside host).
/// </summary>
public sealed record ServiceAddress(string FunctionId, uint Address, int Port, TransportProtocol Protocol, IReadOnlyList<string> Receivers)
{
    /// <summary>Can a flow be addressed to this instance (a load balancer, or a NAT with port forwards)?</summary>
    public static bool IsAddressable(NfvInstance f) => f.Config switch
    {
        LoadBalancerConfig => true,
        NatConfig nat => nat.Dnat.Count > 0,
        _ => false,
    };

    /// <summary>
    /// The service of instance <paramref name="f"/> that a flow to port <paramref name="port"/> (null: the
    /// function's own port: the VIP's, or the only port forward's) reaches, or null with the reason.
    /// </summary>
    public static ServiceAddress? Resolve(Topology topology, NfvInstance f, int? port, out string? error)
    {
        error = null;
        switch (f.Config)
        {
            case LoadBalancerConfig lb:
            {
                if (port is { } p && p != lb.VipPort)
                {
                    error = $"load balancer '{f.Id}' listens on port {lb.VipPort} only (vip {Ipv4Cidr.FormatAddress(lb.VipAddress)}:{lb.VipPort}), not {p}";
                    return null;
                }
                var receivers = new List<string>(lb.Backends.Count);
                foreach (var b in lb.Backends)
                    if (HostOf(topology, b.HostId, b.Address) is { } h && !receivers.Contains(h)) receivers.Add(h);
                if (receivers.Count == 0)
                {
                    error = $"no backend of load balancer '{f.Id}' is a host of the topology; traffic to it could not be received";
                    return null;
                }
                return new ServiceAddress(f.Id, lb.VipAddress, lb.VipPort, lb.Protocol, receivers);
            }
            case NatConfig { Dnat.Count: > 0 } nat:
            {
                DestinationNat? forward = null;
                foreach (var d in nat.Dnat)
                    if (port is null || d.Port == port) { forward = d; break; }
                if (forward is null || (port is null && nat.Dnat.Count > 1))
                {
                    var ports = string.Join(", ", nat.Dnat.Select(d => d.Port));
                    error = port is null
                        ? $"NAT '{f.Id}' forwards several ports ({ports}); state the flow's 'port'"
                        : $"NAT '{f.Id}' forwards no port {port} (it forwards {ports})";
                    return null;
                }
                if (HostOf(topology, null, forward.ToAddress) is not { } host)
                {
                    error = $"the port forward {forward.Port} of NAT '{f.Id}' leads to {Ipv4Cidr.FormatAddress(forward.ToAddress)}, which is no host of the topology";
                    return null;
                }
                return new ServiceAddress(f.Id, forward.Address, forward.Port, forward.Protocol, [host]);
            }
            default:
                error = $"'{f.Id}' is a {NfvKinds.Name(f.Kind)} function; flows can be addressed to a load balancer (its vip) or a NAT's port forward";
                return null;
        }
    }

    /// <summary>As <see cref="Resolve(Topology, NfvInstance, int?, out string?)"/> by instance id; null when it is none or not addressable.</summary>
    public static ServiceAddress? Find(Topology topology, string id, int? port) =>
        topology.FindNfv(id) is { } f ? Resolve(topology, f, port, out _) : null;

    private static string? HostOf(Topology topology, string? hostId, uint address)
    {
        if (hostId is not null && topology.FindHost(hostId) is not null) return hostId;
        foreach (var h in topology.Hosts)
            if (h.IPv4 is { } ip && ip.Address.AddressFamily == AddressFamily.InterNetwork && ToUInt32(ip.Address) == address) return h.Id;
        return null;
    }

    private static uint ToUInt32(System.Net.IPAddress a)
    {
        var b = a.GetAddressBytes();
        return (uint)(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]);
    }
}
