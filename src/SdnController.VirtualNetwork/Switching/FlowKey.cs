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
    public readonly UInt128 Ipv6Src;
    public readonly UInt128 Ipv6Dst;

    private FlowKey(ulong ethSrc, ulong ethDst, ulong ipv4, ulong misc, ulong ports, UInt128 ipv6Src, UInt128 ipv6Dst)
    {
        EthSrc = ethSrc;
        EthDst = ethDst;
        Ipv4 = ipv4;
        Misc = misc;
        PortsAndInPort = ports;
        Ipv6Src = ipv6Src;
        Ipv6Dst = ipv6Dst;
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
        EthSrc & mask.EthSrc, EthDst & mask.EthDst, Ipv4 & mask.Ipv4, Misc & mask.Misc,
        PortsAndInPort & mask.PortsAndInPort, Ipv6Src & mask.Ipv6Src, Ipv6Dst & mask.Ipv6Dst);

    public bool Equals(FlowKey other) =>
        EthSrc == other.EthSrc && EthDst == other.EthDst && Ipv4 == other.Ipv4 && Misc == other.Misc
        && PortsAndInPort == other.PortsAndInPort && Ipv6Src == other.Ipv6Src && Ipv6Dst == other.Ipv6Dst;

    public override bool Equals(object? obj) => obj is FlowKey k && Equals(k);

    public override int GetHashCode()
    {
        var h = PacketHeaders.Mix(0x1234_5678_9ABC_DEF1UL, EthSrc);
        h = PacketHeaders.Mix(h, EthDst);
        h = PacketHeaders.Mix(h, Ipv4);
        h = PacketHeaders.Mix(h, Misc);
        h = PacketHeaders.Mix(h, PortsAndInPort);
        h = PacketHeaders.Mix(h, (ulong)Ipv6Src ^ (ulong)(Ipv6Src >> 64) * 31);
        h = PacketHeaders.Mix(h, (ulong)Ipv6Dst ^ (ulong)(Ipv6Dst >> 64) * 31);
        return (int)(h ^ (h >> 32));
    }
}
