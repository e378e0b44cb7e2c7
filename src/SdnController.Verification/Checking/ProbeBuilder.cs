using SdnController.Topology.Traffic;
using SdnController.Verification.Dump;
using SdnController.Verification.Walking;

namespace SdnController.Verification.Checking;

/// <summary>
/// The packets to walk: an ICMP echo for every ordered pair of hosts with IPv4, and every declared traffic flow
/// with its exact 5-tuple. Addresses and MACs come from the dump's host list.
/// </summary>
public static class ProbeBuilder
{
    public const int Icmp = 1, Tcp = 6, Udp = 17;

    public static List<Probe> Build(FlowDump dump, IReadOnlyList<TrafficFlow> traffic, out int skippedFlows)
    {
        var probes = new List<Probe>();
        var hosts = new List<DumpHost>();
        foreach (var h in dump.Hosts)
            if (h.HasIpv4) hosts.Add(h);
        foreach (var a in hosts)
            foreach (var b in hosts)
                if (!ReferenceEquals(a, b))
                    probes.Add(new Probe(ProbeKind.Pair, null, a.Id, b.Id, Header.Ipv4(a.Mac, b.Mac, a.Ipv4, b.Ipv4, Icmp, -1, -1), null));

        skippedFlows = 0;
        var byId = new Dictionary<string, DumpHost>();
        foreach (var h in hosts) byId[h.Id] = h;
        foreach (var f in traffic)
        {
            // A flow addressed to a function (a VIP, a port forward) is rewritten by it; the walk does not model
            // that rewrite, so such flows are counted as skipped rather than guessed.
            if (!byId.TryGetValue(f.From, out var src) || !byId.TryGetValue(f.To, out var dst))
            {
                skippedFlows++;
                continue;
            }
            var header = f.Kind switch
            {
                TrafficKind.Udp => Header.Ipv4(src.Mac, dst.Mac, src.Ipv4, dst.Ipv4, Udp, f.SourcePort, f.DestinationPort),
                TrafficKind.Tcp => Header.Ipv4(src.Mac, dst.Mac, src.Ipv4, dst.Ipv4, Tcp, f.SourcePort, f.DestinationPort),
                _ => Header.Ipv4(src.Mac, dst.Mac, src.Ipv4, dst.Ipv4, Icmp, -1, -1),
            };
            probes.Add(new Probe(ProbeKind.Flow, f.Id, f.From, f.To, header, f.Class));
        }
        return probes;
    }
}
