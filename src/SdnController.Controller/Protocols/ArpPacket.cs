using SdnController.Southbound.Matching;

namespace SdnController.Controller.Protocols;

/// <summary>An Ethernet/IPv4 ARP message; IPv4 addresses are host-order (a.b.c.d = a&lt;&lt;24 | ...).</summary>
public readonly record struct ArpPacket(ushort Operation, MacAddress SenderMac, uint SenderIp, MacAddress TargetMac, uint TargetIp)
{
    public const ushort Request = 1;
    public const ushort Reply = 2;
}
