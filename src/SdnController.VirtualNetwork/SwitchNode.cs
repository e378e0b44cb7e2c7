using SdnController.Southbound.Messages;
using SdnController.VirtualNetwork.Links;
using SdnController.VirtualNetwork.Packets;
using SdnController.VirtualNetwork.Simulation;
using SdnController.VirtualNetwork.Switching;

namespace SdnController.VirtualNetwork;

/// <summary>
/// The fabric around one <see cref="VirtualSwitch"/>: power state, port wiring, control channel and the
/// timer that drives flow expiry. It is the switch's <see cref="ISwitchOutput"/>.
/// </summary>
internal sealed class SwitchNode : ISwitchOutput
{
    private static readonly Action<object> ExpireCallback = state => ((SwitchNode)state).OnExpiry();

    private readonly Dictionary<int, LinkDirection> _outPorts = new();
    private ScheduledEntry? _expiry;
    private TimeSpan _expiryAt;

    public SwitchNode(VirtualSwitch sw, SimulatedNetwork network)
    {
        Switch = sw;
        Network = network;
    }

    public VirtualSwitch Switch { get; }
    public SimulatedNetwork Network { get; }
    public bool IsUp { get; private set; } = true;
    /// <summary>Bumped on every power change, so control messages sent before it are not handled after it.</summary>
    public int Epoch { get; private set; }
    public ControlChannel? Channel { get; private set; }
    /// <summary>(port, link, this switch is the link's A end) for each switch-to-switch link, and host links.</summary>
    public List<(int Port, VirtualLink Link, bool IsA)> Links { get; } = new();
    public List<(int Port, VirtualLink Link)> HostLinks { get; } = new();

    public void WireOutput(int port, LinkDirection direction) => _outPorts[port] = direction;

    public void Open(ControlChannel channel)
    {
        if (Channel is { IsDisposed: false } old) old.Dispose();
        Channel = channel;
        if (IsUp) channel.ToController(new ChannelStateChanged(true));
    }

    public void ChannelClosed(ControlChannel channel)
    {
        if (Channel == channel) Channel = null;
    }

    public void ReceiveFrame(Packet packet, int port)
    {
        if (!IsUp)
        {
            Network.ReportDrop(packet, DropReason.SwitchDown, Switch.Name);
            return;
        }
        Switch.Receive(packet, port, Network.Loop.Now, this);
        CheckExpiry();
    }

    public void HandleControl(ControllerMessage message, int epoch)
    {
        if (!IsUp || epoch != Epoch) return;
        Switch.Handle(message, Network.Loop.Now, this);
        CheckExpiry();
    }

    public void PowerOff()
    {
        IsUp = false;
        Epoch++;
        _expiry?.Cancel();
        _expiry = null;
        Channel?.ToController(new ChannelStateChanged(false));
    }

    /// <summary>Boot with empty tables; the channel reconnects (the caller restores port states after this).</summary>
    public void PowerOn()
    {
        IsUp = true;
        Epoch++;
        Switch.Reset();
        Channel?.ToController(new ChannelStateChanged(true));
        CheckExpiry();
    }

    public void SetPortLive(int port, bool live, bool notify)
    {
        if (!IsUp) return;
        Switch.SetPortLive(port, live, notify, this);
    }

    void ISwitchOutput.Transmit(int port, Packet packet)
    {
        if (!IsUp) Network.ReportDrop(packet, DropReason.SwitchDown, Switch.Name);
        else if (_outPorts.TryGetValue(port, out var direction)) direction.Send(packet);
        else Network.ReportDrop(packet, DropReason.PortDown, Switch.Name);
    }

    void ISwitchOutput.ToController(SwitchMessage message)
    {
        // No controller connected: the message is lost, as on a switch whose OpenFlow connection is down.
        Channel?.ToController(message);
    }

    void ISwitchOutput.Dropped(Packet packet, DropReason reason) => Network.ReportDrop(packet, reason, Switch.Name);

    private void CheckExpiry()
    {
        if (Switch.NextExpiry is not { } at) return;
        if (_expiry is not null && _expiryAt <= at) return;
        _expiry?.Cancel();
        _expiryAt = at;
        _expiry = Network.Loop.ScheduleAt(at, ExpireCallback, this);
    }

    private void OnExpiry()
    {
        _expiry = null;
        if (!IsUp) return;
        Switch.Expire(Network.Loop.Now, this);
        CheckExpiry();
    }
}

/// <summary>A switch port as the far end of a link direction.</summary>
internal sealed class SwitchPortSink(SwitchNode node, int port) : IFrameSink
{
    public void Deliver(Packet packet) => node.ReceiveFrame(packet, port);
}
