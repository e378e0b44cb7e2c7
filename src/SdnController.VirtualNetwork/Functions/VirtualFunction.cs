using SdnController.Nfv.Functions;
using SdnController.Nfv.Southbound;
using SdnController.Southbound.Nfv;
using SdnController.Topology.Model;
using SdnController.Topology.Model.Nfv;
using SdnController.VirtualNetwork.Links;
using SdnController.VirtualNetwork.Packets;
using FabricDrop = SdnController.VirtualNetwork.Switching.DropReason;
using FunctionDrop = SdnController.Nfv.Functions.DropReason;

namespace SdnController.VirtualNetwork.Functions;

/// <summary>
/// A network function instance as a node of the virtual network, one-arm: its own link joins it to its
/// attachment switch port; what the switch outputs to that port enters the function, and what the function
/// forwards or rewrites goes back up the same link into the same port after
/// <see cref="NetworkOptions.FunctionProcessingLatency"/>. Its management channel is an
/// <see cref="INfvChannel"/>. Runs on the loop thread.
/// </summary>
public sealed class VirtualFunction : IFrameSink
{
    private static readonly Action<object> ProcessedCallback = state => ((VirtualFunction)state).EmitHead();
    private static readonly int DropReasonCount = Enum.GetValues<FunctionDrop>().Length;

    private readonly SimulatedNetwork _network;
    // Frames being processed, in arrival order, each with the epoch it arrived in: the latency is the same for
    // all, so the scheduled completions fire in this order and each one takes the head.
    private readonly Queue<(Packet Packet, int Epoch)> _processing = new();
    private readonly long[] _droppedBy = new long[DropReasonCount];
    private FunctionChannel? _channel;

    internal VirtualFunction(int index, NfvInstance instance, int switchIndex, VirtualLink link, SimulatedNetwork network, bool preconfigure)
    {
        Index = index;
        Instance = instance;
        SwitchIndex = switchIndex;
        Link = link;
        _network = network;
        Function = preconfigure ? NetworkFunctions.Create(instance) : NetworkFunctions.Create(instance.Id, instance.Kind);
    }

    /// <summary>Position in topology.Nfv; what <see cref="Packet.FunctionVisits"/> records.</summary>
    public int Index { get; }
    public NfvInstance Instance { get; }
    public string Id => Instance.Id;
    public NfvKind Kind => Instance.Kind;
    public PortRef Attachment => Instance.Attachment;
    public int SwitchIndex { get; }
    /// <summary>The function's arm: A is the function, B the switch port, so AToB carries what the function sends back.</summary>
    public VirtualLink Link { get; }
    /// <summary>The running instance; replaced by a fresh, unconfigured one when the function comes back up.</summary>
    public INetworkFunction Function { get; private set; }
    public bool IsUp { get; private set; } = true;
    /// <summary>Bumped on every up/down change, so frames and requests from before it are not handled after it.</summary>
    internal int Epoch { get; private set; }
    public long AppliedVersion => Function.AppliedVersion;
    /// <summary>Frames the running instance dropped, by the function's reason (reset on restart, like its counters).</summary>
    public long DroppedBy(FunctionDrop reason) => _droppedBy[(int)reason];
    /// <summary>Frames that reached the function while it was down, or were inside it when it went down.</summary>
    public long DroppedWhileDown { get; private set; }

    internal FunctionEndpoint Endpoint(ulong dpid) => new(Id, Kind, dpid, Attachment.Port);

    void IFrameSink.Deliver(Packet packet)
    {
        packet.RecordFunction(Index);
        if (!IsUp)
        {
            DropDown(packet);
            return;
        }
        var flow = packet.FlowIndex >= 0 ? _network.FlowAt(packet.FlowIndex) : null;
        var verdict = Function.Process(packet.Frame, _network.Loop.Now, flow?.Spec.Class);
        if (verdict.Alert is { } alert) _network.ReportIdsAlert(this, alert, packet);
        if (!verdict.Passes)
        {
            _droppedBy[(int)verdict.Reason]++;
            _network.ReportDrop(packet, FabricDrop.FunctionDropped, Id);
            return;
        }
        _processing.Enqueue((packet, Epoch));
        var latency = _network.Options.FunctionProcessingLatency;
        _network.Loop.ScheduleAt(_network.Loop.Now + latency, ProcessedCallback, this);
    }

    private void EmitHead()
    {
        var (packet, epoch) = _processing.Dequeue();
        if (epoch != Epoch || !IsUp) DropDown(packet);
        else Link.AToB.Send(packet);
    }

    private void DropDown(Packet packet)
    {
        DroppedWhileDown++;
        _network.ReportDrop(packet, FabricDrop.FunctionDown, Id);
    }

    /// <summary>
    /// Down: the instance drops everything it receives (frames inside it are lost too) and ignores requests;
    /// the switch port stays up. Up: a restarted instance — version 0, no rules, fresh counters.
    /// </summary>
    internal void SetState(bool up)
    {
        if (IsUp == up) return;
        IsUp = up;
        Epoch++;
        if (up)
        {
            Function = NetworkFunctions.Create(Instance.Id, Instance.Kind);
            Array.Clear(_droppedBy);
        }
        _channel?.ToController(new FunctionStatus(0, up ? FunctionState.Up : FunctionState.Down, Function.AppliedVersion));
    }

    internal INfvChannel Open(IFunctionMessageSink sink)
    {
        if (_channel is { IsDisposed: false } old) old.Dispose();
        var channel = _channel = new FunctionChannel(this, _network, sink);
        channel.ToController(new FunctionStatus(0, IsUp ? FunctionState.Up : FunctionState.Down, Function.AppliedVersion));
        return channel;
    }

    internal void ChannelClosed(FunctionChannel channel)
    {
        if (_channel == channel) _channel = null;
    }

    /// <summary>A request reached the instance: answered when it is still the instance the request was sent to.</summary>
    internal void Handle(FunctionRequest request, int epoch, FunctionChannel channel)
    {
        if (!IsUp || epoch != Epoch) return;
        channel.ToController(FunctionAgent.Handle(Function, request));
    }

    internal void AlertToController(IdsAlert alert) => _channel?.ToController(FunctionAgent.ToMessage(alert));
}
