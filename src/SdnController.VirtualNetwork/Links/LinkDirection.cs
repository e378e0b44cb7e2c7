using SdnController.VirtualNetwork.Packets;
using SdnController.VirtualNetwork.Simulation;
using SdnController.VirtualNetwork.Switching;

namespace SdnController.VirtualNetwork.Links;

/// <summary>
/// One direction of a link: a transmitter that serialises one frame at a time at the link's bandwidth, a
/// FIFO queue in front of it, then propagation latency. Frames arrive in the order sent.
/// </summary>
/// <remarks>
/// Nothing is scheduled per queued frame except its arrival: start and finish of serialisation follow
/// from the transmitter's busy-until time, so the queue is just the list of frames not yet fully sent.
/// Queue capacity counts the frame being serialised too.
/// </remarks>
public sealed class LinkDirection
{
    private static readonly Action<object> ArriveCallback = state => ((LinkDirection)state).ArriveHead();

    private readonly EventLoop _loop;
    private readonly LinkParameters _parameters;
    private readonly Random _random;
    private readonly IDropObserver _drops;
    private readonly double _ticksPerBit;
    // Frames on the way: queued, being serialised or propagating, in arrival order (arrival times never decrease).
    private readonly Queue<InFlight> _inFlight = new();
    // Serialisation finish times of frames not yet fully sent; its length is the queue occupancy.
    private readonly Queue<long> _finishTicks = new();
    private long _busyUntilTicks;
    private IFrameSink? _sink;
    private DropReason _downReason = DropReason.PortDown;

    internal LinkDirection(string id, EventLoop loop, LinkParameters parameters, Random random, IDropObserver drops)
    {
        Id = id;
        _loop = loop;
        _parameters = parameters;
        _random = random;
        _drops = drops;
        _ticksPerBit = TimeSpan.TicksPerSecond / parameters.BandwidthBps;
    }

    /// <summary>"linkId:from→to", used in drop reports.</summary>
    public string Id { get; }
    public bool IsCarrying { get; private set; } = true;

    public long FramesOffered { get; private set; }
    public long FramesDelivered { get; private set; }
    public long BytesDelivered { get; private set; }
    public long DroppedQueueFull { get; private set; }
    public long DroppedLoss { get; private set; }
    /// <summary>Offered while down, or lost on the wire when the direction went down.</summary>
    public long DroppedDown { get; private set; }
    /// <summary>Frames waiting or being serialised right now.</summary>
    public int QueueLength
    {
        get
        {
            TrimFinished(_loop.Now.Ticks);
            return _finishTicks.Count;
        }
    }
    public int MaxQueueLength { get; private set; }

    internal void Connect(IFrameSink sink) => _sink = sink;

    /// <summary>Serialisation time of a frame of this many bytes (Ethernet frame without preamble/FCS).</summary>
    public TimeSpan SerialisationTime(int frameBytes) => TimeSpan.FromTicks((long)Math.Round(frameBytes * 8 * _ticksPerBit));

    internal void Send(Packet packet)
    {
        FramesOffered++;
        if (!IsCarrying)
        {
            DroppedDown++;
            _drops.Dropped(packet, _downReason, Id);
            return;
        }
        var now = _loop.Now.Ticks;
        TrimFinished(now);
        if (_finishTicks.Count >= _parameters.QueueCapacityPackets)
        {
            DroppedQueueFull++;
            _drops.Dropped(packet, DropReason.QueueFull, Id);
            return;
        }
        var start = Math.Max(now, _busyUntilTicks);
        var finish = start + (long)Math.Round(packet.Frame.Length * 8 * _ticksPerBit);
        _busyUntilTicks = finish;
        _finishTicks.Enqueue(finish);
        if (_finishTicks.Count > MaxQueueLength) MaxQueueLength = _finishTicks.Count;
        var arrival = TimeSpan.FromTicks(finish) + _parameters.Latency;
        var entry = _loop.ScheduleAt(arrival, ArriveCallback, this);
        _inFlight.Enqueue(new InFlight(packet, entry));
    }

    /// <summary>Stop carrying: every frame queued or on the wire is lost, and later frames are dropped with <paramref name="reason"/>.</summary>
    internal void Stop(DropReason reason)
    {
        _downReason = reason;
        if (!IsCarrying) return;
        IsCarrying = false;
        while (_inFlight.TryDequeue(out var f))
        {
            f.Arrival.Cancel();
            DroppedDown++;
            _drops.Dropped(f.Packet, reason, Id);
        }
        _finishTicks.Clear();
        _busyUntilTicks = 0;
    }

    internal void Start() => IsCarrying = true;

    private void ArriveHead()
    {
        // Arrivals are scheduled in FIFO order with non-decreasing times, and Stop cancels every pending one,
        // so the event that fires always belongs to the head.
        var f = _inFlight.Dequeue();
        if (_parameters.LossRate > 0 && _random.NextDouble() < _parameters.LossRate)
        {
            DroppedLoss++;
            _drops.Dropped(f.Packet, DropReason.LinkLoss, Id);
            return;
        }
        FramesDelivered++;
        BytesDelivered += f.Packet.Frame.Length;
        _sink!.Deliver(f.Packet);
    }

    private void TrimFinished(long now)
    {
        while (_finishTicks.TryPeek(out var t) && t <= now) _finishTicks.Dequeue();
    }

    private readonly record struct InFlight(Packet Packet, ScheduledEntry Arrival);
}
