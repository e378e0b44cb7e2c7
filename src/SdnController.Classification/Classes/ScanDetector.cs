using SdnController.Classification.Flows;

namespace SdnController.Classification.Classes;

/// <summary>
/// Finds scanning sources: a probe is a flow that carried no payload either way and got at most a reset back (a
/// TCP SYN to a closed port, an unanswered SYN, a lone UDP datagram without reply); a source whose probes reach
/// many distinct (host, port) targets is scanning, and all its probes are suspicious.
/// </summary>
public static class ScanDetector
{
    public static HashSet<Flow> SuspiciousFlows(IEnumerable<Flow> flows, ClassifierOptions options)
    {
        var probesBySource = new Dictionary<UInt128, List<Flow>>();
        foreach (var flow in flows)
        {
            if (!IsProbe(flow)) continue;
            if (!probesBySource.TryGetValue(flow.ClientAddress, out var list)) probesBySource[flow.ClientAddress] = list = [];
            list.Add(flow);
        }
        var suspicious = new HashSet<Flow>();
        foreach (var probes in probesBySource.Values)
        {
            if (probes.Count < options.ScanDistinctTargets) continue;
            var targets = new HashSet<(UInt128, ushort)>();
            foreach (var f in probes) targets.Add((f.ServerAddress, f.ServerPort));
            if (targets.Count >= options.ScanDistinctTargets) suspicious.UnionWith(probes);
        }
        return suspicious;
    }

    private static bool IsProbe(Flow flow) => flow.IpVersion != 0 && flow.Transport switch
    {
        6 => flow.PayloadPackets == 0 && flow.PacketsFromClient <= 3 && flow.PacketsFromServer <= 2,
        17 => flow.PacketsFromServer == 0 && flow.PacketsFromClient <= 2,
        _ => false,
    };
}
