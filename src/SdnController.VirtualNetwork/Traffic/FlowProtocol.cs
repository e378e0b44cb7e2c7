namespace SdnController.VirtualNetwork.Traffic;

public enum FlowProtocol
{
    Udp,
    /// <summary>TCP segments with advancing sequence numbers; the receiver ACKs each one. No retransmission or congestion control.</summary>
    Tcp,
    /// <summary>A stream of ICMP echo requests; the destination answers each.</summary>
    Icmp,
}
