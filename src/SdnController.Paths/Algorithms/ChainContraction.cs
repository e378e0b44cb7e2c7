using System.Runtime.CompilerServices;
namespace SdnController.Paths.Algorithms;

/// <summary>
/// Splits the core of a graph (what <see cref="PendantTrees"/> leaves) into kernel nodes and chains of
/// degree-2 nodes between them. Real WANs are mostly such chains (Topology Zoo Kdl: 477 of 680 core
/// nodes), and a chain node can only be reached through its two ends, so all distances between core
/// nodes follow from distances between kernel nodes alone. Degrees count distinct neighbours in the
/// core (parallel links are already collapsed to the lightest by <see cref="NeighbourLists"/>).
/// </summary>
internal sealed class ChainContraction
{
    private ChainContraction() { }

    /// <summary>Kernel index per node, -1 for chain and stripped nodes.</summary>
    public int[] KernelOf { get; private init; } = [];
    /// <summary>Node of each kernel index.</summary>
    public int[] KernelNodes { get; private init; } = [];
    public int KernelCount => KernelNodes.Length;
    /// <summary>Per chain node: kernel indices of its two chain ends and its distance to each along the chain.</summary>
    public int[] AnchorL { get; private init; } = [];
    public double[] OffL { get; private init; } = [];
    public int[] AnchorR { get; private init; } = [];
    public double[] OffR { get; private init; } = [];
    /// <summary>Chain id per node (-1 for others) and the node's member index in <see cref="ChainNodes"/>.</summary>
    public int[] ChainOf { get; private init; } = [];
    public int[] MemberOf { get; private init; } = [];
    /// <summary>Members of chain c are ChainNodes[ChainStart[c] .. ChainStart[c+1]), in order from end A to end B.</summary>
    public int[] ChainStart { get; private init; } = [];
    public int[] ChainNodes { get; private init; } = [];
    /// <summary>Kernel indices of each chain's ends (equal when the chain closes a cycle on one node).</summary>
    public int[] ChainEndA { get; private init; } = [];
    public int[] ChainEndB { get; private init; } = [];
    /// <summary>Per member: distance to end A, to end B, and the weight of the link from the previous member (or end A).</summary>
    public double[] MemberOffA { get; private init; } = [];
    public double[] MemberOffB { get; private init; } = [];
    public double[] MemberStep { get; private init; } = [];
    /// <summary>Kernel nodes with their direct links and one contracted link per chain with distinct ends.</summary>
    public NeighbourLists Kernel { get; private init; } = null!;

    public int ChainNodeCount => ChainNodes.Length;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ChainContraction Build(NeighbourLists core, bool[] inCore)
    {
        var n = core.NodeCount;
        var nbStart = core.Start;
        var nbNode = core.Node;
        var nbWeight = core.Weight;

        var isKernel = new bool[n];
        for (var u = 0; u < n; u++) isKernel[u] = inCore[u] && core.Degree(u) != 2;

        var anchorL = new int[n];
        var anchorR = new int[n];
        var offL = new double[n];
        var offR = new double[n];
        var chainOf = new int[n];
        var memberOf = new int[n];
        Array.Fill(chainOf, -1);
        Array.Fill(memberOf, -1);
        var chainStart = new List<int>();
        var chainEndA = new List<int>();
        var chainEndB = new List<int>();
        var chainNodes = new List<int>();
        var memberStep = new List<double>();
        var edges = new List<(int A, int B, double W)>();

        void WalkChain(int from, int first, double firstWeight)
        {
            var chain = chainStart.Count;
            chainStart.Add(chainNodes.Count);
            var begin = chainNodes.Count;
            int prev = from, cur = first;
            var step = firstWeight;
            var acc = firstWeight;
            while (!isKernel[cur] && chainOf[cur] < 0)
            {
                chainOf[cur] = chain;
                memberOf[cur] = chainNodes.Count;
                chainNodes.Add(cur);
                memberStep.Add(step);
                anchorL[cur] = from;
                offL[cur] = acc;
                var s = nbStart[cur];
                var next = nbNode[s] == prev ? s + 1 : s;
                prev = cur;
                cur = nbNode[next];
                step = nbWeight[next];
                acc += step;
            }
            // cur is the far end (a kernel node, or `from` itself when the chain closes a cycle).
            for (var i = begin; i < chainNodes.Count; i++)
            {
                anchorR[chainNodes[i]] = cur;
                offR[chainNodes[i]] = acc - offL[chainNodes[i]];
            }
            chainEndA.Add(from);
            chainEndB.Add(cur);
            if (cur != from) edges.Add((from, cur, acc));
        }

        for (var u = 0; u < n; u++)
        {
            if (!isKernel[u]) continue;
            for (var i = nbStart[u]; i < nbStart[u + 1]; i++)
            {
                var v = nbNode[i];
                if (!isKernel[v] && chainOf[v] < 0) WalkChain(u, v, nbWeight[i]);
                else if (isKernel[v] && u < v) edges.Add((u, v, nbWeight[i]));
            }
        }
        // Core nodes left over lie on components that are pure cycles: promote the lowest node of each.
        for (var u = 0; u < n; u++)
        {
            if (!inCore[u] || isKernel[u] || chainOf[u] >= 0) continue;
            isKernel[u] = true;
            WalkChain(u, nbNode[nbStart[u]], nbWeight[nbStart[u]]);
        }
        chainStart.Add(chainNodes.Count);

        var kernelOf = new int[n];
        var kernelNodes = new List<int>();
        for (var u = 0; u < n; u++)
        {
            kernelOf[u] = isKernel[u] ? kernelNodes.Count : -1;
            if (isKernel[u]) kernelNodes.Add(u);
        }
        var members = chainNodes.ToArray();
        var memberOffA = new double[members.Length];
        var memberOffB = new double[members.Length];
        for (var i = 0; i < members.Length; i++)
        {
            var u = members[i];
            anchorL[u] = kernelOf[anchorL[u]];
            anchorR[u] = kernelOf[anchorR[u]];
            memberOffA[i] = offL[u];
            memberOffB[i] = offR[u];
        }
        var endA = chainEndA.ToArray();
        var endB = chainEndB.ToArray();
        for (var c = 0; c < endA.Length; c++)
        {
            endA[c] = kernelOf[endA[c]];
            endB[c] = kernelOf[endB[c]];
        }
        var kernelEdges = new (int, int, double)[edges.Count];
        for (var i = 0; i < kernelEdges.Length; i++) kernelEdges[i] = (kernelOf[edges[i].A], kernelOf[edges[i].B], edges[i].W);

        return new ChainContraction
        {
            KernelOf = kernelOf, KernelNodes = kernelNodes.ToArray(),
            AnchorL = anchorL, OffL = offL, AnchorR = anchorR, OffR = offR,
            ChainOf = chainOf, MemberOf = memberOf, ChainStart = chainStart.ToArray(), ChainNodes = members,
            ChainEndA = endA, ChainEndB = endB, MemberOffA = memberOffA, MemberOffB = memberOffB,
            MemberStep = memberStep.ToArray(),
            Kernel = NeighbourLists.FromEdges(kernelNodes.Count, kernelEdges),
        };
    }
}
