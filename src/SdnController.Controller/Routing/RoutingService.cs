using System.Collections.Immutable;
using System.Runtime.InteropServices;
using SdnController.Paths.Algorithms;
using SdnController.Paths.Graph;

namespace SdnController.Controller.Routing;

/// <summary>
/// Host-to-host paths over the switch graph under the current failed links. Pure and single-threaded
/// (the flow manager owns one).
/// </summary>
/// <remarks>
/// <para><b>Symmetric routes.</b> The path between two switches is taken from the shortest-path tree
/// rooted at the lower-indexed switch of the pair (the path engine's deterministic tie rule), and
/// the other direction is the same path walked backwards. So Route(a, b) and Route(b, a) always cross
/// the same links, reply traffic retraces its request, and two flow directions with the same match
/// always need identical rules.</para>
/// <para><b>Tree cache.</b> One tree per root switch, computed on demand. A link failure drops only
/// the trees that contain the link: every other tree is still exactly what a fresh search would
/// return (its labels stay, its candidate parents only shrink — see <see cref="Dijkstra"/>). A link
/// coming back drops a tree only when the link could improve or tie an endpoint's label. Every drop
/// bumps the root's <see cref="Generation"/>, so callers can tell which roots' routes may have changed.</para>
/// <para><b>Uniform weights.</b> When every link weighs the same (generated fabrics), a tree is a
/// breadth-first search keeping one hop level per switch, and parent links are derived from the levels
/// by the same tie rule (<see cref="HopTree"/>): the same routes, without a heap, at a byte per switch.</para>
/// <para><b>Memory bound.</b> A Dijkstra tree costs 20 bytes per switch, so trees for every root of a large
/// network would grow with the square of its size (10,000 switches: 2 GB). At most <see cref="TreeByteBudget"/>
/// bytes of trees are kept (oldest dropped first). Dropping a tree this way is safe without a generation bump:
/// a failure finds its flows by link, not by tree, and a restore treats a missing tree as changed (see SetLinkState).</para>
/// </remarks>
public sealed class RoutingService
{
    private readonly int[] _hostSwitch;
    private readonly int[] _hostPort;
    private readonly int[] _portA;
    private readonly int[] _portB;
    private readonly LinkSet _failed;
    private readonly RoutingTree?[] _trees;
    private readonly long[] _generation;
    private readonly Queue<int> _cacheOrder = new();
    private readonly UniformWeight? _uniform;
    private readonly RoutingTreeSearch _search;
    private long _cachedBytes;

    /// <summary>Bytes of routing trees kept at most (80 MB).</summary>
    public const long TreeByteBudget = 80L << 20;
    /// <summary>Below this many switch visits a batch of searches runs on the calling thread (threads cost more).</summary>
    private const long ParallelThreshold = 1L << 18;

    public RoutingService(Topology.Model.Topology topology, PathMetric metric)
    {
        ArgumentNullException.ThrowIfNull(topology);
        Topology = topology;
        Metric = metric;
        Graph = CompactGraph.FromTopology(topology, metric);
        var links = topology.Links;
        _portA = new int[links.Count];
        _portB = new int[links.Count];
        for (var l = 0; l < links.Count; l++)
        {
            _portA[l] = links[l].A.Port;
            _portB[l] = links[l].B.Port;
        }
        var hosts = topology.Hosts;
        _hostSwitch = new int[hosts.Count];
        _hostPort = new int[hosts.Count];
        for (var h = 0; h < hosts.Count; h++)
        {
            _hostSwitch[h] = topology.IndexOfSwitch(hosts[h].Attachment.Node);
            _hostPort[h] = hosts[h].Attachment.Port;
        }
        _failed = new LinkSet(links.Count);
        _trees = new RoutingTree?[Graph.NodeCount];
        _generation = new long[Graph.NodeCount];
        _uniform = UniformWeight.Of(Graph);
        _search = new RoutingTreeSearch(Graph, _uniform);
        MaxCachedTrees = (int)Math.Clamp(TreeByteBudget / RoutingTreeSearch.WorstTreeBytes(Graph, _uniform), 16, int.MaxValue);
    }

    /// <summary>Routing trees that always fit in the cache together (more fit when trees are small).</summary>
    public int MaxCachedTrees { get; }

    /// <summary>True when every link weighs the same and trees are breadth-first hop trees.</summary>
    public bool UniformWeights => _uniform is not null;

    /// <summary>What computes the trees, as route.compute spans report it: "bfs-hop-tree" or "dijkstra".</summary>
    public string AlgorithmName => _uniform is null ? DijkstraAlgorithm : HopTreeAlgorithm;

    public const string DijkstraAlgorithm = "dijkstra";
    public const string HopTreeAlgorithm = "bfs-hop-tree";

