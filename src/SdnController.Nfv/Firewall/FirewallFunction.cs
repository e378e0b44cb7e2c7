using SdnController.Nfv.Functions;
using SdnController.Nfv.Packets;
using SdnController.Topology.Model.Nfv;

namespace SdnController.Nfv.Firewall;

/// <summary>
/// A stateful firewall: ordered 5-tuple rules, first match wins, the instance's default otherwise. A
/// packet allowed by a rule opens a connection; packets of that connection in either direction then
/// pass without the rules until it has been idle for <see cref="IdleTimeout"/>.
/// </summary>
/// <remarks>
/// ARP and LLDP pass (hosts must resolve addresses across it, links must be discovered); any other
/// non-IPv4 frame (IPv6 included) gets the default, since the rules speak IPv4 only and must not be
/// bypassed by another protocol. Cut-off IPv4 frames are dropped.
/// </remarks>
public sealed class FirewallFunction : NetworkFunction<FirewallConfig>
{
    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromSeconds(120);

    private CompiledMatch[] _matches = Array.Empty<CompiledMatch>();
    private bool[] _allows = Array.Empty<bool>();
    private bool _defaultAllows;
    private int _defaultRule;
    private long _ruleGeneration;
    private readonly ConnectionTable _connections;

    public FirewallFunction(string id, TimeSpan? idleTimeout = null, int maxConnections = ConnectionTable.DefaultCapacity) : base(id)
    {
        IdleTimeout = idleTimeout ?? DefaultIdleTimeout;
        _connections = new ConnectionTable(maxConnections);
    }

    public override NfvKind Kind => NfvKind.Firewall;
    public TimeSpan IdleTimeout { get; }
    /// <summary>Connections tracked now (expired ones linger until swept).</summary>
    public int ConnectionCount => _connections.Count;

    protected override void Apply(FirewallConfig config, FirewallConfig? previous)
    {
        var n = config.Rules.Count;
        _matches = new CompiledMatch[n];
        _allows = new bool[n];
        for (var i = 0; i < n; i++)
        {
            var r = config.Rules[i];
            _matches[i] = new CompiledMatch(r.Protocol, r.Source, r.Destination, r.SourcePorts, r.DestinationPorts);
            _allows[i] = r.Action == FirewallAction.Allow;
        }
        _defaultAllows = config.Default == FirewallAction.Allow;
        _defaultRule = n;
        // Connections opened under older rules are judged again by these on their next packet.
        _ruleGeneration++;
    }

    protected override IReadOnlyList<string> RuleNames(FirewallConfig config)
    {
        var names = new string[config.Rules.Count + 1];
        for (var i = 0; i < config.Rules.Count; i++) names[i] = $"rule {i + 1}";
        names[^1] = "default";
        return names;
    }

    protected override NfvVerdict ProcessFrame(Span<byte> frame, TimeSpan now, string? trafficClass)
    {
        switch (PacketView.Parse(frame, out var v))
        {
            case FrameClass.Malformed:
                return NfvVerdict.Drop(DropReason.Malformed);
            case FrameClass.NotIpv4:
                if (v.EtherType is PacketView.EtherTypeArp or PacketView.EtherTypeLldp) return NfvVerdict.Forward();
                return _defaultAllows ? NfvVerdict.Forward(_defaultRule) : NfvVerdict.Drop(DropReason.DefaultDeny, _defaultRule);
        }
        var flow = v.Flow;
        if (_connections.TryTouch(flow, now, IdleTimeout, out var entry))
        {
            if (entry.Generation == _ruleGeneration || Decide(entry.Originator, v.HasPorts) is var (allowed, _) && allowed)
            {
                _connections.Refresh(entry.Originator, _ruleGeneration);
                return NfvVerdict.Forward(entry.Rule);
            }
            // The new rules no longer allow this connection: forget it and judge the packet afresh.
            _connections.Remove(entry.Originator);
        }
        var (allow, rule) = Decide(flow, v.HasPorts);
        if (!allow) return NfvVerdict.Drop(rule == _defaultRule ? DropReason.DefaultDeny : DropReason.Denied, rule);
        _connections.Open(flow, now, rule, _ruleGeneration, IdleTimeout);
        return NfvVerdict.Forward(rule);
    }

    private (bool Allow, int Rule) Decide(in FlowKey flow, bool hasPorts)
    {
        var matches = _matches;
        for (var i = 0; i < matches.Length; i++)
            if (matches[i].Matches(flow, hasPorts)) return (_allows[i], i);
        return (_defaultAllows, _defaultRule);
    }
}
