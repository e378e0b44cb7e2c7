using SdnController.Paths.Graph;

namespace SdnController.Paths.Algorithms;

/// <summary>
/// Splits a graph (minus failed links) into kernel nodes and chains of degree-2 nodes between them.
/// Real WANs are mostly such chains (Topology Zoo Kdl: 483 of 754 nodes), and a chain node can only
/// be reached through its two ends, so all-pairs distances follow from distances between kernel
/// nodes alone. Degree counts distinct neighbours over working links; parallel links collapse to
/// the lightest one, self-loops are ignored.
/// </summary>
internal sealed class ChainContraction
{
    private ChainContraction(int[] kernelOf, int kernelCount, int[] anchorL, double[] offL, int[] anchorR, double[] offR,
        int[] chainOf, int[] chainStart, int[] chainNodes, CompactGraph kernelGraph)
    {
        KernelOf = kernelOf; KernelCount = kernelCount;
        AnchorL = anchorL; OffL = offL; AnchorR = anchorR; OffR = offR;
        ChainOf = chainOf; ChainStart = chainStart; ChainNodes = chainNodes; KernelGraph = kernelGraph;
    }

    /// <summary>Kernel index per node, -1 for chain nodes.</summary>
    public int[] KernelOf { get; }
    public int KernelCount { get; }
    /// <summary>Per node: the kernel indices of the two kernel nodes it reaches the rest of the graph through, and the
    /// distance to each along its chain. A kernel node has both anchors set to itself at 0.</summary>
    public int[] AnchorL { get; }
    public double[] OffL { get; }
    public int[] AnchorR { get; }
    public double[] OffR { get; }
    /// <summary>Chain id per node (-1 for kernel nodes); members of chain c are ChainNodes[ChainStart[c]..ChainStart[c+1]).</summary>
    public int[] ChainOf { get; }
    public int[] ChainStart { get; }
    public int[] ChainNodes { get; }
    /// <summary>Kernel nodes with direct links and one contracted link per chain (ends distinct).</summary>
    public CompactGraph KernelGraph { get; }

    public int ChainNodeCount => ChainNodes.Length;

    public static ChainContraction Build(CompactGraph g, LinkSet? failed)
    {
        var n = g.NodeCount;
        var offsets = g.Offsets;
        var adjNode = g.AdjNode;
        var adjLink = g.AdjLink;
        var weight = g.Weight;

        // Distinct working neighbours with the lightest parallel link; adjacency is sorted by neighbour.
        var nbStart = new int[n + 1];
        var nbNode = new int[offsets[n]];
        var nbWeight = new double[offsets[n]];
        var count = 0;
        for (var u = 0; u < n; u++)
        {
            nbStart[u] = count;
            for (int i = offsets[u], end = offsets[u + 1]; i < end; i++)
            {
                var l = adjLink[i];
                if (failed is not null && failed.Contains(l)) continue;
                var v = adjNode[i];
                if (count > nbStart[u] && nbNode[count - 1] == v)
                {
                    if (weight[l] < nbWeight[count - 1]) nbWeight[count - 1] = weight[l];
                    continue;
                }
                nbNode[count] = v;
                nbWeight[count++] = weight[l];
            }
        }
        nbStart[n] = count;

        var isKernel = new bool[n];
        for (var u = 0; u < n; u++) isKernel[u] = nbStart[u + 1] - nbStart[u] != 2;

        var anchorL = new int[n];
        var anchorR = new int[n];
        var offL = new double[n];
        var offR = new double[n];
        var chainOf = new int[n];
        Array.Fill(chainOf, -1);
        var chainStart = new List<int>();
        var chainNodes = new List<int>();
        var chainEdges = new List<(int A, int B, double W)>();

        void WalkChain(int from, int first, double firstWeight)
        {
            var chain = chainStart.Count;
            chainStart.Add(chainNodes.Count);
            var begin = chainNodes.Count;
            int prev = from, cur = first;
            var acc = firstWeight;
            while (!isKernel[cur] && chainOf[cur] < 0)
            {
                chainOf[cur] = chain;
                chainNodes.Add(cur);
                anchorL[cur] = from;
                offL[cur] = acc;
                var s = nbStart[cur];
                var next = nbNode[s] == prev ? s + 1 : s;
                prev = cur;
                cur = nbNode[next];
                acc += nbWeight[next];
            }
            // cur is the far end (a kernel node, or `from` itself when the chain closes a pure cycle).
            for (var i = begin; i < chainNodes.Count; i++)
            {
                anchorR[chainNodes[i]] = cur;
                offR[chainNodes[i]] = acc - offL[chainNodes[i]];
            }
            if (cur != from) chainEdges.Add((from, cur, acc));
        }

        for (var u = 0; u < n; u++)
        {
            if (!isKernel[u]) continue;
            for (var i = nbStart[u]; i < nbStart[u + 1]; i++)
            {
                var v = nbNode[i];
                if (!isKernel[v] && chainOf[v] < 0) WalkChain(u, v, nbWeight[i]);
                else if (isKernel[v] && u < v) chainEdges.Add((u, v, nbWeight[i]));
            }
        }
        // Whatever is left lies on a component that is a pure cycle: promote its lowest node.
        for (var u = 0; u < n; u++)
        {
            if (isKernel[u] || chainOf[u] >= 0) continue;
            isKernel[u] = true;
            WalkChain(u, nbNode[nbStart[u]], nbWeight[nbStart[u]]);
        }
        chainStart.Add(chainNodes.Count);

        var kernelOf = new int[n];
        var kernelCount = 0;
        for (var u = 0; u < n; u++) kernelOf[u] = isKernel[u] ? kernelCount++ : -1;
        for (var u = 0; u < n; u++)
        {
            if (isKernel[u])
            {
                anchorL[u] = anchorR[u] = kernelOf[u];
                offL[u] = offR[u] = 0;
            }
            else
            {
                anchorL[u] = kernelOf[anchorL[u]];
                anchorR[u] = kernelOf[anchorR[u]];
            }
        }
        var kernelLinks = new (int, int, double)[chainEdges.Count];
        for (var i = 0; i < kernelLinks.Length; i++)
            kernelLinks[i] = (kernelOf[chainEdges[i].A], kernelOf[chainEdges[i].B], chainEdges[i].W);
        var ids = new string[kernelCount];
        Array.Fill(ids, "");
        var kernelGraph = CompactGraph.Create(kernelCount, kernelLinks, ids);
        return new ChainContraction(kernelOf, kernelCount, anchorL, offL, anchorR, offR,
            chainOf, chainStart.ToArray(), chainNodes.ToArray(), kernelGraph);
    }
}
