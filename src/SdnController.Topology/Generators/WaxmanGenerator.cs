using System.Globalization;
using SdnController.Topology.Building;
using SdnController.Topology.Model;

namespace SdnController.Topology.Generators;

/// <summary>
/// A Waxman random graph (B. M. Waxman, "Routing of multipoint connections", IEEE JSAC 6(9), 1988):
/// n switches placed uniformly at random, each pair joined with probability α·exp(−d/(β·L)), where
/// d is their great-circle distance and L the largest distance between any two of them.
/// </summary>
/// <remarks>
/// <para>Parameter letters follow BRITE and NetworkX 1.x: <b>α</b> (0 &lt; α ≤ 1) is the edge density —
/// the probability for two nodes at the same spot; <b>β</b> (β &gt; 0) is the reach — larger β makes
/// long edges relatively more likely. Waxman's paper and NetworkX ≥ 2.0 use the letters the other way
/// round: our (α, β) is <c>networkx.waxman_graph(n, beta=α, alpha=β)</c>.</para>
/// <para>Nodes get locations uniform in latitude/longitude inside a box of 45–55°N, 0–20°E (about
/// 1100 × 1400 km, Western Europe), rounded to 4 decimals (~10 m) so a written file reads back the
/// same; links state no latency, so the builder derives it from the distance (5 µs/km).</para>
/// <para>Determinism: one <see cref="Random"/>(seed) draws, in order, latitude then longitude of s1..sn,
/// then one number per pair (i, j), i &lt; j, in row order. The same seed gives the same topology.</para>
/// <para>Connectivity: a Waxman graph can fall apart. Components are then joined by repeatedly
/// adding the shortest possible link from the connected part holding s1 to a switch in another
/// component; the links added form a minimum spanning tree of the components, so the result is
/// always connected with the least total added length.
/// Added links carry the attribute <c>waxman: connect</c>.</para>
/// </remarks>
public static class WaxmanGenerator
{
    public const double MinLatitude = 45, MaxLatitude = 55, MinLongitude = 0, MaxLongitude = 20;

    public static TopologyBuilder Create(int n, double alpha, double beta, int seed, int hostsPerSwitch = 0)
    {
        GeneratorLimits.Require(n >= 1, $"a Waxman graph needs at least 1 switch, got {n}");
        GeneratorLimits.Require(alpha > 0 && alpha <= 1, $"Waxman alpha (edge density) must be in (0, 1], got {alpha.ToString(CultureInfo.InvariantCulture)}");
        GeneratorLimits.Require(beta > 0 && double.IsFinite(beta), $"Waxman beta (edge reach) must be a number above 0, got {beta.ToString(CultureInfo.InvariantCulture)}");
        GeneratorLimits.Require(hostsPerSwitch >= 0, $"Waxman hosts per switch must be 0 or more, got {hostsPerSwitch}");
        // Every pair is examined (n² time), so bound n directly rather than by the edges that result.
        GeneratorLimits.Require(n <= 10_000, $"a Waxman graph of {n} switches is too large to generate (at most 10000: every pair is examined)");
        GeneratorLimits.CheckSize($"a Waxman graph of {n} switches", n, 0, (long)n * hostsPerSwitch);

        var random = new Random(seed);
        var points = new GeoCoordinate[n];
        for (var i = 0; i < n; i++)
        {
            var lat = Math.Round(MinLatitude + random.NextDouble() * (MaxLatitude - MinLatitude), 4);
            var lon = Math.Round(MinLongitude + random.NextDouble() * (MaxLongitude - MinLongitude), 4);
            points[i] = new GeoCoordinate(lat, lon);
        }

        var maxDistance = 0.0;
        for (var i = 0; i < n; i++)
        for (var j = i + 1; j < n; j++)
            maxDistance = Math.Max(maxDistance, points[i].DistanceKmTo(points[j]));

        var name = string.Create(CultureInfo.InvariantCulture, $"waxman-{n}-seed{seed}");
        var b = new TopologyBuilder(name)
        {
            Description = string.Create(CultureInfo.InvariantCulture,
                $"Waxman random graph: {n} switches, P(edge) = {alpha}·exp(-d/({beta}·L)), seed {seed}, {hostsPerSwitch} host(s) per switch"),
        };
        b.Attributes["Generator"] = string.Create(CultureInfo.InvariantCulture,
            $"WaxmanGenerator.Create(n: {n}, alpha: {alpha}, beta: {beta}, seed: {seed}, hostsPerSwitch: {hostsPerSwitch})");
        for (var i = 0; i < n; i++)
            b.AddSwitch(new SwitchSpec(LinearGenerator.SwitchId(i + 1)) { Location = points[i] });

        var components = new DisjointSets(n);
        var reachScale = beta * maxDistance;
        for (var i = 0; i < n; i++)
        for (var j = i + 1; j < n; j++)
        {
            // L is 0 only when every node sits on the same spot; then every distance is 0 too.
            var probability = reachScale > 0 ? alpha * Math.Exp(-points[i].DistanceKmTo(points[j]) / reachScale) : alpha;
            if (random.NextDouble() >= probability) continue;
            b.AddLink(Link(i, j, null));
            components.Union(i, j);
        }

        if (components.Count > 1) Connect(b, points, components);
        LinearGenerator.AddHosts(b, n, hostsPerSwitch);
        return b;
    }

    private static readonly IReadOnlyDictionary<string, string> ConnectAttributes =
        new Dictionary<string, string> { ["waxman"] = "connect" };

    private static LinkSpec Link(int i, int j, IReadOnlyDictionary<string, string>? attributes) =>
        new(new PortSpec(LinearGenerator.SwitchId(i + 1), null), new PortSpec(LinearGenerator.SwitchId(j + 1), null))
        {
            Attributes = attributes,
        };

    /// <summary>
    /// Prim's algorithm over components: the part holding s1 grows by the shortest link from it to any
    /// node outside, and each node reached brings its whole component along at no cost. The links
    /// added form a minimum spanning tree of the components — the shortest links that connect them.
    /// O(n²) time and O(n) memory, so no table of all pairwise distances is kept.
    /// </summary>
    private static void Connect(TopologyBuilder b, GeoCoordinate[] points, DisjointSets components)
    {
        var n = points.Length;
        var inTree = new bool[n];
        var best = new double[n];
        var bestFrom = new int[n];
        Array.Fill(best, double.PositiveInfinity);

        void Absorb(int root)
        {
            // Bring in every node of root's component, then let each improve the outside distances.
            var members = new List<int>();
            for (var v = 0; v < n; v++)
                if (!inTree[v] && components.Find(v) == root) { inTree[v] = true; members.Add(v); }
            foreach (var u in members)
            for (var v = 0; v < n; v++)
            {
                if (inTree[v]) continue;
                var d = points[u].DistanceKmTo(points[v]);
                // Ties go to the lower-numbered node, so the result never depends on iteration details.
                if (d < best[v] || (d == best[v] && u < bestFrom[v])) { best[v] = d; bestFrom[v] = u; }
            }
        }

        Absorb(components.Find(0));
        while (components.Count > 1)
        {
            var next = -1;
            for (var v = 0; v < n; v++)
                if (!inTree[v] && (next < 0 || best[v] < best[next])) next = v;
            var from = bestFrom[next];
            b.AddLink(from < next ? Link(from, next, ConnectAttributes) : Link(next, from, ConnectAttributes));
            components.Union(from, next);
            // The merged set holds the tree and next's component; Absorb skips what is already in.
            Absorb(components.Find(next));
        }
    }
}
