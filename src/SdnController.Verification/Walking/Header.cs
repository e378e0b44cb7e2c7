using System.Net;

namespace SdnController.Verification.Walking;

/// <summary>
/// The header fields a rule can match or an action rewrite. A value type so a (switch, in_port, header) state
/// can be remembered for loop detection. <see cref="Vlan"/>/<see cref="InnerVlan"/> are -1 when absent;
/// <see cref="L4Src"/>/<see cref="L4Dst"/> are -1 for packets without ports (ICMP).
/// </summary>
public readonly record struct Header(
    ulong EthSrc, ulong EthDst, int EthType, int Vlan, int InnerVlan,
    uint Ipv4Src, uint Ipv4Dst, UInt128 Ipv6Src, UInt128 Ipv6Dst, int IpProto, int L4Src, int L4Dst, int Dscp)
{
    public const int Ipv4Type = 0x0800;
    public const int Ipv6Type = 0x86DD;

    public bool IsIpv4 => EthType == Ipv4Type;
    public bool IsIpv6 => EthType == Ipv6Type;

    public static Header Ipv4(ulong ethSrc, ulong ethDst, uint src, uint dst, int proto, int l4Src, int l4Dst) =>
        new(ethSrc, ethDst, Ipv4Type, -1, -1, src, dst, 0, 0, proto, l4Src, l4Dst, 0);

    public string Describe()
    {
        var proto = IpProto switch { 1 => "icmp", 6 => "tcp", 17 => "udp", _ => IpProto.ToString() };
        var ports = L4Src >= 0 ? $" {L4Src}->{L4Dst}" : "";
        var vlan = Vlan >= 0 ? $" vlan {Vlan}" + (InnerVlan >= 0 ? $"/{InnerVlan}" : "") : "";
        return $"{FormatIpv4(Ipv4Src)}->{FormatIpv4(Ipv4Dst)} {proto}{ports}{vlan}";
    }

    public static string FormatIpv4(uint a) => $"{a >> 24}.{(a >> 16) & 255}.{(a >> 8) & 255}.{a & 255}";

    public static uint ToUInt32(IPAddress a)
    {
        var b = a.GetAddressBytes();
        return (uint)(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]);
    }

    public static UInt128 ToUInt128(IPAddress a)
    {
        var b = a.GetAddressBytes();
        UInt128 v = 0;
        foreach (var x in b) v = (v << 8) | x;
        return v;
    }
}
