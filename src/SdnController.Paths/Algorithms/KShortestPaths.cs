using SdnController.Paths.Graph;

namespace SdnController.Paths.Algorithms;

/// <summary>Yen's k loop-free shortest paths.</summary>
public static class KShortestPaths
{
    /// <summary>
    /// Up to <paramref name="k"/> distinct loop-free paths from <paramref name="s"/> to
    /// <paramref name="t"/>, by non-decreasing cost. Paths are distinct as link sequences, so
    /// parallel links give distinct paths. The first path is <see cref="Dijkstra"/>'s; each spur
    /// search uses the same tie rule, and the next path is the candidate smallest under
    /// <see cref="GraphPath.Compare"/> (cost, then hops, then link-index sequence). The costs are
    /// always the k smallest simple-path costs; when more than k paths tie, which of them are
    /// listed is fixed by that rule and Yen's deviation order. s = t yields the single empty path.
    /// </summary>
    public static IReadOnlyList<GraphPath> Yen(CompactGraph g, int s, int t, int k, LinkSet? failed = null)
    {
        ArgumentNullException.ThrowIfNull(g);
        GraphArgs.Node(g, s, nameof(s));
        GraphArgs.Node(g, t, nameof(t));
        GraphArgs.Failed(g, failed);
        if (k < 0) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be >= 0");
        var result = new List<GraphPath>();
        if (k == 0) return result;
        if (s == t)
        {
            result.Add(new GraphPath([s], [], 0));
            return result;
        }

        var n = g.NodeCount;
        var dist = new double[n];
        var hops = new int[n];
        var parentLink = new int[n];
        var parentNode = new int[n];
        var heap = new SearchHeap(n);
        var blockedNodes = new bool[n];
        var blockedLinks = failed?.Clone() ?? LinkSet.Empty(g.LinkCount);

        DijkstraCore.Search(g, s, failed, null, t, dist, hops, parentLink, parentNode, heap);
        if (parentLink[t] < 0) return result;
        result.Add(GraphPath.FromLinks(g, s, DijkstraCore.LinksTo(parentLink, g, s, t)));

        var candidates = new List<GraphPath>();
        var seen = new HashSet<int[]>(LinkSequenceComparer.Instance) { result[0].Links };
        var newlyBlocked = new List<int>();
        while (result.Count < k)
        {
            var last = result[^1];
            for (var i = 0; i < last.Links.Length; i++)
            {
                var spur = last.Nodes[i];
                // Block the next link of every accepted path that shares this root, so the spur deviates.
                foreach (var p in result)
                {
                    if (p.Links.Length > i && p.Links.AsSpan(0, i).SequenceEqual(last.Links.AsSpan(0, i)) && blockedLinks.Add(p.Links[i]))
                        newlyBlocked.Add(p.Links[i]);
                }
                // Root nodes other than the spur are off limits: keeps the joined path loop-free.
                for (var j = 0; j < i; j++) blockedNodes[last.Nodes[j]] = true;

                DijkstraCore.Search(g, spur, blockedLinks, blockedNodes, t, dist, hops, parentLink, parentNode, heap);
                if (parentLink[t] >= 0)
                {
                    var spurLinks = DijkstraCore.LinksTo(parentLink, g, spur, t);
                    var links = new int[i + spurLinks.Length];
                    Array.Copy(last.Links, links, i);
                    Array.Copy(spurLinks, 0, links, i, spurLinks.Length);
                    if (seen.Add(links)) candidates.Add(GraphPath.FromLinks(g, s, links));
                }

                for (var j = 0; j < i; j++) blockedNodes[last.Nodes[j]] = false;
                foreach (var l in newlyBlocked) blockedLinks.Remove(l);
                newlyBlocked.Clear();
            }
            if (candidates.Count == 0) break;
            var best = 0;
            for (var c = 1; c < candidates.Count; c++)
                if (GraphPath.Compare(candidates[c], candidates[best]) < 0) best = c;
            result.Add(candidates[best]);
            candidates[best] = candidates[^1];
            candidates.RemoveAt(candidates.Count - 1);
        }
        return result;
    }

    private sealed class LinkSequenceComparer : IEqualityComparer<int[]>
    {
        public static readonly LinkSequenceComparer Instance = new();
        public bool Equals(int[]? x, int[]? y) => x.AsSpan().SequenceEqual(y);
        public int GetHashCode(int[] obj)
        {
            var h = new HashCode();
            foreach (var v in obj) h.Add(v);
            return h.ToHashCode();
        }
    }
}
