namespace SdnController.Topology.Rendering;

/// <summary>Distinct neighbours of each switch (parallel links and self-loops collapsed), for layout only.</summary>
internal sealed class SwitchAdjacency
{
    private SwitchAdjacency(int[][] neighbours) => Neighbours = neighbours;

    /// <summary>Sorted distinct neighbour indices per switch.</summary>
    public int[][] Neighbours { get; }

    public static SwitchAdjacency Of(Model.Topology t)
    {
        var sets = new SortedSet<int>[t.Switches.Count];
        for (var i = 0; i < sets.Length; i++) sets[i] = new SortedSet<int>();
        foreach (var l in t.Links)
        {
            int a = t.IndexOfSwitch(l.A.Node), b = t.IndexOfSwitch(l.B.Node);
            if (a == b) continue;
            sets[a].Add(b);
            sets[b].Add(a);
        }
        var result = new int[sets.Length][];
        for (var i = 0; i < sets.Length; i++) result[i] = sets[i].ToArray();
        return new SwitchAdjacency(result);
    }
}
