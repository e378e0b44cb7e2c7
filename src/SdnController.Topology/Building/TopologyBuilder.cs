using SdnController.Topology.Diagnostics;
using SdnController.Topology.Model;
using SdnController.Topology.Model.Nfv;

namespace SdnController.Topology.Building;

/// <summary>
/// Turns switches, hosts and links read from any format into a validated <see cref="Model.Topology"/>:
/// checks references and uniqueness, numbers omitted ports, fills defaults and derives latency from
/// coordinates. Every problem goes to the diagnostic bag with the location of the element at fault.
/// </summary>
/// <remarks>
/// Port numbering is deterministic: on each switch the ports named explicitly are reserved first;
/// omitted ports then take the lowest free numbers from 1, links in the order added, then hosts, then
/// network functions (so adding functions never renumbers a host).
/// Omitted datapath ids and MACs likewise take the lowest values nobody stated, in order.
/// </remarks>
public sealed class TopologyBuilder
{
    /// <summary>Propagation delay in fibre: light covers ~200 km per ms, i.e. 5 µs per km.</summary>
    public const double FibreMsPerKm = 0.005;

    private readonly string _name;
    private readonly List<SwitchSpec> _switches = new();
    private readonly List<HostSpec> _hosts = new();
    private readonly List<LinkSpec> _links = new();
    private readonly List<NfvSpec> _nfv = new();
    private readonly List<ChainSpec> _chains = new();

    public TopologyBuilder(string name) => _name = name;

    public string? Description { get; set; }
    public string? SourceFile { get; set; }
    public LinkDefaults Defaults { get; set; } = LinkDefaults.Standard;
    public Dictionary<string, string> Attributes { get; } = new(StringComparer.Ordinal);

    public int SwitchCount => _switches.Count;

    public TopologyBuilder AddSwitch(SwitchSpec s) { _switches.Add(s); return this; }
    public TopologyBuilder AddHost(HostSpec h) { _hosts.Add(h); return this; }
    public TopologyBuilder AddLink(LinkSpec l) { _links.Add(l); return this; }
    public TopologyBuilder AddNfv(NfvSpec n) { _nfv.Add(n); return this; }
    public TopologyBuilder AddChain(ChainSpec c) { _chains.Add(c); return this; }

