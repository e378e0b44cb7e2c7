using SdnController.Topology.Diagnostics;
using SdnController.Topology.Model.Nfv;
using SdnController.Topology.Scenarios;
using SdnController.Topology.Yaml;

namespace SdnController.Topology.Traffic;

/// <summary>
/// Reads a <c>traffic:</c> section (in a topology file or a scenario file) into flows, expanding
/// host lists and "*" into one flow per ordered pair of distinct hosts.
/// </summary>
internal static class TrafficReader
{
    /// <summary>More would be a typo such as "*" to "*" on a huge network, not a plan.</summary>
    public const int MaxFlows = 1_000_000;

    // One file entry before ids and indices are assigned.
    private sealed record Entry(YMapping Item, YScalar? StatedId, string? Class, HostSelection From, HostSelection To, TrafficFlow Template, int? SourcePort);

    public static IReadOnlyList<TrafficFlow> Read(YEntry section, TopologyRefs refs, DiagnosticBag diagnostics)
    {
        var entries = new List<Entry>();
        var total = 0L;
        foreach (var item in SectionValues.MappingItems(section, "flow", "{from: h1, to: h2}", diagnostics))
        {
            var entry = ReadEntry(item, refs, diagnostics);
            if (entry is null) continue;
            var pairs = entry.From.IsSingle && entry.To.IsSingle ? 1 : CountPairs(entry.From.Hosts, entry.To.Hosts);
            if (refs.IsChecked && pairs == 0)
            {
                diagnostics.Error(item.Location, $"this flow expands to no pairs of distinct hosts (from {entry.From.Hosts.Count} host(s) to {entry.To.Hosts.Count})");
                continue;
            }
            total += pairs;
            if (total > MaxFlows)
            {
                diagnostics.Error(item.Location, $"traffic expands to more than {MaxFlows} flows; list the hosts you mean instead of \"*\"");
                return Array.Empty<TrafficFlow>();
            }
            entries.Add(entry);
        }
        return Expand(entries, diagnostics);
    }

    private static long CountPairs(IReadOnlyList<string> from, IReadOnlyList<string> to)
    {
        var toSet = new HashSet<string>(to, StringComparer.Ordinal);
        var n = 0L;
        foreach (var f in from) n += toSet.Contains(f) ? to.Count - 1 : to.Count;
        return n;
    }

    private static Entry? ReadEntry(YMapping item, TopologyRefs refs, DiagnosticBag diagnostics)
    {
        var m = new MappingReader(item, "flow", TopologyYamlKeys.Flow, diagnostics);
        var from = m.Require("from", diagnostics, out var e) ? HostSelection.Read(e, refs, diagnostics) : null;
        var to = m.Require("to", diagnostics, out e) ? HostSelection.Read(e, refs, diagnostics) : null;

        YScalar? id = null;
        if (m.TryGet("id", out e) && (id = ValueReaders.Scalar(e, "flow id", diagnostics)) is not null && !SectionValues.CheckLabel(id, "flow id", diagnostics)) id = null;
        YScalar? cls = null;
        if (m.TryGet("class", out e) && (cls = ValueReaders.Scalar(e, "traffic class label", diagnostics)) is not null && !SectionValues.CheckLabel(cls, "class", diagnostics)) cls = null;

        var kind = m.TryGet("kind", out e) ? ReadKind(e, diagnostics) : TrafficKind.Udp;
        var size = m.TryGet("size", out e) ? SectionValues.Integer(e, "frame bytes", TrafficFlow.MinFrameBytes, TrafficFlow.MaxFrameBytes, diagnostics) : 512;
        var rate = m.TryGet("rate", out e) ? ReadRate(e, diagnostics) : FlowRate.Default;
        var start = m.TryGet("start", out e) ? SectionValues.Duration(e, diagnostics) : TimeSpan.Zero;
        TimeSpan? stop = null;
        if (m.TryGet("stop", out var stopEntry))
        {
            stop = SectionValues.Duration(stopEntry, diagnostics);
            if (stop is { } sv && start is { } st && sv <= st)
            {
                diagnostics.Error(stopEntry.Value.Location, $"'stop' ({Durations.Format(sv)}) must be after 'start' ({Durations.Format(st)})");
                stop = null;
            }
        }
        var payload = m.TryGet("payload", out e) ? ReadPayload(e, kind, size, diagnostics) : TrafficPayload.None;
        var statedPort = ReadPort(m, "port", "destination port", kind, diagnostics);
        var port = statedPort ?? TrafficFlow.DefaultDestinationPort;
        var sourcePort = ReadPort(m, "source-port", "source port", kind, diagnostics);

        if (from is null || to is null || kind is null || size is null || rate is null || start is null || payload is null) return null;
        if (to.IsService)
        {
            if (ServicePort(to, refs, kind.Value, statedPort, diagnostics) is not { } servicePort) return null;
            port = servicePort;
        }
        if (from.IsSingle && to.IsSingle && from.Hosts[0] == to.Hosts[0])
        {
            diagnostics.Error(to.Node.Location, $"a flow from '{from.Hosts[0]}' to itself; 'from' and 'to' must be different hosts");
            return null;
        }
        var template = new TrafficFlow("", "", "", kind.Value)
        {
            PacketsPerSecond = rate.Value.PacketsPerSecond(size.Value),
            FrameBytes = size.Value,
            Start = start.Value,
            Stop = stop,
            DestinationPort = kind == TrafficKind.Icmp ? 0 : port,
            Class = cls?.Value,
            Payload = payload.Value,
            Source = item.Location,
        };
        return new Entry(item, id, cls?.Value, from, to, template, sourcePort);
    }

