using SdnController.Paths.Graph;

namespace SdnController.Paths.Algorithms;

/// <summary>
/// <see cref="Dijkstra"/>'s shortest-path tree for a graph of uniform link weight, kept as one hop
/// level per node (a byte when the tree is shallower than 255 levels): parents are derived from the
/// levels on demand (<see cref="BreadthFirst"/>), a twentieth of a <see cref="ShortestPathTree"/>'s memory.
/// </summary>
/// <remarks>
/// The tree stays tied to the failed links it was searched with: <see cref="ParentLink"/> must be asked
/// with that set, or with a set that differs only by links the tree does not use and links that cannot
/// change any label — exactly the changes after which <see cref="Dijkstra"/>'s tree is also unchanged.
/// </remarks>
public sealed class HopTree
{
    private const byte Unreached8 = byte.MaxValue;
    private readonly CompactGraph _graph;
    private readonly UniformWeight _weight;
    private readonly byte[]? _small;
    private readonly int[]? _large;

    private HopTree(CompactGraph graph, UniformWeight weight, int source, byte[]? small, int[]? large)
    {
        _graph = graph;
        _weight = weight;
        Source = source;
        _small = small;
        _large = large;
    }

    public int Source { get; }

    /// <summary>Bytes held per tree (for cache budgets).</summary>
    public long SizeBytes => _small is not null ? _small.Length : 4L * _large!.Length;

    /// <summary>Tree of <paramref name="source"/>; <paramref name="scratch"/> is reused (one per thread).</summary>
    public static HopTree Search(CompactGraph g, UniformWeight weight, int source, LinkSet? failed, BreadthFirstScratch scratch)
    {
        ArgumentNullException.ThrowIfNull(weight);
        var depth = BreadthFirst.Levels(g, source, failed, scratch);
        var level = scratch.Level;
        if (depth < Unreached8)
        {
            var small = GC.AllocateUninitializedArray<byte>(level.Length);
            for (var v = 0; v < small.Length; v++) small[v] = (byte)level[v];   // -1 → 255
            return new HopTree(g, weight, source, small, null);
        }
        return new HopTree(g, weight, source, null, (int[])level.Clone());
    }

    /// <summary>
    /// Trees of several sources at once (<see cref="MultiSourceBreadthFirst"/>, 64 per pass); a batch too deep
    /// for byte levels is searched source by source. Identical to calling <see cref="Search"/> for each.
    /// </summary>
    public static HopTree[] SearchMany(CompactGraph g, UniformWeight weight, ReadOnlySpan<int> sources, LinkSet? failed, MultiSourceScratch scratch, BreadthFirstScratch fallback)
    {
        ArgumentNullException.ThrowIfNull(weight);
        var trees = new HopTree[sources.Length];
        for (var start = 0; start < sources.Length; start += MultiSourceBreadthFirst.MaxSources)
        {
            var batch = sources.Slice(start, Math.Min(MultiSourceBreadthFirst.MaxSources, sources.Length - start));
            var levels = new byte[batch.Length][];
            for (var k = 0; k < levels.Length; k++) levels[k] = GC.AllocateUninitializedArray<byte>(g.NodeCount);
            if (MultiSourceBreadthFirst.Levels(g, batch, failed, levels, scratch))
                for (var k = 0; k < batch.Length; k++) trees[start + k] = new HopTree(g, weight, batch[k], levels[k], null);
            else
                for (var k = 0; k < batch.Length; k++) trees[start + k] = Search(g, weight, batch[k], failed, fallback);
        }
        return trees;
    }

    public bool Reachable(int node) => Level(node) >= 0;

    /// <summary>Links on the path to the node; <see cref="int.MaxValue"/> when unreachable (as <see cref="ShortestPathTree.Hops"/>).</summary>
    public int Hops(int node)
    {
        var h = Level(node);
        return h < 0 ? int.MaxValue : h;
    }

    /// <summary>Cost of the path to the node (bit-identical to Dijkstra's); +∞ when unreachable.</summary>
    public double Distance(int node)
    {
        var h = Level(node);
        return h < 0 ? double.PositiveInfinity : _weight.DistanceOf(h);
    }

    /// <summary>
    /// Last link of the path to the node under <paramref name="failed"/> (see remarks); -1 for the source
    /// and unreachable nodes. <paramref name="treatAsWorking"/> is a failed link to count as working (to ask
    /// what the tree was before that link failed).
    /// </summary>
    public int ParentLink(int node, LinkSet? failed, int treatAsWorking = -1) =>
        _small is not null
            ? BreadthFirst.ParentLink(_graph, new SmallLevels(_small), node, failed, treatAsWorking)
            : BreadthFirst.ParentLink(_graph, new LargeLevels(_large!), node, failed, treatAsWorking);

    /// <summary>Hop level, -1 when unreachable.</summary>
    public int Level(int node)
    {
        if (_small is not null)
        {
            var b = _small[node];
            return b == Unreached8 ? -1 : b;
        }
        return _large![node];
    }

    private readonly struct SmallLevels(byte[] levels) : BreadthFirst.ILevels
    {
        public int this[int node]
        {
            get
            {
                var b = levels[node];
                return b == Unreached8 ? -1 : b;
            }
        }
    }

    private readonly struct LargeLevels(int[] levels) : BreadthFirst.ILevels
    {
        public int this[int node] => levels[node];
    }
}
