using SdnController.Paths.Graph;

namespace SdnController.Paths.Algorithms;

/// <summary>Argument checks shared by the public entry points, so misuse fails with a plain message.</summary>
internal static class GraphArgs
{
    public static void Node(CompactGraph g, int node, string paramName)
    {
        if ((uint)node >= (uint)g.NodeCount)
            throw new ArgumentOutOfRangeException(paramName, node, $"node index must be in 0..{g.NodeCount - 1}");
    }

    public static void Failed(CompactGraph g, LinkSet? failed, string paramName = "failed")
    {
        if (failed is not null && failed.Capacity != g.LinkCount)
            throw new ArgumentException($"failed-link set is sized for {failed.Capacity} links but the graph has {g.LinkCount}", paramName);
    }

    public static int Parallelism(int maxDegreeOfParallelism)
    {
        if (maxDegreeOfParallelism == 0 || maxDegreeOfParallelism < -1)
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "use -1 for all cores or a positive thread count");
        return maxDegreeOfParallelism == -1 ? Environment.ProcessorCount : maxDegreeOfParallelism;
    }
}
