using System.Globalization;
using SdnController.Topology.Model.Nfv;
using SdnController.Topology.Scenarios;
using SdnController.Topology.Yaml;

namespace SdnController.Topology.Writing;

/// <summary>
/// Writes the <c>nfv:</c> and <c>chains:</c> sections so they load back to the same functions and chains:
/// attachments with their numbered ports, every rule as a one-line flow mapping, defaults left out.
/// </summary>
internal static class NfvYamlWriter
{
    public static void WriteNfv(IReadOnlyList<NfvInstance> functions, TextWriter w)
    {
        if (functions.Count == 0)
        {
            w.Write("nfv:      []  # none (network functions: firewall, nat, load-balancer, rate-limiter, ids)\n");
            return;
        }
        w.Write("nfv:\n");
        foreach (var f in functions)
        {
            w.Write($"  {YamlScalar.Format(f.Id)}:\n");
            w.Write($"    kind: {NfvKinds.Name(f.Kind)}\n");
            w.Write($"    attach: {YamlScalar.Format(f.Attachment.ToString())}\n");
            if (f.Standby is { } standby) w.Write($"    standby: {YamlScalar.Format(standby)}\n");
            switch (f.Config)
            {
                case FirewallConfig fw: WriteFirewall(fw, w); break;
                case NatConfig nat: WriteNat(nat, w); break;
                case LoadBalancerConfig lb: WriteLoadBalancer(lb, w); break;
                case RateLimiterConfig rl: WriteRateLimiter(rl, w); break;
                case IdsConfig ids: WriteIds(ids, w); break;
            }
        }
    }

    public static void WriteChains(IReadOnlyList<ServiceChain> chains, TextWriter w)
    {
        if (chains.Count == 0)
        {
            w.Write("chains:   []  # none (service chains: traffic through functions in order)\n");
            return;
        }
        w.Write("chains:\n");
        foreach (var c in chains)
        {
            var m = c.Match;
            var fields = new List<string>();
            if (m.From is { } from) fields.Add($"from: {Flow(from)}");
            if (m.To is { } to) fields.Add($"to: {Flow(to)}");
            AddTuple(fields, m.Protocol, m.SourcePorts, m.DestinationPorts);
            if (m.Class is { } cls) fields.Add($"class: {Flow(cls)}");
            w.Write($"  - {{id: {Flow(c.Id)}, match: {{{string.Join(", ", fields)}}}, through: [{string.Join(", ", c.Through.Select(Flow))}]}}\n");
        }
    }

    private static void WriteFirewall(FirewallConfig fw, TextWriter w)
    {
        w.Write($"    default: {(fw.Default == FirewallAction.Allow ? "allow" : "deny")}\n");
        if (fw.Rules.Count == 0) return;
        w.Write("    rules:\n");
        foreach (var r in fw.Rules)
        {
            var fields = new List<string> { $"action: {(r.Action == FirewallAction.Allow ? "allow" : "deny")}" };
            if (r.Protocol != TransportProtocol.Any) fields.Add($"proto: {TransportProtocols.Name(r.Protocol)}");
            if (!r.Source.IsAny) fields.Add($"src: {r.Source}");
            if (!r.Destination.IsAny) fields.Add($"dst: {r.Destination}");
            AddPorts(fields, r.SourcePorts, r.DestinationPorts);
            w.Write($"      - {{{string.Join(", ", fields)}}}\n");
        }
    }

    private static void WriteNat(NatConfig nat, TextWriter w)
    {
        if (nat.Snat is { } s)
            w.Write($"    snat: {{inside: {s.Inside}, address: {Ipv4Cidr.FormatAddress(s.Address)}, ports: {Quote(s.Ports)}, timeout: {Durations.Format(s.Timeout)}}}\n");
        if (nat.Dnat.Count == 0) return;
        w.Write("    dnat:\n");
        foreach (var d in nat.Dnat)
            w.Write(string.Create(CultureInfo.InvariantCulture,
                $"      - {{proto: {TransportProtocols.Name(d.Protocol)}, address: {Ipv4Cidr.FormatAddress(d.Address)}, port: {d.Port}, to: {Quote($"{Ipv4Cidr.FormatAddress(d.ToAddress)}:{d.ToPort}")}}}\n"));
    }