    /// <summary>
    /// A flow addressed to a function (<c>to: lb1</c>) goes to its service address: the load balancer's VIP and
    /// port, or the NAT's port forward; its kind must be the service's protocol. Null after reporting an error.
    /// </summary>
    private static int? ServicePort(HostSelection to, TopologyRefs refs, TrafficKind kind, int? statedPort, DiagnosticBag diagnostics)
    {
        var f = refs.Topology!.FindNfv(to.Hosts[0])!;
        if (!ServiceAddress.IsAddressable(f))
        {
            diagnostics.Error(to.Node.Location, $"'{f.Id}' is a {NfvKinds.Name(f.Kind)} function; a flow's 'to' is a host, a load balancer (its vip) or a NAT with port forwards");
            return null;
        }
        if (ServiceAddress.Resolve(refs.Topology!, f, statedPort, out var error) is not { } service)
        {
            diagnostics.Error(to.Node.Location, error!);
            return null;
        }
        var wanted = service.Protocol == TransportProtocol.Udp ? TrafficKind.Udp : TrafficKind.Tcp;
        if (kind != wanted)
        {
            diagnostics.Error(to.Node.Location, $"'{f.Id}' serves {TransportProtocols.Name(service.Protocol)} on port {service.Port}; this flow is {kind.ToString().ToLowerInvariant()} (set 'kind: {TransportProtocols.Name(service.Protocol)}')");
            return null;
        }
        return service.Port;
    }

    /// <summary>
    /// Frame bytes a payload needs besides the headers and the generator's 16-byte stamp (the longest of them, so the
    /// reader needs no per-protocol table; the generator cuts nothing).
    /// </summary>
    public const int PayloadAllowance = 68;

    private static TrafficPayload? ReadPayload(YEntry e, TrafficKind? kind, int? size, DiagnosticBag diagnostics)
    {
        var i = ValueReaders.Choice(e, TrafficPayloads.Names, diagnostics);
        if (i < 0) return null;
        var payload = (TrafficPayload)i;
        if (payload == TrafficPayload.None || kind is null) return payload;
        var needed = TrafficPayloads.KindOf(payload);
        if (kind != needed)
        {
            diagnostics.Error(e.Value.Location, $"payload '{payload.Name()}' runs over {needed.ToString().ToLowerInvariant()}, but the flow's kind is {kind.Value.ToString().ToLowerInvariant()}; add 'kind: {needed.ToString().ToLowerInvariant()}'");
            return null;
        }
        // Ethernet + IPv4 + the transport header + the stamp + the payload's bytes.
        var minimum = 14 + 20 + (needed == TrafficKind.Tcp ? 20 : 8) + 16 + PayloadAllowance;
        if (size is { } s && s < minimum)
        {
            diagnostics.Error(e.Value.Location, $"payload '{payload.Name()}' needs frames of at least {minimum} bytes; the flow's 'size' is {s}");
            return null;
        }
        return payload;
    }

