namespace SdnController.Paths.Algorithms;

/// <summary>Reusable buffers of <see cref="RouteTable.AffectedTargets"/>, one per worker thread.</summary>
internal sealed class TreeClimb(int nodeCount)
{
    /// <summary>Hop count of each node's route; <see cref="int.MaxValue"/> when unreachable.</summary>
    public readonly int[] Hops = new int[nodeCount];
    /// <summary>Whether each node's route crosses one of the links asked about.</summary>
    public readonly bool[] Hit = new bool[nodeCount];
    public readonly int[] Trail = new int[nodeCount];
    /// <summary>The affected destinations, ascending.</summary>
    public readonly List<int> Targets = new();
}
