using SdnController.Topology.Diagnostics;
using SdnController.Topology.Model.Nfv;
using SdnController.Topology.Scenarios;

namespace SdnController.Topology.Yaml;

/// <summary>The kind-specific part of an <c>nfv:</c> instance: its rules, read into the model's config records.</summary>
internal static class NfvRuleReader
{
    private static readonly string[] FirewallActionNames = { "deny", "allow" };
    private static readonly string[] RateActionNames = { "drop", "mark" };
    private static readonly string[] PerNames = { "flow" };

    public static FirewallConfig? Firewall(MappingReader m, DiagnosticBag diagnostics)
    {
        var ok = true;
        var fallback = FirewallAction.Deny;
        if (m.TryGet("default", out var e))
        {
            var i = ValueReaders.Choice(e, FirewallActionNames, diagnostics);
            ok &= i >= 0;
            if (i >= 0) fallback = (FirewallAction)i;
        }
        var rules = new List<FirewallRule>();
        if (m.TryGet("rules", out e))
            foreach (var item in Mappings(e, "{action: allow, proto: tcp, dport: 80}", diagnostics, ref ok))
                if (FirewallRule(item, diagnostics) is { } rule) rules.Add(rule);
                else ok = false;
        return ok ? new FirewallConfig(fallback, rules) : null;
    }

    private static FirewallRule? FirewallRule(YMapping item, DiagnosticBag diagnostics)
    {
        var m = new MappingReader(item, "firewall rule", TopologyYamlKeys.FirewallRule, diagnostics);
        var ok = true;
        var action = -1;
        if (m.Require("action", diagnostics, out var e)) action = ValueReaders.Choice(e, FirewallActionNames, diagnostics);
        var (proto, sports, dports) = FiveTuplePorts(m, diagnostics, ref ok);
        Ipv4Cidr? src = Ipv4Cidr.Any, dst = Ipv4Cidr.Any;
        if (m.TryGet("src", out e)) src = NfvValues.Cidr(e, diagnostics);
        if (m.TryGet("dst", out e)) dst = NfvValues.Cidr(e, diagnostics);
        if (!ok || action < 0 || src is null || dst is null) return null;
        return new FirewallRule((FirewallAction)action)
        {
            Protocol = proto, Source = src.Value, Destination = dst.Value, SourcePorts = sports, DestinationPorts = dports, Location = item.Location,
        };
    }

    /// <summary><c>proto</c>, <c>sport</c>, <c>dport</c> of a rule: ports need tcp or udp (or any, which then matches those two only).</summary>
    private static (TransportProtocol, PortRange, PortRange) FiveTuplePorts(MappingReader m, DiagnosticBag diagnostics, ref bool ok)
    {
        var proto = TransportProtocol.Any;
        YEntry protoEntry = default;
        if (m.TryGet("proto", out var e))
        {
            protoEntry = e;
            if (NfvValues.Protocol(e, diagnostics) is { } p) proto = p;
            else ok = false;
        }
        var sports = PortRange.Any;
        var dports = PortRange.Any;
        var hasPorts = false;
        if (m.TryGet("sport", out e))
        {
            hasPorts = true;
            if (NfvValues.Ports(e, diagnostics) is { } r) sports = r;
            else ok = false;
        }
        if (m.TryGet("dport", out e))
        {
            hasPorts = true;
            if (NfvValues.Ports(e, diagnostics) is { } r) dports = r;
            else ok = false;
        }
        if (hasPorts && proto == TransportProtocol.Icmp)
        {
            diagnostics.Error(protoEntry.Value.Location, $"{m.What} names ports, but ICMP has none; use proto tcp, udp or any");
            ok = false;
        }
        return (proto, sports, dports);
    }

