namespace SdnController.Classification.Decoding;

/// <summary>What kind of frame <see cref="FrameDecoder"/> found.</summary>
public enum FrameKind : byte
{
    /// <summary>An IPv4/IPv6 packet (possibly the inner packet of a tunnel).</summary>
    Ip,
    /// <summary>A non-IP Ethernet frame (ARP, LLDP, ...): addresses are the MAC addresses.</summary>
    NonIp,
}

/// <summary>The tunnel an IP packet was carried in, when the decoder stripped one.</summary>
public enum TunnelKind : byte
{
    None,
    Vlan,
    Gre,
    Vxlan,
    Geneve,
    IpInIp,
}

/// <summary>
/// One decoded frame: the (innermost) addresses, ports and transport payload as a span over the captured bytes.
/// A ref struct so decoding allocates nothing; it is only valid while the frame's buffer is.
/// </summary>
public ref struct DecodedPacket
{
    public FrameKind Kind;
    /// <summary>4 or 6 for IP; 0 for non-IP frames.</summary>
    public byte IpVersion;
    /// <summary>IPv4 addresses in the low 32 bits, IPv6 as 128 bits, MAC addresses (non-IP) in the low 48 bits.</summary>
    public UInt128 Source;
    public UInt128 Destination;
    /// <summary>IP protocol number (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6, ...).</summary>
    public byte Transport;
    /// <summary>Ports for TCP/UDP/SCTP; 0 otherwise (as nDPI reports ICMP and other IP protocols).</summary>
    public ushort SourcePort;
    public ushort DestinationPort;
    public byte TcpFlags;
    /// <summary>The EtherType of a non-IP frame (0 for an 802.3/LLC frame).</summary>
    public ushort EtherType;
    /// <summary>The VLAN ID of the first 802.1Q tag seen (0 = untagged).</summary>
    public ushort VlanId;
    /// <summary>The outermost tunnel stripped to reach this packet (VLAN tags alone are not a tunnel).</summary>
    public TunnelKind Tunnel;
    /// <summary>A non-first IP fragment: it carries no transport header, so ports and payload are unknown.</summary>
    public bool NonFirstFragment;
    /// <summary>The transport payload (TCP/UDP data, the ICMP body after its 8-byte header, or the whole IP payload).</summary>
    public ReadOnlySpan<byte> Payload;

    public const byte FlagFin = 0x01, FlagSyn = 0x02, FlagRst = 0x04, FlagPsh = 0x08, FlagAck = 0x10;
}
