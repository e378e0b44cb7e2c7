using SdnController.Topology.Model.Nfv;

namespace SdnController.Nfv.Nat;

/// <summary>
/// Source-NAT mappings: (protocol, inside address, inside port) ↔ (protocol, public port). Endpoint
/// independent: one inside socket keeps one public port whoever it talks to. A mapping idle longer than
/// the timeout is freed; ports are handed out round-robin so a freed port is not reused at once.
/// </summary>
internal sealed class PortAllocator
{
    private readonly record struct Inside(byte Protocol, uint Address, ushort Port);

    internal readonly record struct InsideEndpoint(uint Address, ushort Port);

    private sealed class Mapping
    {
        public required Inside Inside;
        public required ushort PublicPort;
        public TimeSpan LastSeen;
    }

    private readonly Dictionary<Inside, Mapping> _byInside = new();
    private readonly Dictionary<(byte, ushort), Mapping> _byPublic = new();
    private readonly int[] _activePerProtocol = new int[256];
    private PortRange _range;
    private TimeSpan _timeout;
    private int _next;

    public int Count => _byInside.Count;

    public void Reset(SourceNat? snat)
    {
        _byInside.Clear();
        _byPublic.Clear();
        Array.Clear(_activePerProtocol);
        if (snat is null) return;
        Retarget(snat);
        _next = _range.Low;
    }

    /// <summary>Same address and ports, maybe another timeout: mappings stay.</summary>
    public void Retarget(SourceNat snat)
    {
        _range = snat.Ports;
        _timeout = snat.Timeout;
        if (_next < _range.Low || _next > _range.High) _next = _range.Low;
    }

    public bool TryOutbound(byte protocol, uint address, ushort port, TimeSpan now, out ushort publicPort)
    {
        var key = new Inside(protocol, address, port);
        if (_byInside.TryGetValue(key, out var m))
        {
            if (now - m.LastSeen <= _timeout)
            {
                m.LastSeen = now;
                publicPort = m.PublicPort;
                return true;
            }
            Free(m);
        }
        if (!TryAllocate(protocol, now, out publicPort)) return false;
        m = new Mapping { Inside = key, PublicPort = publicPort, LastSeen = now };
        _byInside[key] = m;
        _byPublic[(protocol, publicPort)] = m;
        _activePerProtocol[protocol]++;
        return true;
    }

    public bool TryInbound(byte protocol, ushort publicPort, TimeSpan now, out InsideEndpoint inside)
    {
        inside = default;
        if (!_byPublic.TryGetValue((protocol, publicPort), out var m)) return false;
        if (now - m.LastSeen > _timeout)
        {
            Free(m);
            return false;
        }
        m.LastSeen = now;
        inside = new InsideEndpoint(m.Inside.Address, m.Inside.Port);
        return true;
    }

    private bool TryAllocate(byte protocol, TimeSpan now, out ushort port)
    {
        var size = _range.Count;
        // Full of mappings: free the idle ones first, and give up at once when none are.
        if (_activePerProtocol[protocol] >= size && SweepExpired(protocol, now) == 0)
        {
            port = 0;
            return false;
        }
        for (var tries = 0; tries < size; tries++)
        {
            var candidate = (ushort)_next;
            _next = _next >= _range.High ? _range.Low : _next + 1;
            if (!_byPublic.TryGetValue((protocol, candidate), out var held)) { port = candidate; return true; }
            if (now - held.LastSeen > _timeout)
            {
                Free(held);
                port = candidate;
                return true;
            }
        }
        port = 0;
        return false;
    }

    private int SweepExpired(byte protocol, TimeSpan now)
    {
        List<Mapping>? stale = null;
        foreach (var m in _byInside.Values)
            if (m.Inside.Protocol == protocol && now - m.LastSeen > _timeout) (stale ??= new List<Mapping>()).Add(m);
        if (stale is null) return 0;
        foreach (var m in stale) Free(m);
        return stale.Count;
    }

    private void Free(Mapping m)
    {
        _byInside.Remove(m.Inside);
        _byPublic.Remove((m.Inside.Protocol, m.PublicPort));
        _activePerProtocol[m.Inside.Protocol]--;
    }
}
