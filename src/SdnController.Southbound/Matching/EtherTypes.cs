namespace SdnController.Southbound.Matching;

/// <summary>EtherType numbers rules match on and the datapath and controller parse (one list for both sides).</summary>
public static class EtherTypes
{
    public const ushort Ipv4 = 0x0800;
    public const ushort Arp = 0x0806;
    public const ushort Vlan = 0x8100;
    public const ushort Ipv6 = 0x86DD;
    /// <summary>802.1ad service tag (outer tag of QinQ).</summary>
    public const ushort QinQ = 0x88A8;
    /// <summary>Pre-standard QinQ outer tag still emitted by some gear.</summary>
    public const ushort QinQLegacy = 0x9100;
    public const ushort Lldp = 0x88CC;

    public static bool IsVlanTag(ushort type) => type is Vlan or QinQ or QinQLegacy;
}

/// <summary>IP protocol numbers (the ip_proto match field).</summary>
public static class IpProtocols
{
    public const byte Icmp = 1;
    public const byte Tcp = 6;
    public const byte Udp = 17;
    public const byte Icmpv6 = 58;
}
