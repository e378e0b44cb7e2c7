using SdnController.Paths.Algorithms;
using SdnController.Paths.Graph;

namespace SdnController.Paths.Analysis;

/// <summary>
/// Connected components of a <see cref="CompactGraph"/>: a component number per node and the size of
/// each component. Components are numbered in order of their lowest node index, so the numbering
/// is deterministic for a given graph.
/// </summary>
public sealed class ComponentLabels
{
    private ComponentLabels(int[] label, int[] sizes)
    {
        Label = label;
        Sizes = sizes;
    }

    /// <summary>Component number of each node.</summary>
    public int[] Label { get; }
    /// <summary>Number of nodes in each component.</summary>
    public int[] Sizes { get; }
    public int Count => Sizes.Length;

    /// <summary>
    /// Components of the graph without the <paramref name="failed"/> links. Iterative BFS, so long chains
    /// cannot overflow the stack.
    /// </summary>
    public static ComponentLabels Of(CompactGraph g, LinkSet? failed = null)
    {
        GraphArgs.Failed(g, failed);
        var n = g.NodeCount;
        var label = new int[n];
        Array.Fill(label, -1);
        var queue = new int[n];
        var sizes = new List<int>();
        for (var start = 0; start < n; start++)
        {
            if (label[start] >= 0) continue;
            var c = sizes.Count;
            int head = 0, tail = 0;
            queue[tail++] = start;
            label[start] = c;
            while (head < tail)
            {
                var u = queue[head++];
                for (var e = g.Offsets[u]; e < g.Offsets[u + 1]; e++)
                {
                    var v = g.AdjNode[e];
                    if (label[v] >= 0 || (failed is not null && failed.Contains(g.AdjLink[e]))) continue;
                    label[v] = c;
                    queue[tail++] = v;
                }
            }
            sizes.Add(tail);
        }
        return new ComponentLabels(label, sizes.ToArray());
    }
}
