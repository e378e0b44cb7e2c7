namespace SdnController.Topology.Traffic;

/// <summary>The protocol a declared flow sends.</summary>
public enum TrafficKind
{
    Udp,
    Tcp,
    Icmp,
}
