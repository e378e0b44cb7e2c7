using SdnController.Topology.Building;
using SdnController.Topology.Model;

namespace SdnController.Topology.Generators;

/// <summary>
/// The k-ary fat-tree of Al-Fares, Loukissas and Vahdat (SIGCOMM 2008): (k/2)² core switches and k pods,
/// each with k/2 aggregation and k/2 edge switches; every switch has k ports, so with the standard
/// k/2 hosts per edge switch there are k³/4 hosts and k³/2 switch-to-switch links.
/// </summary>
/// <remarks>
/// Ids: core <c>c1</c>..<c>c{(k/2)²}</c>; aggregation <c>p{pod}a{i}</c>; edge <c>p{pod}e{i}</c>;
/// hosts <c>h1</c>.. numbered pod by pod, edge by edge (<see cref="HostNumbering"/>).
/// Ports follow the paper's convention, down-facing ports first: an edge switch has its hosts on
/// 1..H and aggregation j on H+j; an aggregation switch has edge i on port i and its core switches
/// on k/2+1..k; core switch c has pod p on port p. Aggregation switch j of every pod connects to
/// core switches (j−1)·k/2+1 .. j·k/2.
/// Switches are listed core first, then pod by pod (aggregation, then edge), so datapath ids follow
/// that order. Links default to 10 Gbit/s and 10 µs — data-centre cabling; change
/// <see cref="TopologyBuilder.Defaults"/> on the returned builder for other figures.
/// </remarks>
public static class FatTreeGenerator
{
    public static readonly LinkDefaults DataCentreDefaults = new(10e9, 0.01, 1);

    /// <param name="k">Switch port count; even and at least 2.</param>
    /// <param name="hostsPerEdge">Hosts on each edge switch; null means the standard k/2.</param>
    public static TopologyBuilder Create(int k, int? hostsPerEdge = null)
    {
        GeneratorLimits.Require(k >= 2 && k % 2 == 0, $"fat-tree k must be an even number of at least 2, got {k}");
        var half = k / 2;
        var hostsEach = hostsPerEdge ?? half;
        GeneratorLimits.Require(hostsEach >= 0, $"fat-tree hosts per edge switch must be 0 or more, got {hostsEach}");
        var cores = (long)half * half;
        GeneratorLimits.CheckSize($"a fat-tree with k={k}", cores + (long)k * k, (long)k * k * k / 2, (long)k * half * hostsEach);

        var b = new TopologyBuilder($"fat-tree-{k}")
        {
            Description = $"k={k} fat-tree (Al-Fares et al. 2008): {cores} core, {k} pods of {half} aggregation + {half} edge switches, {hostsEach} hosts per edge switch",
            Defaults = DataCentreDefaults,
        };
        b.Attributes["Generator"] = hostsPerEdge is null
            ? $"FatTreeGenerator.Create(k: {k})"
            : $"FatTreeGenerator.Create(k: {k}, hostsPerEdge: {hostsEach})";

        for (var c = 1; c <= cores; c++) b.AddSwitch(new SwitchSpec(Core(c)));
        for (var p = 1; p <= k; p++)
        {
            for (var a = 1; a <= half; a++) b.AddSwitch(new SwitchSpec(Agg(p, a)));
            for (var e = 1; e <= half; e++) b.AddSwitch(new SwitchSpec(Edge(p, e)));
        }

        for (var p = 1; p <= k; p++)
        {
            for (var e = 1; e <= half; e++)
            for (var a = 1; a <= half; a++)
                b.AddLink(new LinkSpec(new PortSpec(Edge(p, e), hostsEach + a), new PortSpec(Agg(p, a), e)));
            for (var a = 1; a <= half; a++)
            for (var j = 1; j <= half; j++)
                b.AddLink(new LinkSpec(new PortSpec(Agg(p, a), half + j), new PortSpec(Core((a - 1) * half + j), p)));
        }

        var hosts = new HostNumbering();
        for (var p = 1; p <= k; p++)
        for (var e = 1; e <= half; e++)
        for (var h = 1; h <= hostsEach; h++)
            hosts.AddTo(b, Edge(p, e), h);
        return b;
    }

    public static string Core(int c) => $"c{c}";
    public static string Agg(int pod, int i) => $"p{pod}a{i}";
    public static string Edge(int pod, int i) => $"p{pod}e{i}";
}
