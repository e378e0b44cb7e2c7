using SdnController.Southbound.Messages;
using SdnController.VirtualNetwork.Packets;

namespace SdnController.VirtualNetwork.Switching;

/// <summary>Where a virtual switch's results go: the fabric wires ports to links and the channel to the controller.</summary>
public interface ISwitchOutput
{
    /// <summary>Send the packet out of a physical port (the fabric drops it if the port is down or unwired).</summary>
    void Transmit(int port, Packet packet);
    /// <summary>A reply or event for the controller, in order.</summary>
    void ToController(SwitchMessage message);
    /// <summary>The switch discarded the packet (no rule, drop action, loop, dead group...).</summary>
    void Dropped(Packet packet, DropReason reason);
}

public enum DropReason { NoMatchingRule, DropAction, HopLimit, PortDown, NoLiveBucket, Malformed, QueueFull, LinkLoss, SwitchDown, NoSuchHost, LinkDown,
    /// <summary>A network function's verdict (firewall deny, no NAT mapping, over rate, IDS block...); the function counts why.</summary>
    FunctionDropped,
    /// <summary>The network function the frame reached (or was being processed by) is down.</summary>
    FunctionDown }
