using SdnController.Paths.Graph;
using SdnController.Topology.Building;
using SdnController.Topology.Diagnostics;

namespace SdnController.Paths.Tests.Analysis;

/// <summary>Hand-made and random topologies for the analysis tests, plus brute-force references.</summary>
internal static class AnalysisFixtures
{
    public static Topology.Model.Topology Build(int n, IEnumerable<(int A, int B)> links, int[]? hostsPerSwitch = null, string name = "t")
    {
        var b = new TopologyBuilder(name);
        for (var i = 0; i < n; i++) b.AddSwitch(new SwitchSpec("s" + i));
        foreach (var (x, y) in links) b.AddLink(new LinkSpec(new PortSpec("s" + x, null), new PortSpec("s" + y, null)));
        if (hostsPerSwitch is not null)
            for (var i = 0; i < n; i++)
                for (var k = 0; k < hostsPerSwitch[i]; k++)
                    b.AddHost(new HostSpec($"h{i}_{k}", new PortSpec("s" + i, null)));
        var bag = new DiagnosticBag();
        var t = b.Build(bag);
        Assert.That(t, Is.Not.Null, string.Join("\n", bag.Items));
        return t!;
    }

    public static CompactGraph Hops(Topology.Model.Topology t) => CompactGraph.FromTopology(t, PathMetric.Hop);

    public static IEnumerable<(int A, int B)> Ring(int n) => Enumerable.Range(0, n).Select(i => (i, (i + 1) % n));
    public static IEnumerable<(int A, int B)> Line(int n) => Enumerable.Range(0, n - 1).Select(i => (i, i + 1));

    /// <summary>Random multigraph: sparse enough to have bridges and cut vertices, with parallel links and self-loops.</summary>
    public static (int N, List<(int A, int B)> Links, int[] Hosts) RandomMultigraph(Random rng, int maxNodes = 12)
    {
        var n = rng.Next(1, maxNodes + 1);
        var links = new List<(int, int)>();
        var m = rng.Next(0, 2 * n + 1);
        for (var k = 0; k < m; k++)
        {
            var a = rng.Next(n);
            var roll = rng.Next(20);
            var b = roll == 0 ? a : rng.Next(n);
            links.Add((a, b));
            if (roll == 1 && a != b) links.Add((a, b)); // parallel twin
        }
        var hosts = new int[n];
        for (var i = 0; i < n; i++) hosts[i] = rng.Next(4) == 0 ? rng.Next(1, 4) : 0;
        return (n, links, hosts);
    }

    /// <summary>Union-find over the links, skipping one node and/or one link (by index).</summary>
    public static int[] Roots(int n, IReadOnlyList<(int A, int B)> links, int skipNode, int skipLink)
    {
        var parent = Enumerable.Range(0, n).ToArray();
        int Find(int x) { while (parent[x] != x) x = parent[x] = parent[parent[x]]; return x; }
        for (var l = 0; l < links.Count; l++)
        {
            if (l == skipLink) continue;
            var (a, b) = links[l];
            if (a == skipNode || b == skipNode) continue;
            parent[Find(a)] = Find(b);
        }
        var roots = new int[n];
        for (var i = 0; i < n; i++) roots[i] = Find(i);
        return roots;
    }

    /// <summary>Plain Ford–Fulkerson on a capacity matrix: the reference for link-disjoint path counts.</summary>
    public static int DirectMaxFlow(int n, IReadOnlyList<(int A, int B)> links, int s, int t)
    {
        var cap = new int[n, n];
        foreach (var (a, b) in links)
        {
            if (a == b) continue;
            cap[a, b]++;
            cap[b, a]++;
        }
        var flow = 0;
        while (true)
        {
            var prev = new int[n];
            Array.Fill(prev, -1);
            prev[s] = s;
            var stack = new Stack<int>();
            stack.Push(s);
            while (stack.Count > 0 && prev[t] < 0)
            {
                var u = stack.Pop();
                for (var v = 0; v < n; v++)
                    if (prev[v] < 0 && cap[u, v] > 0) { prev[v] = u; stack.Push(v); }
            }
            if (prev[t] < 0) return flow;
            for (var v = t; v != s; v = prev[v]) { cap[prev[v], v]--; cap[v, prev[v]]++; }
            flow++;
        }
    }
}
