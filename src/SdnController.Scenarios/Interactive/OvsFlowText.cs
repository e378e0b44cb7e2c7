using System.Globalization;
using System.Text;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Matching;
using SdnController.Southbound.Rules;
using SdnController.VirtualNetwork.Switching;

namespace SdnController.Scenarios.Interactive;

/// <summary>
/// Rules and groups in the notation of `ovs-ofctl dump-flows` / `dump-groups`, which Mininet users read every
/// day: " cookie=0x0, duration=1.5s, table=0, n_packets=3, n_bytes=294, priority=1000,icmp,nw_src=10.0.0.1,nw_dst=10.0.0.4 actions=output:2".
/// Durations are network time.
/// </summary>
public static class OvsFlowText
{
    public static string Flow(FlowEntry e, TimeSpan clockNow)
    {
        var r = e.Rule;
        var sb = new StringBuilder(" cookie=0x").Append(r.Cookie.ToString("x", CultureInfo.InvariantCulture));
        sb.Append(", duration=").Append(Seconds(clockNow - e.InstalledAt)).Append("s, table=0");
        sb.Append(", n_packets=").Append(e.Packets).Append(", n_bytes=").Append(e.Bytes);
        if (r.IdleTimeout > TimeSpan.Zero) sb.Append(", idle_timeout=").Append(Seconds(r.IdleTimeout));
        if (r.HardTimeout > TimeSpan.Zero) sb.Append(", hard_timeout=").Append(Seconds(r.HardTimeout));
        sb.Append(", priority=").Append(r.Priority);
        var match = Match(r.Match);
        if (match.Length > 0) sb.Append(',').Append(match);
        sb.Append(" actions=").Append(Actions(r.Actions));
        return sb.ToString();
    }

    public static string Group(GroupEntry g)
    {
        var sb = new StringBuilder(" group_id=").Append(g.GroupId).Append(",type=").Append(g.Type switch
        {
            GroupType.All => "all",
            GroupType.Select => "select",
            GroupType.Indirect => "indirect",
            _ => "ff",
        });
        foreach (var b in g.Buckets)
        {
            sb.Append(",bucket=");
            if (g.Type == GroupType.Select) sb.Append("weight:").Append(b.Weight).Append(',');
            if (b.WatchPort != PortNumbers.Any) sb.Append("watch_port:").Append(b.WatchPort).Append(',');
            sb.Append("actions=").Append(Actions(b.Actions));
        }
        return sb.ToString();
    }

    /// <summary>The match fields, ovs shorthand for the protocol (ip, icmp, tcp, udp, arp, ipv6, …); empty for match-all.</summary>
    public static string Match(Match m)
    {
        var parts = new List<string>(8);
        if (m.InPort is { } p) parts.Add($"in_port={p}");
        if (m.EthSrc is { } es) parts.Add($"dl_src={es}");
        if (m.EthDst is { } ed) parts.Add($"dl_dst={ed}");
        if (m.Vlan is { } v) parts.Add(v.Untagged ? "vlan_tci=0x0000" : $"dl_vlan={v.VlanId}");
        if (m.EthType is { } et)
        {
            var proto = m.IpProto;
            string? shorthand = (et, proto) switch
            {
                (0x0800, 1) => "icmp",
                (0x0800, 6) => "tcp",
                (0x0800, 17) => "udp",
                (0x0800, null) => "ip",
                (0x86dd, 58) => "icmp6",
                (0x86dd, 6) => "tcp6",
                (0x86dd, 17) => "udp6",
                (0x86dd, null) => "ipv6",
                (0x0806, _) => "arp",
                _ => null,
            };
            if (shorthand is not null) parts.Add(shorthand);
            else
            {
                parts.Add($"dl_type=0x{et:x4}");
                if (proto is { } ip) parts.Add($"nw_proto={ip}");
            }
        }
        else if (m.IpProto is { } ip) parts.Add($"nw_proto={ip}");
        if (m.Ipv4Src is { } s4) parts.Add($"nw_src={Prefix(s4)}");
        if (m.Ipv4Dst is { } d4) parts.Add($"nw_dst={Prefix(d4)}");
        if (m.Ipv6Src is { } s6) parts.Add($"ipv6_src={s6}");
        if (m.Ipv6Dst is { } d6) parts.Add($"ipv6_dst={d6}");
        if (m.L4Src is { } ls) parts.Add($"tp_src={ls}");
        if (m.L4Dst is { } ld) parts.Add($"tp_dst={ld}");
        return string.Join(',', parts);
    }

    public static string Actions(System.Collections.Immutable.ImmutableArray<FlowAction> actions)
    {
        if (actions.IsDefault || actions.Length == 0) return "drop";
        var parts = new List<string>(actions.Length);
        foreach (var a in actions)
        {
            parts.Add(a switch
            {
                OutputAction { Port: PortNumbers.InPort } => "IN_PORT",
                OutputAction o => $"output:{o.Port}",
                GroupAction g => $"group:{g.GroupId}",
                ToControllerAction => "CONTROLLER:65535",
                PushVlanAction pv => $"push_vlan:0x8100,set_field:{pv.VlanId}->vlan_vid",
                PopVlanAction => "strip_vlan",
                SetFieldAction sf => $"set_field:{FieldValue(sf)}->{OvsField(sf.Field)}",
                _ => "drop",
            });
        }
        return string.Join(',', parts);
    }

    private static string FieldValue(SetFieldAction sf)
    {
        var text = sf.ToString();
        return text[(text.IndexOf(':') + 1)..];
    }

    private static string OvsField(SetField f) => f switch
    {
        SetField.Ipv4Src => "ip_src",
        SetField.Ipv4Dst => "ip_dst",
        SetField.L4Src => "tp_src",
        SetField.L4Dst => "tp_dst",
        _ => SetFieldAction.FieldName(f),
    };

    private static string Prefix(Ipv4Prefix p)
    {
        var text = p.ToString();
        return p.Length == 32 ? text[..text.IndexOf('/')] : text;
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