    private static void WriteLoadBalancer(LoadBalancerConfig lb, TextWriter w)
    {
        w.Write(string.Create(CultureInfo.InvariantCulture, $"    vip: {Quote($"{Ipv4Cidr.FormatAddress(lb.VipAddress)}:{lb.VipPort}")}\n"));
        w.Write($"    proto: {TransportProtocols.Name(lb.Protocol)}\n");
        var names = lb.Backends.Select(b => b.HostId is { } h ? Flow(h) : Quote($"{Ipv4Cidr.FormatAddress(b.Address)}:{b.Port.ToString(CultureInfo.InvariantCulture)}"));
        w.Write($"    backends: [{string.Join(", ", names)}]\n");
    }

    private static void WriteRateLimiter(RateLimiterConfig rl, TextWriter w)
    {
        w.Write("    rules:\n");
        foreach (var r in rl.Rules)
        {
            var fields = new List<string>();
            if (r.Class is { } cls) fields.Add($"class: {Flow(cls)}");
            if (r.PerFlow) fields.Add("per: flow");
            var pps = r.Unit == RateUnit.PacketsPerSecond;
            fields.Add($"rate: {(pps ? Units.FormatNumber(r.Rate) + "pps" : Units.FormatBandwidth(r.Rate))}");
            fields.Add($"burst: {(pps ? Units.FormatNumber(r.Burst) : Units.FormatNumber(r.Burst) + "B")}");
            fields.Add($"action: {(r.Action == RateLimitAction.Mark ? "mark" : "drop")}");
            if (r.Action == RateLimitAction.Mark) fields.Add($"dscp: {r.Dscp.ToString(CultureInfo.InvariantCulture)}");
            w.Write($"      - {{{string.Join(", ", fields)}}}\n");
        }
    }

    private static void WriteIds(IdsConfig ids, TextWriter w)
    {
        w.Write($"    block: {(ids.Block ? "true" : "false")}\n");
        if (ids.BlockFor is { } lifetime) w.Write($"    block_for: {Durations.Format(lifetime)}\n");
        w.Write("    signatures:\n");
        foreach (var s in ids.Signatures)
        {
            var fields = new List<string> { $"id: {Flow(s.Id)}" };
            // Printable ASCII stays readable text; anything else is written as the bytes it is.
            fields.Add(s.Pattern.All(b => b is >= 0x20 and < 0x7f)
                ? $"pattern: {YamlScalar.Quote(System.Text.Encoding.ASCII.GetString(s.Pattern))}"
                : $"hex: {YamlScalar.Quote(Convert.ToHexString(s.Pattern).ToLowerInvariant())}");
            if (s.IgnoreCase) fields.Add("nocase: true");
            AddTuple(fields, s.Protocol, s.SourcePorts, s.DestinationPorts);
            w.Write($"      - {{{string.Join(", ", fields)}}}\n");
        }
    }

    private static void AddTuple(List<string> fields, TransportProtocol p, PortRange sports, PortRange dports)
    {
        if (p != TransportProtocol.Any) fields.Add($"proto: {TransportProtocols.Name(p)}");
        AddPorts(fields, sports, dports);
    }

    private static void AddPorts(List<string> fields, PortRange sports, PortRange dports)
    {
        if (!sports.IsAny) fields.Add($"sport: {Quote(sports)}");
        if (!dports.IsAny) fields.Add($"dport: {Quote(dports)}");
    }

    // Ranges and address:port are quoted: YAML 1.1 readers take "20:30" as a base-60 number.
    private static string Quote(PortRange r) => r.Low == r.High ? r.ToString() : YamlScalar.Quote(r.ToString());
    private static string Quote(string s) => YamlScalar.Quote(s);
    private static string Flow(string s) => YamlScalar.Format(s, inFlow: true);
}