    public Topology.Model.Topology Topology { get; }
    public PathMetric Metric { get; }
    public CompactGraph Graph { get; }
    /// <summary>Dijkstra searches run so far (a reroute reports the difference as "sources recomputed").</summary>
    public int TreesComputed { get; private set; }
    public int FailedLinkCount => _failed.Count;

    public bool IsLinkUp(int linkIndex) => !_failed.Contains(CheckLink(linkIndex));

    /// <summary>Switch index the host is attached to.</summary>
    public int SwitchOfHost(int hostIndex) => _hostSwitch[hostIndex];
    public int PortOfHost(int hostIndex) => _hostPort[hostIndex];

    /// <summary>Root switch whose tree gives the path between the two hosts (the lower switch index).</summary>
    public int RootOf(int srcHostIndex, int dstHostIndex) => Math.Min(_hostSwitch[srcHostIndex], _hostSwitch[dstHostIndex]);

    /// <summary>The root's tree is cached (routes from it cost no search).</summary>
    public bool HasTree(int root) => _trees[root] is not null;

    /// <summary>Changes whenever the routes from this root may have changed (its tree was dropped).</summary>
    public long Generation(int root) => _generation[root];

    /// <summary>
    /// Changes with every link state change: routes handed out under one value are what <see cref="Route"/>
    /// returns again while it stays (each route is a pure function of the graph and the failed links).
    /// </summary>
    public long LinkStateVersion { get; private set; }

    /// <summary>Marks a link failed or working; false when it already was in that state.</summary>
    public bool SetLinkState(int linkIndex, bool up)
    {
        CheckLink(linkIndex);
        if (_failed.Contains(linkIndex) != up) return false;
        LinkStateVersion++;
        int a = Graph.LinkA[linkIndex], b = Graph.LinkB[linkIndex];
        // Trees are checked against the failed links they were searched with, so before the change.
        if (a != b) // a self-loop is never on a path
        {
            var w = Graph.Weight[linkIndex];
            for (var r = 0; r < _trees.Length; r++)
            {
                var tree = _trees[r];
                bool drop;
                if (tree is null) drop = up; // unknown: after a restore its routes may differ from the ones handed out
                else if (!up) drop = tree.Uses(linkIndex, a, b, _failed);
                else drop = MayImprove(tree, a, b, w) || MayImprove(tree, b, a, w);
                if (!drop) continue;
                if (tree is not null) _cachedBytes -= tree.SizeBytes;
                _trees[r] = null;
                _generation[r]++;
            }
        }
        if (up) _failed.Remove(linkIndex);
        else _failed.Add(linkIndex);
        _ecmpDistances?.Clear();
        _ecmpDags?.Clear();
        return true;
    }

    // ECMP: distances to a target switch and DAGs by switch pair, under the current failed links (any
    // link change clears them). Made on the first ECMP route, so routing without ECMP keeps nothing.
    private Dictionary<int, double[]>? _ecmpDistances;
    private Dictionary<long, EcmpDag?>? _ecmpDags;
    private double[]? _linkLatencyMs;
    private const int MaxEcmpCache = 65_536;

    /// <summary>
    /// The equal-cost route between two hosts' switches under the current failures, or null when there is one
    /// shortest path only (or none, or both hosts share a switch): then <see cref="Route"/> says everything.
    /// </summary>
    public EcmpRoute? RouteEcmp(int srcHostIndex, int dstHostIndex)
    {
        int s = _hostSwitch[srcHostIndex], t = _hostSwitch[dstHostIndex];
        if (s == t) return null;
        int a = Math.Min(s, t), b = Math.Max(s, t);
        var dags = _ecmpDags ??= new Dictionary<long, EcmpDag?>();
        var key = PairKey.Of(a, b);
        if (!dags.TryGetValue(key, out var dag))
        {
            var distances = _ecmpDistances ??= new Dictionary<int, double[]>();
            if (!distances.TryGetValue(b, out var toB))
            {
                if (distances.Count >= MaxEcmpCache / 64) distances.Clear();
                toB = Dijkstra.Run(Graph, b, _failed).Distance;
                distances[b] = toB;
            }
            if (dags.Count >= MaxEcmpCache) dags.Clear();
            dag = dags[key] = EqualCostDag.From(Graph, toB, a, b, _failed, _uniform is not null || EqualCostDag.IntegerWeights(Graph) ? 0 : EqualCostDag.DefaultRelativeTolerance);
        }
        if (dag is not { HasBranches: true }) return null;
        return BuildRoute(dag, s == a, _hostPort[srcHostIndex], _hostPort[dstHostIndex]);
    }

