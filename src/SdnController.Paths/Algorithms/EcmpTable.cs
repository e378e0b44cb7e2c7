namespace SdnController.Paths.Algorithms;

/// <summary>One equal-cost next hop: the neighbour to forward to and the link to use.</summary>
public readonly record struct NextHop(int Node, int Link);

/// <summary>
/// Per node, all next hops on some shortest path to <see cref="Destination"/>, stored flat
/// (node u's hops are Hops[Start[u]..Start[u+1]), ordered by (neighbour, link)).
/// </summary>
public sealed class EcmpTable
{
    internal EcmpTable(int destination, double[] distance, int[] start, NextHop[] hops)
    {
        Destination = destination;
        Distance = distance;
        Start = start;
        Hops = hops;
    }

    public int Destination { get; }
    /// <summary>Distance from each node to the destination; +∞ when unreachable.</summary>
    public double[] Distance { get; }
    public int[] Start { get; }
    public NextHop[] Hops { get; }

    /// <summary>Next hops of <paramref name="node"/>; empty for the destination and unreachable nodes.</summary>
    public ReadOnlySpan<NextHop> For(int node) => Hops.AsSpan(Start[node], Start[node + 1] - Start[node]);
}
