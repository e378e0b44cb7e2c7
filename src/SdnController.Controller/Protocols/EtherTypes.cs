namespace SdnController.Controller.Protocols;

/// <summary>Ethernet type codes the controller itself handles.</summary>
public static class EtherTypes
{
    public const ushort Ipv4 = 0x0800;
    public const ushort Arp = 0x0806;
    public const ushort Lldp = 0x88cc;

    /// <summary>Ethernet header without a VLAN tag: destination, source, type.</summary>
    public const int HeaderLength = 14;
    /// <summary>Shortest Ethernet frame without its FCS; shorter frames are padded with zeros.</summary>
    public const int MinimumFrameLength = 60;
}
