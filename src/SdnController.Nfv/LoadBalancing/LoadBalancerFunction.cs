using SdnController.Nfv.Functions;
using SdnController.Nfv.Packets;
using SdnController.Topology.Model.Nfv;

namespace SdnController.Nfv.LoadBalancing;

/// <summary>
/// A layer-4 load balancer: connections to the VIP go to a backend chosen by consistent hashing of the
/// client's address, port and protocol; the destination is rewritten to the backend and the backend's
/// replies get the VIP back as their source. A connection stays on its backend while that backend is
/// healthy (<see cref="SetBackendHealth"/>); when it goes down its connections hash again over the rest.
/// </summary>
/// <remarks>
/// Rule indexes are backends. Packets for the VIP on another protocol or port are dropped (nothing listens
/// there); other traffic passes untouched. Ethernet addresses are left to the network that steers frames.
/// </remarks>
public sealed class LoadBalancerFunction : NetworkFunction<LoadBalancerConfig>
{
    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromSeconds(120);

    private LoadBalancerBackend[] _backends = Array.Empty<LoadBalancerBackend>();
    private bool[] _healthy = Array.Empty<bool>();
    private ConsistentHashRing _ring = new(Array.Empty<string>());
    private readonly Dictionary<FlowKey, (int Backend, TimeSpan LastSeen)> _connections = new();
    private readonly Dictionary<FlowKey, TimeSpan> _replies = new();
    private readonly IdleSweep _connectionSweep = new();
    private readonly IdleSweep _replySweep = new();
    private uint _vip;
    private ushort _vipPort;
    private byte _protocol;

    public LoadBalancerFunction(string id, TimeSpan? idleTimeout = null) : base(id) => IdleTimeout = idleTimeout ?? DefaultIdleTimeout;

    public override NfvKind Kind => NfvKind.LoadBalancer;
    public TimeSpan IdleTimeout { get; }
    public int ConnectionCount => _connections.Count;

    /// <summary>Marks a backend (host id, or address:port) up or down; false when there is no such backend.</summary>
    public bool SetBackendHealth(string backend, bool healthy)
    {
        for (var i = 0; i < _backends.Length; i++)
        {
            if (_backends[i].Name != backend) continue;
            _healthy[i] = healthy;
            return true;
        }
        return false;
    }

    public bool IsHealthy(string backend)
    {
        for (var i = 0; i < _backends.Length; i++)
            if (_backends[i].Name == backend) return _healthy[i];
        return false;
    }

    /// <summary>The backend a new connection from this client would go to now, or null when all are down.</summary>
    public LoadBalancerBackend? Pick(uint client, ushort clientPort)
    {
        var b = _ring.Lookup(Hash(new FlowKey(client, _vip, clientPort, _vipPort, _protocol)), _healthy);
        return b < 0 ? null : _backends[b];
    }

    protected override void Apply(LoadBalancerConfig config, LoadBalancerConfig? previous)
    {
        // Health is the controller's knowledge about a backend: it survives a change of the backend list, unless the
        // configuration states it (DownBackends, as the controller pushes it).
        var oldHealth = new Dictionary<string, bool>(StringComparer.Ordinal);
        for (var i = 0; i < _backends.Length; i++) oldHealth[_backends[i].Name] = _healthy[i];
        _backends = config.Backends.ToArray();
        _healthy = new bool[_backends.Length];
        var names = new string[_backends.Length];
        for (var i = 0; i < _backends.Length; i++)
        {
            names[i] = _backends[i].Name;
            _healthy[i] = config.DownBackends is { } down ? !Contains(down, names[i]) : oldHealth.GetValueOrDefault(names[i], true);
        }
        _ring = new ConsistentHashRing(names);
        _vip = config.VipAddress;
        _vipPort = (ushort)config.VipPort;
        _protocol = (byte)config.Protocol;
        _connections.Clear();
        _replies.Clear();
    }

    private static bool Contains(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
            if (names[i] == name) return true;
        return false;
    }

    protected override IReadOnlyList<string> RuleNames(LoadBalancerConfig config) => config.Backends.Select(b => b.Name).ToArray();

    protected override NfvVerdict ProcessFrame(Span<byte> frame, TimeSpan now, string? trafficClass)
    {
        switch (PacketView.Parse(frame, out var v))
        {
            case FrameClass.NotIpv4: return NfvVerdict.Forward();
            case FrameClass.Malformed: return NfvVerdict.Drop(DropReason.Malformed);
        }
        if (v.Destination == _vip)
        {
            if (v.Protocol != _protocol || !v.HasPorts || v.DestinationPort != _vipPort) return NfvVerdict.Drop(DropReason.NoBackend);
            var flow = v.Flow;
            var backend = -1;
            if (_connections.TryGetValue(flow, out var c) && now - c.LastSeen <= IdleTimeout && _healthy[c.Backend]) backend = c.Backend;
            if (backend < 0)
            {
                backend = _ring.Lookup(Hash(flow), _healthy);
                if (backend < 0)
                {
                    _connections.Remove(flow);
                    return NfvVerdict.Drop(DropReason.NoBackend);
                }
            }
            _connections[flow] = (backend, now);
            _connectionSweep.MaybeSweep(_connections, static e => e.LastSeen, now, IdleTimeout);
            _replySweep.MaybeSweep(_replies, static t => t, now, IdleTimeout);
            var b = _backends[backend];
            _replies[new FlowKey(b.Address, v.Source, (ushort)b.Port, v.SourcePort, v.Protocol)] = now;
            FrameRewrite.SetDestination(frame, ref v, b.Address, (ushort)b.Port);
            return NfvVerdict.Rewritten(backend);
        }
        // A backend's reply to a balanced connection leaves as the VIP.
        if (v.HasPorts && _replies.TryGetValue(v.Flow, out var seen))
        {
            if (now - seen <= IdleTimeout)
            {
                _replies[v.Flow] = now;
                var rule = BackendOf(v.Source, v.SourcePort);
                FrameRewrite.SetSource(frame, ref v, _vip, _vipPort);
                return NfvVerdict.Rewritten(rule);
            }
            _replies.Remove(v.Flow);
        }
        return NfvVerdict.Forward();
    }

    private int BackendOf(uint address, ushort port)
    {
        for (var i = 0; i < _backends.Length; i++)
            if (_backends[i].Address == address && _backends[i].Port == port) return i;
        return -1;
    }

    // The client's side only: the destination is always the VIP.
    private static ulong Hash(in FlowKey f) =>
        ConsistentHashRing.Mix(((ulong)f.Source << 32) ^ ((ulong)f.SourcePort << 8) ^ f.Protocol);
}
