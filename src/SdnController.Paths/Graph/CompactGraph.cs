using SdnController.Topology.Model;

namespace SdnController.Paths.Graph;

/// <summary>
/// The switch graph in compressed sparse row form: every algorithm in this project runs over these
/// flat arrays, never over the object model. Nodes are switches in topology order; links keep the
/// topology's link indices, so parallel links stay distinct. Self-loops are kept as links but left
/// out of the adjacency (no path can use them).
/// </summary>
/// <remarks>
/// Each node's adjacency is sorted by (neighbour index, link index). Algorithms that scan it in
/// order and break ties on the lower index are therefore deterministic for a given file.
/// </remarks>
public sealed class CompactGraph
{
    /// <summary>100 Gbit/s, the reference for <see cref="PathMetric.InverseBandwidth"/>.</summary>
    public const double ReferenceBandwidthBps = 100e9;

    private readonly Dictionary<string, int> _index;

    private CompactGraph(string[] nodeIds, int[] linkA, int[] linkB, double[] weight)
    {
        NodeIds = nodeIds;
        LinkA = linkA;
        LinkB = linkB;
        Weight = weight;
        _index = new Dictionary<string, int>(nodeIds.Length, StringComparer.Ordinal);
        for (var i = 0; i < nodeIds.Length; i++) _index[nodeIds[i]] = i;

        var n = nodeIds.Length;
        var degree = new int[n + 1];
        for (var l = 0; l < linkA.Length; l++)
        {
            if (linkA[l] == linkB[l]) continue;
            degree[linkA[l]]++;
            degree[linkB[l]]++;
        }
        Offsets = new int[n + 1];
        for (var i = 0; i < n; i++) Offsets[i + 1] = Offsets[i] + degree[i];
        var fill = (int[])Offsets.Clone();
        AdjNode = new int[Offsets[n]];
        AdjLink = new int[Offsets[n]];
        for (var l = 0; l < linkA.Length; l++)
        {
            int a = linkA[l], b = linkB[l];
            if (a == b) continue;
            AdjNode[fill[a]] = b; AdjLink[fill[a]++] = l;
            AdjNode[fill[b]] = a; AdjLink[fill[b]++] = l;
        }
        for (var i = 0; i < n; i++)
        {
            var span = Offsets[i + 1] - Offsets[i];
            if (span < 2) continue;
            // Sort by neighbour then link: key packs both so one array sort does it.
            var keys = new long[span];
            for (var j = 0; j < span; j++) keys[j] = ((long)AdjNode[Offsets[i] + j] << 32) | (uint)AdjLink[Offsets[i] + j];
            Array.Sort(keys);
            for (var j = 0; j < span; j++)
            {
                AdjNode[Offsets[i] + j] = (int)(keys[j] >> 32);
                AdjLink[Offsets[i] + j] = (int)(keys[j] & 0xffffffff);
            }
        }
    }

    public int NodeCount => NodeIds.Length;
    public int LinkCount => LinkA.Length;
    /// <summary>Switch id of each node.</summary>
    public string[] NodeIds { get; }
    /// <summary>Endpoints of each link (node indices).</summary>
    public int[] LinkA { get; }
    public int[] LinkB { get; }
    /// <summary>Weight of each link under the metric the graph was built for; never negative.</summary>
    public double[] Weight { get; }
    /// <summary>Adjacency of node i is AdjNode/AdjLink[Offsets[i] .. Offsets[i+1]).</summary>
    public int[] Offsets { get; }
    public int[] AdjNode { get; }
    public int[] AdjLink { get; }

    public int IndexOf(string id) => _index.TryGetValue(id, out var i) ? i : -1;

    public int Other(int link, int node) => LinkA[link] == node ? LinkB[link] : LinkA[link];

    /// <summary>Graph of a topology's switches and links weighted by <paramref name="metric"/>.</summary>
    public static CompactGraph FromTopology(Topology.Model.Topology topology, PathMetric metric)
    {
        var ids = new string[topology.Switches.Count];
        for (var i = 0; i < ids.Length; i++) ids[i] = topology.Switches[i].Id;
        var links = topology.Links;
        var a = new int[links.Count];
        var b = new int[links.Count];
        var w = new double[links.Count];
        for (var l = 0; l < links.Count; l++)
        {
            a[l] = topology.IndexOfSwitch(links[l].A.Node);
            b[l] = topology.IndexOfSwitch(links[l].B.Node);
            w[l] = WeightOf(links[l], metric);
        }
        return new CompactGraph(ids, a, b, w);
    }

    /// <summary>Graph from raw edges (tests, generators). Ids default to "0", "1", ….</summary>
    public static CompactGraph Create(int nodeCount, IReadOnlyList<(int A, int B, double Weight)> links, string[]? nodeIds = null)
    {
        nodeIds ??= Enumerable.Range(0, nodeCount).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        if (nodeIds.Length != nodeCount) throw new ArgumentException("one id per node", nameof(nodeIds));
        var a = new int[links.Count];
        var b = new int[links.Count];
        var w = new double[links.Count];
        for (var l = 0; l < links.Count; l++)
        {
            var (x, y, weight) = links[l];
            if ((uint)x >= (uint)nodeCount || (uint)y >= (uint)nodeCount) throw new ArgumentOutOfRangeException(nameof(links), $"link {l} names a node outside 0..{nodeCount - 1}");
            if (!(weight >= 0) || double.IsInfinity(weight)) throw new ArgumentOutOfRangeException(nameof(links), $"link {l} has weight {weight}; weights must be finite and >= 0");
            a[l] = x; b[l] = y; w[l] = weight;
        }
        return new CompactGraph(nodeIds, a, b, w);
    }

    public static double WeightOf(Link link, PathMetric metric) => metric switch
    {
        PathMetric.Hop => 1.0,
        PathMetric.Latency => link.LatencyMs,
        PathMetric.Cost => link.Cost,
        PathMetric.InverseBandwidth => ReferenceBandwidthBps / link.BandwidthBps,
        _ => throw new ArgumentOutOfRangeException(nameof(metric)),
    };
}
