using SdnController.Nfv.Functions;
using SdnController.VirtualNetwork.Packets;

namespace SdnController.VirtualNetwork.Functions;

/// <summary>An IDS alert raised inside the virtual network, with the packet that raised it (its hop record says where it had been).</summary>
public sealed record IdsAlertEvent(IdsAlert Alert, Packet Packet);
