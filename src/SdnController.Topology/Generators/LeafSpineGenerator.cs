using SdnController.Topology.Building;

namespace SdnController.Topology.Generators;

/// <summary>
/// A two-tier Clos fabric: every leaf connects to every spine (complete bipartite), hosts hang off
/// the leaves. Ids: spines <c>spine1</c>.., leaves <c>leaf1</c>.., hosts <c>h1</c>.. leaf by leaf.
/// </summary>
/// <remarks>
/// Switches are listed spines first, then leaves. Hosts take leaf ports 1..H and spine uplinks
/// H+1..H+spines (spine j on H+j); spine j has leaf i on port i. Links default to 10 Gbit/s, 10 µs.
/// </remarks>
public static class LeafSpineGenerator
{
    public static TopologyBuilder Create(int leaves, int spines, int hostsPerLeaf)
    {
        GeneratorLimits.Require(leaves >= 1, $"leaf-spine needs at least 1 leaf, got {leaves}");
        GeneratorLimits.Require(spines >= 1, $"leaf-spine needs at least 1 spine, got {spines}");
        GeneratorLimits.Require(hostsPerLeaf >= 0, $"leaf-spine hosts per leaf must be 0 or more, got {hostsPerLeaf}");
        GeneratorLimits.CheckSize($"a leaf-spine fabric of {leaves} leaves and {spines} spines",
            (long)leaves + spines, (long)leaves * spines, (long)leaves * hostsPerLeaf);

        var b = new TopologyBuilder($"leaf-spine-{leaves}x{spines}")
        {
            Description = $"leaf-spine fabric: {leaves} leaves, each connected to all {spines} spines, {hostsPerLeaf} hosts per leaf",
            Defaults = FatTreeGenerator.DataCentreDefaults,
        };
        b.Attributes["Generator"] = $"LeafSpineGenerator.Create(leaves: {leaves}, spines: {spines}, hostsPerLeaf: {hostsPerLeaf})";

        for (var s = 1; s <= spines; s++) b.AddSwitch(new SwitchSpec(Spine(s)));
        for (var l = 1; l <= leaves; l++) b.AddSwitch(new SwitchSpec(Leaf(l)));
        for (var l = 1; l <= leaves; l++)
        for (var s = 1; s <= spines; s++)
            b.AddLink(new LinkSpec(new PortSpec(Leaf(l), hostsPerLeaf + s), new PortSpec(Spine(s), l)));

        var hosts = new HostNumbering();
        for (var l = 1; l <= leaves; l++)
        for (var h = 1; h <= hostsPerLeaf; h++)
            hosts.AddTo(b, Leaf(l), h);
        return b;
    }

    public static string Leaf(int i) => $"leaf{i}";
    public static string Spine(int i) => $"spine{i}";
}
