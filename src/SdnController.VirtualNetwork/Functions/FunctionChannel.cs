using SdnController.Southbound.Nfv;

namespace SdnController.VirtualNetwork.Functions;

/// <summary>
/// The controller's management channel to one virtual function: each direction delivers after the control
/// channel latency, in order. A request is handled only if the instance is up and has not restarted since it
/// was sent (a restart loses what was in flight, as a reconnecting agent would).
/// </summary>
internal sealed class FunctionChannel : INfvChannel
{
    private readonly VirtualFunction _function;
    private readonly SimulatedNetwork _network;
    private readonly IFunctionMessageSink _sink;

    public FunctionChannel(VirtualFunction function, SimulatedNetwork network, IFunctionMessageSink sink)
    {
        _function = function;
        _network = network;
        _sink = sink;
    }

    public string FunctionId => _function.Id;
    public bool IsDisposed { get; private set; }

    public void Send(FunctionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        var epoch = _function.Epoch;
        After(() => _function.Handle(request, epoch, this));
    }

    internal void ToController(FunctionMessage message) =>
        After(() =>
        {
            if (!IsDisposed) _sink.Receive(message);
        });

    private void After(Action action)
    {
        var loop = _network.Loop;
        var latency = _network.Options.ControlChannelLatency;
        loop.ScheduleAt(loop.Now + (latency > TimeSpan.Zero ? latency : TimeSpan.Zero), action);
    }

    public void Dispose()
    {
        IsDisposed = true;
        _function.ChannelClosed(this);
    }
}
