namespace SdnController.Controller.Protocols;

/// <summary>Ethernet frame sizes for the frames the controller builds itself (LLDP probes, ARP replies).</summary>
public static class EthernetLayout
{
    /// <summary>Ethernet header without a VLAN tag: destination, source, type.</summary>
    public const int HeaderLength = 14;
    /// <summary>Shortest Ethernet frame without its FCS; shorter frames are padded with zeros.</summary>
    public const int MinimumFrameLength = 60;
}
