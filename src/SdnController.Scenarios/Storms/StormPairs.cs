using SdnController.Topology.Traffic;
using SdnController.Verification.Checking;

namespace SdnController.Scenarios.Storms;

/// <summary>
/// The host pairs a storm's verifier walks. Every ordered pair up to <see cref="MaxPairs"/> of them (one host per
/// switch: networks of up to 141 switches), else a seeded sample of that many that always holds every declared
/// flow's pair — both ways for TCP and ICMP, whose replies come back — so the pairs the storm installs traffic for
/// are never left out. Declared flows themselves are walked whole either way (the lost-flow check reads them).
/// </summary>
public static class StormPairs
{
    /// <summary>
    /// Pairs walked per check at most. All pairs of Kdl (754 switches, 567,762 pairs) took over a minute of CPU
    /// per check (5 to 17 minutes of wall time for its storm run); with this sample the run takes about 35 s.
    /// </summary>
    public const int MaxPairs = 20_000;

    public static VerifyOptions For(Topology.Model.Topology topology, int seed)
    {
        var include = new List<HostPair>(2 * topology.Traffic.Count);
        foreach (var f in topology.Traffic)
        {
            // A flow to a function's service address (a VIP) is no host pair: the verifier skips such flows.
            if (topology.IndexOfHost(f.From) < 0 || topology.IndexOfHost(f.To) < 0) continue;
            include.Add(new HostPair(f.From, f.To));
            if (f.Kind is TrafficKind.Tcp or TrafficKind.Icmp) include.Add(new HostPair(f.To, f.From));
        }
        return new VerifyOptions { MaxPairs = MaxPairs, Seed = seed, Include = include };
    }
}
