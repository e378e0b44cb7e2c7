using System.Collections.Immutable;
using System.Net.Sockets;
using SdnController.Controller.Messages;
using SdnController.Controller.Routing;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Matching;
using SdnController.Southbound.Rules;
using SdnController.Topology.Model;

namespace SdnController.Controller.Planning;

/// <summary>
/// Turns a flow and its path into flow rules: one per switch per direction, all at
/// <see cref="ControllerOptions.FlowPriority"/>, matching the flow's headers (no in-port, so a switch
/// on both an old and a new path is updated by one Add that replaces the rule in place) and sending
/// out the path's next port. Pure; the match of a direction is the same on every switch.
/// </summary>
public sealed class RulePlanner
{
    public const ushort EthTypeIpv4 = 0x0800;

    /// <summary>
    /// VLAN id of a flow's tagged configuration version (see <see cref="RuleRole"/>). One id serves every
    /// flow: the tagged rules also match the flow's headers, so the tag only tells a flow's two versions
    /// apart, and a flow alternates between untagged (its original version) and this tag.
    /// </summary>
    public const ushort VersionVlan = 3901;

    private readonly Topology.Model.Topology _topology;
    // Output action lists by port: every rule out of the same port shares one immutable array.
    private readonly ImmutableArray<FlowAction>[] _byPort = new ImmutableArray<FlowAction>[256];
    private readonly ImmutableArray<FlowAction>[] _pushByPort = new ImmutableArray<FlowAction>[256];
    private readonly ImmutableArray<FlowAction>[] _popByPort = new ImmutableArray<FlowAction>[256];
    private static readonly PushVlanAction PushVersion = new(VersionVlan);
    private static readonly PopVlanAction Pop = new();

