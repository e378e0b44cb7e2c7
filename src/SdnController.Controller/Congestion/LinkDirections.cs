using SdnController.Controller.Routing;
using SdnController.Paths.Graph;

namespace SdnController.Controller.Congestion;

/// <summary>
/// Link directions as the congestion code numbers them: 2·link is the link's A→B direction, 2·link + 1
/// its B→A one (A and B as the topology file lists the link's ends).
/// </summary>
public static class LinkDirections
{
    /// <summary>The direction a path's k-th link is crossed in by the path's own direction.</summary>
    public static int Forward(CompactGraph graph, FlowPath path, int k)
    {
        var l = path.Links[k];
        return 2 * l + (graph.LinkA[l] == path.Switches[k] ? 0 : 1);
    }

    /// <summary>"s1>s2": the switch the direction leaves and the one it enters.</summary>
    public static string Name(Topology.Model.Topology topology, int direction)
    {
        var link = topology.Links[direction >> 1];
        return (direction & 1) == 0 ? $"{link.A.Node}>{link.B.Node}" : $"{link.B.Node}>{link.A.Node}";
    }
}
