using SdnController.Verification.Walking;

namespace SdnController.Verification.Dump;

/// <summary>
/// A rule's match as the dump states it; a null field is a wildcard. Semantics follow OpenFlow: <c>eth_type</c>
/// is the type after any VLAN tags, <c>vlan</c> is the outer tag (<see cref="UntaggedOnly"/> for "none"), IP and
/// L4 fields only match packets that have them.
/// </summary>
public sealed record RuleMatch
{
    public const int UntaggedOnly = -1;

    public int? InPort { get; init; }
    public ulong? EthSrc { get; init; }
    public ulong? EthDst { get; init; }
    public int? EthType { get; init; }
    public int? Vlan { get; init; }
    public (uint Address, int Length)? Ipv4Src { get; init; }
    public (uint Address, int Length)? Ipv4Dst { get; init; }
    public (UInt128 Address, int Length)? Ipv6Src { get; init; }
    public (UInt128 Address, int Length)? Ipv6Dst { get; init; }
    public int? IpProto { get; init; }
    public int? L4Src { get; init; }
    public int? L4Dst { get; init; }

    public bool Matches(in Header h, int inPort) => InPort is not { } p || p == inPort ? MatchesHeader(h) : false;

    /// <summary>The match without <c>in_port</c>.</summary>
    public bool MatchesHeader(in Header h, bool ignoreVlan = false)
    {
        if (EthSrc is { } es && es != h.EthSrc) return false;
        if (EthDst is { } ed && ed != h.EthDst) return false;
        if (EthType is { } et && et != h.EthType) return false;
        if (!ignoreVlan && Vlan is { } v && (v == UntaggedOnly ? h.Vlan >= 0 : v != h.Vlan)) return false;
        if (Ipv4Src is { } s4 && !(h.IsIpv4 && InPrefix(h.Ipv4Src, s4))) return false;
        if (Ipv4Dst is { } d4 && !(h.IsIpv4 && InPrefix(h.Ipv4Dst, d4))) return false;
        if (Ipv6Src is { } s6 && !(h.IsIpv6 && InPrefix(h.Ipv6Src, s6))) return false;
        if (Ipv6Dst is { } d6 && !(h.IsIpv6 && InPrefix(h.Ipv6Dst, d6))) return false;
        var isIp = h.IsIpv4 || h.IsIpv6;
        if (IpProto is { } pr && !(isIp && pr == h.IpProto)) return false;
        if (L4Src is { } ls && !(isIp && h.L4Src >= 0 && ls == h.L4Src)) return false;
        if (L4Dst is { } ld && !(isIp && h.L4Dst >= 0 && ld == h.L4Dst)) return false;
        return true;
    }

    private static bool InPrefix(uint a, (uint Address, int Length) p) =>
        p.Length == 0 || (a >> (32 - p.Length)) == (p.Address >> (32 - p.Length));

    private static bool InPrefix(UInt128 a, (UInt128 Address, int Length) p) =>
        p.Length == 0 || (a >> (128 - p.Length)) == (p.Address >> (128 - p.Length));
}
