using SdnController.Southbound.Matching;
using SdnController.Topology.Model.Nfv;

namespace SdnController.Controller.Flows;

/// <summary>
/// The headers a chained flow's packets carry on each segment: what a function leaves of the headers it received.
/// Firewall, IDS and rate limiter keep them; a load balancer rewrites the VIP to a backend; a NAT rewrites a port
/// forward's destination, or an inside source to its public address. The chain's rules on a segment match that
/// segment's headers (and its tag), so a rule after a rewriting function matches the rewritten packet.
/// </summary>
/// <remarks>
/// Only what the controller knows is matched: a source-NAT port comes from the NAT's pool when the connection opens,
/// so the source port after a source NAT (and the destination port of its replies) is a wildcard. The segment's tag
/// still says where in the chain the packet is; the other fields (public address, destination address, protocol,
/// destination port) keep flows apart.
/// The reverse direction carries the mirror headers on every segment (<see cref="Swap"/>): a reply to a backend's or
/// a NAT mapping's address is what the function translates back.
/// </remarks>
internal static class ChainHeaders
{
    /// <summary>
    /// Forward headers after <paramref name="config"/>'s function for a packet with <paramref name="m"/>, on the way to
    /// the host with address <paramref name="receiver"/>; null when that host cannot be reached this way (a load balancer
    /// sends the VIP's traffic to its backends only).
    /// </summary>
    public static Match? After(NfvConfig config, Match m, uint receiver)
    {
        if (m.Ipv4Dst is not { Length: 32 } dst || m.Ipv4Src is not { Length: 32 } src) return m;
        switch (config)
        {
            case LoadBalancerConfig lb when dst.Address == lb.VipAddress:
                if (!lb.Protocol.Matches(m.IpProto ?? 0) || m.L4Dst != lb.VipPort) return m;
                foreach (var b in lb.Backends)
                    if (b.Address == receiver)
                        return m with { Ipv4Dst = Ipv4Prefix.Host(b.Address), L4Dst = (ushort)b.Port };
                return null;
            case NatConfig nat:
                foreach (var d in nat.Dnat)
                    if ((int)d.Protocol == (m.IpProto ?? 0) && d.Address == dst.Address && d.Port == m.L4Dst)
                        return m with { Ipv4Dst = Ipv4Prefix.Host(d.ToAddress), L4Dst = (ushort)d.ToPort };
                if (nat.Snat is { } s && s.Inside.Contains(src.Address) && !s.Inside.Contains(dst.Address))
                    return m with { Ipv4Src = Ipv4Prefix.Host(s.Address), L4Src = null };
                return m;
            default:
                return m;
        }
    }

    /// <summary>The headers of the other direction: sources and destinations swapped.</summary>
    public static Match Swap(Match m) => m with
    {
        EthSrc = m.EthDst,
        EthDst = m.EthSrc,
        Ipv4Src = m.Ipv4Dst,
        Ipv4Dst = m.Ipv4Src,
        Ipv6Src = m.Ipv6Dst,
        Ipv6Dst = m.Ipv6Src,
        L4Src = m.L4Dst,
        L4Dst = m.L4Src,
    };

    /// <summary>Does the function change the packet's destination (so the egress must set the host's Ethernet address)?</summary>
    public static bool DestinationChanged(Match first, Match last) => first.Ipv4Dst != last.Ipv4Dst;
}
