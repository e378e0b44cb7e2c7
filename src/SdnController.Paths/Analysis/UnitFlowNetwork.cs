using SdnController.Paths.Graph;

namespace SdnController.Paths.Analysis;

/// <summary>
/// The undirected multigraph as a flow network: one arc pair per distinct switch pair with capacity
/// = number of parallel links (self-loops dropped), so a max flow counts link-disjoint paths.
/// An undirected edge of capacity c is two opposite arcs of capacity c that are each other's
/// reverse: pushing one way frees capacity the other way, exactly as an undirected edge behaves.
/// </summary>
internal sealed class UnitFlowNetwork
{
    private readonly int _n;
    private readonly int[] _first;   // CSR offsets into arcs
    private readonly int[] _to;
    private readonly int[] _rev;     // index of the opposite arc
    private readonly int[] _capacity;
    private readonly int[] _residual;
    private readonly int[] _parentArc;
    private readonly int[] _queue;
    private readonly int[] _seen;     // BFS stamp per node, avoids clearing arrays per search
    private int _stamp;

    public UnitFlowNetwork(CompactGraph g)
    {
        _n = g.NodeCount;
        // CompactGraph adjacency is sorted by neighbour, so parallel links are adjacent runs.
        var count = new int[_n + 1];
        for (var u = 0; u < _n; u++)
            for (var e = g.Offsets[u]; e < g.Offsets[u + 1]; e++)
                if (e == g.Offsets[u] || g.AdjNode[e] != g.AdjNode[e - 1]) count[u + 1]++;
        _first = new int[_n + 1];
        for (var u = 0; u < _n; u++) _first[u + 1] = _first[u] + count[u + 1];
        var m = _first[_n];
        _to = new int[m];
        _rev = new int[m];
        _capacity = new int[m];
        var fill = (int[])_first.Clone();
        for (var u = 0; u < _n; u++)
        {
            for (var e = g.Offsets[u]; e < g.Offsets[u + 1]; e++)
            {
                if (e == g.Offsets[u] || g.AdjNode[e] != g.AdjNode[e - 1])
                {
                    _to[fill[u]] = g.AdjNode[e];
                    fill[u]++;
                }
                _capacity[fill[u] - 1]++;
            }
        }
        // Pair each arc u→v with v→u; both lists are sorted by target, so a merge finds them.
        for (var u = 0; u < _n; u++)
        {
            for (var a = _first[u]; a < _first[u + 1]; a++)
            {
                var v = _to[a];
                if (v < u) continue;
                var b = Array.BinarySearch(_to, _first[v], _first[v + 1] - _first[v], u);
                _rev[a] = b;
                _rev[b] = a;
            }
        }
        _residual = new int[m];
        _parentArc = new int[_n];
        _queue = new int[_n];
        _seen = new int[_n];
    }

    /// <summary>
    /// Max flow from s to t by shortest augmenting paths. Flow values are bounded by the smaller
    /// degree, so a handful of BFS passes per pair suffice on sparse networks.
    /// </summary>
    public int MaxFlow(int s, int t)
    {
        Array.Copy(_capacity, _residual, _capacity.Length);
        var flow = 0;
        while (true)
        {
            if (!Search(s, t)) return flow;
            var bottleneck = int.MaxValue;
            for (var v = t; v != s; v = _to[_rev[_parentArc[v]]])
                bottleneck = Math.Min(bottleneck, _residual[_parentArc[v]]);
            for (var v = t; v != s; v = _to[_rev[_parentArc[v]]])
            {
                var a = _parentArc[v];
                _residual[a] -= bottleneck;
                _residual[_rev[a]] += bottleneck;
            }
            flow += bottleneck;
        }
    }

    /// <summary>After <see cref="MaxFlow"/>: is the node on the source side of the minimum cut (reachable in the residual network)?</summary>
    public bool OnSourceSide(int v) => _seen[v] == _stamp;

    private bool Search(int s, int t)
    {
        _stamp++;
        int head = 0, tail = 0;
        _queue[tail++] = s;
        _seen[s] = _stamp;
        while (head < tail)
        {
            var u = _queue[head++];
            for (var a = _first[u]; a < _first[u + 1]; a++)
            {
                if (_residual[a] == 0) continue;
                var v = _to[a];
                if (_seen[v] == _stamp) continue;
                _seen[v] = _stamp;
                _parentArc[v] = a;
                if (v == t) return true;
                _queue[tail++] = v;
            }
        }
        return false;
    }
}
