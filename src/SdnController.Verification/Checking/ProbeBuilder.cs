using SdnController.Topology.Traffic;
using SdnController.Verification.Dump;
using SdnController.Verification.Walking;

namespace SdnController.Verification.Checking;

/// <summary>
/// The packets to walk: an ICMP echo for every ordered pair of hosts with IPv4 (or a seeded sample of the pairs,
/// <see cref="VerifyOptions"/>), and every declared traffic flow with its exact 5-tuple. Addresses and MACs come
/// from the dump's host list.
/// </summary>
public static class ProbeBuilder
{
    public const int Icmp = 1, Tcp = 6, Udp = 17;

    public static List<Probe> Build(FlowDump dump, IReadOnlyList<TrafficFlow> traffic, out int skippedFlows) =>
        Build(dump, traffic, VerifyOptions.AllPairs, out skippedFlows, out _);

    /// <summary>
    /// The probes, with the host pairs <paramref name="options"/> asks for (every pair by default, else a seeded
    /// sample); <paramref name="pairs"/> says how many were taken of how many.
    /// </summary>
    public static List<Probe> Build(FlowDump dump, IReadOnlyList<TrafficFlow> traffic, VerifyOptions options, out int skippedFlows, out PairCoverage pairs)
    {
        var probes = new List<Probe>();
        var hosts = new List<DumpHost>();
        foreach (var h in dump.Hosts)
            if (h.HasIpv4) hosts.Add(h);
        var total = (long)hosts.Count * (hosts.Count - 1);
        if (options.MaxPairs is not { } max)
        {
            foreach (var a in hosts)
                foreach (var b in hosts)
                    if (!ReferenceEquals(a, b)) probes.Add(PairProbe(a, b));
            pairs = PairCoverage.All(total);
        }
        else
        {
            if (max < 0) throw new ArgumentOutOfRangeException(nameof(options), $"MaxPairs must be 0 or more, found {max}");
            var include = Included(dump, hosts, options.Include);
            foreach (var (a, b) in PairSampler.Pick(hosts.Count, include, max, options.Seed))
                probes.Add(PairProbe(hosts[a], hosts[b]));
            pairs = new PairCoverage(total, probes.Count, include.Count, options.Seed);
        }

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

    private static Probe PairProbe(DumpHost a, DumpHost b) =>
        new(ProbeKind.Pair, null, a.Id, b.Id, Header.Ipv4(a.Mac, b.Mac, a.Ipv4, b.Ipv4, Icmp, -1, -1), null);

    /// <summary>The pairs to include, as indices into <paramref name="hosts"/>; those the all-pairs walk skips are left out.</summary>
    private static HashSet<(int, int)> Included(FlowDump dump, List<DumpHost> hosts, IReadOnlyList<HostPair> include)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < hosts.Count; i++) index[hosts[i].Id] = i;
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var h in dump.Hosts) known.Add(h.Id);
        var pairs = new HashSet<(int, int)>();
        foreach (var p in include)
        {
            foreach (var id in new[] { p.From, p.To })
                if (!known.Contains(id)) throw new ArgumentException($"the pairs to include name host '{id}', which the flow dump does not have");
            if (index.TryGetValue(p.From, out var a) && index.TryGetValue(p.To, out var b) && a != b) pairs.Add((a, b));
        }
        return pairs;
    }
}