    private EcmpRoute BuildRoute(EcmpDag dag, bool forwardIsDag, int srcPort, int dstPort)
    {
        var nodes = dag.Nodes;
        var n = nodes.Length;
        // Per position: ports toward the DAG's target ("down") and toward its source ("up").
        var downCount = new int[n];
        var upCount = new int[n];
        for (var i = 0; i < n; i++)
            foreach (var h in dag.NextHops(i))
            {
                downCount[i]++;
                upCount[h.Position]++;
            }
        // The flow's egress (DAG target when forward, else DAG source) outputs to its host instead.
        int ingress = forwardIsDag ? 0 : n - 1, egress = forwardIsDag ? n - 1 : 0;
        var fStart = new int[n + 1];
        var rStart = new int[n + 1];
        for (var i = 0; i < n; i++)
        {
            var fc = i == egress ? 1 : forwardIsDag ? downCount[i] : upCount[i];
            var rc = i == ingress ? 1 : forwardIsDag ? upCount[i] : downCount[i];
            fStart[i + 1] = fStart[i] + fc;
            rStart[i + 1] = rStart[i] + rc;
        }
        var fPorts = new int[fStart[n]];
        var rPorts = new int[rStart[n]];
        var fFill = new int[n];
        var rFill = new int[n];
        fPorts[fStart[egress]] = dstPort;
        fFill[egress] = 1;
        rPorts[rStart[ingress]] = srcPort;
        rFill[ingress] = 1;
        var links = new int[dag.LinkCount];
        var k = 0;
        for (var i = 0; i < n; i++)
            foreach (var h in dag.NextHops(i))
            {
                links[k++] = h.Link;
                int u = nodes[i], v = h.Node, j = h.Position;
                int portU = PortAt(h.Link, u), portV = PortAt(h.Link, v);
                // DAG link i → j: "down" leaves i by portU, "up" leaves j by portV.
                if (forwardIsDag)
                {
                    if (i != egress) fPorts[fStart[i] + fFill[i]++] = portU;
                    if (j != ingress) rPorts[rStart[j] + rFill[j]++] = portV;
                }
                else
                {
                    if (j != egress) fPorts[fStart[j] + fFill[j]++] = portV;
                    if (i != ingress) rPorts[rStart[i] + rFill[i]++] = portU;
                }
            }
        // Bucket order is part of a group's identity: sort each port set so equal sets share a group.
        for (var i = 0; i < n; i++)
        {
            Array.Sort(fPorts, fStart[i], fStart[i + 1] - fStart[i]);
            Array.Sort(rPorts, rStart[i], rStart[i + 1] - rStart[i]);
        }
        Array.Sort(links);
        return new EcmpRoute(dag, forwardIsDag, nodes, fStart, fPorts, rStart, rPorts, links, ingress, egress, LongestLatency(dag));
    }

    /// <summary>Latency of the DAG's slowest path (positions are topological, so one pass from the end).</summary>
    private double LongestLatency(EcmpDag dag)
    {
        if (_linkLatencyMs is null)
        {
            var latencies = new double[Topology.Links.Count];
            for (var l = 0; l < latencies.Length; l++) latencies[l] = Topology.Links[l].LatencyMs;
            _linkLatencyMs = latencies;
        }
        var n = dag.Nodes.Length;
        var longest = new double[n];
        for (var i = n - 2; i >= 0; i--)
            foreach (var h in dag.NextHops(i))
                longest[i] = Math.Max(longest[i], _linkLatencyMs[h.Link] + longest[h.Position]);
        return longest[0];
    }

    /// <summary>
    /// Path of traffic from one host to another, or null when no working links connect their switches.
    /// Hosts on the same switch get a one-switch path.
    /// </summary>
    public FlowPath? Route(int srcHostIndex, int dstHostIndex)
    {
        if ((uint)srcHostIndex >= (uint)_hostSwitch.Length) throw new ArgumentOutOfRangeException(nameof(srcHostIndex));
        if ((uint)dstHostIndex >= (uint)_hostSwitch.Length) throw new ArgumentOutOfRangeException(nameof(dstHostIndex));
        return RouteBetween(_hostSwitch[srcHostIndex], _hostPort[srcHostIndex], _hostSwitch[dstHostIndex], _hostPort[dstHostIndex]);
    }

