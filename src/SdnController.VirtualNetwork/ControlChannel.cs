using SdnController.Southbound;
using SdnController.Southbound.Messages;

namespace SdnController.VirtualNetwork;

/// <summary>
/// The controller's connection to one simulated switch: each direction delivers after the control latency,
/// in order (one latency for all, and the loop runs equal-time events in the order scheduled).
/// </summary>
internal sealed class ControlChannel : ISwitchChannel
{
    private readonly SwitchNode _node;
    private readonly ISwitchMessageSink _sink;

    public ControlChannel(SwitchNode node, ISwitchMessageSink sink)
    {
        _node = node;
        _sink = sink;
    }

    public ulong Dpid => _node.Switch.Dpid;
    public bool IsDisposed { get; private set; }

    public void Send(ControllerMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        _node.Network.Counters.ControlMessagesToSwitches++;
        var epoch = _node.Epoch;
        _node.Network.Loop.Clock.Schedule(_node.Network.Options.ControlChannelLatency, () => _node.HandleControl(message, epoch));
    }

    public void Send(IReadOnlyList<ControllerMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        if (messages.Count == 0) return;
        _node.Network.Counters.ControlMessagesToSwitches += messages.Count;
        var epoch = _node.Epoch;
        var copy = messages.ToArray();
        _node.Network.Loop.Clock.Schedule(_node.Network.Options.ControlChannelLatency, () =>
        {
            foreach (var m in copy) _node.HandleControl(m, epoch);
        });
    }

    /// <summary>Switch → controller, after the latency; dropped if the controller closed the channel meanwhile.</summary>
    internal void ToController(SwitchMessage message)
    {
        if (message is not ChannelStateChanged) _node.Network.Counters.ControlMessagesToController++;
        _node.Network.Loop.Clock.Schedule(_node.Network.Options.ControlChannelLatency, () =>
        {
            if (!IsDisposed) _sink.Receive(message);
        });
    }

    public void Dispose()
    {
        IsDisposed = true;
        _node.ChannelClosed(this);
    }
}