    public static NatConfig? Nat(MappingReader m, string id, DiagnosticBag diagnostics)
    {
        var ok = true;
        SourceNat? snat = null;
        if (m.TryGet("snat", out var e))
        {
            if (e.Value is YMapping map) ok &= (snat = Snat(new MappingReader(map, "snat", TopologyYamlKeys.Snat, diagnostics), diagnostics)) is not null;
            else
            {
                diagnostics.Error(e.Value is YScalar { IsNull: true } ? e.Key.Location : e.Value.Location,
                    $"expected a mapping (inside, address, ports, timeout) for 'snat', found {e.Value.Describe()}");
                ok = false;
            }
        }
        var dnat = new List<DestinationNat>();
        var hasDnat = m.TryGet("dnat", out e);
        if (hasDnat)
            foreach (var item in Mappings(e, "{proto: tcp, address: 192.0.2.1, port: 8080, to: 10.0.1.5:80}", diagnostics, ref ok))
                if (Dnat(item, diagnostics) is { } d) dnat.Add(d);
                else ok = false;
        if (!m.TryGet("snat", out _) && dnat.Count == 0 && ok)
        {
            diagnostics.Error(m.Mapping.Location, $"nat '{id}' translates nothing; give it 'snat', 'dnat' or both");
            return null;
        }
        return ok ? new NatConfig(snat, dnat) : null;
    }

    private static SourceNat? Snat(MappingReader m, DiagnosticBag diagnostics)
    {
        Ipv4Cidr? inside = null;
        uint? address = null;
        if (m.Require("inside", diagnostics, out var e)) inside = NfvValues.Cidr(e, diagnostics);
        if (m.Require("address", diagnostics, out e)) address = NfvValues.Address(e, diagnostics);
        PortRange? ports = SourceNat.DefaultPorts;
        if (m.TryGet("ports", out e)) ports = NfvValues.Ports(e, diagnostics, min: 1);
        TimeSpan? timeout = SourceNat.DefaultTimeout;
        if (m.TryGet("timeout", out e)) timeout = SectionValues.PositiveDuration(e, diagnostics);
        if (inside is null || address is null || ports is null || timeout is null) return null;
        return new SourceNat(inside.Value, address.Value, ports.Value, timeout.Value);
    }

    private static DestinationNat? Dnat(YMapping item, DiagnosticBag diagnostics)
    {
        var m = new MappingReader(item, "dnat rule", TopologyYamlKeys.Dnat, diagnostics);
        TransportProtocol? proto = TransportProtocol.Tcp;
        if (m.TryGet("proto", out var e)) proto = NfvValues.Protocol(e, diagnostics, portsOnly: true);
        uint? address = null;
        int? port = null;
        (uint Address, int? Port)? to = null;
        if (m.Require("address", diagnostics, out e)) address = NfvValues.Address(e, diagnostics);
        if (m.Require("port", diagnostics, out e)) port = NfvValues.Port(e, diagnostics);
        if (m.Require("to", diagnostics, out e)) to = NfvValues.Endpoint(e, portOptional: true, diagnostics);
        if (proto is null || address is null || port is null || to is null) return null;
        return new DestinationNat(proto.Value, address.Value, port.Value, to.Value.Address, to.Value.Port ?? port.Value);
    }

    public static LoadBalancerConfig? LoadBalancer(MappingReader m, DiagnosticBag diagnostics, out IReadOnlyList<SourceLocation?>? backendSources)
    {
        backendSources = null;
        (uint Address, int? Port)? vip = null;
        if (m.Require("vip", diagnostics, out var e)) vip = NfvValues.Endpoint(e, portOptional: false, diagnostics);
        TransportProtocol? proto = TransportProtocol.Tcp;
        if (m.TryGet("proto", out e)) proto = NfvValues.Protocol(e, diagnostics, portsOnly: true);
        var backends = new List<LoadBalancerBackend>();
        var sources = new List<SourceLocation?>();
        var ok = true;
        if (m.Require("backends", diagnostics, out e) && NfvValues.Sequence(e, "[h5, h6] or [10.0.1.5:80]", diagnostics) is { } items)
        {
            if (items.Count == 0)
            {
                diagnostics.Error(e.Value is YScalar ? e.Key.Location : e.Value.Location, "a load balancer needs at least one backend in 'backends'");
                ok = false;
            }
            var seen = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
            foreach (var item in items)
            {
                if (ValueReaders.Scalar(new YEntry(e.Key, item), "host id or address:port", diagnostics) is not { } s)
                {
                    ok = false;
                    continue;
                }
                var t = s.Value.Trim();
                LoadBalancerBackend backend;
                if (NfvValues.TryParseEndpoint(t, portOptional: true, out var a, out var p))
                    backend = new LoadBalancerBackend(null, a, p ?? vip?.Port ?? 0);
                else if (t.Contains(':') || t.Count(c => c == '.') == 3 && char.IsAsciiDigit(t[0]))
                {
                    diagnostics.Error(s.Location, $"expected a host id or an IPv4 address:port (port 1..65535) as a backend, found {s.Describe()}");
                    ok = false;
                    continue;
                }
                else backend = new LoadBalancerBackend(t, 0, vip?.Port ?? 0);
                if (seen.TryGetValue(backend.Name, out var first))
                {
                    diagnostics.Error(s.Location, $"backend '{backend.Name}' is listed twice (first at line {first.Line}:{first.Column})");
                    ok = false;
                    continue;
                }
                seen[backend.Name] = s.Location;
                backends.Add(backend);
                sources.Add(s.Location);
            }
        }
        else ok = false;
        if (!ok || vip is null || proto is null) return null;
        backendSources = sources;
        return new LoadBalancerConfig(vip.Value.Address, vip.Value.Port!.Value, proto.Value, backends);
    }

