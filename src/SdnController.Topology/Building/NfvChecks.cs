using SdnController.Topology.Diagnostics;
using SdnController.Topology.Model;
using SdnController.Topology.Model.Nfv;

namespace SdnController.Topology.Building;

/// <summary>
/// The references of network functions and chains, checked once the switches and hosts are known:
/// standby instances, load-balancer backend hosts (resolved to their addresses), chain functions and hosts.
/// </summary>
internal static class NfvChecks
{
    public static List<NfvInstance> Instances(IReadOnlyList<NfvSpec> specs, Func<PortSpec, int> assignPort,
        IReadOnlyDictionary<string, Host> hosts, DiagnosticBag diagnostics)
    {
        var byId = new Dictionary<string, NfvSpec>(StringComparer.Ordinal);
        foreach (var s in specs) byId.TryAdd(s.Id, s);
        var result = new List<NfvInstance>(specs.Count);
        foreach (var s in specs)
        {
            if (s.Standby is { } standby) CheckStandby(s, standby, byId, diagnostics);
            var config = s.Config is LoadBalancerConfig lb ? ResolveBackends(s, lb, hosts, diagnostics) : s.Config;
            result.Add(new NfvInstance(s.Id, new PortRef(s.Attachment.Node, assignPort(s.Attachment)), config)
            {
                Standby = s.Standby,
                Source = s.Source,
            });
        }
        return result;
    }

    private static void CheckStandby(NfvSpec s, string standby, Dictionary<string, NfvSpec> byId, DiagnosticBag diagnostics)
    {
        var at = s.StandbySource ?? s.Source;
        if (standby == s.Id)
            diagnostics.Error(at, $"nfv instance '{s.Id}' cannot be its own standby");
        else if (!byId.TryGetValue(standby, out var other))
            diagnostics.Error(at, $"standby of '{s.Id}' refers to unknown nfv instance '{standby}'{DidYouMean.Hint(standby, byId.Keys)}");
        else if (other.Config.Kind != s.Config.Kind)
            diagnostics.Error(at, $"standby '{standby}' of '{s.Id}' is a {NfvKinds.Name(other.Config.Kind)}; a standby must be another {NfvKinds.Name(s.Config.Kind)}");
    }

    private static LoadBalancerConfig ResolveBackends(NfvSpec s, LoadBalancerConfig lb, IReadOnlyDictionary<string, Host> hosts, DiagnosticBag diagnostics)
    {
        var backends = new LoadBalancerBackend[lb.Backends.Count];
        for (var i = 0; i < backends.Length; i++)
        {
            var b = lb.Backends[i];
            backends[i] = b;
            if (b.HostId is null) continue;
            var at = s.BackendSources is { } sources && i < sources.Count ? sources[i] : s.Source;
            if (!hosts.TryGetValue(b.HostId, out var host))
                diagnostics.Error(at, $"backend of '{s.Id}' refers to unknown host '{b.HostId}'{DidYouMean.Hint(b.HostId, hosts.Keys)}; a backend is a host id or address:port");
            else if (host.IPv4 is not { } v4)
                diagnostics.Error(at, $"backend host '{b.HostId}' of '{s.Id}' has no IPv4 address; give it one (ipv4: a.b.c.d/len)");
            else
            {
                var bytes = v4.Address.GetAddressBytes();
                backends[i] = b with { Address = (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]) };
            }
        }
        return lb with { Backends = backends };
    }

    public static List<ServiceChain> Chains(IReadOnlyList<ChainSpec> specs, IReadOnlyDictionary<string, NfvSpec> functions,
        IReadOnlyDictionary<string, Host> hosts, DiagnosticBag diagnostics)
    {
        var result = new List<ServiceChain>(specs.Count);
        var ids = new Dictionary<string, SourceLocation?>(StringComparer.Ordinal);
        foreach (var c in specs)
        {
            if (!ids.TryAdd(c.Id, c.Source))
                diagnostics.Error(c.Source, $"duplicate chain id '{c.Id}'{FirstAt(ids[c.Id])}");
            CheckHost(c.Match.From, "from", c, hosts, c.FromSource, diagnostics);
            // A chain's 'to' may name a load balancer or NAT that flows are addressed to (its VIP or port forward).
            if (c.Match.To is not { } to || !functions.TryGetValue(to, out var service) || !IsAddressable(service.Config))
                CheckHost(c.Match.To, "to", c, hosts, c.ToSource, diagnostics);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < c.Through.Count; i++)
            {
                var f = c.Through[i];
                var at = c.ThroughSources is { } sources && i < sources.Count ? sources[i] : c.Source;
                if (!functions.ContainsKey(f))
                    diagnostics.Error(at, $"chain '{c.Id}' goes through unknown nfv instance '{f}'{DidYouMean.Hint(f, functions.Keys)}");
                else if (!seen.Add(f))
                    diagnostics.Error(at, $"chain '{c.Id}' goes through '{f}' twice; a chain crosses each function once");
            }
            result.Add(new ServiceChain(c.Id, c.Match, c.Through.ToArray()) { Source = c.Source });
        }
        return result;
    }

    private static void CheckHost(string? id, string key, ChainSpec c, IReadOnlyDictionary<string, Host> hosts, SourceLocation? at, DiagnosticBag diagnostics)
    {
        if (id is null || hosts.ContainsKey(id)) return;
        diagnostics.Error(at ?? c.Source, $"'{key}' of chain '{c.Id}' refers to unknown host '{id}'{DidYouMean.Hint(id, hosts.Keys)}");
    }

    private static bool IsAddressable(NfvConfig config) => config is LoadBalancerConfig || config is NatConfig { Dnat.Count: > 0 };

    private static string FirstAt(SourceLocation? at) => at is null ? "" : $" (first at line {at.Line}:{at.Column})";
}
