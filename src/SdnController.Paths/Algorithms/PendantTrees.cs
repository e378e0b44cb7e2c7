using System.Runtime.CompilerServices;
namespace SdnController.Paths.Algorithms;

/// <summary>
/// Strips trees hanging off the rest of the graph by removing degree-1 nodes until none is left.
/// Every stripped node reaches everything outside its tree through one core node (its root), so its
/// distances are the root's plus its depth; only the distances inside its own tree differ. A
/// component that is a tree keeps its last node as a (childless) core node.
/// </summary>
internal sealed class PendantTrees
{
    private PendantTrees(bool[] inCore, int[] parent, double[] parentWeight, double[] depth, int[] root,
        int[] order, int[] treeOf, int[] treeStart, int[] treeNodes)
    {
        InCore = inCore; Parent = parent; ParentWeight = parentWeight; Depth = depth; Root = root;
        Order = order; TreeOf = treeOf; TreeStart = treeStart; TreeNodes = treeNodes;
    }

    /// <summary>Nodes left after stripping.</summary>
    public bool[] InCore { get; }
    /// <summary>Per stripped node: the neighbour towards its root and the link weight to it (-1 / 0 for core nodes).</summary>
    public int[] Parent { get; }
    public double[] ParentWeight { get; }
    /// <summary>Per stripped node: distance to its root along the tree (0 for core nodes).</summary>
    public double[] Depth { get; }
    /// <summary>Per node: the core node it hangs from (itself for core nodes).</summary>
    public int[] Root { get; }
    /// <summary>All stripped nodes, every parent before its children.</summary>
    public int[] Order { get; }
    /// <summary>Per node: its tree id, or -1 for core nodes without a tree. Tree t's stripped nodes are
    /// TreeNodes[TreeStart[t] .. TreeStart[t+1]), parents before children.</summary>
    public int[] TreeOf { get; }
    public int[] TreeStart { get; }
    public int[] TreeNodes { get; }

    public int StrippedCount => Order.Length;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static PendantTrees Build(NeighbourLists adj)
    {
        var n = adj.NodeCount;
        var start = adj.Start;
        var node = adj.Node;
        var weight = adj.Weight;
        var degree = new int[n];
        var inCore = new bool[n];
        var parent = new int[n];
        var parentWeight = new double[n];
        var stack = new Stack<int>();
        for (var u = n - 1; u >= 0; u--)
        {
            degree[u] = adj.Degree(u);
            inCore[u] = true;
            parent[u] = -1;
            if (degree[u] == 1) stack.Push(u);
        }

        var removed = new List<int>();
        while (stack.Count > 0)
        {
            var u = stack.Pop();
            // A queued node may since have lost its last neighbour (the end of a tree component): it stays.
            if (!inCore[u] || degree[u] != 1) continue;
            var i = start[u];
            while (!inCore[node[i]]) i++;
            var v = node[i];
            inCore[u] = false;
            parent[u] = v;
            parentWeight[u] = weight[i];
            removed.Add(u);
            if (--degree[v] == 1) stack.Push(v);
        }

        // Reverse removal order is top-down: a node's parent is removed after the node itself.
        var order = new int[removed.Count];
        for (var i = 0; i < order.Length; i++) order[i] = removed[removed.Count - 1 - i];
        var root = new int[n];
        var depth = new double[n];
        for (var u = 0; u < n; u++) root[u] = u;
        foreach (var u in order)
        {
            var p = parent[u];
            root[u] = root[p];
            depth[u] = depth[p] + parentWeight[u];
        }

        // Group the top-down order by root (stable), one tree per root that has any.
        var treeOf = new int[n];
        Array.Fill(treeOf, -1);
        var trees = 0;
        var sizes = new List<int>();
        foreach (var u in order)
        {
            var r = root[u];
            if (treeOf[r] < 0) { treeOf[r] = trees++; sizes.Add(0); }
            treeOf[u] = treeOf[r];
            sizes[treeOf[r]]++;
        }
        var treeStart = new int[trees + 1];
        for (var t = 0; t < trees; t++) treeStart[t + 1] = treeStart[t] + sizes[t];
        var fill = (int[])treeStart.Clone();
        var treeNodes = new int[order.Length];
        foreach (var u in order) treeNodes[fill[treeOf[u]]++] = u;
        return new PendantTrees(inCore, parent, parentWeight, depth, root, order, treeOf, treeStart, treeNodes);
    }
}