    /// <summary>
    /// Path from switch <paramref name="s"/> (entered by <paramref name="inPort"/>) to switch <paramref name="t"/>
    /// (left by <paramref name="outPort"/>), or null when no working links join them: a service chain's segment
    /// between two waypoints (a host's or a function's switch). Same tree and tie-breaking as host routes.
    /// </summary>
    public FlowPath? RouteBetween(int s, int inPort, int t, int outPort)
    {
        if ((uint)s >= (uint)_trees.Length) throw new ArgumentOutOfRangeException(nameof(s));
        if ((uint)t >= (uint)_trees.Length) throw new ArgumentOutOfRangeException(nameof(t));
        if (s == t)
            return new FlowPath([s], [inPort], [outPort], [], 0);

        int root = Math.Min(s, t), leaf = Math.Max(s, t);
        var tree = TreeOf(root);
        if (!tree.Reachable(leaf)) return null;
        var n = tree.Hops(leaf) + 1;
        var nodes = new int[n];
        var links = new int[n - 1];
        // Walk leaf → root filling from the end, so nodes run root → leaf.
        var v = leaf;
        for (var k = n - 1; k > 0; k--)
        {
            nodes[k] = v;
            var l = tree.ParentLink(v, _failed);
            links[k - 1] = l;
            v = Graph.Other(l, v);
        }
        nodes[0] = root;
        if (s != root)
        {
            Array.Reverse(nodes);
            Array.Reverse(links);
        }
        var inPorts = new int[n];
        var outPorts = new int[n];
        inPorts[0] = inPort;
        outPorts[n - 1] = outPort;
        for (var k = 0; k < n - 1; k++)
        {
            var l = links[k];
            outPorts[k] = PortAt(l, nodes[k]);
            inPorts[k + 1] = PortAt(l, nodes[k + 1]);
        }
        return new FlowPath(
            ImmutableCollectionsMarshal.AsImmutableArray(nodes),
            ImmutableCollectionsMarshal.AsImmutableArray(inPorts),
            ImmutableCollectionsMarshal.AsImmutableArray(outPorts),
            ImmutableCollectionsMarshal.AsImmutableArray(links),
            tree.Distance(leaf));
    }

    /// <summary>
    /// Searches the missing trees of these roots (distinct switch indices, at most <see cref="MaxCachedTrees"/>),
    /// on several threads when the work is large. Each tree is a pure function of the graph and the failed
    /// links, so the result is the same as searching them one by one.
    /// </summary>
    public void PrepareTrees(ReadOnlySpan<int> roots)
    {
        if (roots.Length > MaxCachedTrees) throw new ArgumentException($"at most {MaxCachedTrees} trees can be prepared at once", nameof(roots));
        var missing = new List<int>(roots.Length);
        foreach (var r in roots)
            if (_trees[r] is null) missing.Add(r);
        // Small batches are left to TreeOf, on demand (threads and batches cost more than they save there).
        if ((long)missing.Count * Graph.NodeCount < ParallelThreshold || missing.Count < 2) return;
        var found = new RoutingTree[missing.Count];
        // Hop trees are searched 64 roots per pass over the graph; Dijkstra trees one by one.
        var chunk = _uniform is null ? 1 : MultiSourceBreadthFirst.MaxSources;
        var chunks = (missing.Count + chunk - 1) / chunk;
        var wanted = missing.ToArray();
        if (chunks < 2)
            _search.SearchMany(wanted, _failed, found);
        else
            Parallel.For(0, chunks,
                () => new RoutingTreeSearch(Graph, _uniform),
                (c, _, search) =>
                {
                    var start = c * chunk;
                    var count = Math.Min(chunk, wanted.Length - start);
                    search.SearchMany(wanted.AsSpan(start, count), _failed, found.AsSpan(start, count));
                    return search;
                },
                _ => { });
        for (var i = 0; i < found.Length; i++) Keep(missing[i], found[i]);
    }

    private RoutingTree TreeOf(int root)
    {
        var tree = _trees[root];
        if (tree is not null) return tree;
        tree = _search.Search(root, _failed);
        Keep(root, tree);
        return tree;
    }

    private void Keep(int root, RoutingTree tree)
    {
        TreesComputed++;
        while (_cachedBytes + tree.SizeBytes > TreeByteBudget && _cacheOrder.TryDequeue(out var old))
        {
            var dropped = _trees[old];
            if (dropped is null) continue;   // dropped by a link change meanwhile
            _trees[old] = null;
            _cachedBytes -= dropped.SizeBytes;
        }
        _trees[root] = tree;
        _cachedBytes += tree.SizeBytes;
        _cacheOrder.Enqueue(root);
    }

    private int PortAt(int link, int node) => Graph.LinkA[link] == node ? _portA[link] : _portB[link];

    /// <summary>
    /// Could a restored link from u to v give v a label at most its current one? Only then can v's
    /// label or parent (and so anything below it) change; otherwise the tree stays exact.
    /// </summary>
    private static bool MayImprove(RoutingTree tree, int u, int v, double weight)
    {
        if (!tree.Reachable(u)) return false;
        if (!tree.Reachable(v)) return true;
        var d = tree.Distance(u) + weight;
        var dv = tree.Distance(v);
        return d < dv || (d == dv && tree.Hops(u) + 1 <= tree.Hops(v));
    }

    private int CheckLink(int linkIndex)
    {
        if ((uint)linkIndex >= (uint)Graph.LinkCount)
            throw new ArgumentOutOfRangeException(nameof(linkIndex), linkIndex, $"link index must be in 0..{Graph.LinkCount - 1}");
        return linkIndex;
    }
}
