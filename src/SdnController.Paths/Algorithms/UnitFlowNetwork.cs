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
        var viaArc = new int[n];
        var queue = new int[n];
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
                for (var a = _head[u]; a >= 0; a = _next[a])
                {
                    var v = _to[a];
                    if (_cap[a] <= 0 || viaArc[v] >= 0) continue;
                    viaArc[v] = a;
                    queue[qt++] = v;
                }
            }
            if (viaArc[t] < 0) return flow;
            for (var v = t; v != s; v = _to[viaArc[v] ^ 1])
            {
                _cap[viaArc[v]]--;
                _cap[viaArc[v] ^ 1]++;
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
