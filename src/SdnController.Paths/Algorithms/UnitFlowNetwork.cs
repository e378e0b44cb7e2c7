using System.Runtime.InteropServices;

namespace SdnController.Paths.Algorithms;

/// <summary>
/// Small directed flow network with integer capacities and non-negative arc costs, for the
/// disjoint-path algorithms: min-cost augmentation (Suurballe's Dijkstra with node potentials, so
/// residual arcs of negative cost need no Bellman-Ford) and plain BFS max-flow. Arc 2i is a forward
/// arc, 2i+1 its residual twin. Adjacency order is insertion order, which keeps results deterministic.
/// </summary>
internal sealed class UnitFlowNetwork
{
    private readonly int _nodeCount;
    private readonly List<int> _to = new();
    private readonly List<int> _cap = new();
    private readonly List<double> _cost = new();
    private readonly List<int> _next = new();
    private readonly List<int> _tag = new();
    private readonly int[] _head;
    private readonly double[] _potential;
    private int[]? _lastReach; // viaArc of the final, failed search of the last MaxFlow: ≥ 0 where reached
    private int[]? _viaArc, _queue;

    public UnitFlowNetwork(int nodeCount)
    {
        _nodeCount = nodeCount;
        _head = new int[nodeCount];
        Array.Fill(_head, -1);
        _potential = new double[nodeCount];
    }

    public int ArcCount => _to.Count;

    /// <summary>Adds arc u → v; <paramref name="tag"/> is carried along (a link index, or -1).</summary>
    public void AddArc(int u, int v, int capacity, double cost, int tag)
    {
        Push(u, v, capacity, cost, tag);
        Push(v, u, 0, -cost, tag);
    }

    private void Push(int u, int v, int cap, double cost, int tag)
    {
        _to.Add(v); _cap.Add(cap); _cost.Add(cost); _tag.Add(tag);
        _next.Add(_head[u]);
        _head[u] = _to.Count - 1;
    }

    public int Tag(int arc) => _tag[arc];
    public int Head(int arc) => _to[arc];
    public int Tail(int arc) => _to[arc ^ 1];
    /// <summary>Units of flow on forward arc <paramref name="arc"/> (even index).</summary>
    public int Flow(int arc) => _cap[arc ^ 1];

    /// <summary>
    /// Returns every unit of flow, so one network serves many max-flow runs (Gomory–Hu needs n−1)
    /// without being rebuilt. A twin arc starts at capacity 0, so its capacity is exactly the flow.
    /// </summary>
    public void ResetFlow()
    {
        var cap = CollectionsMarshal.AsSpan(_cap);
        for (var a = 0; a < cap.Length; a += 2)
        {
            cap[a] += cap[a + 1];
            cap[a + 1] = 0;
        }
        Array.Clear(_potential);
        _lastReach = null;
    }

    /// <summary>
    /// After <see cref="MaxFlow"/>: is <paramref name="v"/> on the source side of the minimum cut
    /// (still reachable from the source in the residual network)?
    /// </summary>
    public bool OnSourceSide(int v) =>
        (_lastReach ?? throw new InvalidOperationException("no max-flow has run since the last reset"))[v] >= 0;

    public void CancelFlow(int arc, int units)
    {
        _cap[arc] += units;
        _cap[arc ^ 1] -= units;
    }

    /// <summary>
    /// Sends one unit along a cheapest residual s → t path. Potentials start at zero, which is valid
    /// because all forward costs are non-negative; after each search they absorb the distances so
    /// reduced costs stay non-negative. Returns false when t is no longer reachable.
    /// </summary>
    public bool AugmentCheapest(int s, int t)
    {
        var n = _nodeCount;
        var dist = new double[n];
        var hops = new int[n];
        var viaArc = new int[n];
        Array.Fill(dist, double.PositiveInfinity);
        Array.Fill(viaArc, -1);
        var queue = new PriorityQueue<int, (double, int, int)>();
        dist[s] = 0;
        queue.Enqueue(s, (0, 0, s));
        var done = new bool[n];
        while (queue.TryDequeue(out var u, out _))
        {
            if (done[u]) continue;
            done[u] = true;
            for (var a = _head[u]; a >= 0; a = _next[a])
            {
                if (_cap[a] <= 0) continue;
                var v = _to[a];
                if (done[v]) continue;
                // Rounding can leave a reduced cost a hair below zero; Dijkstra needs it clamped.
                var reduced = Math.Max(0, _cost[a] + _potential[u] - _potential[v]);
                var nd = dist[u] + reduced;
                if (nd < dist[v] || (nd == dist[v] && hops[u] + 1 < hops[v]))
                {
                    dist[v] = nd;
                    hops[v] = hops[u] + 1;
                    viaArc[v] = a;
                    queue.Enqueue(v, (nd, hops[v], v));
                }
            }
        }
        if (!done[t]) return false;
        for (var v = 0; v < n; v++)
            if (done[v]) _potential[v] += dist[v];
        for (var v = t; v != s; v = _to[viaArc[v] ^ 1])
        {
            _cap[viaArc[v]]--;
            _cap[viaArc[v] ^ 1]++;
        }
        return true;
    }

    /// <summary>Maximum number of units from s to t (costs ignored), by BFS augmenting paths.</summary>
    public int MaxFlow(int s, int t)
    {
        var n = _nodeCount;
        // Buffers kept across calls; the last search's viaArc doubles as the min-cut side.
        var viaArc = _viaArc ??= new int[n];
        var queue = _queue ??= new int[n];
        // Spans over the lists' storage: no arcs are added during a search, and Gomory–Hu runs this
        // n−1 times, so the list indexers' checks would dominate.
        var to = CollectionsMarshal.AsSpan(_to);
        var cap = CollectionsMarshal.AsSpan(_cap);
        var next = CollectionsMarshal.AsSpan(_next);
        var flow = 0;
        while (true)
        {
            Array.Fill(viaArc, -1);
            int qh = 0, qt = 0;
            queue[qt++] = s;
            viaArc[s] = int.MaxValue;
            while (qh < qt && viaArc[t] < 0)
            {
                var u = queue[qh++];
                for (var a = _head[u]; a >= 0; a = next[a])
                {
                    var v = to[a];
                    if (cap[a] <= 0 || viaArc[v] >= 0) continue;
                    viaArc[v] = a;
                    queue[qt++] = v;
                }
            }
            if (viaArc[t] < 0)
            {
                _lastReach = viaArc;
                return flow;
            }
            for (var v = t; v != s; v = to[viaArc[v] ^ 1])
            {
                cap[viaArc[v]]--;
                cap[viaArc[v] ^ 1]++;
            }
            flow++;
        }
    }

    /// <summary>Forward arcs leaving <paramref name="u"/> (even indices), in adjacency order.</summary>
    public IEnumerable<int> ForwardArcsFrom(int u)
    {
        for (var a = _head[u]; a >= 0; a = _next[a])
            if ((a & 1) == 0) yield return a;
    }
}
