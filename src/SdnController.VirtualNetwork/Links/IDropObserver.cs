using SdnController.VirtualNetwork.Packets;
using SdnController.VirtualNetwork.Switching;

namespace SdnController.VirtualNetwork.Links;

/// <summary>Where the fabric reports every frame it discards (the network counts them and raises its event).</summary>
internal interface IDropObserver
{
    /// <param name="where">A link, switch or host id.</param>
    void Dropped(Packet packet, DropReason reason, string where);
}
