using SdnController.Paths.Graph;

namespace SdnController.Paths.Analysis;

/// <summary>
/// Finds bridges and articulation switches with one iterative Tarjan DFS (no recursion: Zoo graphs
/// such as Kdl have long chains) and sizes every failure from DFS subtree sizes, in O(V + E).
/// </summary>
/// <remarks>
/// The DFS skips only the tree link it arrived by (by link index), not every link to the parent, so
/// a parallel twin of the tree link counts as a back edge and such a link is never a bridge.
/// </remarks>
public static class SinglePointsOfFailure
{
    public static SinglePointsOfFailureReport Analyze(Topology.Model.Topology t, CompactGraph g)
    {
        TopologyGraphCheck.Ensure(t, g);
        return Analyze(g, TopologyGraphCheck.HostsPerSwitch(t), t.Links.Select(l => l.Id).ToArray());
    }

    /// <summary>Analysis of a bare graph (hosts per node given, or none); link ids default to their index.</summary>
    public static SinglePointsOfFailureReport Analyze(CompactGraph g, int[]? hostsPerNode = null, string[]? linkIds = null)
    {
        ArgumentNullException.ThrowIfNull(g);
        var n = g.NodeCount;
        hostsPerNode ??= new int[n];
        if (hostsPerNode.Length != n) throw new ArgumentException("one host count per node", nameof(hostsPerNode));
        if (linkIds is not null && linkIds.Length != g.LinkCount) throw new ArgumentException("one id per link", nameof(linkIds));

        var disc = new int[n];
        var low = new int[n];
        var parent = new int[n];
        var parentLink = new int[n];
        var cursor = new int[n];
        var subSw = new int[n];
        var subHost = new long[n];
        // Per node: the pieces cut off below it (children whose subtree cannot climb above it).
        var sepPieces = new int[n];
        var sepSw = new long[n];
        var sepHost = new long[n];
        var sepSwPairs = new long[n];
        var sepHostPairs = new long[n];
        Array.Fill(disc, -1);

        var stack = new int[n];
        var order = new int[n]; // visit order, to revisit one component's nodes after its DFS
        var bridgeChildren = new List<int>();
        var bridges = new List<BridgeImpact>();
        var failures = new SwitchFailureImpact[n];
        var timer = 0;

        for (var root = 0; root < n; root++)
        {
            if (disc[root] >= 0) continue;
            var firstOrder = timer;
            bridgeChildren.Clear();
            var top = 0;
            stack[top++] = root;
            Enter(root, -1, -1);

            while (top > 0)
            {
                var u = stack[top - 1];
                if (cursor[u] < g.Offsets[u + 1])
                {
                    var e = cursor[u]++;
                    var v = g.AdjNode[e];
                    var l = g.AdjLink[e];
                    if (l == parentLink[u]) continue;
                    if (disc[v] < 0)
                    {
                        Enter(v, u, l);
                        stack[top++] = v;
                    }
                    else if (disc[v] < low[u])
                    {
                        low[u] = disc[v];
                    }
                    continue;
                }

                top--;
                var p = parent[u];
                if (p < 0) continue;
                if (low[u] < low[p]) low[p] = low[u];
                subSw[p] += subSw[u];
                subHost[p] += subHost[u];
                if (low[u] >= disc[p])
                {
                    sepPieces[p]++;
                    sepSw[p] += subSw[u];
                    sepHost[p] += subHost[u];
                    sepSwPairs[p] += Pairs(subSw[u]);
                    sepHostPairs[p] += Pairs(subHost[u]);
                }
                if (low[u] > disc[p]) bridgeChildren.Add(u);
            }

            long compSw = subSw[root], compHost = subHost[root];
            foreach (var child in bridgeChildren)
            {
                long below = subSw[child];
                var link = parentLink[child];
                bridges.Add(new BridgeImpact(
                    link,
                    linkIds?[link] ?? link.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    g.NodeIds[g.LinkA[link]],
                    g.NodeIds[g.LinkB[link]],
                    (int)Math.Min(below, compSw - below),
                    below * (compSw - below),
                    subHost[child] * (compHost - subHost[child])));
            }
            for (var k = firstOrder; k < timer; k++)
            {
                var v = order[k];
                // The piece above v: everything in the component not under a separated child.
                var restSw = compSw - 1 - sepSw[v];
                var restHost = compHost - hostsPerNode[v] - sepHost[v];
                var pieces = sepPieces[v] + (restSw > 0 ? 1 : 0);
                failures[v] = new SwitchFailureImpact(
                    v,
                    g.NodeIds[v],
                    pieces,
                    Pairs(compSw) - sepSwPairs[v] - Pairs(restSw),
                    Pairs(compHost) - sepHostPairs[v] - Pairs(restHost));
            }
        }

        bridges.Sort((x, y) => x.Link.CompareTo(y.Link));
        var articulations = new List<SwitchFailureImpact>();
        SwitchFailureImpact? worstSwitch = null;
        foreach (var f in failures)
        {
            if (f.IsArticulation) articulations.Add(f);
            if (worstSwitch is null || Worse(f.SwitchPairsDisconnected, f.HostPairsDisconnected, worstSwitch.SwitchPairsDisconnected, worstSwitch.HostPairsDisconnected))
                worstSwitch = f;
        }
        BridgeImpact? worstLink = null;
        foreach (var b in bridges)
            if (worstLink is null || Worse(b.SwitchPairsDisconnected, b.HostPairsDisconnected, worstLink.SwitchPairsDisconnected, worstLink.HostPairsDisconnected))
                worstLink = b;

        return new SinglePointsOfFailureReport(bridges, articulations, failures, worstLink, worstSwitch);

        void Enter(int v, int from, int viaLink)
        {
            disc[v] = low[v] = timer;
            order[timer++] = v;
            parent[v] = from;
            parentLink[v] = viaLink;
            cursor[v] = g.Offsets[v];
            subSw[v] = 1;
            subHost[v] = hostsPerNode[v];
        }
    }

    /// <summary>Strictly worse only, so scanning in index order keeps the lowest index on ties.</summary>
    private static bool Worse(long sw, long host, long bestSw, long bestHost) =>
        sw > bestSw || (sw == bestSw && host > bestHost);

    private static long Pairs(long k) => k * (k - 1) / 2;
}
