using SdnController.Southbound.Matching;

namespace SdnController.Controller.Switches;

/// <summary>
/// Equality of <see cref="Match"/> as the record's, with a cheaper hash: the fields folded with multiplies
/// instead of the record's generated hash (a comparer call per nullable field). Used wherever matches are
/// keys on a hot path (the flow manager's match interning, switch rule tables by <see cref="RuleKey"/>).
/// </summary>
public sealed class MatchComparer : IEqualityComparer<Match>
{
    public static readonly MatchComparer Instance = new();

    public bool Equals(Match? a, Match? b) => ReferenceEquals(a, b) || (a is not null && a.Equals(b));

    public int GetHashCode(Match m) => Hash(0, m);

    /// <summary>The hash of the match folded onto <paramref name="seed"/> (a rule's priority, or 0).</summary>
    public static int Hash(ulong seed, Match? m)
    {
        var h = seed;
        if (m is null) return (int)Finish(h);
        h = h * 0x9E37_79B9_7F4A_7C15UL + Field(m.Ipv4Src is { } s ? ((ulong)s.Address << 8) | s.Length : 0, m.Ipv4Src.HasValue);
        h = h * 0x9E37_79B9_7F4A_7C15UL + Field(m.Ipv4Dst is { } d ? ((ulong)d.Address << 8) | d.Length : 0, m.Ipv4Dst.HasValue);
        h = h * 0x9E37_79B9_7F4A_7C15UL + Field(((ulong)m.L4Src.GetValueOrDefault() << 16) | m.L4Dst.GetValueOrDefault(), m.L4Src.HasValue || m.L4Dst.HasValue);
        h = h * 0x9E37_79B9_7F4A_7C15UL + Field(((ulong)m.EthType.GetValueOrDefault() << 8) | m.IpProto.GetValueOrDefault(), m.EthType.HasValue || m.IpProto.HasValue);
        h = h * 0x9E37_79B9_7F4A_7C15UL + Field(m.EthSrc.GetValueOrDefault().Value, m.EthSrc.HasValue);
        h = h * 0x9E37_79B9_7F4A_7C15UL + Field(m.EthDst.GetValueOrDefault().Value, m.EthDst.HasValue);
        h = h * 0x9E37_79B9_7F4A_7C15UL + Field((ulong)(uint)m.InPort.GetValueOrDefault(), m.InPort.HasValue);
        // Rare fields: their record hashes (equal values, equal hashes).
        if (m.Vlan.HasValue || m.Ipv6Src.HasValue || m.Ipv6Dst.HasValue)
            h = h * 0x9E37_79B9_7F4A_7C15UL + (ulong)(uint)HashCode.Combine(m.Vlan, m.Ipv6Src, m.Ipv6Dst);
        return (int)Finish(h);
    }

    // A set field contributes its value and a presence bit, so "absent" differs from "zero".
    private static ulong Field(ulong value, bool present) => present ? (value << 1) | 1 : 0;

    private static ulong Finish(ulong h)
    {
        h ^= h >> 33;
        h *= 0xFF51_AFD7_ED55_8CCDUL;
        h ^= h >> 33;
        return h;
    }
}
