using SdnController.Paths.Graph;

namespace SdnController.Paths.Analysis;

/// <summary>Guards the analyses against a graph built from a different topology than the one passed with it.</summary>
internal static class TopologyGraphCheck
{
    public static void Ensure(Topology.Model.Topology t, CompactGraph g)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(g);
        if (g.NodeCount != t.Switches.Count || g.LinkCount != t.Links.Count)
            throw new ArgumentException(
                $"graph has {g.NodeCount} nodes and {g.LinkCount} links but topology '{t.Name}' has {t.Switches.Count} switches and {t.Links.Count} links; build the graph with CompactGraph.FromTopology of the same topology",
                nameof(g));
    }

    /// <summary>Number of hosts attached to each switch (graph node order).</summary>
    public static int[] HostsPerSwitch(Topology.Model.Topology t)
    {
        var hosts = new int[t.Switches.Count];
        foreach (var h in t.Hosts)
        {
            var s = t.IndexOfSwitch(h.Attachment.Node);
            if (s >= 0) hosts[s]++;
        }
        return hosts;
    }
}
