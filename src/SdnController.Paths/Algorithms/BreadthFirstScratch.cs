namespace SdnController.Paths.Algorithms;

/// <summary>Reusable buffers of one breadth-first search thread (nothing is allocated per search).</summary>
public sealed class BreadthFirstScratch
{
    public BreadthFirstScratch(int nodeCount)
    {
        Level = new int[nodeCount];
        Frontier = new int[nodeCount];
        Next = new int[nodeCount];
        Unvisited = new int[nodeCount];
    }

    public int NodeCount => Level.Length;
    /// <summary>Hop level per node after a search; -1 when unreachable.</summary>
    public int[] Level { get; }
    internal int[] Frontier { get; }
    internal int[] Next { get; }
    internal int[] Unvisited { get; }
}
