using SdnController.Paths.Algorithms;
using SdnController.Paths.Graph;

namespace SdnController.Paths.Tests;

public sealed class EqualCostDagTests
{
    // A diamond 0-{1,2}-3 plus a longer detour 0-4-5-3.
    private static CompactGraph Diamond(double w01 = 1, double w02 = 1) => CompactGraph.Create(6,
        [(0, 1, w01), (0, 2, w02), (1, 3, 1), (2, 3, 1), (0, 4, 1), (4, 5, 1), (5, 3, 1)]);

    [Test]
    public void Diamond_has_two_branches_at_the_source_and_leaves_the_longer_detour_out()
    {
        var dag = EqualCostDag.Between(Diamond(), 0, 3)!;
        Assert.That(dag.Nodes, Is.EqualTo(new[] { 0, 1, 2, 3 }));
        Assert.That(dag.NextHops(0).ToArray().Select(h => h.Node), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(dag.HasBranches, Is.True);
        Assert.That(dag.PathCount(), Is.EqualTo(2));
        Assert.That(dag.Cost, Is.EqualTo(2));
    }

    [Test]
    public void Failed_link_removes_its_branch()
    {
        var g = Diamond();
        var failed = new LinkSet(g.LinkCount);
        failed.Add(0);
        var dag = EqualCostDag.Between(g, 0, 3, failed)!;
        Assert.That(dag.Nodes, Is.EqualTo(new[] { 0, 2, 3 }));
        Assert.That(dag.HasBranches, Is.False);
    }

    [Test]
    public void Fractional_costs_within_the_tolerance_are_equal_and_beyond_it_are_not()
    {
        Assert.That(EqualCostDag.Between(Diamond(0.1 + 0.2, 0.3), 0, 3)!.PathCount(), Is.EqualTo(2), "0.1 + 0.2 != 0.3 in doubles");
        Assert.That(EqualCostDag.Between(Diamond(0.3, 0.30001), 0, 3)!.PathCount(), Is.EqualTo(1));
    }

    [Test]
    public void Unreachable_target_gives_null_and_source_equal_to_target_one_node()
    {
        var g = CompactGraph.Create(3, [(0, 1, 1)]);
        Assert.That(EqualCostDag.Between(g, 0, 2), Is.Null);
        var self = EqualCostDag.Between(g, 1, 1)!;
        Assert.That(self.Nodes, Is.EqualTo(new[] { 1 }));
        Assert.That(self.PathCount(), Is.EqualTo(1));
    }

    [Test]
    public void Grid_paths_are_counted_and_every_hop_gets_closer()
    {
        // 4x4 grid, unit weights: C(6,3) = 20 shortest paths corner to corner.
        var edges = new List<(int, int, double)>();
        for (var r = 0; r < 4; r++)
            for (var c = 0; c < 4; c++)
            {
                if (c < 3) edges.Add((4 * r + c, 4 * r + c + 1, 1));
                if (r < 3) edges.Add((4 * r + c, 4 * (r + 1) + c, 1));
            }
        var dag = EqualCostDag.Between(CompactGraph.Create(16, edges), 0, 15)!;
        Assert.That(dag.PathCount(), Is.EqualTo(20));
        Assert.That(dag.Nodes, Has.Length.EqualTo(16));
        for (var i = 0; i < dag.Nodes.Length; i++)
            foreach (var h in dag.NextHops(i)) Assert.That(h.Position, Is.GreaterThan(i), "topological order");
    }
}
