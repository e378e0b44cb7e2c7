using System.Text.Json;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Matching;
using SdnController.Southbound.Rules;
using SdnController.Topology.Model;
using SdnController.VirtualNetwork;

namespace SdnController.Scenarios.Reporting;

/// <summary>
/// `--dump-flows`: every switch's rules and groups as the switch holds them, and what every port is wired
/// to. Contract: docs/flow-dump.md ("sdnctl-flow-dump/1"); a verifier must be able to walk the data plane
/// from this file and the topology alone.
/// </summary>
public static class FlowDumpWriter
{
    public const string Format = "sdnctl-flow-dump/1";

    public static void Write(Utf8JsonWriter w, SimulatedNetwork network)
    {
        var topology = network.Topology;
        var wiring = PortWiring.Of(topology);
        w.WriteStartObject();
        w.WriteString("format", Format);
        w.WriteString("topology", topology.Name);
        w.WriteNumber("at_ms", RunReportJson.Ms(network.Loop.Clock.Now));

        w.WriteStartArray("switches");
        foreach (var sw in network.Switches)
        {
            // A powered-off switch forwards nothing and its tables are gone when it boots: it holds no rules.
            var switchUp = network.IsSwitchUp(sw.Name);
            w.WriteStartObject();
            w.WriteString("id", sw.Name);
            w.WriteString("dpid", sw.Dpid.ToString("x16"));
            w.WriteBoolean("up", switchUp);
            w.WriteStartArray("ports");
            foreach (var p in sw.Ports)
            {
                w.WriteStartObject();
                w.WriteNumber("port", p.PortNo);
                w.WriteBoolean("up", switchUp && sw.IsPortLive(p.PortNo));
                if (wiring.TryGetValue((sw.Name, p.PortNo), out var end))
                {
                    if (end.LinkId is { } linkId)
                    {
                        w.WriteString("link", linkId);
                        w.WriteBoolean("link_up", switchUp && network.IsLinkUp(linkId) && network.IsSwitchUp(end.Node));
                        w.WriteStartObject("neighbor");
                        w.WriteString("switch", end.Node);
                        w.WriteNumber("port", end.Port);
                        w.WriteEndObject();
                    }
                    else
                    {
                        w.WriteStartObject("neighbor");
                        w.WriteString("host", end.Node);
                        w.WriteEndObject();
                    }
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteStartArray("flows");
            foreach (var e in switchUp ? sw.Flows.Snapshot() : Array.Empty<VirtualNetwork.Switching.FlowEntry>())
            {
                w.WriteStartObject();
                w.WriteNumber("priority", e.Rule.Priority);
                w.WriteString("cookie", $"0x{e.Rule.Cookie:x}");
                WriteMatch(w, e.Rule.Match);
                WriteActions(w, "actions", e.Rule.Actions);
                w.WriteNumber("packets", e.Packets);
                w.WriteNumber("bytes", e.Bytes);
                w.WriteNumber("idle_timeout_ms", e.Rule.IdleTimeout.TotalMilliseconds);
                w.WriteNumber("hard_timeout_ms", e.Rule.HardTimeout.TotalMilliseconds);
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteStartArray("groups");
            foreach (var g in switchUp ? sw.Groups.Snapshot() : Array.Empty<GroupEntry>())
            {
                w.WriteStartObject();
                w.WriteNumber("group_id", g.GroupId);
                w.WriteString("type", GroupTypeName(g.Type));
                w.WriteStartArray("buckets");
                foreach (var b in g.Buckets)
                {
                    w.WriteStartObject();
                    w.WriteNumber("weight", b.Weight);
                    if (b.WatchPort != PortNumbers.Any) w.WriteNumber("watch_port", b.WatchPort);
                    WriteActions(w, "actions", b.Actions);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("hosts");
        foreach (var h in topology.Hosts)
        {
            w.WriteStartObject();
            w.WriteString("id", h.Id);
            w.WriteString("mac", Host.FormatMac(h.Mac));
            if (h.IPv4 is { } v4) w.WriteString("ipv4", v4.Address.ToString());
            if (h.IPv6 is { } v6) w.WriteString("ipv6", v6.Address.ToString());
            w.WriteString("switch", h.Attachment.Node);
            w.WriteNumber("port", h.Attachment.Port);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteMatch(Utf8JsonWriter w, Match m)
    {
        w.WriteStartObject("match");
        if (m.InPort is { } p) w.WriteNumber("in_port", p);
        if (m.EthSrc is { } es) w.WriteString("eth_src", es.ToString());
        if (m.EthDst is { } ed) w.WriteString("eth_dst", ed.ToString());
        if (m.EthType is { } et) w.WriteNumber("eth_type", et);
        if (m.Vlan is { } v)
        {
            if (v.Untagged) w.WriteString("vlan", "none");
            else w.WriteNumber("vlan", v.VlanId);
        }
        if (m.Ipv4Src is { } s4) w.WriteString("ipv4_src", s4.ToString());
        if (m.Ipv4Dst is { } d4) w.WriteString("ipv4_dst", d4.ToString());
        if (m.Ipv6Src is { } s6) w.WriteString("ipv6_src", s6.ToString());
        if (m.Ipv6Dst is { } d6) w.WriteString("ipv6_dst", d6.ToString());
        if (m.IpProto is { } ip) w.WriteNumber("ip_proto", ip);
        if (m.L4Src is { } ls) w.WriteNumber("l4_src", ls);
        if (m.L4Dst is { } ld) w.WriteNumber("l4_dst", ld);
        w.WriteEndObject();
    }

    private static void WriteActions(Utf8JsonWriter w, string name, System.Collections.Immutable.ImmutableArray<FlowAction> actions)
    {
        w.WriteStartArray(name);
        if (!actions.IsDefault)
            foreach (var a in actions)
            {
                w.WriteStartObject();
                switch (a)
                {
                    case OutputAction o:
                        w.WriteString("type", "output");
                        if (o.Port == PortNumbers.InPort) w.WriteString("port", "in_port");
                        else w.WriteNumber("port", o.Port);
                        break;
                    case GroupAction g:
                        w.WriteString("type", "group");
                        w.WriteNumber("group_id", g.GroupId);
                        break;
                    case PushVlanAction pv:
                        w.WriteString("type", "push_vlan");
                        w.WriteNumber("vlan_id", pv.VlanId);
                        break;
                    case PopVlanAction:
                        w.WriteString("type", "pop_vlan");
                        break;
                    case SetFieldAction sf:
                        w.WriteString("type", "set_field");
                        w.WriteString("field", SetFieldAction.FieldName(sf.Field));
                        w.WriteString("value", sf.ToString()[(sf.ToString().IndexOf(':') + 1)..]);
                        break;
                    case ToControllerAction:
                        w.WriteString("type", "controller");
                        break;
                    default:
                        w.WriteString("type", "drop");
                        break;
                }
                w.WriteEndObject();
            }
        w.WriteEndArray();
    }

    private static string GroupTypeName(GroupType t) => t switch
    {
        GroupType.All => "all",
        GroupType.Select => "select",
        GroupType.Indirect => "indirect",
        _ => "fast_failover",
    };
}

/// <summary>(switch, port) → what is on the other end: a switch port over a link, or a host.</summary>
internal static class PortWiring
{
    public readonly record struct End(string Node, int Port, string? LinkId);

    public static Dictionary<(string, int), End> Of(Topology.Model.Topology t)
    {
        var map = new Dictionary<(string, int), End>();
        foreach (var l in t.Links)
        {
            map[(l.A.Node, l.A.Port)] = new End(l.B.Node, l.B.Port, l.Id);
            map[(l.B.Node, l.B.Port)] = new End(l.A.Node, l.A.Port, l.Id);
        }
        foreach (var h in t.Hosts) map[(h.Attachment.Node, h.Attachment.Port)] = new End(h.Id, 0, null);
        return map;
    }
}
