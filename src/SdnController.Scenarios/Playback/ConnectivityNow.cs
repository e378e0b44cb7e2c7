using SdnController.VirtualNetwork;

namespace SdnController.Scenarios.Playback;

/// <summary>Ground truth for checks: which hosts are connected in the graph of switches and links that are up right now.</summary>
internal static class ConnectivityNow
{
    /// <summary>Component label per host (topology order); -1 when the host's switch is down.</summary>
    public static int[] HostComponents(SimulatedNetwork network)
    {
        var t = network.Topology;
        var parent = new int[t.Switches.Count];
        for (var i = 0; i < parent.Length; i++) parent[i] = i;
        foreach (var l in t.Links)
        {
            if (!network.IsLinkUp(l.Id) || !network.IsSwitchUp(l.A.Node) || !network.IsSwitchUp(l.B.Node)) continue;
            var a = Find(parent, t.IndexOfSwitch(l.A.Node));
            var b = Find(parent, t.IndexOfSwitch(l.B.Node));
            if (a != b) parent[a] = b;
        }
        var result = new int[t.Hosts.Count];
        for (var h = 0; h < result.Length; h++)
        {
            var sw = t.Hosts[h].Attachment.Node;
            result[h] = network.IsSwitchUp(sw) ? Find(parent, t.IndexOfSwitch(sw)) : -1;
        }
        return result;
    }

    private static int Find(int[] parent, int x)
    {
        while (parent[x] != x) x = parent[x] = parent[parent[x]];
        return x;
    }
}