    private static TrafficKind? ReadKind(YEntry e, DiagnosticBag diagnostics)
    {
        var s = ValueReaders.Scalar(e, "udp, tcp or icmp", diagnostics);
        if (s is null) return null;
        switch (s.Value.Trim().ToLowerInvariant())
        {
            case "udp": return TrafficKind.Udp;
            case "tcp": return TrafficKind.Tcp;
            case "icmp": return TrafficKind.Icmp;
        }
        diagnostics.Error(s.Location, $"expected udp, tcp or icmp for 'kind', found {s.Describe()}{DidYouMean.Hint(s.Value, new[] { "udp", "tcp", "icmp" })}");
        return null;
    }

    private static FlowRate? ReadRate(YEntry e, DiagnosticBag diagnostics)
    {
        var s = ValueReaders.Scalar(e, "rate such as 100pps or 10Mbps", diagnostics);
        if (s is null) return null;
        if (FlowRate.TryParse(s.Value, out var rate, out var error)) return rate;
        diagnostics.Error(s.Location, error!);
        return null;
    }

    private static int? ReadPort(MappingReader m, string key, string what, TrafficKind? kind, DiagnosticBag diagnostics)
    {
        if (!m.TryGet(key, out var e)) return null;
        if (kind == TrafficKind.Icmp)
        {
            diagnostics.Error(e.Key.Location, $"'{key}' applies to udp and tcp flows only; this flow is icmp");
            return null;
        }
        return SectionValues.Integer(e, what, 1, 65535, diagnostics);
    }

    /// <summary>Assigns ids and default source ports in list order; ids people wrote are reserved first.</summary>
    private static List<TrafficFlow> Expand(List<Entry> entries, DiagnosticBag diagnostics)
    {
        var stated = new Dictionary<string, YScalar>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry.StatedId is not { } id || !entry.From.IsSingle || !entry.To.IsSingle) continue;
            if (stated.TryGetValue(id.Value, out var first))
                diagnostics.Error(id.Location, $"duplicate flow id '{id.Value}' (first at line {first.Location.Line}:{first.Location.Column})");
            else
                stated[id.Value] = id;
        }

        var flows = new List<TrafficFlow>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry.From.IsSingle && entry.To.IsSingle)
            {
                var from = entry.From.Hosts[0];
                var to = entry.To.Hosts[0];
                var id = entry.StatedId is { } sid ? sid.Value : FreeId($"{from}-{to}", used, stated);
                used.Add(id);
                flows.Add(Make(entry, id, from, to, flows.Count));
                continue;
            }
            var prefix = entry.StatedId?.Value ?? entry.Class ?? "flow";
            foreach (var from in entry.From.Hosts)
            foreach (var to in entry.To.Hosts)
            {
                if (from == to) continue;
                var id = FreeId($"{prefix}:{from}-{to}", used, stated);
                used.Add(id);
                flows.Add(Make(entry, id, from, to, flows.Count));
            }
        }
        return flows;
    }

    private static TrafficFlow Make(Entry entry, string id, string from, string to, int index) =>
        entry.Template with
        {
            Id = id,
            From = from,
            To = to,
            SourcePort = entry.SourcePort ?? TrafficFlow.DefaultSourcePort(index),
        };

    // "h1-h2", then "h1-h2#2", "h1-h2#3", … skipping ids people wrote, as links do.
    private static string FreeId(string baseId, HashSet<string> used, Dictionary<string, YScalar> stated)
    {
        var id = baseId;
        for (var n = 2; used.Contains(id) || stated.ContainsKey(id); n++) id = $"{baseId}#{n}";
        return id;
    }
}
