using System.Runtime.CompilerServices;
using SdnController.VirtualNetwork.Packets;
using SdnController.VirtualNetwork.Simulation;
using SdnController.VirtualNetwork.Switching;

namespace SdnController.VirtualNetwork.Links;

/// <summary>
/// One direction of a link: a transmitter that serialises one frame at a time at the link's bandwidth, a
/// FIFO queue in front of it, then propagation latency. Frames arrive in the order sent.
/// </summary>
/// <remarks>
/// <para>Nothing is scheduled per queued frame except its arrival: start and finish of serialisation follow
/// from the transmitter's busy-until time, so the queue is just the list of frames not yet fully sent.
/// Queue capacity counts the frame being serialised too.</para>
/// <para>Frames on the way (queued, being serialised or propagating) are one FIFO in arrival order; its
/// leading frames whose serialisation has finished are counted, not removed, so the queue occupancy is
/// the rest. The oldest frame lives in a field and only the frames behind it in a ring allocated on first
/// need: a direction that carries one frame at a time (discovery probes on an idle fabric of hundreds of
/// thousands of links) allocates nothing of its own.</para>
/// </remarks>
public sealed class LinkDirection
{
    private static readonly Action<object> ArriveCallback = state => ((LinkDirection)state).ArriveHead();

    private readonly VirtualLink _link;
    private readonly bool _forward;
    private InFlight _head;          // oldest frame on the way, valid when _count > 0
    private InFlight[]? _rest;       // ring of the frames behind the head
    private int _restStart;
    private int _count;              // frames on the way, head included
    private int _sent;               // leading frames known to have finished serialising
    private long _busyUntilTicks;
    private object? _sink;           // SwitchNode (with _sinkPort) or IFrameSink
    private int _sinkPort;
    private DropReason _downReason = DropReason.LinkDown;

    internal LinkDirection(VirtualLink link, bool forward)
    {
        _link = link;
        _forward = forward;
    }

    /// <summary>"linkId:from→to", used in drop reports.</summary>
    public string Id => _forward ? $"{_link.Id}:{_link.EndA}>{_link.EndB}" : $"{_link.Id}:{_link.EndB}>{_link.EndA}";
    public bool IsCarrying { get; private set; } = true;

    /// <summary>Every frame handed to this direction: each is delivered, dropped, or still on the way.</summary>
    public long FramesOffered => FramesDelivered + DroppedQueueFull + DroppedLoss + DroppedDown + _count;
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
            TrimFinished(_link.Loop.Now.Ticks);
            return _count - _sent;
        }
    }
    public int MaxQueueLength { get; private set; }
    /// <summary>Sees each delivered frame; null (the default) costs one check per arrival.</summary>
    public ILinkTap? Tap { get; set; }
    /// <summary>The link this direction belongs to.</summary>
    public VirtualLink Link => _link;
    /// <summary>True for A→B, false for B→A.</summary>
    public bool IsForward => _forward;

    private double TicksPerBit => TimeSpan.TicksPerSecond / _link.Parameters.BandwidthBps;

    internal void Connect(IFrameSink sink) => _sink = sink;

    /// <summary>Deliver to a switch port (no sink object per port).</summary>
    internal void Connect(SwitchNode node, int port)
    {
        _sink = node;
        _sinkPort = port;
    }

    /// <summary>Serialisation time of a frame of this many bytes (Ethernet frame without preamble/FCS).</summary>
    public TimeSpan SerialisationTime(int frameBytes) => TimeSpan.FromTicks((long)Math.Round(frameBytes * 8 * TicksPerBit));

    internal void Send(Packet packet)
    {
        if (!IsCarrying)
        {
            DroppedDown++;
            _link.Drops.Dropped(packet, _downReason, Id);
            return;
        }
        var loop = _link.Loop;
        var parameters = _link.Parameters;
        var now = loop.Now.Ticks;
        TrimFinished(now);
        if (_count - _sent >= parameters.QueueCapacityPackets)
        {
            DroppedQueueFull++;
            _link.Drops.Dropped(packet, DropReason.QueueFull, Id);
            return;
        }
        var start = Math.Max(now, _busyUntilTicks);
        var finish = start + (long)Math.Round(packet.Frame.Length * 8 * TicksPerBit);
        _busyUntilTicks = finish;
        var arrival = TimeSpan.FromTicks(finish) + parameters.Latency;
        var entry = loop.ScheduleAt(arrival, ArriveCallback, this);
        Enqueue(new InFlight(packet, entry, finish));
        if (_count - _sent > MaxQueueLength) MaxQueueLength = _count - _sent;
    }

    /// <summary>Stop carrying: every frame queued or on the wire is lost, and later frames are dropped with <paramref name="reason"/>.</summary>
    internal void Stop(DropReason reason)
    {
        _downReason = reason;
        if (!IsCarrying) return;
        IsCarrying = false;
        while (_count > 0)
        {
            var f = Dequeue();
            f.Arrival.Cancel();
            DroppedDown++;
            _link.Drops.Dropped(f.Packet, reason, Id);
        }
        _busyUntilTicks = 0;
    }

    internal void Start() => IsCarrying = true;

    private void ArriveHead()
    {
        // Arrivals are scheduled in FIFO order with non-decreasing times, and Stop cancels every pending one,
        // so the event that fires always belongs to the head.
        var f = Dequeue();
        var lossRate = _link.Parameters.LossRate;
        if (lossRate > 0 && _link.Random.NextDouble() < lossRate)
        {
            DroppedLoss++;
            _link.Drops.Dropped(f.Packet, DropReason.LinkLoss, Id);
            return;
        }
        FramesDelivered++;
        BytesDelivered += f.Packet.Frame.Length;
        Tap?.Observe(this, f.Packet.Frame, _link.Loop.Now);
        if (_sink is SwitchNode node) node.ReceiveFrame(f.Packet, _sinkPort);
        else ((IFrameSink)_sink!).Deliver(f.Packet);
    }

    private void TrimFinished(long now)
    {
        while (_sent < _count && At(_sent).FinishTicks <= now) _sent++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref InFlight At(int i)
    {
        if (i == 0) return ref _head;
        var ring = _rest!;
        var k = _restStart + i - 1;
        if (k >= ring.Length) k -= ring.Length;
        return ref ring[k];
    }

    private void Enqueue(InFlight f)
    {
        if (_count == 0)
        {
            _head = f;
            _count = 1;
            return;
        }
        if (_rest is null || _count - 1 == _rest.Length) GrowRing();
        var k = _restStart + _count - 1;
        if (k >= _rest!.Length) k -= _rest.Length;
        _rest[k] = f;
        _count++;
    }

    private InFlight Dequeue()
    {
        var f = _head;
        if (_count > 1)
        {
            _head = _rest![_restStart];
            _rest[_restStart] = default;
            if (++_restStart == _rest.Length) _restStart = 0;
        }
        else
        {
            _head = default;
            _restStart = 0;
        }
        _count--;
        if (_sent > 0) _sent--;
        return f;
    }

    private void GrowRing()
    {
        var old = _rest;
        var grown = new InFlight[old is null ? 4 : old.Length * 2];
        for (var i = 0; i < _count - 1; i++) grown[i] = At(i + 1);
        _rest = grown;
        _restStart = 0;
    }

    private readonly record struct InFlight(Packet Packet, ScheduledEntry Arrival, long FinishTicks);
}
