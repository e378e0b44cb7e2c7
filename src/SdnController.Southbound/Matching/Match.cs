namespace SdnController.Southbound.Matching;

/// <summary>
/// The header fields a rule matches on; a null field is a wildcard. Field set mirrors OpenFlow 1.3's
/// OXM basics so an OpenFlow driver can translate one-to-one.
/// </summary>
public sealed record Match
{
    public static readonly Match Any = new();

    public int? InPort { get; init; }
    public MacAddress? EthSrc { get; init; }
    public MacAddress? EthDst { get; init; }
    public ushort? EthType { get; init; }
    /// <summary>VLAN id (0..4095) of the outermost tag; <see cref="VlanMatch.NoTag"/> matches untagged frames only.</summary>
    public VlanMatch? Vlan { get; init; }
    public Ipv4Prefix? Ipv4Src { get; init; }
    public Ipv4Prefix? Ipv4Dst { get; init; }
    public Ipv6Prefix? Ipv6Src { get; init; }
    public Ipv6Prefix? Ipv6Dst { get; init; }
    public byte? IpProto { get; init; }
    /// <summary>TCP/UDP source port.</summary>
    public ushort? L4Src { get; init; }
    public ushort? L4Dst { get; init; }

    public override string ToString()
    {
        var parts = new List<string>(8);
        if (InPort is { } p) parts.Add($"in_port={p}");
        if (EthSrc is { } es) parts.Add($"eth_src={es}");
        if (EthDst is { } ed) parts.Add($"eth_dst={ed}");
        if (EthType is { } et) parts.Add($"eth_type=0x{et:x4}");
        if (Vlan is { } v) parts.Add($"vlan={v}");
        if (Ipv4Src is { } s4) parts.Add($"ipv4_src={s4}");
        if (Ipv4Dst is { } d4) parts.Add($"ipv4_dst={d4}");
        if (Ipv6Src is { } s6) parts.Add($"ipv6_src={s6}");
        if (Ipv6Dst is { } d6) parts.Add($"ipv6_dst={d6}");
        if (IpProto is { } ip) parts.Add($"ip_proto={ip}");
        if (L4Src is { } ls) parts.Add($"l4_src={ls}");
        if (L4Dst is { } ld) parts.Add($"l4_dst={ld}");
        return parts.Count == 0 ? "any" : string.Join(',', parts);
    }
}
