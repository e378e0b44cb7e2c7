namespace SdnController.Southbound.Matching;

/// <summary>
/// The header fields a rule matches on; a null field is a wildcard. Field set mirrors OpenFlow 1.3's
/// OXM basics so an OpenFlow driver can translate one-to-one.
/// </summary>
/// <remarks>
/// Every installed flow keeps its matches for as long as it lives (a reactive run holds hundreds of thousands),
/// so the fields are stored packed: raw values and one presence bit each instead of a nullable struct per field
/// (whose padding made a match 208 bytes), and the two IPv6 prefixes — 48 bytes as nullables, set on IPv6
/// matches only — in one out-of-line object that is null otherwise. A match is 72 bytes. A field that is absent
/// stores zero, so the record's generated equality and hash over the stored fields are value equality.
/// </remarks>
public sealed record Match
{
    public static readonly Match Any = new();

    // Presence bits of the packed fields.
    private const ushort HasInPort = 1, HasEthSrc = 1 << 1, HasEthDst = 1 << 2, HasEthType = 1 << 3, HasVlan = 1 << 4,
        VlanUntagged = 1 << 5, HasIpv4Src = 1 << 6, HasIpv4Dst = 1 << 7, HasIpProto = 1 << 8, HasL4Src = 1 << 9, HasL4Dst = 1 << 10;

    private ulong _ethSrc;
    private ulong _ethDst;
    private Ipv6Prefixes? _ipv6;
    private int _inPort;
    private uint _ipv4Src;
    private uint _ipv4Dst;
    private ushort _has;
    private ushort _ethType;
    private ushort _vlanId;
    private ushort _l4Src;
    private ushort _l4Dst;
    private byte _ipProto;
    private byte _ipv4SrcLength;
    private byte _ipv4DstLength;

    public int? InPort
    {
        get => Has(HasInPort) ? _inPort : null;
        init => _inPort = Set(HasInPort, value.HasValue) ? value.GetValueOrDefault() : 0;
    }

    public MacAddress? EthSrc
    {
        get => Has(HasEthSrc) ? new MacAddress(_ethSrc) : null;
        init => _ethSrc = Set(HasEthSrc, value.HasValue) ? value.GetValueOrDefault().Value : 0;
    }

    public MacAddress? EthDst
    {
        get => Has(HasEthDst) ? new MacAddress(_ethDst) : null;
        init => _ethDst = Set(HasEthDst, value.HasValue) ? value.GetValueOrDefault().Value : 0;
    }

    public ushort? EthType
    {
        get => Has(HasEthType) ? _ethType : null;
        init => _ethType = Set(HasEthType, value.HasValue) ? value.GetValueOrDefault() : (ushort)0;
    }

    /// <summary>VLAN id (0..4095) of the outermost tag; <see cref="VlanMatch.NoTag"/> matches untagged frames only.</summary>
    public VlanMatch? Vlan
    {
        get => Has(HasVlan) ? new VlanMatch(_vlanId, Has(VlanUntagged)) : null;
        init
        {
            var v = value.GetValueOrDefault();
            _vlanId = Set(HasVlan, value.HasValue) ? v.VlanId : (ushort)0;
            Set(VlanUntagged, value.HasValue && v.Untagged);
        }
    }

    public Ipv4Prefix? Ipv4Src
    {
        get => Has(HasIpv4Src) ? new Ipv4Prefix(_ipv4Src, _ipv4SrcLength, true) : null;
        init
        {
            var p = value.GetValueOrDefault();
            _ipv4Src = Set(HasIpv4Src, value.HasValue) ? p.Address : 0;
            _ipv4SrcLength = p.Length;
        }
    }

    public Ipv4Prefix? Ipv4Dst
    {
        get => Has(HasIpv4Dst) ? new Ipv4Prefix(_ipv4Dst, _ipv4DstLength, true) : null;
        init
        {
            var p = value.GetValueOrDefault();
            _ipv4Dst = Set(HasIpv4Dst, value.HasValue) ? p.Address : 0;
            _ipv4DstLength = p.Length;
        }
    }

    public Ipv6Prefix? Ipv6Src
    {
        get => _ipv6?.Source;
        init => _ipv6 = Ipv6Prefixes.Of(value, _ipv6?.Destination);
    }

    public Ipv6Prefix? Ipv6Dst
    {
        get => _ipv6?.Destination;
        init => _ipv6 = Ipv6Prefixes.Of(_ipv6?.Source, value);
    }

    public byte? IpProto
    {
        get => Has(HasIpProto) ? _ipProto : null;
        init => _ipProto = Set(HasIpProto, value.HasValue) ? value.GetValueOrDefault() : (byte)0;
    }

    /// <summary>TCP/UDP source port.</summary>
    public ushort? L4Src
    {
        get => Has(HasL4Src) ? _l4Src : null;
        init => _l4Src = Set(HasL4Src, value.HasValue) ? value.GetValueOrDefault() : (ushort)0;
    }

    public ushort? L4Dst
    {
        get => Has(HasL4Dst) ? _l4Dst : null;
        init => _l4Dst = Set(HasL4Dst, value.HasValue) ? value.GetValueOrDefault() : (ushort)0;
    }

    private bool Has(ushort bit) => (_has & bit) != 0;

    /// <summary>Sets or clears a presence bit; returns whether it is set (so the caller stores the value or zero).</summary>
    private bool Set(ushort bit, bool present)
    {
        _has = present ? (ushort)(_has | bit) : (ushort)(_has & ~bit);
        return present;
    }

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

    /// <summary>The IPv6 fields, out of line: a record, so the match's generated equality compares them by value.</summary>
    private sealed record Ipv6Prefixes(Ipv6Prefix? Source, Ipv6Prefix? Destination)
    {
        public static Ipv6Prefixes? Of(Ipv6Prefix? source, Ipv6Prefix? destination) =>
            source.HasValue || destination.HasValue ? new Ipv6Prefixes(source, destination) : null;
    }
}
