using SdnController.Topology.Model.Nfv;

namespace SdnController.Nfv.Packets;

/// <summary>
/// The 5-tuple of a packet, addresses in host order. For ICMP echo both ports hold the echo identifier,
/// so a reply's reversed key equals its request's; other packets without ports have ports 0.
/// </summary>
public readonly record struct FlowKey(uint Source, uint Destination, ushort SourcePort, ushort DestinationPort, byte Protocol)
{
    public FlowKey Reverse() => new(Destination, Source, DestinationPort, SourcePort, Protocol);

    public override string ToString() =>
        $"{TransportProtocols.Name((TransportProtocol)Protocol) switch { "any" => Protocol.ToString(), var n => n }} " +
        $"{Ipv4Cidr.FormatAddress(Source)}:{SourcePort} -> {Ipv4Cidr.FormatAddress(Destination)}:{DestinationPort}";
}
