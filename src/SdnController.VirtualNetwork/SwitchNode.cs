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

    // Output direction per port number: an array for the usual small port numbers (a dictionary per switch
    // would cost kilobytes each on a 10,000-switch fabric), a dictionary only for numbers beyond it.
    private const int DensePortLimit = 1024;
    private LinkDirection?[] _outPorts = [];
    private Dictionary<int, LinkDirection>? _farPorts;
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
    /// <summary>
    /// Switch-to-switch links at this switch, each as link index × 2 + 1 when this switch is the link's A end
    /// (4 bytes a link end, not a tuple of 24: a 10,000-switch fabric has 729,000 link ends); and host links.
    /// </summary>
    public List<int> LinkEnds { get; private set; } = new();
    public List<(int Port, VirtualLink Link)> HostLinks { get; private set; } = new();

    /// <summary>Sizes the wiring lists before the network adds this many links (no growth slack kept).</summary>
    public void ReserveWiring(int links, int hostLinks, int maxPort)
    {
        LinkEnds = new List<int>(links);
        HostLinks = new List<(int, VirtualLink)>(hostLinks);
        if (maxPort >= 0) _outPorts = new LinkDirection?[Math.Min(maxPort, DensePortLimit - 1) + 1];
    }

    public void WireOutput(int port, LinkDirection direction)
    {
        if ((uint)port < DensePortLimit)
        {
            if (port >= _outPorts.Length) Array.Resize(ref _outPorts, Math.Min(DensePortLimit, Math.Max(port + 1, _outPorts.Length * 2)));
            _outPorts[port] = direction;
        }
        else (_farPorts ??= new Dictionary<int, LinkDirection>())[port] = direction;
    }

    private LinkDirection? OutputOf(int port)
    {
        if ((uint)port < (uint)_outPorts.Length) return _outPorts[port];
        return _farPorts is not null && _farPorts.TryGetValue(port, out var d) ? d : null;
    }

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

    /// <summary>
    /// A batch the controller sent in one go, message by message as above; the flow table is told how many
    /// adds are coming, so a subtable that must grow grows once to hold them (a fresh switch gets its whole
    /// table in one batch) instead of doubling its hash table again and again.
    /// </summary>
    public void HandleControl(ControllerMessage[] batch, int epoch)
    {
        var adds = 0;
        foreach (var m in batch)
            if (m is FlowMod { Command: FlowModCommand.Add }) adds++;
        Switch.Flows.AddsExpected = adds;
        try
        {
            foreach (var m in batch) HandleControl(m, epoch);
        }
        finally
        {
            Switch.Flows.AddsExpected = 0;
        }
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
        else if (OutputOf(port) is { } direction) direction.Send(packet);
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
