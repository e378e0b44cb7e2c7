using System.Collections.Immutable;
using SdnController.Controller.Messages;
using SdnController.Controller.Routing;
using SdnController.Controller.Telemetry;
using SdnController.Controller.TopologyView;
using SdnController.Southbound.Matching;
using SdnController.Topology.Model.Nfv;

namespace SdnController.Controller.Flows;

/// <summary>
/// Service chains for the flow manager: which chain a flow takes (the first <c>chains:</c> entry whose match
/// it satisfies) and the route through the chain's functions under the current link and function states.
/// </summary>
/// <remarks>
/// Each function is replaced by its standby when it is down or cut off from the ingress; with neither usable
/// the chain is closed (fail closed): never a route around a function. Links are undirected, so a function
/// reachable from the ingress is reachable from every earlier waypoint and the greedy choice is exact.
/// </remarks>
internal sealed class ChainPlanner
{
    private readonly Topology.Model.Topology _topology;
    private readonly int[] _functionSwitch;
    private readonly int[] _functionPort;
    private readonly int[] _standby;
    /// <summary>By instance index: last known availability (up and configured). Unknown counts as up (an unconfigured instance drops anyway).</summary>
    private readonly bool[] _up;
    private readonly int[][] _through;
    /// <summary>By host index: its IPv4 address (0 without one); a load balancer's branches follow the backends' addresses.</summary>
    private readonly uint[] _hostAddress;

    public ChainPlanner(Topology.Model.Topology topology)
    {
        _topology = topology;
        var n = topology.Nfv.Count;
        _functionSwitch = new int[n];
        _functionPort = new int[n];
        _standby = new int[n];
        _up = new bool[n];
        for (var i = 0; i < n; i++)
        {
            var f = topology.Nfv[i];
            _functionSwitch[i] = topology.IndexOfSwitch(f.Attachment.Node);
            _functionPort[i] = f.Attachment.Port;
            _standby[i] = f.Standby is { } s ? IndexOfFunction(s) : -1;
            _up[i] = true;
        }
        _hostAddress = new uint[topology.Hosts.Count];
        for (var h = 0; h < _hostAddress.Length; h++)
            if (topology.Hosts[h].IPv4 is { IsIPv4: true } ip) _hostAddress[h] = NetworkIndex.ToUInt32(ip.Address);
        _through = new int[topology.Chains.Count][];
        for (var c = 0; c < _through.Length; c++)
        {
            var ids = topology.Chains[c].Through;
            var indices = new int[ids.Count];
            for (var k = 0; k < indices.Length; k++) indices[k] = IndexOfFunction(ids[k]);
            _through[c] = indices;
        }
    }

    public bool Any => _through.Length > 0;

    public int FunctionPort(int function) => _functionPort[function];
    public string FunctionId(int function) => _topology.Nfv[function].Id;

    public int IndexOfFunction(string id)
    {
        for (var i = 0; i < _topology.Nfv.Count; i++)
            if (string.Equals(_topology.Nfv[i].Id, id, StringComparison.Ordinal)) return i;
        return -1;
    }

    /// <summary>Records an instance's availability; true when it changed.</summary>
    public bool SetUp(int function, bool up)
    {
        if (_up[function] == up) return false;
        _up[function] = up;
        return true;
    }

    public bool IsUp(int function) => _up[function];

    /// <summary>Does the chain use this instance (as a function or as a standby)?</summary>
    public bool Uses(int chain, int function)
    {
        foreach (var f in _through[chain])
            if (f == function || (f >= 0 && _standby[f] == function)) return true;
        return false;
    }

    /// <summary>Index of the first chain the flow's traffic matches, or -1.</summary>
    public int ChainOf(FlowSpec spec)
    {
        var chains = _topology.Chains;
        for (var c = 0; c < chains.Count; c++)
            if (Matches(chains[c].Match, spec)) return c;
        return -1;
    }

    /// <summary>
    /// A chain field matches when it is unset or the flow's traffic lies inside it: a flow whose port is open
    /// (0, any) only matches a chain that takes any port, so no chain catches part of a flow's packets.
    /// </summary>
    private static bool Matches(ChainMatch m, FlowSpec spec)
    {
        if (m.From is { } from && !string.Equals(from, spec.SourceHost, StringComparison.Ordinal)) return false;
        if (m.To is { } to && !string.Equals(to, spec.DestinationHost, StringComparison.Ordinal)) return false;
        if (m.Class is { } cls && !string.Equals(cls, spec.Class, StringComparison.Ordinal)) return false;
        if (m.Protocol != TransportProtocol.Any && (int)m.Protocol != spec.IpProtocol) return false;
        if (!PortMatches(m.SourcePorts, spec.SourcePort)) return false;
        return PortMatches(m.DestinationPorts, spec.DestinationPort);
    }

    private static bool PortMatches(PortRange range, ushort port) => range.IsAny || (port != 0 && range.Contains(port));

