using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SdnController.Verification.Json;
using SdnController.Verification.Walking;

namespace SdnController.Verification.Dump;

/// <summary>
/// Reads a flow dump file (docs/flow-dump.md). Every problem throws <see cref="DumpFormatException"/> with
/// the file:line:col of the offending value. Unknown fields are ignored: the format only ever adds fields.
/// </summary>
public sealed class FlowDumpReader
{
    public const string Format = "sdnctl-flow-dump/1";
    private readonly string _file;

    private FlowDumpReader(string file) => _file = file;

    public static FlowDump ReadFile(string path)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DumpFormatException($"{path}: error: cannot read the flow dump: {e.Message}");
        }
        return Read(bytes, path);
    }

    public static FlowDump Read(byte[] utf8, string file) => new FlowDumpReader(file).ReadRoot(JTreeReader.Parse(utf8, file));

    private FlowDump ReadRoot(JNode root)
    {
        Expect(root, JKind.Object, "the flow dump");
        var format = Str(Required(root, "format"));
        if (format != Format) throw Error(root.Get("format")!, $"format is '{format}'; expected '{Format}'");
        var switches = new List<DumpSwitch>();
        var seen = new HashSet<string>();
        foreach (var s in Array(Required(root, "switches")))
        {
            var sw = ReadSwitch(s);
            if (!seen.Add(sw.Id)) throw Error(s, $"switch '{sw.Id}' appears twice");
            switches.Add(sw);
        }
        var hosts = new List<DumpHost>();
        foreach (var h in Array(Required(root, "hosts"))) hosts.Add(ReadHost(h));
        var name = root.Get("topology") is { } t ? Str(t) : "";
        var at = root.Get("at_ms") is { } a ? Num(a) : 0;
        return new FlowDump(name, at, switches, hosts);
    }

    private DumpSwitch ReadSwitch(JNode s)
    {
        Expect(s, JKind.Object, "a switch");
        var id = Str(Required(s, "id"));
        var up = s.Get("up") is not { } u || Bool(u);
        var ports = new Dictionary<int, DumpPort>();
        if (s.Get("ports") is { } pn)
            foreach (var p in Array(pn))
            {
                var port = ReadPort(p);
                if (!ports.TryAdd(port.Port, port)) throw Error(p, $"port {port.Port} of switch '{id}' appears twice");
            }
        var rules = new List<DumpRule>();
        if (s.Get("flows") is { } fn)
            foreach (var f in Array(fn)) rules.Add(ReadRule(f));
        // The switch uses the first match in priority order; the dump is sorted already, but a hand-written
        // file need not be. A stable sort keeps the file order among equal priorities.
        var ordered = rules.OrderByDescending(r => r.Priority).ToList();
        var groups = new Dictionary<int, DumpGroup>();
        if (s.Get("groups") is { } gn)
            foreach (var g in Array(gn))
            {
                var group = ReadGroup(g);
                if (!groups.TryAdd(group.GroupId, group)) throw Error(g, $"group {group.GroupId} of switch '{id}' appears twice");
            }
        return new DumpSwitch(id, up, ports, ordered, groups);
    }

    private DumpPort ReadPort(JNode p)
    {
        Expect(p, JKind.Object, "a port");
        var no = Int(Required(p, "port"), 0, int.MaxValue);
        var up = p.Get("up") is not { } u || Bool(u);
        var link = p.Get("link") is { } l ? Str(l) : null;
        var linkUp = p.Get("link_up") is { } lu ? Bool(lu) : link is not null && up;
        string? nSwitch = null, nHost = null;
        var nPort = 0;
        if (p.Get("neighbor") is { } n)
        {
            Expect(n, JKind.Object, "a neighbor");
            if (n.Get("switch") is { } ns)
            {
                nSwitch = Str(ns);
                nPort = Int(Required(n, "port"), 0, int.MaxValue);
            }
            else if (n.Get("host") is { } nh) nHost = Str(nh);
            else throw Error(n, "a neighbor names a 'switch' (with 'port') or a 'host'");
        }
        return new DumpPort(no, up, link, linkUp, nSwitch, nPort, nHost);
    }

    private DumpRule ReadRule(JNode f)
    {
        Expect(f, JKind.Object, "a flow");
        var priority = Int(Required(f, "priority"), 0, 65535);
        var cookie = f.Get("cookie") is { } c ? Str(c) : "0x0";
        var match = f.Get("match") is { } m ? ReadMatch(m) : new RuleMatch();
        var actions = f.Get("actions") is { } a ? ReadActions(a) : [];
        return new DumpRule(priority, cookie, match, actions, f.Line);
    }

    private RuleMatch ReadMatch(JNode m)
    {
        Expect(m, JKind.Object, "a match");
        var r = new RuleMatch();
        foreach (var (key, v) in m.Members!)
        {
            r = key switch
            {
                "in_port" => r with { InPort = Int(v, 0, int.MaxValue) },
                "eth_src" => r with { EthSrc = Mac(v) },
                "eth_dst" => r with { EthDst = Mac(v) },
                "eth_type" => r with { EthType = Int(v, 0, 0xffff) },
                "vlan" => r with { Vlan = v.Kind == JKind.String && v.Text == "none" ? RuleMatch.UntaggedOnly : Int(v, 0, 4095) },
                "ipv4_src" => r with { Ipv4Src = Prefix4(v) },
                "ipv4_dst" => r with { Ipv4Dst = Prefix4(v) },
                "ipv6_src" => r with { Ipv6Src = Prefix6(v) },
                "ipv6_dst" => r with { Ipv6Dst = Prefix6(v) },
                "ip_proto" => r with { IpProto = Int(v, 0, 255) },
                "l4_src" => r with { L4Src = Int(v, 0, 65535) },
                "l4_dst" => r with { L4Dst = Int(v, 0, 65535) },
                // A field this verifier does not know could narrow the rule; treating it as a wildcard would
                // make the verdicts wrong, so refuse.
                _ => throw Error(v, $"unknown match field '{key}'"),
            };
        }
        return r;
    }

    private List<DumpAction> ReadActions(JNode a)
    {
        var list = new List<DumpAction>();
        foreach (var x in Array(a))
        {
            Expect(x, JKind.Object, "an action");
            var type = Str(Required(x, "type"));
            list.Add(type switch
            {
                "output" => Required(x, "port") is { Kind: JKind.String } ps
                    ? ps.Text == "in_port" ? new DumpAction(ActionKind.OutputInPort, 0) : throw Error(ps, "an output port is a number or \"in_port\"")
                    : new DumpAction(ActionKind.Output, (ulong)Int(Required(x, "port"), 0, int.MaxValue)),
                "group" => new DumpAction(ActionKind.Group, (ulong)Int(Required(x, "group_id"), 0, int.MaxValue)),
                "push_vlan" => new DumpAction(ActionKind.PushVlan, (ulong)Int(Required(x, "vlan_id"), 0, 4095)),
                "pop_vlan" => new DumpAction(ActionKind.PopVlan, 0),
                "set_field" => ReadSetField(x),
                "controller" => new DumpAction(ActionKind.Controller, 0),
                "drop" => new DumpAction(ActionKind.Drop, 0),
                _ => throw Error(x.Get("type")!, $"unknown action type '{type}'"),
            });
        }
        return list;
    }

    private DumpAction ReadSetField(JNode x)
    {
        var fieldNode = Required(x, "field");
        var valueNode = Required(x, "value");
        var text = valueNode.Kind == JKind.Number ? valueNode.Number.ToString(CultureInfo.InvariantCulture) : Str(valueNode);
        (HeaderField f, ulong? v) = Str(fieldNode) switch
        {
            "eth_src" => (HeaderField.EthSrc, Mac(valueNode)),
            "eth_dst" => (HeaderField.EthDst, Mac(valueNode)),
            "vlan_vid" => (HeaderField.VlanVid, Number(text, 4095)),
            "ipv4_src" => (HeaderField.Ipv4Src, Address4(text)),
            "ipv4_dst" => (HeaderField.Ipv4Dst, Address4(text)),
            "ip_dscp" => (HeaderField.IpDscp, Number(text, 63)),
            "l4_src" => (HeaderField.L4Src, Number(text, 65535)),
            "l4_dst" => (HeaderField.L4Dst, Number(text, 65535)),
            var other => throw Error(fieldNode, $"unknown set_field field '{other}'"),
        };
        if (v is not { } value) throw Error(valueNode, $"'{text}' is not a valid value for {Str(fieldNode)}");
        return new DumpAction(ActionKind.SetField, value, f);
    }

    private DumpGroup ReadGroup(JNode g)
    {
        Expect(g, JKind.Object, "a group");
        var id = Int(Required(g, "group_id"), 0, int.MaxValue);
        var typeNode = Required(g, "type");
        var kind = Str(typeNode) switch
        {
            "all" => GroupKind.All,
            "select" => GroupKind.Select,
            "indirect" => GroupKind.Indirect,
            "fast_failover" => GroupKind.FastFailover,
            var t => throw Error(typeNode, $"unknown group type '{t}'; expected all, select, indirect or fast_failover"),
        };
        var buckets = new List<DumpBucket>();
        foreach (var b in Array(Required(g, "buckets")))
        {
            Expect(b, JKind.Object, "a bucket");
            var weight = b.Get("weight") is { } w ? Int(w, 0, int.MaxValue) : 1;
            var watch = b.Get("watch_port") is { } wp ? Int(wp, 0, int.MaxValue) : -1;
            buckets.Add(new DumpBucket(weight, watch, b.Get("actions") is { } a ? ReadActions(a) : []));
        }
        return new DumpGroup(id, kind, buckets);
    }

    private DumpHost ReadHost(JNode h)
    {
        Expect(h, JKind.Object, "a host");
        var id = Str(Required(h, "id"));
        var mac = h.Get("mac") is { } m ? Mac(m) : 0;
        uint ip = 0;
        var has = false;
        if (h.Get("ipv4") is { } v4)
        {
            ip = (uint)(Address4(Str(v4)) ?? throw Error(v4, $"'{v4.Text}' is not an IPv4 address"));
            has = true;
        }
        return new DumpHost(id, mac, ip, has, Str(Required(h, "switch")), Int(Required(h, "port"), 0, int.MaxValue));
    }

    private ulong Mac(JNode n)
    {
        var text = Str(n);
        var parts = text.Split(':', '-');
        if (parts.Length != 6) throw Error(n, $"'{text}' is not a MAC address (aa:bb:cc:dd:ee:ff)");
        ulong v = 0;
        foreach (var p in parts)
        {
            if (p.Length is < 1 or > 2 || !byte.TryParse(p, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b))
                throw Error(n, $"'{text}' is not a MAC address (aa:bb:cc:dd:ee:ff)");
            v = (v << 8) | b;
        }
        return v;
    }

    private (uint, int) Prefix4(JNode n)
    {
        var text = Str(n);
        var slash = text.IndexOf('/');
        var len = 32;
        if (Address4(slash < 0 ? text : text[..slash]) is not { } a
            || (slash >= 0 && (!int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out len) || len > 32)))
            throw Error(n, $"'{text}' is not an IPv4 prefix (a.b.c.d/len)");
        return ((uint)a, len);
    }

    private (UInt128, int) Prefix6(JNode n)
    {
        var text = Str(n);
        var slash = text.IndexOf('/');
        var len = 128;
        if (!IPAddress.TryParse(slash < 0 ? text : text[..slash], out var a) || a.AddressFamily != AddressFamily.InterNetworkV6
            || (slash >= 0 && (!int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out len) || len > 128)))
            throw Error(n, $"'{text}' is not an IPv6 prefix (addr/len)");
        return (Header.ToUInt128(a), len);
    }

    private static ulong? Address4(string text) =>
        IPAddress.TryParse(text.Trim(), out var a) && a.AddressFamily == AddressFamily.InterNetwork && text.Count(c => c == '.') == 3
            ? Header.ToUInt32(a) : null;

    private static ulong? Number(string text, ulong max) =>
        ulong.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v <= max ? v : null;

    private JNode Required(JNode obj, string name) =>
        obj.Get(name) ?? throw Error(obj, $"missing field '{name}'");

    private void Expect(JNode n, JKind kind, string what)
    {
        if (n.Kind != kind) throw Error(n, $"{what} must be {JNode.KindName(kind)}, found {JNode.KindName(n.Kind)}");
    }

    private List<JNode> Array(JNode n)
    {
        Expect(n, JKind.Array, "this field");
        return n.Items!;
    }

    private string Str(JNode n)
    {
        Expect(n, JKind.String, "this field");
        return n.Text!;
    }

    private bool Bool(JNode n) => n.Kind switch
    {
        JKind.True => true,
        JKind.False => false,
        _ => throw Error(n, $"expected a boolean, found {JNode.KindName(n.Kind)}"),
    };

    private double Num(JNode n)
    {
        Expect(n, JKind.Number, "this field");
        return n.Number;
    }

    private int Int(JNode n, int min, int max)
    {
        var v = Num(n);
        if (v != Math.Floor(v) || v < min || v > max) throw Error(n, $"expected a whole number in {min}..{max}, found {v.ToString(CultureInfo.InvariantCulture)}");
        return (int)v;
    }

    private DumpFormatException Error(JNode n, string what) => DumpFormatException.At(_file, n, what);
}
