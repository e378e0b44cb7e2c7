using System.Collections.Immutable;
using System.Runtime.InteropServices;
using SdnController.Controller.Routing;
using SdnController.Paths.Graph;

namespace SdnController.Controller.Congestion;

/// <summary>
/// The best path (by the flow's routing metric) between two hosts over the links that are up and have
/// headroom for the flow: every direction it crosses stays at or under the threshold with the flow's
/// forward rate added (and, for a two-way flow, every opposite direction with its reverse rate). A plain
/// Dijkstra over the metric graph with those links left out; run only for flows a congestion event moves.
/// </summary>
internal static class HeadroomPathSearch
{
    /// <returns>The path, or null when no such path joins the hosts.</returns>
    public static FlowPath? Find(RoutingService routing, int srcHost, int dstHost, DirectionLoads loads,
        double forwardBps, double reverseBps, double fraction)
    {
        var graph = routing.Graph;
        int s = routing.SwitchOfHost(srcHost), t = routing.SwitchOfHost(dstHost);
        if (s == t) return null;   // no link to move off
        var n = graph.NodeCount;
        var dist = new double[n];
        var via = new int[n];
        Array.Fill(dist, double.PositiveInfinity);
        Array.Fill(via, -1);
        var done = new bool[n];
        var heap = new PriorityQueue<int, (double, int)>();
        dist[s] = 0;
        heap.Enqueue(s, (0, s));
        while (heap.TryDequeue(out var u, out _))
        {
            if (done[u]) continue;
            done[u] = true;
            if (u == t) break;
            for (var i = graph.Offsets[u]; i < graph.Offsets[u + 1]; i++)
            {
                int v = graph.AdjNode[i], l = graph.AdjLink[i];
                if (done[v] || !routing.IsLinkUp(l)) continue;
                var d = 2 * l + (graph.LinkA[l] == u ? 0 : 1);
                if (!loads.Fits(d, forwardBps, fraction) || (reverseBps > 0 && !loads.Fits(d ^ 1, reverseBps, fraction))) continue;
                var alt = dist[u] + graph.Weight[l];
                if (alt >= dist[v]) continue;
                dist[v] = alt;
                via[v] = l;
                heap.Enqueue(v, (alt, v));
            }
        }
        if (via[t] < 0) return null;

        var nodes = new List<int> { t };
        var links = new List<int>();
        for (var v = t; v != s;)
        {
            var l = via[v];
            links.Add(l);
            v = graph.Other(l, v);
            nodes.Add(v);
        }
        nodes.Reverse();
        links.Reverse();
        var count = nodes.Count;
        var inPorts = new int[count];
        var outPorts = new int[count];
        inPorts[0] = routing.PortOfHost(srcHost);
        outPorts[count - 1] = routing.PortOfHost(dstHost);
        var topologyLinks = routing.Topology.Links;
        for (var k = 0; k < count - 1; k++)
        {
            var link = topologyLinks[links[k]];
            var aIsHere = graph.LinkA[links[k]] == nodes[k];
            outPorts[k] = aIsHere ? link.A.Port : link.B.Port;
            inPorts[k + 1] = aIsHere ? link.B.Port : link.A.Port;
        }
        return new FlowPath(
            ImmutableCollectionsMarshal.AsImmutableArray(nodes.ToArray()),
            ImmutableCollectionsMarshal.AsImmutableArray(inPorts),
            ImmutableCollectionsMarshal.AsImmutableArray(outPorts),
            ImmutableCollectionsMarshal.AsImmutableArray(links.ToArray()),
            dist[t]);
    }
}