    public static RateLimiterConfig? RateLimiter(MappingReader m, DiagnosticBag diagnostics)
    {
        var ok = true;
        var rules = new List<RateLimitRule>();
        if (m.Require("rules", diagnostics, out var e))
        {
            var items = Mappings(e, "{class: bulk, rate: 10Mbps, burst: 64KB, action: drop}", diagnostics, ref ok);
            if (items.Count == 0 && ok)
            {
                diagnostics.Error(e.Value is YScalar ? e.Key.Location : e.Value.Location, "a rate limiter needs at least one rule in 'rules'");
                ok = false;
            }
            foreach (var item in items)
                if (RateRule(item, diagnostics) is { } rule) rules.Add(rule);
                else ok = false;
        }
        else ok = false;
        return ok ? new RateLimiterConfig(rules) : null;
    }

    private static RateLimitRule? RateRule(YMapping item, DiagnosticBag diagnostics)
    {
        var m = new MappingReader(item, "rate-limit rule", TopologyYamlKeys.RateLimitRule, diagnostics);
        var ok = true;
        (double Rate, RateUnit Unit)? rate = null;
        if (m.Require("rate", diagnostics, out var e)) rate = NfvValues.Rate(e, diagnostics);
        double? burst = null;
        if (m.TryGet("burst", out e))
        {
            // Its unit depends on the rate's (bytes or packets), so a bad rate leaves it unjudged.
            if (rate is not null) ok &= (burst = NfvValues.Burst(e, rate.Value.Unit == RateUnit.PacketsPerSecond, diagnostics)) is not null;
        }
        var action = RateLimitAction.Drop;
        if (m.TryGet("action", out e))
        {
            var i = ValueReaders.Choice(e, RateActionNames, diagnostics);
            ok &= i >= 0;
            if (i >= 0) action = (RateLimitAction)i;
        }
        var dscp = RateLimitRule.DefaultDscp;
        if (m.TryGet("dscp", out e))
        {
            if (SectionValues.Integer(e, "DSCP 0..63", 0, 63, diagnostics) is { } d) dscp = d;
            else ok = false;
            if (action != RateLimitAction.Mark)
            {
                diagnostics.Error(e.Key.Location, "'dscp' is the mark of action: mark; this rule drops");
                ok = false;
            }
        }
        string? cls = null;
        if (m.TryGet("class", out e) && ValueReaders.Scalar(e, "traffic class", diagnostics) is { } c)
        {
            if (SectionValues.CheckLabel(c, "class", diagnostics)) cls = c.Value;
            else ok = false;
        }
        var perFlow = false;
        if (m.TryGet("per", out e))
        {
            ok &= ValueReaders.Choice(e, PerNames, diagnostics) == 0;
            perFlow = true;
        }
        if (!ok || rate is null) return null;
        return new RateLimitRule(rate.Value.Rate, rate.Value.Unit, burst ?? RateLimitRule.DefaultBurst(rate.Value.Rate, rate.Value.Unit), action)
        {
            Class = cls,
            PerFlow = perFlow,
            Dscp = dscp,
        };
    }

