using System.Runtime.CompilerServices;
using SdnController.Southbound.Matching;
using SdnController.VirtualNetwork.Headers;

namespace SdnController.VirtualNetwork.Switching;

/// <summary>
/// Every matchable header field packed into a few machine words. A packet yields one key; a rule yields a mask
/// (which bits it cares about) and a key (their values). A packet matches when (packetKey AND mask) == ruleKey,
/// so one mask signature turns matching into a dictionary lookup — the tuple-space search of Open vSwitch.
/// Fields a packet may lack (IPv4, IPv6, IP protocol, L4 ports) carry a presence bit, so a rule on such a field
/// never matches a packet without it.
/// </summary>
internal readonly struct FlowKey : IEquatable<FlowKey>
{
    // Layout of Misc: eth_type (bits 0-15) | vlan (16-32: vid, or bit 32 = untagged) | ip_proto (33-40) | presence (41-44)
    private const int VlanShift = 16;
    private const ulong UntaggedVlan = 0x1_0000;
    private const ulong VlanFieldMask = 0x1_FFFF;
    private const int ProtoShift = 33;
    private const ulong PresentIpv4 = 1UL << 41;
    private const ulong PresentIpv6 = 1UL << 42;
    private const ulong PresentIpProto = 1UL << 43;
    private const ulong PresentL4 = 1UL << 44;

    public readonly ulong EthSrc;
    public readonly ulong EthDst;
    /// <summary>ipv4_src (high 32 bits) | ipv4_dst (low 32).</summary>
    public readonly ulong Ipv4;
    public readonly ulong Misc;
    /// <summary>in_port (high 32 bits) | l4_src (bits 16-31) | l4_dst (0-15).</summary>
    public readonly ulong PortsAndInPort;
    // IPv6 addresses as plain 64-bit halves: UInt128 arithmetic is markedly slower in the lookup loop.
    public readonly ulong Ipv6SrcHigh, Ipv6SrcLow, Ipv6DstHigh, Ipv6DstLow;

    private FlowKey(ulong ethSrc, ulong ethDst, ulong ipv4, ulong misc, ulong ports,
        ulong ipv6SrcHigh, ulong ipv6SrcLow, ulong ipv6DstHigh, ulong ipv6DstLow)
    {
        EthSrc = ethSrc;
        EthDst = ethDst;
        Ipv4 = ipv4;
        Misc = misc;
        PortsAndInPort = ports;
        Ipv6SrcHigh = ipv6SrcHigh;
        Ipv6SrcLow = ipv6SrcLow;
        Ipv6DstHigh = ipv6DstHigh;
        Ipv6DstLow = ipv6DstLow;
    }

    private FlowKey(ulong ethSrc, ulong ethDst, ulong ipv4, ulong misc, ulong ports, UInt128 ipv6Src, UInt128 ipv6Dst)
        : this(ethSrc, ethDst, ipv4, misc, ports, (ulong)(ipv6Src >> 64), (ulong)ipv6Src, (ulong)(ipv6Dst >> 64), (ulong)ipv6Dst)
    {
    }

    public static FlowKey FromPacket(in PacketHeaders h, int inPort)
    {
        var misc = (ulong)h.EthType | ((h.HasVlan ? h.VlanId : UntaggedVlan) << VlanShift);
        ulong ipv4 = 0;
        UInt128 ipv6Src = UInt128.Zero, ipv6Dst = UInt128.Zero;
        if (h.IsIpv4)
        {
            misc |= PresentIpv4;
            ipv4 = ((ulong)h.Ipv4Src << 32) | h.Ipv4Dst;
        }
        else if (h.IsIpv6)
        {
            misc |= PresentIpv6;
            ipv6Src = h.Ipv6Src;
            ipv6Dst = h.Ipv6Dst;
        }
        if (h.HasIpProto) misc |= PresentIpProto | ((ulong)h.IpProto << ProtoShift);
        var ports = (ulong)(uint)inPort << 32;
        if (h.HasL4Ports)
        {
            misc |= PresentL4;
            ports |= ((ulong)h.L4Src << 16) | h.L4Dst;
        }
        return new FlowKey(h.EthSrc.Value, h.EthDst.Value, ipv4, misc, ports, ipv6Src, ipv6Dst);
    }

    /// <summary>The mask (fields and prefix lengths the match uses) and the key (their values).</summary>
    public static void FromMatch(Match m, out FlowKey mask, out FlowKey key)
    {
        ulong mEthSrc = 0, kEthSrc = 0, mEthDst = 0, kEthDst = 0, mIpv4 = 0, kIpv4 = 0, mMisc = 0, kMisc = 0, mPorts = 0, kPorts = 0;
        UInt128 mIp6Src = 0, kIp6Src = 0, mIp6Dst = 0, kIp6Dst = 0;
        if (m.InPort is { } inPort) { mPorts |= 0xFFFF_FFFFUL << 32; kPorts |= (ulong)(uint)inPort << 32; }
        if (m.EthSrc is { } es) { mEthSrc = MacAddress.Mask48; kEthSrc = es.Value & MacAddress.Mask48; }
        if (m.EthDst is { } ed) { mEthDst = MacAddress.Mask48; kEthDst = ed.Value & MacAddress.Mask48; }
        if (m.EthType is { } et) { mMisc |= 0xFFFF; kMisc |= et; }
        if (m.Vlan is { } v)
        {
            mMisc |= VlanFieldMask << VlanShift;
            kMisc |= (v.Untagged ? UntaggedVlan : (ulong)(v.VlanId & 0x0FFF)) << VlanShift;
        }
        if (m.Ipv4Src is { } s4) { mMisc |= PresentIpv4; kMisc |= PresentIpv4; mIpv4 |= (ulong)s4.Mask << 32; kIpv4 |= (ulong)s4.Address << 32; }
        if (m.Ipv4Dst is { } d4) { mMisc |= PresentIpv4; kMisc |= PresentIpv4; mIpv4 |= d4.Mask; kIpv4 |= d4.Address; }
        if (m.Ipv6Src is { } s6) { mMisc |= PresentIpv6; kMisc |= PresentIpv6; mIp6Src = s6.Mask; kIp6Src = s6.Address; }
        if (m.Ipv6Dst is { } d6) { mMisc |= PresentIpv6; kMisc |= PresentIpv6; mIp6Dst = d6.Mask; kIp6Dst = d6.Address; }
        if (m.IpProto is { } p)
        {
            mMisc |= PresentIpProto | (0xFFUL << ProtoShift);
            kMisc |= PresentIpProto | ((ulong)p << ProtoShift);
        }
        if (m.L4Src is { } ls) { mMisc |= PresentL4; kMisc |= PresentL4; mPorts |= 0xFFFFUL << 16; kPorts |= (ulong)ls << 16; }
        if (m.L4Dst is { } ld) { mMisc |= PresentL4; kMisc |= PresentL4; mPorts |= 0xFFFF; kPorts |= ld; }
        mask = new FlowKey(mEthSrc, mEthDst, mIpv4, mMisc, mPorts, mIp6Src, mIp6Dst);
        key = new FlowKey(kEthSrc, kEthDst, kIpv4, kMisc, kPorts, kIp6Src, kIp6Dst);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public FlowKey And(in FlowKey mask) => new(
        EthSrc & mask.EthSrc, EthDst & mask.EthDst, Ipv4 & mask.Ipv4, Misc & mask.Misc, PortsAndInPort & mask.PortsAndInPort,
        Ipv6SrcHigh & mask.Ipv6SrcHigh, Ipv6SrcLow & mask.Ipv6SrcLow, Ipv6DstHigh & mask.Ipv6DstHigh, Ipv6DstLow & mask.Ipv6DstLow);

    public bool Equals(FlowKey other) =>
        EthSrc == other.EthSrc && EthDst == other.EthDst && Ipv4 == other.Ipv4 && Misc == other.Misc
        && PortsAndInPort == other.PortsAndInPort
        && Ipv6SrcHigh == other.Ipv6SrcHigh && Ipv6SrcLow == other.Ipv6SrcLow
        && Ipv6DstHigh == other.Ipv6DstHigh && Ipv6DstLow == other.Ipv6DstLow;

    public override bool Equals(object? obj) => obj is FlowKey k && Equals(k);

    public override int GetHashCode()
    {
        // Independent multiplies (they pipeline) by distinct odd constants, then one strong finaliser.
        var h = EthSrc * 0x9E37_79B9_7F4A_7C15UL
            + EthDst * 0xC2B2_AE3D_27D4_EB4FUL
            + Ipv4 * 0x1656_67B1_9E37_79F9UL
            + Misc * 0x85EB_CA77_C2B2_AE63UL
            + PortsAndInPort * 0x27D4_EB2F_1656_67C5UL
            + Ipv6SrcHigh * 0xFF51_AFD7_ED55_8CCDUL
            + Ipv6SrcLow * 0xC4CE_B9FE_1A85_EC53UL
            + Ipv6DstHigh * 0x9FB2_1C65_1E98_DF25UL
            + Ipv6DstLow * 0xD6E8_FEB8_6659_FD93UL;
        h = PacketHeaders.Finish(h);
        return (int)h;
    }
}
