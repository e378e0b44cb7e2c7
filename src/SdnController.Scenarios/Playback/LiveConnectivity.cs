using SdnController.Paths.Analysis;
using SdnController.Paths.Graph;
using SdnController.VirtualNetwork;

namespace SdnController.Scenarios.Playback;

/// <summary>
/// Ground truth for checks: which hosts the switches and links that are up right now connect. The
/// network's graph is built once; each question only marks what is down.
/// </summary>
internal sealed class LiveConnectivity(SimulatedNetwork network)
{
    private readonly CompactGraph _graph = CompactGraph.FromTopology(network.Topology, PathMetric.Hop);

    /// <summary>Component label per host (topology order); -1 when the host's switch is down.</summary>
    public int[] HostComponents()
    {
        var t = network.Topology;
        var down = new LinkSet(t.Links.Count);
        for (var l = 0; l < t.Links.Count; l++)
        {
            var link = t.Links[l];
            if (!network.IsLinkUp(link.Id) || !network.IsSwitchUp(link.A.Node) || !network.IsSwitchUp(link.B.Node)) down.Add(l);
        }
        var label = ComponentLabels.Of(_graph, down).Label;
        var result = new int[t.Hosts.Count];
        for (var h = 0; h < result.Length; h++)
        {
            var sw = t.Hosts[h].Attachment.Node;
            result[h] = network.IsSwitchUp(sw) ? label[t.IndexOfSwitch(sw)] : -1;
        }
        return result;
    }
}
