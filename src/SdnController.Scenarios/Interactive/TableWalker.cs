using System.Buffers.Binary;
using System.Collections.Immutable;
using SdnController.Scenarios.Reporting;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Rules;
using SdnController.VirtualNetwork;
using SdnController.VirtualNetwork.Headers;
using SdnController.VirtualNetwork.Hosts;


namespace SdnController.Scenarios.Interactive;

/// <summary>
/// Follows an ICMP echo request from one host through the switches' installed tables, as the data plane
/// would forward it, without sending anything and without touching counters: table lookup, the output
/// port (a fast-failover group's first live bucket, a select group's first live bucket, IN_PORT), then
/// the wiring to the next switch. Stops at the destination, a miss, a drop, a dead link or a loop.
/// </summary>
internal sealed class TableWalker(SimulatedNetwork network)
{
    private readonly Dictionary<(string, int), PortWiring.End> _wiring = PortWiring.Of(network.Topology);

    public RouteWalk Walk(VirtualHost from, VirtualHost to)
    {
        var topology = network.Topology;
        var frame = EchoRequest(from, to);
        if (!PacketHeaders.TryParse(frame, out var headers)) throw new InvalidOperationException("the probe frame does not parse");
        var hops = new List<RouteHop>();
        var visited = new HashSet<(string, int)>();
        var sw = from.Attachment.Node;
        var inPort = from.Attachment.Port;
        var latency = 0.0;
        RouteWalk End(WalkEnd end, string? detail) => new(from.Id, to.Id, hops, end, detail, latency);

        while (true)
        {
            if (!network.IsSwitchUp(sw)) return End(WalkEnd.SwitchDown, $"switch {sw} is down");
            if (!visited.Add((sw, inPort))) return End(WalkEnd.Loop, $"back at {sw} port {inPort}: a forwarding loop");
            var vs = network.Switches[topology.IndexOfSwitch(sw)];
            var entry = vs.Flows.Lookup(headers, inPort);
            if (entry is null) return End(WalkEnd.TableMiss, $"no rule at {sw} matches (in_port {inPort})");
            var (outPort, end, detail) = OutputOf(vs, entry.Rule.Actions, inPort);
            // A flow on its version-tagged configuration: the ingress pushes the tag, later switches match it.
            if (end is null) (frame, headers) = ApplyVlanActions(entry.Rule.Actions, frame, headers);
            if (end is { } stop) return End(stop, $"{sw}: {detail}");
            hops.Add(new RouteHop(sw, inPort, outPort, entry.Rule.Priority, entry.Rule.Cookie));
            if (!_wiring.TryGetValue((sw, outPort), out var far)) return End(WalkEnd.Unwired, $"{sw} port {outPort} is not connected");
            if (far.LinkId is null)
                return far.Node == to.Id ? End(WalkEnd.Delivered, null) : End(WalkEnd.WrongHost, $"delivered to {far.Node}, not {to.Id}");
            if (!network.IsLinkUp(far.LinkId) || !network.IsSwitchUp(far.Node))
                return End(WalkEnd.LinkDown, $"{sw} port {outPort} leads to link {far.LinkId}, which is down");
            latency += topology.Links[LinkIndex(far.LinkId)].LatencyMs;
            sw = far.Node;
            inPort = far.Port;
        }
    }

    private Dictionary<string, int>? _linkIndex;

    private int LinkIndex(string id)
    {
        if (_linkIndex is null)
        {
            _linkIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < network.Topology.Links.Count; i++) _linkIndex[network.Topology.Links[i].Id] = i;
        }
        return _linkIndex[id];
    }

    /// <summary>The single port a rule sends the probe out of, or why it goes nowhere.</summary>
    private static (int Port, WalkEnd? End, string? Detail) OutputOf(VirtualNetwork.Switching.VirtualSwitch sw, ImmutableArray<FlowAction> actions, int inPort)
    {
        if (actions.IsDefault || actions.Length == 0) return (0, WalkEnd.Dropped, "the matching rule drops it");
        foreach (var a in actions)
        {
            switch (a)
            {
                case OutputAction o:
                    return (o.Port == PortNumbers.InPort ? inPort : o.Port, null, null);
                case GroupAction g:
                {
                    var group = sw.Groups.Find(g.GroupId);
                    if (group is null) return (0, WalkEnd.Dropped, $"group {g.GroupId} does not exist");
                    foreach (var b in group.Buckets)
                    {
                        if (group.Type is GroupType.FastFailover or GroupType.Select && b.WatchPort != PortNumbers.Any && !sw.IsPortLive(b.WatchPort)) continue;
                        return OutputOf(sw, b.Actions, inPort);
                    }
                    return (0, WalkEnd.Dropped, $"group {g.GroupId} has no live bucket");
                }
                case PushVlanAction or PopVlanAction:
                    continue;   // applied to the probe by ApplyVlanActions; the output follows
                case ToControllerAction:
                    return (0, WalkEnd.ToController, "the matching rule sends it to the controller");
                case DropAction:
                    return (0, WalkEnd.Dropped, "the matching rule drops it");
                default:
                    return (0, WalkEnd.Rewrites, $"the matching rule rewrites headers ({a}); the walk stops here");
            }
        }
        return (0, WalkEnd.Dropped, "the matching rule drops it");
    }

    private static (byte[], PacketHeaders) ApplyVlanActions(ImmutableArray<FlowAction> actions, byte[] frame, PacketHeaders headers)
    {
        foreach (var a in actions)
        {
            if (a is PushVlanAction push) frame = FrameRewriter.PushVlan(frame, push.VlanId);
            else if (a is PopVlanAction && headers.HasVlan) frame = FrameRewriter.PopVlan(frame, headers);
            else continue;
            if (!PacketHeaders.TryParse(frame, out headers)) throw new InvalidOperationException("the probe frame does not parse after a VLAN action");
        }
        return (frame, headers);
    }

    /// <summary>Ethernet + IPv4 + ICMP echo request headers, as a host's ping sends them (no payload or checksums: only the lookup reads it).</summary>
    private static byte[] EchoRequest(VirtualHost from, VirtualHost to)
    {
        var f = new byte[14 + 20 + 8];
        to.Mac.WriteTo(f.AsSpan(0, 6));
        from.Mac.WriteTo(f.AsSpan(6, 6));
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(12), 0x0800);
        f[14] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(16), 28);
        f[22] = 64;   // ttl
        f[23] = 1;    // icmp
        BinaryPrimitives.WriteUInt32BigEndian(f.AsSpan(26), from.Ipv4 ?? 0);
        BinaryPrimitives.WriteUInt32BigEndian(f.AsSpan(30), to.Ipv4 ?? 0);
        f[34] = 8;    // echo request
        return f;
    }
}
