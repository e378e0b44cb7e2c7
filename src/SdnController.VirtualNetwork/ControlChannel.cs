using SdnController.Southbound;
using SdnController.Southbound.Messages;

namespace SdnController.VirtualNetwork;

/// <summary>
/// The controller's connection to one simulated switch: each direction delivers after the control latency,
/// in order (one latency for all, and the loop runs equal-time events in the order scheduled).
/// </summary>
/// <remarks>
/// Start-up of a large network sends millions of control messages; each delivery is one small state object
/// with a static callback (<see cref="EventLoop.ScheduleAt(TimeSpan, Action{object}, object)"/>) rather than a
/// closure and a delegate.
/// </remarks>
internal sealed class ControlChannel : ISwitchChannel
{
    private static readonly Action<object> DeliverToSwitch = state => ((ToSwitch)state).Run();
    private static readonly Action<object> DeliverToController = state => ((ToControllerDelivery)state).Run();

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
        Schedule(DeliverToSwitch, new ToSwitch(_node, message, null, _node.Epoch));
    }

    public void Send(IReadOnlyList<ControllerMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        if (messages.Count == 0) return;
        _node.Network.Counters.ControlMessagesToSwitches += messages.Count;
        Schedule(DeliverToSwitch, new ToSwitch(_node, null, messages.ToArray(), _node.Epoch));
    }

    /// <summary>Switch → controller, after the latency; dropped if the controller closed the channel meanwhile.</summary>
    internal void ToController(SwitchMessage message)
    {
        if (message is not ChannelStateChanged) _node.Network.Counters.ControlMessagesToController++;
        Schedule(DeliverToController, new ToControllerDelivery(this, message));
    }

    private void Schedule(Action<object> callback, object state)
    {
        var loop = _node.Network.Loop;
        var latency = _node.Network.Options.ControlChannelLatency;
        loop.ScheduleAt(loop.Now + (latency > TimeSpan.Zero ? latency : TimeSpan.Zero), callback, state);
    }

    private sealed class ToSwitch(SwitchNode node, ControllerMessage? one, ControllerMessage[]? many, int epoch)
    {
        public void Run()
        {
            if (one is not null) node.HandleControl(one, epoch);
            else node.HandleControl(many!, epoch);
        }
    }

    private sealed class ToControllerDelivery(ControlChannel channel, SwitchMessage message)
    {
        public void Run()
        {
            if (!channel.IsDisposed) channel._sink.Receive(message);
        }
    }

    public void Dispose()
    {
        IsDisposed = true;
        _node.ChannelClosed(this);
    }
}
