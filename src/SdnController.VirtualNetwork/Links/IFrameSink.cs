using SdnController.VirtualNetwork.Packets;

namespace SdnController.VirtualNetwork.Links;

/// <summary>The far end of a link direction: a switch port or a host NIC.</summary>
internal interface IFrameSink
{
    /// <summary>The frame's last bit arrived (on the loop thread, at the arrival time).</summary>
    void Deliver(Packet packet);
}
