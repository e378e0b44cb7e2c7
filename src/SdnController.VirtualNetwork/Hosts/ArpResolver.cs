using SdnController.Southbound.Time;
using SdnController.VirtualNetwork.Packets;
using SdnController.VirtualNetwork.Switching;

namespace SdnController.VirtualNetwork.Hosts;

/// <summary>
/// A host's neighbour table: IPv4 → MAC from ARP replies (and requests aimed at us), with frames for an
/// unresolved address held until the reply comes. Like Linux: a request, then another every 3 s without a
/// reply; after <see cref="MaxRequests"/> unanswered requests the held frames are dropped and the next frame
/// starts over.
/// </summary>
internal sealed class ArpResolver
{
    public const int MaxQueuedFrames = 64;
    public const int MaxRequests = 3;
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(3);

    private readonly VirtualHost _host;
    private readonly Dictionary<uint, ulong> _cache = new();
    private readonly Dictionary<uint, Pending> _pending = new();

    public ArpResolver(VirtualHost host) => _host = host;

    public long RequestsSent { get; private set; }
    public int CacheSize => _cache.Count;

    public bool TryResolve(uint ip, out ulong mac) => _cache.TryGetValue(ip, out mac);

    /// <summary>Send an IPv4 frame to <paramref name="ip"/>: now if the MAC is known, else after ARP resolves it.</summary>
    public void Send(Packet packet, uint ip)
    {
        if (_cache.TryGetValue(ip, out var mac))
        {
            Transmit(packet, mac);
            return;
        }
        if (!_pending.TryGetValue(ip, out var pending))
        {
            pending = new Pending(ip);
            _pending[ip] = pending;
            Request(pending);
        }
        if (pending.Frames.Count >= MaxQueuedFrames)
        {
            _host.Network.ReportDrop(packet, DropReason.QueueFull, _host.Id);
            return;
        }
        pending.Frames.Enqueue(packet);
    }

    /// <summary>Record a mapping and release the frames waiting for it.</summary>
    public void Learn(uint ip, ulong mac)
    {
        _cache[ip] = mac;
        if (!_pending.Remove(ip, out var pending)) return;
        pending.Retry?.Cancel();
        while (pending.Frames.TryDequeue(out var packet)) Transmit(packet, mac);
    }

    private void Request(Pending pending)
    {
        pending.Requests++;
        RequestsSent++;
        var frame = FrameFactory.ArpRequest(_host.Mac, _host.Ipv4Address, pending.Ip);
        _host.SendFrame(_host.Network.NewPacket(frame, -1));
        pending.Retry = _host.Network.Loop.Clock.Schedule(RetryInterval, () => OnRetry(pending));
    }

    private void OnRetry(Pending pending)
    {
        if (!_pending.TryGetValue(pending.Ip, out var current) || current != pending) return;
        if (pending.Requests < MaxRequests)
        {
            Request(pending);
            return;
        }
        _pending.Remove(pending.Ip);
        while (pending.Frames.TryDequeue(out var packet)) _host.Network.ReportDrop(packet, DropReason.NoSuchHost, _host.Id);
    }

    private void Transmit(Packet packet, ulong mac)
    {
        new Southbound.Matching.MacAddress(mac).WriteTo(packet.Frame.AsSpan(0, 6));
        _host.SendFrame(packet);
    }

    private sealed class Pending(uint ip)
    {
        public uint Ip { get; } = ip;
        public Queue<Packet> Frames { get; } = new();
        public int Requests { get; set; }
        public IScheduledWork? Retry { get; set; }
    }
}
