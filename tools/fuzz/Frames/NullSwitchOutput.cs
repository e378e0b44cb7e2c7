using SdnController.Southbound.Messages;
using SdnController.VirtualNetwork.Packets;
using SdnController.VirtualNetwork.Switching;

namespace SdnController.Fuzz.Frames;

/// <summary>Counts what the fuzzed switch did; the frames go nowhere.</summary>
public sealed class NullSwitchOutput : ISwitchOutput
{
    public long Transmitted;
    public long Dropped;
    public long ToControllerMessages;

    public void Transmit(int port, Packet packet) => Transmitted++;
    public void ToController(SwitchMessage message) => ToControllerMessages++;
    void ISwitchOutput.Dropped(Packet packet, DropReason reason) => Dropped++;
}
