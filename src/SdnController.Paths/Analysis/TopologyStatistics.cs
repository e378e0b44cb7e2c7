using SdnController.Paths.Graph;

namespace SdnController.Paths.Analysis;

/// <summary>Computes a <see cref="TopologySummary"/>.</summary>
public static class TopologyStatistics
{
    /// <param name="t">The topology.</param>
    /// <param name="hopGraph">Its graph; only the adjacency is used, so any metric will do.</param>
    public static TopologySummary Compute(Topology.Model.Topology t, CompactGraph hopGraph)
    {
        TopologyGraphCheck.Ensure(t, hopGraph);
        var g = hopGraph;
        var n = g.NodeCount;

        var selfLoops = 0;
        var parallel = 0;
        var seenPairs = new HashSet<long>();
        for (var l = 0; l < g.LinkCount; l++)
        {
            int a = g.LinkA[l], b = g.LinkB[l];
            if (a == b) { selfLoops++; continue; }
            var key = ((long)Math.Min(a, b) << 32) | (uint)Math.Max(a, b);
            if (!seenPairs.Add(key)) parallel++;
        }

        int minDeg = n == 0 ? 0 : int.MaxValue, maxDeg = 0;
        long degSum = 0;
        for (var i = 0; i < n; i++)
        {
            var d = g.Offsets[i + 1] - g.Offsets[i];
            minDeg = Math.Min(minDeg, d);
            maxDeg = Math.Max(maxDeg, d);
            degSum += d;
        }

        var labels = ComponentLabels.Of(g);
        var hostsPerSwitch = TopologyGraphCheck.HostsPerSwitch(t);
        var largestFirst = LargestFirst(labels);
        var components = BuildComponents(g, labels, largestFirst, hostsPerSwitch);

        var (diameter, average) = labels.Count == 0 ? (0, 0.0) : HopDistances(g, labels, largestFirst[0]);

        double totalLatency = 0;
        foreach (var link in t.Links) totalLatency += link.LatencyMs;
        var withCoordinates = 0;
        foreach (var s in t.Switches) if (s.Location is not null) withCoordinates++;

        return new TopologySummary
        {
            Name = t.Name,
            SwitchCount = n,
            HostCount = t.Hosts.Count,
            LinkCount = g.LinkCount,
            ParallelLinkCount = parallel,
            SelfLoopCount = selfLoops,
            Components = components,
            MinDegree = minDeg,
            MaxDegree = maxDeg,
            MeanDegree = n == 0 ? 0 : (double)degSum / n,
            HopDiameter = diameter,
            AverageHopPathLength = average,
            TotalLatencyMs = totalLatency,
            MeanLatencyMs = t.Links.Count == 0 ? 0 : totalLatency / t.Links.Count,
            SwitchesWithCoordinates = withCoordinates,
        };
    }

    /// <summary>
    /// Component numbers, largest first. Components are numbered by lowest member, so breaking ties
    /// on the number puts the one holding the lowest switch index first.
    /// </summary>
    private static int[] LargestFirst(ComponentLabels labels)
    {
        var order = new int[labels.Count];
        for (var c = 0; c < order.Length; c++) order[c] = c;
        Array.Sort(order, (x, y) => labels.Sizes[x] != labels.Sizes[y] ? labels.Sizes[y].CompareTo(labels.Sizes[x]) : x.CompareTo(y));
        return order;
    }

    private static ComponentInfo[] BuildComponents(CompactGraph g, ComponentLabels labels, int[] order, int[] hostsPerSwitch)
    {
        var members = new List<string>[labels.Count];
        var hosts = new int[labels.Count];
        for (var c = 0; c < labels.Count; c++) members[c] = new List<string>(labels.Sizes[c]);
        for (var i = 0; i < g.NodeCount; i++)
        {
            members[labels.Label[i]].Add(g.NodeIds[i]);
            hosts[labels.Label[i]] += hostsPerSwitch[i];
        }
        var result = new ComponentInfo[order.Length];
        for (var k = 0; k < order.Length; k++) result[k] = new ComponentInfo(members[order[k]], hosts[order[k]]);
        return result;
    }

    /// <summary>BFS from every node of the component: exact diameter and mean distance in O(V·(V+E)).</summary>
    private static (int Diameter, double Average) HopDistances(CompactGraph g, ComponentLabels labels, int component)
    {
        var n = g.NodeCount;
        var dist = new int[n];
        var queue = new int[n];
        var diameter = 0;
        long sum = 0;
        for (var s = 0; s < n; s++)
        {
            if (labels.Label[s] != component) continue;
            Array.Fill(dist, -1);
            dist[s] = 0;
            int head = 0, tail = 0;
            queue[tail++] = s;
            while (head < tail)
            {
                var u = queue[head++];
                var du = dist[u];
                if (u > s) sum += du; // each unordered pair once
                if (du > diameter) diameter = du;
                for (var e = g.Offsets[u]; e < g.Offsets[u + 1]; e++)
                {
                    var v = g.AdjNode[e];
                    if (dist[v] >= 0) continue;
                    dist[v] = du + 1;
                    queue[tail++] = v;
                }
            }
        }
        long size = labels.Sizes[component];
        var pairs = size * (size - 1) / 2;
        return (diameter, pairs == 0 ? 0 : (double)sum / pairs);
    }
}