    public RulePlanner(Topology.Model.Topology topology, ControllerOptions options)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(options);
        _topology = topology;
        Priority = options.FlowPriority;
    }

    public int Priority { get; }

    /// <summary>
    /// Priority of a rule with this match: a tagged rule sits one above the untagged rules, so a tagged packet
    /// in flight meets its own version's rule even where the flow's untagged rule (VLAN wildcarded) is installed too.
    /// </summary>
    public int PriorityOf(Match match) => match.Vlan is { Untagged: false } ? Priority + 1 : Priority;

    /// <summary>The match of a direction's tagged version: its headers and VLAN <see cref="VersionVlan"/>.</summary>
    public static Match Tagged(Match match) => match with { Vlan = VlanMatch.Id(VersionVlan) };

    /// <summary>
    /// Actions of a rule entering by inPort and leaving by outPort in this role: plain output, push the
    /// version tag first (tagged version's ingress), or pop it first (tagged version's egress, before the
    /// host port). Cached per port like <see cref="ActionsFor(int, int)"/>.
    /// </summary>
    public ImmutableArray<FlowAction> ActionsFor(int inPort, int outPort, RuleRole role)
    {
        if (role == RuleRole.Plain) return ActionsFor(inPort, outPort);
        var port = OutputPort(inPort, outPort);
        var cache = role == RuleRole.PushTag ? _pushByPort : _popByPort;
        if ((uint)port < (uint)cache.Length && !cache[port].IsDefault) return cache[port];
        FlowAction first = role == RuleRole.PushTag ? PushVersion : Pop;
        var actions = ImmutableArray.Create(first, new OutputAction(port));
        if ((uint)port < (uint)cache.Length) cache[port] = actions;
        return actions;
    }

    /// <summary>
    /// Matches of both directions. IPv4 hosts: eth_type 0x0800, /32 source and destination, ip_proto
    /// (0 = any protocol) and the L4 ports that are nonzero; the reverse direction swaps addresses and
    /// ports. When either host has no IPv4 address the match is on the two MAC addresses instead.
    /// </summary>
    public FlowMatches MatchesFor(FlowSpec spec, int srcHost, int dstHost)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var addresses = _hostAddresses ??= HostAddresses.Of(_topology);
        var forward = MatchOf(addresses, srcHost, dstHost, spec.IpProtocol, spec.SourcePort, spec.DestinationPort);
        var reverse = spec.Bidirectional ? MatchOf(addresses, dstHost, srcHost, spec.IpProtocol, spec.DestinationPort, spec.SourcePort) : null;
        return new FlowMatches(forward, reverse);
    }

    /// <summary>As <see cref="MatchesFor(FlowSpec, int, int)"/>, finding the hosts by name.</summary>
    public FlowMatches MatchesFor(FlowSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var src = _topology.FindHost(spec.SourceHost) ?? throw new ArgumentException($"flow '{spec.Id}': unknown source host '{spec.SourceHost}'", nameof(spec));
        var dst = _topology.FindHost(spec.DestinationHost) ?? throw new ArgumentException($"flow '{spec.Id}': unknown destination host '{spec.DestinationHost}'", nameof(spec));
        var forward = MatchOf(src, dst, spec.IpProtocol, spec.SourcePort, spec.DestinationPort);
        var reverse = spec.Bidirectional ? MatchOf(dst, src, spec.IpProtocol, spec.DestinationPort, spec.SourcePort) : null;
        return new FlowMatches(forward, reverse);
    }

    /// <summary>The rule of one direction on one switch of its path.</summary>
    public FlowRule RuleFor(Match match, ulong cookie, int inPort, int outPort) =>
        new(Priority, match, ActionsFor(inPort, outPort)) { Cookie = cookie };

    /// <summary>
    /// Every rule of the flow: forward along <paramref name="path"/> and, for a bidirectional flow,
    /// reverse along the same switches the other way (out of each switch's forward in-port).
    /// </summary>
    public ImmutableArray<PlannedRule> Plan(FlowSpec spec, long flowNumber, FlowPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var matches = MatchesFor(spec);
        var rules = ImmutableArray.CreateBuilder<PlannedRule>(path.Length * (matches.Reverse is null ? 1 : 2));
        var forwardCookie = FlowCookie.Of(flowNumber, FlowDirection.Forward);
        for (var k = 0; k < path.Length; k++)
            rules.Add(new PlannedRule(path.Switches[k], FlowDirection.Forward, RuleFor(matches.Forward, forwardCookie, path.InPorts[k], path.OutPorts[k])));
        if (matches.Reverse is { } reverse)
        {
            var reverseCookie = FlowCookie.Of(flowNumber, FlowDirection.Reverse);
            for (var k = path.Length - 1; k >= 0; k--)
                rules.Add(new PlannedRule(path.Switches[k], FlowDirection.Reverse, RuleFor(reverse, reverseCookie, path.OutPorts[k], path.InPorts[k])));
        }
        return rules.MoveToImmutable();
    }

    /// <summary>
    /// Actions of a rule entering by inPort and leaving by outPort. Cached per port: equal actions are
    /// the same array, so callers compare them with == (reference) instead of element by element.
    /// </summary>
    public ImmutableArray<FlowAction> ActionsFor(int inPort, int outPort)
    {
        var port = OutputPort(inPort, outPort);
        // Ports of real switches are small: an array slot instead of a hash lookup per rule.
        if ((uint)port < (uint)_byPort.Length && !_byPort[port].IsDefault) return _byPort[port];
        var actions = OutputActions.To(port);
        if ((uint)port < (uint)_byPort.Length) _byPort[port] = actions;
        return actions;
    }

    /// <summary>
    /// The port the rule's output action names: outPort, or OpenFlow's IN_PORT when it is the arrival
    /// port (two hosts sharing a port), since a plain output to the arrival port would be dropped.
    /// Two (in, out) pairs get the same actions exactly when this is equal.
    /// </summary>
    public static int OutputPort(int inPort, int outPort) => outPort == inPort ? PortNumbers.InPort : outPort;

    /// <summary>Every host's IPv4 address and MAC, read once: a flow's matches then cost no address parsing.</summary>
    private HostAddresses? _hostAddresses;

    private static Match MatchOf(HostAddresses a, int src, int dst, byte proto, ushort srcPort, ushort dstPort)
    {
        if (!a.HasIpv4[src] || !a.HasIpv4[dst])
            return new Match { EthSrc = a.Macs[src], EthDst = a.Macs[dst] };
        return new Match
        {
            EthType = EthTypeIpv4,
            Ipv4Src = Ipv4Prefix.Host(a.Ipv4[src]),
            Ipv4Dst = Ipv4Prefix.Host(a.Ipv4[dst]),
            IpProto = proto == 0 ? null : proto,
            L4Src = srcPort == 0 ? null : srcPort,
            L4Dst = dstPort == 0 ? null : dstPort,
        };
    }

    private sealed class HostAddresses
    {
        public required uint[] Ipv4 { get; init; }
        public required bool[] HasIpv4 { get; init; }
        public required MacAddress[] Macs { get; init; }

        public static HostAddresses Of(Topology.Model.Topology topology)
        {
            var n = topology.Hosts.Count;
            var a = new HostAddresses { Ipv4 = new uint[n], HasIpv4 = new bool[n], Macs = new MacAddress[n] };
            for (var i = 0; i < n; i++)
            {
                var host = topology.Hosts[i];
                if (Ipv4Of(host) is { } ip)
                {
                    a.Ipv4[i] = ip;
                    a.HasIpv4[i] = true;
                }
                a.Macs[i] = MacOf(host);
            }
            return a;
        }
    }

    private static Match MatchOf(Host src, Host dst, byte proto, ushort srcPort, ushort dstPort)
    {
        if (Ipv4Of(src) is not { } s || Ipv4Of(dst) is not { } d)
            return new Match { EthSrc = MacOf(src), EthDst = MacOf(dst) };
        return new Match
        {
            EthType = EthTypeIpv4,
            Ipv4Src = Ipv4Prefix.Host(s),
            Ipv4Dst = Ipv4Prefix.Host(d),
            IpProto = proto == 0 ? null : proto,
            L4Src = srcPort == 0 ? null : srcPort,
            L4Dst = dstPort == 0 ? null : dstPort,
        };
    }

    private static uint? Ipv4Of(Host host)
    {
        if (host.IPv4 is not { } a || a.Address.AddressFamily != AddressFamily.InterNetwork) return null;
        var b = a.Address.GetAddressBytes();
        return ((uint)b[0] << 24) | ((uint)b[1] << 16) | ((uint)b[2] << 8) | b[3];
    }

    private static MacAddress MacOf(Host host) => MacAddress.FromBytes(host.Mac.GetAddressBytes());
}