    /// <summary>
    /// The service address a flow is sent to when its destination is a load balancer or NAT instance rather than a
    /// host (<c>to: lb1</c>), or null. Receivers are host indices.
    /// </summary>
    public (ServiceAddress Service, int[] Receivers)? ServiceOf(FlowSpec spec)
    {
        var key = (spec.DestinationHost, spec.DestinationPort);
        if (_services.TryGetValue(key, out var known)) return known;
        (ServiceAddress, int[])? result = null;
        if (_topology.IndexOfHost(spec.DestinationHost) < 0 && ServiceAddress.Find(_topology, spec.DestinationHost, spec.DestinationPort) is { } service)
        {
            var receivers = new int[service.Receivers.Count];
            for (var i = 0; i < receivers.Length; i++) receivers[i] = _topology.IndexOfHost(service.Receivers[i]);
            result = (service, receivers);
        }
        _services[key] = result;
        return result;
    }

    private readonly Dictionary<(string, ushort), (ServiceAddress, int[])?> _services = new();

    /// <summary>Does the chain go through the instance with this id?</summary>
    public bool GoesThrough(int chain, string functionId) => Array.IndexOf(_through[chain], IndexOfFunction(functionId)) >= 0;

    /// <summary>
    /// The route of a flow from <paramref name="srcHost"/> with forward headers <paramref name="forward"/> through the
    /// chain to each of <paramref name="receivers"/> (the destination host, or the hosts behind a service address).
    /// </summary>
    public ChainRoute Plan(int chain, int srcHost, IReadOnlyList<int> receivers, Match forward, RoutingService routing)
    {
        var through = _through[chain];
        if (through.Length + 1 > Planning.ChainTags.MaxSegments)
            return ChainRoute.Close($"more than {Planning.ChainTags.MaxSegments - 1} functions", ChainClosedCause.TooLong);
        var functions = ImmutableArray.CreateBuilder<int>(through.Length);
        var segments = ImmutableArray.CreateBuilder<FlowPath>(through.Length + 1);
        int sw = routing.SwitchOfHost(srcHost), inPort = routing.PortOfHost(srcHost);
        foreach (var primary in through)
        {
            if (primary < 0) return ChainRoute.Close("unknown function", ChainClosedCause.UnknownFunction);
            FlowPath? segment = null;
            var chosen = -1;
            string? why = null;
            string? cause = null;
            foreach (var candidate in (ReadOnlySpan<int>)[primary, _standby[primary]])
            {
                if (candidate < 0) continue;
                if (!_up[candidate]) { why ??= $"{FunctionId(candidate)} down"; cause ??= ChainClosedCause.FunctionDown; continue; }
                if (_functionSwitch[candidate] < 0) { why ??= $"{FunctionId(candidate)} unattached"; cause ??= ChainClosedCause.FunctionUnattached; continue; }
                segment = routing.RouteBetween(sw, inPort, _functionSwitch[candidate], _functionPort[candidate]);
                if (segment is null) { why ??= $"{FunctionId(candidate)} unreachable"; cause ??= ChainClosedCause.FunctionUnreachable; continue; }
                chosen = candidate;
                break;
            }
            if (chosen < 0)
            {
                var standby = _standby[primary];
                return ChainRoute.Close(standby < 0 ? $"{why}, no standby" : $"{why}; standby {FunctionId(standby)} not usable", cause!);
            }
            functions.Add(chosen);
            segments.Add(segment!);
            sw = _functionSwitch[chosen];
            inPort = _functionPort[chosen];
        }
        // The segments between waypoints are the same for every receiver; the last one and the headers are each's own.
        var chosenFunctions = functions.MoveToImmutable();
        var branches = ImmutableArray.CreateBuilder<ChainBranch>(receivers.Count);
        var unreached = ImmutableArray.CreateBuilder<int>();
        foreach (var r in receivers)
        {
            var headers = HeadersTo(chosenFunctions, forward, r);
            var last = headers.IsDefault ? null : routing.RouteBetween(sw, inPort, routing.SwitchOfHost(r), routing.PortOfHost(r));
            if (last is null)
            {
                unreached.Add(r);
                continue;
            }
            var all = ImmutableArray.CreateBuilder<FlowPath>(segments.Count + 1);
            all.AddRange(segments);
            all.Add(last);
            branches.Add(new ChainBranch(r, all.MoveToImmutable(), headers));
        }
        if (branches.Count == 0)
            return ChainRoute.Close($"{string.Join(", ", unreached.Select(r => _topology.Hosts[r].Id))} unreachable", ChainClosedCause.DestinationUnreachable);
        return new ChainRoute(chosenFunctions, branches.ToImmutable(), null) { Unreached = unreached.ToImmutable() };
    }

    /// <summary>
    /// The forward headers on each segment (count: functions + 1) of the way to <paramref name="receiver"/>; default when
    /// the functions never send the flow there (a load balancer whose backends do not include it).
    /// </summary>
    public ImmutableArray<Match> HeadersTo(ImmutableArray<int> functions, Match forward, int receiver)
    {
        var address = _hostAddress[receiver];
        var headers = ImmutableArray.CreateBuilder<Match>(functions.Length + 1);
        Match? h = forward;
        headers.Add(h);
        foreach (var fn in functions)
        {
            h = ChainHeaders.After(_topology.Nfv[fn].Config, h, address);
            if (h is null) return default;
            headers.Add(h);
        }
        return headers.MoveToImmutable();
    }

    /// <summary>The chain's own functions (no standby substituted), for the headers of a closed chain's ingress drops.</summary>
    public ImmutableArray<int> PrimaryFunctions(int chain) => [.. _through[chain]];
}
