using SdnController.Paths.Algorithms;
using SdnController.Paths.Graph;

namespace SdnController.Paths.Analysis;

/// <summary>
/// Number of link-disjoint paths between every pair of switches (local edge connectivity = min cut,
/// by Menger), from a Gomory–Hu cut tree built with Gusfield's algorithm: n−1 max-flow runs on the
/// original graph instead of n(n−1)/2. Parallel links add capacity; self-loops count for nothing.
/// </summary>
public sealed class EdgeConnectivity
{
    /// <summary>Above this many nodes the n×n answer table would be too big; answers then walk the tree.</summary>
    public const int MaxTabulatedNodes = 4096;

    private readonly int[]? _matrix; // n×n, symmetric; diagonal unused
    private readonly TreeWalker _walker;

    private EdgeConnectivity(int n, int[] treeParent, int[] treeWeight, int[]? matrix, long[] histogram, TreeWalker walker)
    {
        _walker = walker;
        NodeCount = n;
        TreeParent = treeParent;
        TreeWeight = treeWeight;
        _matrix = matrix;
        Histogram = histogram;
    }

    public int NodeCount { get; }
    /// <summary>Gomory–Hu tree: parent of each node (node 0 is the root, parent -1).</summary>
    public int[] TreeParent { get; }
    /// <summary>Capacity of the tree edge to the parent = min cut between the node and its parent.</summary>
    public int[] TreeWeight { get; }
    /// <summary>Histogram[k] = number of unordered switch pairs with exactly k link-disjoint paths.</summary>
    public long[] Histogram { get; }

    /// <summary>Link-disjoint paths between two distinct switches (0 when in different components).</summary>
    public int Between(int s, int t)
    {
        if ((uint)s >= (uint)NodeCount || (uint)t >= (uint)NodeCount)
            throw new ArgumentOutOfRangeException(s >= NodeCount || s < 0 ? nameof(s) : nameof(t), $"node index outside 0..{NodeCount - 1}");
        if (s == t) throw new ArgumentException("disjoint paths are defined between two different switches", nameof(t));
        if (_matrix is not null) return _matrix[s * NodeCount + t];
        lock (_walker) return _walker.MinOnPath(s, t);
    }

    public static EdgeConnectivity AllPairs(CompactGraph g)
    {
        ArgumentNullException.ThrowIfNull(g);
        var n = g.NodeCount;
        var parent = new int[n];
        var weight = new int[n];
        if (n > 0) parent[0] = -1;
        // One unit arc per link and direction: parallel links add capacity, self-loops are left out.
        var network = DisjointPaths.LinkNetwork(g, failed: null, out _);

        // Gusfield (1990), cut-tree variant: each node s is cut from its current tree parent; nodes on
        // s's side that hung from the same parent move under s, and if the parent's own parent is on
        // s's side, s takes the parent's place so every tree edge stays a true minimum cut.
        for (var s = 1; s < n; s++)
        {
            var t = parent[s];
            network.ResetFlow();
            var f = network.MaxFlow(s, t);
            weight[s] = f;
            for (var i = 0; i < n; i++)
                if (i != s && parent[i] == t && network.OnSourceSide(i)) parent[i] = s;
            var pt = parent[t];
            if (pt >= 0 && network.OnSourceSide(pt))
            {
                parent[s] = pt;
                parent[t] = s;
                weight[s] = weight[t];
                weight[t] = f;
            }
        }

        var walker = new TreeWalker(n, parent, weight);
        var maxValue = 0;
        for (var i = 0; i < n; i++) if (weight[i] > maxValue) maxValue = weight[i];
        var histogram = new long[n < 2 ? 0 : maxValue + 1];
        var matrix = n <= MaxTabulatedNodes ? new int[n * n] : null;
        var row = new int[n];
        for (var s = 0; s < n; s++)
        {
            walker.FromSource(s, row);
            for (var t = s + 1; t < n; t++) histogram[row[t]]++;
            if (matrix is not null) Array.Copy(row, 0, matrix, s * n, n);
        }
        return new EdgeConnectivity(n, parent, weight, matrix, histogram, walker);
    }

    /// <summary>Minimum edge weight along Gomory–Hu tree paths.</summary>
    private sealed class TreeWalker
    {
        private readonly int[] _deg, _adj, _adjW, _stack, _visited, _row;
        private int _stamp;

        public TreeWalker(int n, int[] parent, int[] weight)
        {
            _deg = new int[n + 1];
            for (var v = 0; v < n; v++) if (parent[v] >= 0) { _deg[v + 1]++; _deg[parent[v] + 1]++; }
            for (var v = 0; v < n; v++) _deg[v + 1] += _deg[v];
            _adj = new int[_deg[n]];
            _adjW = new int[_deg[n]];
            var fill = (int[])_deg.Clone();
            for (var v = 0; v < n; v++)
            {
                var p = parent[v];
                if (p < 0) continue;
                _adj[fill[v]] = p; _adjW[fill[v]++] = weight[v];
                _adj[fill[p]] = v; _adjW[fill[p]++] = weight[v];
            }
            _stack = new int[n];
            _visited = new int[n];
            _row = new int[n];
        }

        /// <summary>row[v] = min weight on the tree path s→v (row[s] = 0): one DFS, O(n).</summary>
        public void FromSource(int s, int[] row)
        {
            _stamp++;
            row[s] = int.MaxValue;
            _visited[s] = _stamp;
            var top = 0;
            _stack[top++] = s;
            while (top > 0)
            {
                var u = _stack[--top];
                var bound = row[u];
                for (var k = _deg[u]; k < _deg[u + 1]; k++)
                {
                    var v = _adj[k];
                    if (_visited[v] == _stamp) continue;
                    _visited[v] = _stamp;
                    row[v] = Math.Min(bound, _adjW[k]);
                    _stack[top++] = v;
                }
            }
            row[s] = 0;
        }

        public int MinOnPath(int s, int t)
        {
            FromSource(s, _row);
            return _row[t];
        }
    }
}
