using SdnController.Paths.Graph;

namespace SdnController.Paths.Tests.Algorithms;

/// <summary>Seeded random multigraphs: parallel links, self-loops, zero weights, disconnected parts.</summary>
internal static class RandomGraphs
{
    public static CompactGraph Create(Random rng, int n, bool integerWeights = true, double density = -1)
    {
        var links = new List<(int, int, double)>();
        if (n > 0)
        {
            var m = density < 0 ? rng.Next(0, 2 * n + 3) : (int)(density * n);
            for (var i = 0; i < m; i++)
            {
                var a = rng.Next(n);
                // Mostly ordinary links, some self-loops, some doubled as parallel links.
                var b = rng.Next(20) == 0 ? a : rng.Next(n);
                links.Add((a, b, Weight(rng, integerWeights)));
                if (rng.Next(8) == 0) links.Add((a, b, Weight(rng, integerWeights)));
            }
        }
        return CompactGraph.Create(n, links);
    }

    /// <summary>WAN-like: a sparse core whose links are subdivided into chains, pendant paths, rings.</summary>
    public static CompactGraph Chainy(Random rng, int coreNodes, bool integerWeights = true)
    {
        var links = new List<(int, int, double)>();
        var n = coreNodes;
        for (var i = 1; i < coreNodes; i++) AddChain(rng, links, ref n, rng.Next(i), i, integerWeights);
        for (var i = 0; i < coreNodes / 2; i++) AddChain(rng, links, ref n, rng.Next(coreNodes), rng.Next(coreNodes), integerWeights);
        // A pendant path and a separate ring (a component with no kernel node).
        var tail = rng.Next(coreNodes);
        for (var i = 0; i < 3; i++) { links.Add((tail, n, Weight(rng, integerWeights))); tail = n++; }
        var ringStart = n;
        var ringLen = 3 + rng.Next(4);
        for (var i = 0; i < ringLen; i++) links.Add((ringStart + i, ringStart + (i + 1) % ringLen, Weight(rng, integerWeights)));
        n += ringLen;
        if (rng.Next(2) == 0) links.Add((rng.Next(n), rng.Next(n), Weight(rng, integerWeights)));
        return CompactGraph.Create(n, links);
    }

    /// <summary>
    /// Trees hanging everywhere: a small chainy or random core (possibly none), random trees rooted at
    /// core and chain nodes, stars, whole tree components, isolated nodes and zero-weight links.
    /// </summary>
    public static CompactGraph Treey(Random rng, int coreNodes, bool integerWeights = true)
    {
        var links = new List<(int, int, double)>();
        var n = coreNodes;
        if (coreNodes > 1)
        {
            for (var i = 1; i < coreNodes; i++) AddChain(rng, links, ref n, rng.Next(i), i, integerWeights);
            var extra = rng.Next(coreNodes);
            for (var i = 0; i < extra; i++) AddChain(rng, links, ref n, rng.Next(coreNodes), rng.Next(coreNodes), integerWeights);
        }
        var attachTo = n;
        var treeCount = rng.Next(1, 6);
        for (var t = 0; t < treeCount; t++)
        {
            // Root on an existing node (kernel or chain) or a new node (a tree component of its own).
            var size = 1 + rng.Next(rng.Next(4) == 0 ? 25 : 8);
            var first = n;
            var root = attachTo > 0 && rng.Next(5) > 0 ? rng.Next(attachTo) : n++;
            var star = rng.Next(4) == 0;
            for (var i = 0; i < size; i++)
            {
                var parent = star ? root : (n == first || rng.Next(3) == 0 ? root : first + rng.Next(n - first));
                links.Add((parent, n, Weight(rng, integerWeights)));
                if (rng.Next(10) == 0) links.Add((parent, n, Weight(rng, integerWeights)));
                n++;
            }
        }
        n += rng.Next(3); // isolated nodes
        if (rng.Next(3) == 0) links.Add((rng.Next(n), rng.Next(n), Weight(rng, integerWeights)));
        return CompactGraph.Create(n, links);
    }

    private static void AddChain(Random rng, List<(int, int, double)> links, ref int n, int a, int b, bool integerWeights)
    {
        var inner = rng.Next(0, 5);
        var prev = a;
        for (var i = 0; i < inner; i++) { links.Add((prev, n, Weight(rng, integerWeights))); prev = n++; }
        links.Add((prev, b, Weight(rng, integerWeights)));
    }

    public static double Weight(Random rng, bool integer) =>
        integer ? rng.Next(0, 10) : Math.Round(rng.NextDouble() * 10, 3);

    public static LinkSet Failures(Random rng, CompactGraph g, double fraction)
    {
        var set = new LinkSet(g.LinkCount);
        for (var l = 0; l < g.LinkCount; l++)
            if (rng.NextDouble() < fraction) set.Add(l);
        return set;
    }
}
