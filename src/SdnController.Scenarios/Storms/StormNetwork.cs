using System.Text;
using SdnController.Topology;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Writing;
using SdnController.Topology.Yaml;
using SdnController.Topology.Zoo;

namespace SdnController.Scenarios.Storms;

/// <summary>
/// A Zoo network made ready for a storm: one host per switch (every switch, also in the smaller disconnected
/// parts; pairs across parts are the verifier's "no path"), declared UDP traffic between hosts of the largest
/// connected part (all ordered pairs when they are few, else a seeded sample) so the controller installs
/// rules, and one firewall chain (firewall on the best-connected switch, chaining every UDP flow to one
/// server host) when the largest part has at least three switches.
/// </summary>
public sealed record StormNetwork(Topology.Model.Topology Topology, IReadOnlyList<string> MainPart, string? FirewallSwitch, string? Server)
{
    /// <summary>All ordered pairs up to this many flows; beyond, a seeded sample of this many.</summary>
    public const int MaxFlows = 240;
    /// <summary>Chained flows added towards the server when the traffic is a sample.</summary>
    public const int ChainedSources = 6;

    /// <summary>Null with the loader's diagnostics in <paramref name="error"/> when the file is not a usable network.</summary>
    public static StormNetwork? Build(string zooPath, int seed, out string? error)
    {
        var bag = new DiagnosticBag();
        var zoo = TopologyFileLoader.Load(zooPath, new ZooImportOptions { HostsPerSwitch = 1 }, bag);
        if (zoo is null || bag.ErrorCount() > 0)
        {
            error = string.Join("; ", bag.Items);
            return null;
        }
        var main = LargestPart(zoo);
        var random = new Random(seed);
        var hostOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var h in zoo.Hosts) hostOf.TryAdd(h.Attachment.Node, h.Id);

        string? fwSwitch = null, server = null;
        if (main.Count >= 3)
        {
            fwSwitch = BestConnected(zoo, main);
            // The server is another switch's host of the main part, so the chained paths cross links.
            do server = hostOf[main[random.Next(main.Count)]]; while (server == hostOf[fwSwitch]);
        }

        var flows = new List<(string From, string To)>();
        var seen = new HashSet<(string, string)>();
        var pairs = (long)main.Count * (main.Count - 1);
        if (pairs <= MaxFlows)
        {
            foreach (var a in main)
                foreach (var b in main)
                    if (a != b) flows.Add((hostOf[a], hostOf[b]));
        }
        else
        {
            if (server is not null)
                while (flows.Count < ChainedSources)
                {
                    var a = hostOf[main[random.Next(main.Count)]];
                    if (a != server && seen.Add((a, server))) flows.Add((a, server));
                }
            while (flows.Count < MaxFlows)
            {
                var a = hostOf[main[random.Next(main.Count)]];
                var b = hostOf[main[random.Next(main.Count)]];
                if (a != b && seen.Add((a, b))) flows.Add((a, b));
            }
        }

        var yaml = new StringBuilder();
        foreach (var line in TopologyYamlWriter.ToYaml(zoo).Split('\n'))
        {
            // The writer states the empty sections; ours replace them.
            if (line.StartsWith("nfv:") || line.StartsWith("chains:") || line.StartsWith("traffic:") || line.StartsWith("scenario:")) continue;
            yaml.Append(FloorBandwidth(line)).Append('\n');
        }
        if (fwSwitch is not null)
        {
            yaml.Append($"nfv:\n  fw1:\n    kind: firewall\n    attach: {fwSwitch}\n    default: allow\n");
            yaml.Append($"chains:\n  - {{id: guarded, match: {{to: {server}, proto: udp}}, through: [fw1]}}\n");
        }
        if (flows.Count > 0)
        {
            yaml.Append("traffic:\n");
            for (var i = 0; i < flows.Count; i++)
                yaml.Append($"  - {{id: f{i}, from: {flows[i].From}, to: {flows[i].To}, kind: udp, port: 5000, rate: 20pps, size: 100}}\n");
        }
        var topology = TopologyYamlLoader.LoadText(yaml.ToString(), zooPath + " (storm)", bag);
        if (topology is null || bag.ErrorCount() > 0)
        {
            error = string.Join("; ", bag.Items);
            return null;
        }
        error = null;
        return new StormNetwork(topology, main, fwSwitch, server);
    }

    /// <summary>Links are never slower than this in a storm.</summary>
    public const double MinBandwidthBps = 10e6;

    /// <summary>
    /// The storm checks rules, not congestion: historic Zoo networks have links of 20 kb/s (Cesnet1993), where
    /// even a trickle of declared traffic fills the queues, the controller's keepalives are lost and healthy
    /// links are (rightly) declared dead. Such links are raised to <see cref="MinBandwidthBps"/>.
    /// </summary>
    private static string FloorBandwidth(string line)
    {
        const string Key = "bandwidth: ";
        var at = line.IndexOf(Key, StringComparison.Ordinal);
        if (at < 0) return line;
        var start = at + Key.Length;
        var end = start;
        while (end < line.Length && line[end] != ',' && line[end] != '}') end++;
        if (!Units.TryParseBandwidth(line[start..end].Trim(), out var bps, out _) || bps >= MinBandwidthBps) return line;
        return line[..start] + Units.FormatBandwidth(MinBandwidthBps) + line[end..];
    }

    /// <summary>Switch ids of the largest connected part, in topology order (ties: the first part found).</summary>
    public static List<string> LargestPart(Topology.Model.Topology t)
    {
        var label = new int[t.Switches.Count];
        Array.Fill(label, -1);
        var adjacency = Adjacency(t);
        int best = -1, bestSize = 0, next = 0;
        var stack = new Stack<int>();
        for (var s = 0; s < label.Length; s++)
        {
            if (label[s] >= 0) continue;
            var size = 0;
            label[s] = next;
            stack.Push(s);
            while (stack.Count > 0)
            {
                var n = stack.Pop();
                size++;
                foreach (var m in adjacency[n])
                    if (label[m] < 0) { label[m] = next; stack.Push(m); }
            }
            if (size > bestSize) { bestSize = size; best = next; }
            next++;
        }
        var part = new List<string>(bestSize);
        for (var s = 0; s < label.Length; s++) if (label[s] == best) part.Add(t.Switches[s].Id);
        return part;
    }

    internal static List<int>[] Adjacency(Topology.Model.Topology t)
    {
        var adjacency = new List<int>[t.Switches.Count];
        for (var i = 0; i < adjacency.Length; i++) adjacency[i] = new List<int>();
        foreach (var l in t.Links)
        {
            int a = t.IndexOfSwitch(l.A.Node), b = t.IndexOfSwitch(l.B.Node);
            if (a < 0 || b < 0 || a == b) continue;
            adjacency[a].Add(b);
            adjacency[b].Add(a);
        }
        return adjacency;
    }

    /// <summary>The switch with the most links in the part: the firewall there survives most failures.</summary>
    private static string BestConnected(Topology.Model.Topology t, List<string> part)
    {
        var degree = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var l in t.Links)
        {
            degree[l.A.Node] = degree.GetValueOrDefault(l.A.Node) + 1;
            degree[l.B.Node] = degree.GetValueOrDefault(l.B.Node) + 1;
        }
        var best = part[0];
        foreach (var s in part) if (degree.GetValueOrDefault(s) > degree.GetValueOrDefault(best)) best = s;
        return best;
    }
}
