using System.Text;
using SdnController.VirtualNetwork.Switching;

namespace SdnController.VirtualNetwork;

/// <summary>Network-wide frame and control-message totals, updated on the loop thread.</summary>
public sealed class NetworkCounters
{
    private static readonly DropReason[] Reasons = Enum.GetValues<DropReason>();
    private readonly long[] _dropped = new long[Reasons.Length];

    /// <summary>Frames hosts put on their access links (data, ARP, ICMP, ACKs).</summary>
    public long HostFramesSent { get; internal set; }
    /// <summary>Frames a host accepted (addressed to it or broadcast).</summary>
    public long HostFramesDelivered { get; internal set; }
    public long ControlMessagesToSwitches { get; internal set; }
    public long ControlMessagesToController { get; internal set; }
    public long DroppedTotal { get; private set; }
    /// <summary>Frames dropped for crossing more than <see cref="Packets.Packet.HopLimit"/> switches.</summary>
    public long Looped => _dropped[(int)DropReason.HopLimit];

    public long Dropped(DropReason reason) => _dropped[(int)reason];

    internal void AddDrop(DropReason reason)
    {
        _dropped[(int)reason]++;
        DroppedTotal++;
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append($"host frames sent {HostFramesSent}, delivered {HostFramesDelivered}; control to switches {ControlMessagesToSwitches}, to controller {ControlMessagesToController}; dropped {DroppedTotal}");
        foreach (var r in Reasons)
            if (_dropped[(int)r] != 0) sb.Append($", {r} {_dropped[(int)r]}");
        return sb.ToString();
    }
}