    public static IdsConfig? Ids(MappingReader m, DiagnosticBag diagnostics)
    {
        var ok = true;
        var block = false;
        if (m.TryGet("block", out var e))
        {
            if (SectionValues.Boolean(e, diagnostics) is { } b) block = b;
            else ok = false;
        }
        TimeSpan? blockFor = null;
        if (m.TryGet("block_for", out var lifetime))
        {
            if (SectionValues.PositiveDuration(lifetime, diagnostics) is { } t)
            {
                blockFor = t;
                // A lifetime of blocks that are never made is a mistake in the file, not something to ignore.
                if (ok && !block)
                {
                    diagnostics.Error(lifetime.Key.Location, "'block_for' needs 'block: true' (without it the ids blocks nothing)");
                    ok = false;
                }
            }
            else ok = false;
        }
        var signatures = new List<IdsSignature>();
        if (m.Require("signatures", diagnostics, out e))
        {
            var items = Mappings(e, "{id: sqli, pattern: \"' OR 1=1\"}", diagnostics, ref ok);
            if (items.Count == 0 && ok)
            {
                diagnostics.Error(e.Value is YScalar ? e.Key.Location : e.Value.Location, "an ids needs at least one signature in 'signatures'");
                ok = false;
            }
            var ids = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
            foreach (var item in items)
            {
                var sig = Signature(item, diagnostics, out var idAt);
                if (sig is null) { ok = false; continue; }
                if (ids.TryGetValue(sig.Id, out var first))
                {
                    diagnostics.Error(idAt, $"duplicate signature id '{sig.Id}' (first at line {first.Line}:{first.Column})");
                    ok = false;
                    continue;
                }
                ids[sig.Id] = idAt!;
                signatures.Add(sig);
            }
        }
        else ok = false;
        return ok ? new IdsConfig(block, signatures) { BlockFor = blockFor } : null;
    }

    private static IdsSignature? Signature(YMapping item, DiagnosticBag diagnostics, out SourceLocation? idAt)
    {
        idAt = null;
        var m = new MappingReader(item, "signature", TopologyYamlKeys.Signature, diagnostics);
        var ok = true;
        string? id = null;
        if (m.Require("id", diagnostics, out var e) && ValueReaders.Scalar(e, "signature id", diagnostics) is { } s)
        {
            idAt = s.Location;
            if (SectionValues.CheckLabel(s, "signature id", diagnostics)) id = s.Value;
        }
        byte[]? pattern = null;
        var hasPattern = m.TryGet("pattern", out var pe);
        var hasHex = m.TryGet("hex", out var he);
        if (hasPattern && hasHex)
        {
            diagnostics.Error(he.Key.Location, "a signature has 'pattern' or 'hex', not both");
            ok = false;
        }
        else if (hasPattern)
        {
            // Quoted text keeps its spaces; an empty pattern would match every packet.
            if (pe.Value is YScalar { IsNull: false } ps && ps.Value.Length > 0) pattern = System.Text.Encoding.UTF8.GetBytes(ps.Value);
            else diagnostics.Error(pe.Value is YScalar ? pe.Key.Location : pe.Value.Location, $"expected the text to find for 'pattern', found {pe.Value.Describe()}");
        }
        else if (hasHex) pattern = NfvValues.Hex(he, diagnostics);
        else
        {
            diagnostics.Error(item.Location, "signature is missing 'pattern' (text) or 'hex' (bytes)");
            ok = false;
        }
        var nocase = false;
        if (m.TryGet("nocase", out e))
        {
            if (SectionValues.Boolean(e, diagnostics) is { } b) nocase = b;
            else ok = false;
        }
        var (proto, sports, dports) = FiveTuplePorts(m, diagnostics, ref ok);
        if (!ok || id is null || pattern is null) return null;
        return new IdsSignature(id, pattern) { Protocol = proto, SourcePorts = sports, DestinationPorts = dports, IgnoreCase = nocase };
    }

    /// <summary>The mapping items of a sequence value; anything else is reported and clears <paramref name="ok"/>.</summary>
    private static List<YMapping> Mappings(YEntry e, string example, DiagnosticBag diagnostics, ref bool ok)
    {
        var result = new List<YMapping>();
        var items = NfvValues.Sequence(e, $"[{example}]", diagnostics);
        if (items is null)
        {
            ok = false;
            return result;
        }
        foreach (var item in items)
        {
            if (item is YMapping map) result.Add(map);
            else
            {
                diagnostics.Error(item.Location, $"expected a mapping such as {example} in '{NfvValues.KeyOf(e)}', found {item.Describe()}");
                ok = false;
            }
        }
        return result;
    }
}
