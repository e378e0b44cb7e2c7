using SdnController.Nfv.Functions;
using SdnController.Nfv.Packets;
using SdnController.Topology.Model.Nfv;

namespace SdnController.Nfv.Nat;

/// <summary>
/// Source NAT with port allocation, and destination NAT (port forwarding), both translating replies back.
/// Checksums stay valid (incremental updates). TCP, UDP and ICMP echo (by identifier) are translated.
/// </summary>
/// <remarks>
/// Order per packet: a port forward's address and port; a reply to a forwarded connection; a reply to a
/// source-NAT mapping (the public address); a packet from the inside prefix. Anything else passes untouched,
/// except packets to the public address with no mapping, which are dropped as a NAT does. Non-IPv4 frames
/// pass; cut-off IPv4 frames are dropped (they cannot be translated consistently).
/// Rule indexes: 0 is "snat", 1.. the port forwards in order.
/// </remarks>
public sealed class NatFunction : NetworkFunction<NatConfig>
{
    /// <summary>How long a port forward's connection is remembered for translating its replies, when there is no snat timeout.</summary>
    public static readonly TimeSpan DefaultForwardTimeout = TimeSpan.FromSeconds(60);

    private SourceNat? _snat;
    private DestinationNat[] _dnat = Array.Empty<DestinationNat>();
    private readonly PortAllocator _ports = new();
    // Forwarded connections, by the reply's tuple (backend → client): the public address and port to restore.
    private readonly Dictionary<FlowKey, (uint Address, ushort Port, int Rule, TimeSpan LastSeen)> _forwarded = new();

    private readonly IdleSweep _forwardedSweep = new();

    public NatFunction(string id) : base(id) { }

    public override NfvKind Kind => NfvKind.Nat;
    /// <summary>Source-NAT mappings held now.</summary>
    public int MappingCount => _ports.Count;

    private TimeSpan Timeout => _snat?.Timeout ?? DefaultForwardTimeout;

    protected override void Apply(NatConfig config, NatConfig? previous)
    {
        // Mappings stay valid only while the public address and port range they came from stand.
        if (config.Snat is not { } s || previous?.Snat is not { } p || s.Address != p.Address || s.Ports != p.Ports) _ports.Reset(config.Snat);
        else _ports.Retarget(s);
        _snat = config.Snat;
        _dnat = config.Dnat.ToArray();
        _forwarded.Clear();
    }

    protected override IReadOnlyList<string> RuleNames(NatConfig config)
    {
        var names = new List<string> { "snat" };
        foreach (var d in config.Dnat)
            names.Add($"dnat {TransportProtocols.Name(d.Protocol)} {Ipv4Cidr.FormatAddress(d.Address)}:{d.Port}");
        return names;
    }

    protected override NfvVerdict ProcessFrame(Span<byte> frame, TimeSpan now, string? trafficClass)
    {
        switch (PacketView.Parse(frame, out var v))
        {
            case FrameClass.NotIpv4: return NfvVerdict.Forward();
            case FrameClass.Malformed: return NfvVerdict.Drop(DropReason.Malformed);
        }
        if (!v.HasPorts || v.IsFragment) return UntranslatableVerdict(v);

        // Port forwards: inbound to the public address and port.
        for (var i = 0; i < _dnat.Length; i++)
        {
            var d = _dnat[i];
            if ((int)d.Protocol != v.Protocol || d.Address != v.Destination || d.Port != v.DestinationPort) continue;
            var client = v.Source;
            var clientPort = v.SourcePort;
            FrameRewrite.SetDestination(frame, ref v, d.ToAddress, (ushort)d.ToPort);
            _forwarded[new FlowKey(d.ToAddress, client, (ushort)d.ToPort, clientPort, v.Protocol)] = (d.Address, (ushort)d.Port, i + 1, now);
            _forwardedSweep.MaybeSweep(_forwarded, static e => e.LastSeen, now, Timeout);
            return NfvVerdict.Rewritten(i + 1);
        }
        // Replies of forwarded connections.
        var flow = v.Flow;
        if (_forwarded.TryGetValue(flow, out var back))
        {
            if (now - back.LastSeen <= Timeout)
            {
                _forwarded[flow] = back with { LastSeen = now };
                FrameRewrite.SetSource(frame, ref v, back.Address, back.Port);
                return NfvVerdict.Rewritten(back.Rule);
            }
            _forwarded.Remove(flow);
        }
        if (_snat is not { } snat) return NfvVerdict.Forward();

        // Replies to source-NAT mappings.
        if (v.Destination == snat.Address)
        {
            if (!_ports.TryInbound(v.Protocol, v.DestinationPort, now, out var inside)) return NfvVerdict.Drop(DropReason.NoMapping, 0);
            FrameRewrite.SetDestination(frame, ref v, inside.Address, inside.Port);
            return NfvVerdict.Rewritten(0);
        }
        // Outbound from the inside.
        if (snat.Inside.Contains(v.Source) && !snat.Inside.Contains(v.Destination))
        {
            if (!_ports.TryOutbound(v.Protocol, v.Source, v.SourcePort, now, out var publicPort)) return NfvVerdict.Drop(DropReason.NoMapping, 0);
            FrameRewrite.SetSource(frame, ref v, snat.Address, publicPort);
            return NfvVerdict.Rewritten(0);
        }
        return NfvVerdict.Forward();
    }

    /// <summary>ICMP errors, other protocols and fragments carry no ports to map: they may not leave with an inside source.</summary>
    private NfvVerdict UntranslatableVerdict(in PacketView v)
    {
        if (_snat is { } s && (s.Inside.Contains(v.Source) && !s.Inside.Contains(v.Destination) || v.Destination == s.Address))
            return NfvVerdict.Drop(DropReason.NoMapping, 0);
        return NfvVerdict.Forward();
    }
}