    /// <summary>Validates and builds; returns null when any error was reported.</summary>
    public Model.Topology? Build(DiagnosticBag diagnostics)
    {
        var errorsBefore = diagnostics.ErrorCount();
        var switchById = new Dictionary<string, SwitchSpec>(StringComparer.Ordinal);
        var hostIds = new Dictionary<string, HostSpec>(StringComparer.Ordinal);

        foreach (var s in _switches)
        {
            if (!CheckId(s.Id, "switch", s.Source, diagnostics)) continue;
            if (switchById.TryGetValue(s.Id, out var first))
                diagnostics.Error(s.Source, $"duplicate switch id '{s.Id}'{FirstAt(first.Source)}");
            else
                switchById[s.Id] = s;
        }
        foreach (var h in _hosts)
        {
            if (!CheckId(h.Id, "host", h.Source, diagnostics)) continue;
            if (switchById.TryGetValue(h.Id, out var sw))
                diagnostics.Error(h.Source, $"host id '{h.Id}' is already a switch id{FirstAt(sw.Source)}");
            else if (hostIds.TryGetValue(h.Id, out var first))
                diagnostics.Error(h.Source, $"duplicate host id '{h.Id}'{FirstAt(first.Source)}");
            else
                hostIds[h.Id] = h;
        }

        var nfvById = new Dictionary<string, NfvSpec>(StringComparer.Ordinal);
        foreach (var n in _nfv)
        {
            if (!CheckId(n.Id, "nfv instance", n.Source, diagnostics)) continue;
            if (switchById.TryGetValue(n.Id, out var sw))
                diagnostics.Error(n.Source, $"nfv instance id '{n.Id}' is already a switch id{FirstAt(sw.Source)}");
            else if (hostIds.TryGetValue(n.Id, out var h))
                diagnostics.Error(n.Source, $"nfv instance id '{n.Id}' is already a host id{FirstAt(h.Source)}");
            else if (nfvById.TryGetValue(n.Id, out var first))
                diagnostics.Error(n.Source, $"duplicate nfv instance id '{n.Id}'{FirstAt(first.Source)}");
            else
                nfvById[n.Id] = n;
        }

        // Explicit ports first, so generated numbers never collide with ones a user wrote.
        var usedPorts = new Dictionary<string, Dictionary<int, SourceLocation?>>(StringComparer.Ordinal);
        foreach (var id in switchById.Keys) usedPorts[id] = new Dictionary<int, SourceLocation?>();
        foreach (var l in _links)
        {
            CheckSwitchRef(l.A, "link end", switchById, hostIds, diagnostics);
            CheckSwitchRef(l.B, "link end", switchById, hostIds, diagnostics);
            if (l.A.Node == l.B.Node && switchById.ContainsKey(l.A.Node))
                diagnostics.Warning(l.Source ?? l.A.Source, $"link connects switch '{l.A.Node}' to itself; kept, but no path uses it");
            ReservePort(l.A, usedPorts, diagnostics);
            ReservePort(l.B, usedPorts, diagnostics);
        }
        foreach (var h in _hosts)
        {
            CheckSwitchRef(h.Attachment, $"attachment of host '{h.Id}'", switchById, hostIds, diagnostics);
            ReservePort(h.Attachment, usedPorts, diagnostics);
        }
        foreach (var n in _nfv)
        {
            CheckSwitchRef(n.Attachment, $"nfv instance '{n.Id}' attachment", switchById, hostIds, diagnostics);
            ReservePort(n.Attachment, usedPorts, diagnostics);
        }

        var nextFree = new Dictionary<string, int>(StringComparer.Ordinal);
        int Assign(PortSpec p)
        {
            if (p.Port is { } given) return given;
            if (!usedPorts.TryGetValue(p.Node, out var used)) return 0;
            var n = nextFree.GetValueOrDefault(p.Node, 1);
            while (used.ContainsKey(n)) n++;
            used[n] = p.Source;
            nextFree[p.Node] = n + 1;
            return n;
        }

        var switches = BuildSwitches(switchById, diagnostics);
        var links = new List<Link>(_links.Count);
        var linkIds = new Dictionary<string, SourceLocation?>(StringComparer.Ordinal);
        var statedLinkIds = new HashSet<string>(_links.Where(x => x.Id is not null).Select(x => x.Id!), StringComparer.Ordinal);
        if (!(Defaults.LossRate >= 0 && Defaults.LossRate < 1))
            diagnostics.Error(null, $"defaults: loss must be at least 0 and below 1 (100%), found {Defaults.LossRate.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        if (Defaults.QueuePackets is < 1)
            diagnostics.Error(null, $"defaults: queue must be at least 1 packet, found {Defaults.QueuePackets}");
        foreach (var l in _links)
        {
            var a = new PortRef(l.A.Node, Assign(l.A));
            var b = new PortRef(l.B.Node, Assign(l.B));
            string id;
            if (l.Id is not null)
            {
                id = l.Id;
                CheckId(id, "link", l.Source, diagnostics);
                if (linkIds.TryGetValue(id, out var firstAt))
                    diagnostics.Error(l.Source, $"duplicate link id '{id}'{FirstAt(firstAt)}");
            }
            else
            {
                // Readable and stable: "s1-s2", then "s1-s2#2" for a parallel link.
                id = $"{a.Node}-{b.Node}";
                for (var n = 2; linkIds.ContainsKey(id) || statedLinkIds.Contains(id); n++) id = $"{a.Node}-{b.Node}#{n}";
            }
            linkIds.TryAdd(id, l.Source);

            // Files are checked as they are read; these catch specs built in code.
            if (l.LossRate is { } loss && !(loss >= 0 && loss < 1))
                diagnostics.Error(l.Source, $"link '{id}': loss must be at least 0 and below 1 (100%), found {loss.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
            if (l.QueuePackets is < 1)
                diagnostics.Error(l.Source, $"link '{id}': queue must be at least 1 packet, found {l.QueuePackets}");

            var latency = l.LatencyMs;
            var latencySource = LatencySource.Stated;
            if (latency is null)
            {
                var la = switchById.GetValueOrDefault(a.Node)?.Location;
                var lb = switchById.GetValueOrDefault(b.Node)?.Location;
                if (la is { } ga && lb is { } gb)
                {
                    latency = ga.DistanceKmTo(gb) * FibreMsPerKm;
                    latencySource = LatencySource.Geographic;
                }
                else
                {
                    latency = Defaults.LatencyMs;
                    latencySource = LatencySource.Default;
                }
            }
            links.Add(new Link(id, a, b)
            {
                BandwidthBps = l.BandwidthBps ?? Defaults.BandwidthBps,
                LatencyMs = latency.Value,
                LatencySource = latencySource,
                Cost = l.Cost ?? Defaults.Cost,
                LossRate = l.LossRate ?? Defaults.LossRate,
                QueuePackets = l.QueuePackets ?? Defaults.QueuePackets,
                Source = l.Source,
                Attributes = l.Attributes ?? Switch.EmptyAttributes,
            });
        }

        var hosts = BuildHosts(Assign, diagnostics);
        var hostById = new Dictionary<string, Host>(StringComparer.Ordinal);
        foreach (var h in hosts) hostById.TryAdd(h.Id, h);
        var functions = NfvChecks.Instances(nfvById.Values.ToList(), Assign, hostById, diagnostics);
        var chains = NfvChecks.Chains(_chains, nfvById, hostById, diagnostics);
        // The bag only grows, so one count at the end covers the reference checks above as well.
        if (diagnostics.ErrorCount() > errorsBefore) return null;

        return new Model.Topology(_name, switches, hosts, links)
        {
            Description = Description,
            SourceFile = SourceFile,
            Defaults = Defaults,
            Nfv = functions,
            Chains = chains,
            Attributes = new Dictionary<string, string>(Attributes, StringComparer.Ordinal),
        };
    }

    private List<Switch> BuildSwitches(Dictionary<string, SwitchSpec> byId, DiagnosticBag diagnostics)
    {
        var stated = new Dictionary<ulong, SwitchSpec>();
        foreach (var s in byId.Values)
        {
            if (s.DatapathId is not { } dpid) continue;
            if (stated.TryGetValue(dpid, out var first))
                diagnostics.Error(s.Source, $"datapath id {dpid:x16} of switch '{s.Id}' is already used by switch '{first.Id}'{FirstAt(first.Source)}");
            else
                stated[dpid] = s;
        }
        ulong next = 1;
        var result = new List<Switch>(byId.Count);
        foreach (var s in byId.Values)
        {
            var dpid = s.DatapathId;
            if (dpid is null)
            {
                while (stated.ContainsKey(next)) next++;
                dpid = next++;
            }
            result.Add(new Switch(s.Id)
            {
                DatapathId = dpid.Value,
                Label = s.Label,
                Location = s.Location,
                Source = s.Source,
                Attributes = s.Attributes ?? Switch.EmptyAttributes,
            });
        }
        return result;
    }

    private List<Host> BuildHosts(Func<PortSpec, int> assign, DiagnosticBag diagnostics)
    {
        var macs = new Dictionary<string, HostSpec>(StringComparer.Ordinal);
        var ips = new Dictionary<string, HostSpec>(StringComparer.Ordinal);
        foreach (var h in _hosts)
        {
            if (h.Mac is { } mac)
            {
                var key = Host.FormatMac(mac);
                if (!macs.TryAdd(key, h))
                    diagnostics.Error(h.MacSource ?? h.Source, $"MAC {key} of host '{h.Id}' is already used by host '{macs[key].Id}'");
            }
            CheckUniqueIp(h, h.IPv4, h.IPv4Source, ips, diagnostics);
            CheckUniqueIp(h, h.IPv6, h.IPv6Source, ips, diagnostics);
            // The controller finds hosts (proxy ARP, reactive flows) by their IPv4 address, and the namespace needs one.
            if (h.Real && h.IPv4 is null)
                diagnostics.Error(h.RealSource ?? h.Source, $"real host '{h.Id}' needs an IPv4 address (ipv4: a.b.c.d/len): the controller routes real hosts' traffic by it");
        }
        ulong nextMac = 1;
        var result = new List<Host>(_hosts.Count);
        foreach (var h in _hosts)
        {
            var mac = h.Mac;
            if (mac is null)
            {
                // Locally administered unicast range (02:...), so generated MACs never clash with real NICs.
                do { mac = MacNumbers.FromNumber(0x020000000000UL | nextMac++); }
                while (macs.ContainsKey(Host.FormatMac(mac)));
            }
            result.Add(new Host(h.Id, mac, new PortRef(h.Attachment.Node, assign(h.Attachment)))
            {
                IPv4 = h.IPv4,
                IPv6 = h.IPv6,
                Real = h.Real,
                Source = h.Source,
            });
        }
        return result;
    }

    private static void CheckUniqueIp(HostSpec h, InterfaceAddress? ip, SourceLocation? at, Dictionary<string, HostSpec> seen, DiagnosticBag diagnostics)
    {
        if (ip is null) return;
        var key = ip.Address.ToString();
        if (!seen.TryAdd(key, h))
            diagnostics.Error(at ?? h.Source, $"address {key} of host '{h.Id}' is already used by host '{seen[key].Id}'");
    }

    private static bool CheckId(string id, string what, SourceLocation? at, DiagnosticBag diagnostics)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            diagnostics.Error(at, $"expected a {what} id, found an empty value");
            return false;
        }
        foreach (var c in id)
        {
            if (char.IsWhiteSpace(c) || c is ':' or ',' or '"' or '\'')
            {
                diagnostics.Error(at, $"{what} id '{id}' contains '{c}'; ids may not contain spaces, ':', ',' or quotes");
                return false;
            }
        }
        return true;
    }

    private static void CheckSwitchRef(PortSpec p, string what, Dictionary<string, SwitchSpec> switches, Dictionary<string, HostSpec> hosts, DiagnosticBag diagnostics)
    {
        if (switches.ContainsKey(p.Node)) return;
        if (hosts.ContainsKey(p.Node))
        {
            diagnostics.Error(p.Source, $"{what} '{p.Node}' is a host; expected a switch (hosts connect with 'attach:')");
            return;
        }
        diagnostics.Error(p.Source, $"{what} refers to unknown switch '{p.Node}'{DidYouMean.Hint(p.Node, switches.Keys)}");
    }

    private static void ReservePort(PortSpec p, Dictionary<string, Dictionary<int, SourceLocation?>> used, DiagnosticBag diagnostics)
    {
        if (p.Port is not { } port || !used.TryGetValue(p.Node, out var ports)) return;
        if (ports.TryGetValue(port, out var firstAt))
            diagnostics.Error(p.Source, $"port {p.Node}:{port} is already in use{FirstAt(firstAt)}");
        else
            ports[port] = p.Source;
    }

    private static string FirstAt(SourceLocation? at) => at is null ? "" : $" (first at line {at.Line}:{at.Column})";
}
