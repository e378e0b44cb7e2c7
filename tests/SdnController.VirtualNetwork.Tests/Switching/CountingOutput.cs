using SdnController.Southbound.Messages;
using SdnController.VirtualNetwork.Packets;
using SdnController.VirtualNetwork.Switching;

namespace SdnController.VirtualNetwork.Tests.Switching;

/// <summary>Counts outcomes without storing anything, so measuring allocations measures the switch only.</summary>
internal sealed class CountingOutput : ISwitchOutput
{
    public int Transmitted;
    public int Dropped;
    public int Messages;

    public void Transmit(int port, Packet packet) => Transmitted++;
    public void ToController(SwitchMessage message) => Messages++;
    void ISwitchOutput.Dropped(Packet packet, DropReason reason) => Dropped++;
}
