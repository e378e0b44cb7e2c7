using SdnController.Topology.Diagnostics;
using SdnController.Topology.Scenarios;
using SdnController.Topology.Yaml;

namespace SdnController.Topology.Traffic;

/// <summary>
/// A flow's <c>from:</c> or <c>to:</c>: one host id, a list of host ids, or "*" for every host. A list
/// or "*" makes the entry expand into one flow per ordered pair.
/// </summary>
internal sealed record HostSelection(IReadOnlyList<string> Hosts, bool IsSingle, YNode Node)
{
    /// <summary>A single <c>to:</c> naming a load balancer or NAT instance: the flow is addressed to its service address.</summary>
    public bool IsService { get; init; }

    public const string Everyone = "*";

    /// <summary>Null after reporting an error. With unchecked references "*" selects nobody.</summary>
    public static HostSelection? Read(YEntry e, TopologyRefs refs, DiagnosticBag diagnostics)
    {
        var key = SectionValues.KeyOf(e);
        switch (e.Value)
        {
            case YScalar { IsNull: false } s when s.Value.Trim() == Everyone:
            {
                // Every host that can take part: flows are IPv4, so hosts without an address are left out (and said so).
                var all = refs.Topology?.Hosts ?? (IReadOnlyList<Model.Host>)Array.Empty<Model.Host>();
                var hosts = all.Where(h => h.IPv4 is not null).Select(h => h.Id).ToArray();
                if (hosts.Length < all.Count)
                    diagnostics.Warning(s.Location, $"\"*\" leaves out {all.Count - hosts.Length} host(s) without an IPv4 address ({string.Join(", ", all.Where(h => h.IPv4 is null).Select(h => h.Id).Take(5))}{(all.Count - hosts.Length > 5 ? ", ..." : "")}): flows are IPv4");
                return new HostSelection(hosts, false, s);
            }
            case YScalar { IsNull: false } s when key == "to" && refs.IsChecked && refs.IsNfv(s.Value):
                return new HostSelection(new[] { s.Value }, true, s) { IsService = true };
            case YScalar { IsNull: false } s:
                return CheckHost(s, refs, diagnostics) ? new HostSelection(new[] { s.Value }, true, s) : null;
            case YSequence { Items.Count: 0 } seq:
                diagnostics.Error(seq.Location, $"expected at least one host in '{key}', found an empty sequence");
                return null;
            case YSequence seq:
            {
                var hosts = new List<string>(seq.Items.Count);
                var seen = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
                var ok = true;
                foreach (var item in seq.Items)
                {
                    if (item is not YScalar { IsNull: false } s)
                    {
                        diagnostics.Error(item.Location, $"expected a host id in '{key}', found {item.Describe()}");
                        ok = false;
                        continue;
                    }
                    if (s.Value == Everyone)
                    {
                        diagnostics.Error(s.Location, $"'*' means every host and stands alone: write '{key}: \"*\"', not a list containing it");
                        ok = false;
                        continue;
                    }
                    if (!CheckHost(s, refs, diagnostics)) { ok = false; continue; }
                    if (seen.TryGetValue(s.Value, out var first))
                    {
                        diagnostics.Error(s.Location, $"host '{s.Value}' is listed twice in '{key}' (first at line {first.Line}:{first.Column})");
                        ok = false;
                        continue;
                    }
                    seen[s.Value] = s.Location;
                    hosts.Add(s.Value);
                }
                return ok ? new HostSelection(hosts, false, seq) : null;
            }
            default:
                var at = e.Value is YScalar ? e.Key.Location : e.Value.Location;
                diagnostics.Error(at, $"expected a host id, a list of host ids or \"*\" for '{key}', found {e.Value.Describe()}");
                return null;
        }
    }

    private static bool CheckHost(YScalar s, TopologyRefs refs, DiagnosticBag diagnostics)
    {
        if (refs.IsChecked && refs.IsHost(s.Value) && !refs.HasIpv4(s.Value))
        {
            diagnostics.Error(s.Location, $"host '{s.Value}' has no IPv4 address; flows are IPv4 (give the host an 'ipv4:')");
            return false;
        }
        if (!refs.IsChecked || refs.IsHost(s.Value)) return true;
        if (refs.IsSwitch(s.Value))
            diagnostics.Error(s.Location, $"'{s.Value}' is a switch; flows run between hosts");
        else
            diagnostics.Error(s.Location, $"unknown host '{s.Value}'{DidYouMean.Hint(s.Value, refs.HostIds)}");
        return false;
    }
}
