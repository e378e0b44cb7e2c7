using System.Collections.Immutable;
using SdnController.Controller.Messages;
using SdnController.Controller.Routing;
using SdnController.Controller.Telemetry;
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

    /// <summary>The forward route of a flow from <paramref name="srcHost"/> to <paramref name="dstHost"/> through the chain.</summary>
    public ChainRoute Plan(int chain, int srcHost, int dstHost, RoutingService routing)
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
        var last = routing.RouteBetween(sw, inPort, routing.SwitchOfHost(dstHost), routing.PortOfHost(dstHost));
        if (last is null) return ChainRoute.Close($"{_topology.Hosts[dstHost].Id} unreachable", ChainClosedCause.DestinationUnreachable);
        segments.Add(last);
        return new ChainRoute(functions.MoveToImmutable(), segments.MoveToImmutable(), null);
    }
}
