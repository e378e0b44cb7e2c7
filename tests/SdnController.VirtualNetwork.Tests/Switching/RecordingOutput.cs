using SdnController.Southbound.Messages;
using SdnController.VirtualNetwork.Packets;
using SdnController.VirtualNetwork.Switching;

namespace SdnController.VirtualNetwork.Tests.Switching;

/// <summary>Records everything a switch emits, in order.</summary>
internal sealed class RecordingOutput : ISwitchOutput
{
    public List<(int Port, Packet Packet)> Transmitted { get; } = new();
    public List<SwitchMessage> Messages { get; } = new();
    public List<(Packet Packet, DropReason Reason)> Drops { get; } = new();

    public void Transmit(int port, Packet packet) => Transmitted.Add((port, packet));
    public void ToController(SwitchMessage message) => Messages.Add(message);
    public void Dropped(Packet packet, DropReason reason) => Drops.Add((packet, reason));

    public T Single<T>() where T : SwitchMessage
    {
        var found = Messages.OfType<T>().ToList();
        Assert.That(found, Has.Count.EqualTo(1), $"expected one {typeof(T).Name}, got: {string.Join("; ", Messages)}");
        return found[0];
    }

    public int[] Ports => Transmitted.Select(t => t.Port).ToArray();

    public void Clear()
    {
        Transmitted.Clear();
        Messages.Clear();
        Drops.Clear();
    }
}
