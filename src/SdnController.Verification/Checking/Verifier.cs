using SdnController.Topology.Model.Nfv;
using SdnController.Verification.Dump;
using SdnController.Verification.Walking;

namespace SdnController.Verification.Checking;

/// <summary>
/// Walks every probe through a flow dump and classifies it. Reads only the dump (rules, groups, port and link
/// state, hosts) and the topology's wiring (functions, chains, declared traffic); nothing of the routing.
/// </summary>
public static class Verifier
{
    /// <summary>Walks every host pair and declared flow; <paramref name="options"/> can cut the pairs to a seeded sample.</summary>
    public static VerificationReport Verify(Topology.Model.Topology topology, FlowDump dump, IReadOnlyList<string> downLinks, VerifyOptions? options = null)
    {
        var plane = new DataPlane(dump, topology.Nfv, downLinks);
        var walker = new HeaderWalker(plane);
        var reach = new Reachability(plane);
        var primaryOf = PrimaryOf(topology.Nfv);
        var hosts = new Dictionary<string, DumpHost>();
        foreach (var h in dump.Hosts) hosts[h.Id] = h;

        var probes = ProbeBuilder.Build(dump, topology.Traffic, options ?? VerifyOptions.AllPairs, out var skipped, out var pairs);
        var counts = new int[Enum.GetValues<Verdict>().Length];
        var violations = new List<Finding>();
        var unchecked_ = new List<Finding>();
        foreach (var probe in probes)
        {
            var src = hosts[probe.From];
            var outcomes = walker.Walk(src.Switch, src.Port, probe.Header);
            var finding = Classify(probe, outcomes, topology, dump, reach, hosts, primaryOf);
            counts[(int)finding.Verdict]++;
            if (finding.Verdict.IsViolation()) violations.Add(finding);
            else if (finding.Verdict is Verdict.NotInstalled or Verdict.Unverified or Verdict.Blocked) unchecked_.Add(finding);
        }
        return new VerificationReport
        {
            Topology = topology.Name,
            DownLinks = downLinks,
            Counts = counts,
            Violations = violations,
            Unchecked = unchecked_,
            SkippedFlows = skipped,
            Pairs = pairs,
        };
    }

    private static Finding Classify(Probe probe, List<WalkOutcome> outcomes, Topology.Model.Topology topology, FlowDump dump,
        Reachability reach, Dictionary<string, DumpHost> hosts, Dictionary<string, string> primaryOf)
    {
        // The worst branch decides: a loop, then a wrong host, then a failure, then a chain fault.
        foreach (var o in outcomes)
            if (o.End == EndKind.Loop) return Witness(Verdict.Loop, probe, o, o.Detail);
        foreach (var o in outcomes)
            if (o.End == EndKind.Delivered && o.Host != probe.To)
                return Witness(Verdict.WrongHost, probe, o, $"delivered to {o.Host} instead of {probe.To}");
        foreach (var o in outcomes)
        {
            if (!o.IsFailure) continue;
            var connected = reach.Connected(hosts[probe.From].Switch, hosts[probe.To].Switch);
            if (!connected) return Witness(Verdict.NoPath, probe, o, "the wiring connects no path between the hosts");
            if (!IsInstalled(dump, probe.Header)) return Witness(Verdict.NotInstalled, probe, o, "no switch has a rule for this packet");
            return Witness(Verdict.BlackHole, probe, o, o.Detail);
        }
        foreach (var o in outcomes)
            if (o.End == EndKind.ExplicitDrop) return Witness(Verdict.Blocked, probe, o, o.Detail);
        foreach (var o in outcomes)
            if (o.End == EndKind.NotFollowed) return Witness(Verdict.Unverified, probe, o, o.Detail);

        if (ChainFor(topology, probe) is { } chain)
            foreach (var o in outcomes)
                if (CheckChain(chain, o, primaryOf) is { } fault) return Witness(fault.Verdict, probe, o, fault.Why);
        return Witness(Verdict.Delivered, probe, outcomes[0], "delivered");
    }

    /// <summary>
    /// Does any switch hold a rule (other than a send-to-controller one) for this packet, wherever it enters?
    /// The controller installs whole paths, so a pair with no rule anywhere was never set up (reactive mode),
    /// while one with rules on some switches and a failed walk is a black hole.
    /// </summary>
    private static bool IsInstalled(FlowDump dump, in Header header)
    {
        foreach (var s in dump.Switches)
            foreach (var r in s.Rules)
            {
                if (!r.Match.MatchesHeader(header, ignoreVlan: true)) continue;
                foreach (var a in r.Actions)
                    if (a.Kind != ActionKind.Controller) return true;
            }
        return false;
    }

    /// <summary>The first chain of the topology whose match covers the probe (the controller's order).</summary>
    private static ServiceChain? ChainFor(Topology.Model.Topology topology, Probe probe)
    {
        var h = probe.Header;
        foreach (var c in topology.Chains)
        {
            var m = c.Match;
            if (m.From is not null && m.From != probe.From) continue;
            if (m.To is not null && m.To != probe.To) continue;
            if (!m.Protocol.Matches(h.IpProto)) continue;
            if (m.Class is not null && m.Class != probe.Class) continue;
            if (h.L4Src < 0 ? !(m.SourcePorts.IsAny && m.DestinationPorts.IsAny)
                            : !(m.SourcePorts.Contains(h.L4Src) && m.DestinationPorts.Contains(h.L4Dst))) continue;
            return c;
        }
        return null;
    }

    private static (Verdict Verdict, string Why)? CheckChain(ServiceChain chain, WalkOutcome o, Dictionary<string, string> primaryOf)
    {
        // A standby stands in for its primary: a chain through fw1 may cross fw1's standby after fw1 failed.
        var crossed = new List<string>();
        foreach (var f in o.Functions)
        {
            var id = primaryOf.TryGetValue(f, out var p) ? p : f;
            if (chain.Through.Contains(id) && !crossed.Contains(id)) crossed.Add(id);
        }
        foreach (var need in chain.Through)
            if (!crossed.Contains(need))
                return (Verdict.ChainBypass, $"chain {chain.Id} requires {string.Join(" -> ", chain.Through)}; the packet did not cross {need}");
        for (var i = 0; i < crossed.Count; i++)
            if (crossed[i] != chain.Through[i])
                return (Verdict.ChainReordered, $"chain {chain.Id} requires {string.Join(" -> ", chain.Through)}; the packet crossed {string.Join(" -> ", o.Functions)}");
        return null;
    }

    private static Dictionary<string, string> PrimaryOf(IReadOnlyList<NfvInstance> functions)
    {
        var map = new Dictionary<string, string>();
        foreach (var f in functions)
            if (f.Standby is { } s) map[s] = f.Id;
        return map;
    }

    private static Finding Witness(Verdict v, Probe probe, WalkOutcome o, string where)
    {
        var path = new List<string>(o.Path.Count + 1);
        foreach (var s in o.Path) path.Add(s.ToString());
        if (o.Host is not null) path.Add(o.Host);
        return new Finding(v, probe, path, o.Functions, where);
    }
}
