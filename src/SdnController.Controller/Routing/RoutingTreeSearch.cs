using SdnController.Paths.Algorithms;
using SdnController.Paths.Graph;

namespace SdnController.Controller.Routing;

/// <summary>
/// Searches routing trees for one graph: breadth-first hop trees when every link weighs the same
/// (exactly Dijkstra's tree, see <see cref="HopTree"/>), Dijkstra otherwise. One instance per thread
/// (it owns the search buffers).
/// </summary>
internal sealed class RoutingTreeSearch
{
    private readonly CompactGraph _graph;
    private readonly UniformWeight? _uniform;
    private readonly BreadthFirstScratch? _scratch;
    private MultiSourceScratch? _batchScratch;

    public RoutingTreeSearch(CompactGraph graph, UniformWeight? uniform)
    {
        _graph = graph;
        _uniform = uniform;
        if (uniform is not null) _scratch = new BreadthFirstScratch(graph.NodeCount);
    }

    /// <summary>Roots searched together by <see cref="SearchMany"/> (one bit each in a 64-bit mask).</summary>
    public bool SearchesInBatches => _uniform is not null;

    /// <summary>Trees of several roots, written to <paramref name="output"/> in order; batched when hop trees.</summary>
    public void SearchMany(ReadOnlySpan<int> roots, LinkSet failed, Span<RoutingTree> output)
    {
        if (_uniform is null)
        {
            for (var i = 0; i < roots.Length; i++) output[i] = Search(roots[i], failed);
            return;
        }
        _batchScratch ??= new MultiSourceScratch(_graph.NodeCount);
        var trees = HopTree.SearchMany(_graph, _uniform, roots, failed, _batchScratch, _scratch!);
        for (var i = 0; i < trees.Length; i++) output[i] = new RoutingTree.Hop(trees[i]);
    }

    public RoutingTree Search(int root, LinkSet failed) =>
        _uniform is not null
            ? new RoutingTree.Hop(HopTree.Search(_graph, _uniform, root, failed, _scratch!))
            : new RoutingTree.Weighted(Dijkstra.Run(_graph, root, failed));

    /// <summary>Most bytes one tree of this graph can take (cache sizing).</summary>
    public static long WorstTreeBytes(CompactGraph graph, UniformWeight? uniform) =>
        (uniform is not null ? 4L : 20L) * Math.Max(1, graph.NodeCount);
}
