using SdnController.Paths.Analysis;
using SdnController.Topology.Building;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Model;
using static SdnController.Paths.Tests.Analysis.AnalysisFixtures;

namespace SdnController.Paths.Tests.Analysis;

public class TopologyStatisticsTests
{
    [TestCase(6)]
    [TestCase(7)]
    public void Ring_has_diameter_half_its_size(int n)
    {
        var t = Build(n, Ring(n));
        var s = TopologyStatistics.Compute(t, Hops(t));
        Assert.That(s.HopDiameter, Is.EqualTo(n / 2));
        Assert.That((s.MinDegree, s.MaxDegree, s.MeanDegree), Is.EqualTo((2, 2, 2.0)));
        Assert.That(s.ComponentCount, Is.EqualTo(1));
        // Each node sees distances 1,1,2,2,…; for n=6: (1+1+2+2+3)/5 = 1.8, for n=7: (1+1+2+2+3+3)/6 = 2.
        Assert.That(s.AverageHopPathLength, Is.EqualTo(n == 6 ? 1.8 : 2.0).Within(1e-12));
    }

    [Test]
    public void Line_figures()
    {
        var t = Build(5, Line(5), new[] { 0, 1, 0, 0, 2 });
        var s = TopologyStatistics.Compute(t, Hops(t));
        Assert.That(s.HopDiameter, Is.EqualTo(4));
        // Distances: 4×1 + 3×2 + 2×3 + 1×4 = 20 over 10 pairs.
        Assert.That(s.AverageHopPathLength, Is.EqualTo(2.0).Within(1e-12));
        Assert.That((s.MinDegree, s.MaxDegree, s.MeanDegree), Is.EqualTo((1, 2, 8.0 / 5)));
        Assert.That((s.SwitchCount, s.HostCount, s.LinkCount), Is.EqualTo((5, 3, 4)));
        Assert.That(s.TotalLatencyMs, Is.EqualTo(4.0)); // default 1 ms per link
        Assert.That(s.MeanLatencyMs, Is.EqualTo(1.0));
        Assert.That(s.HasCoordinates, Is.False);
    }

    [Test]
    public void Two_components_largest_first_with_parallel_links_and_self_loops()
    {
        // {s0,s1} with a doubled link and a self-loop; {s2,s3,s4} a path; s5 alone.
        var t = Build(6, new[] { (0, 1), (0, 1), (1, 1), (2, 3), (3, 4) }, new[] { 1, 0, 0, 0, 0, 1 });
        var s = TopologyStatistics.Compute(t, Hops(t));
        Assert.That(s.ComponentCount, Is.EqualTo(3));
        Assert.That(s.Components.Select(c => c.SwitchIds), Is.EqualTo(new[] { new[] { "s2", "s3", "s4" }, new[] { "s0", "s1" }, new[] { "s5" } }));
        Assert.That(s.Components.Select(c => c.HostCount), Is.EqualTo(new[] { 0, 1, 1 }));
        Assert.That(s.ParallelLinkCount, Is.EqualTo(1));
        Assert.That(s.SelfLoopCount, Is.EqualTo(1));
        Assert.That((s.MinDegree, s.MaxDegree), Is.EqualTo((0, 2)));
        Assert.That(s.HopDiameter, Is.EqualTo(2), "the largest component is the 3-path");
        Assert.That(s.AverageHopPathLength, Is.EqualTo(4.0 / 3).Within(1e-12));
    }

    [Test]
    public void Equal_largest_components_take_hop_figures_from_the_lowest_switch()
    {
        // A path {s0,s1,s2} (diameter 2) and a triangle {s3,s4,s5} (diameter 1), both of size 3.
        var t = Build(6, new[] { (0, 1), (1, 2), (3, 4), (4, 5), (5, 3) });
        var s = TopologyStatistics.Compute(t, Hops(t));
        Assert.That(s.Components.Select(c => c.SwitchIds[0]), Is.EqualTo(new[] { "s0", "s3" }));
        Assert.That(s.HopDiameter, Is.EqualTo(2), "hop figures come from the first listed component");
        Assert.That(s.AverageHopPathLength, Is.EqualTo(4.0 / 3).Within(1e-12));
    }

    [Test]
    public void Coordinates_and_geographic_latency()
    {
        var b = new TopologyBuilder("geo");
        b.AddSwitch(new SwitchSpec("a") { Location = new GeoCoordinate(0, 0) });
        b.AddSwitch(new SwitchSpec("b") { Location = new GeoCoordinate(0, 1) });
        b.AddSwitch(new SwitchSpec("c"));
        b.AddLink(new LinkSpec(new PortSpec("a", null), new PortSpec("b", null)));
        b.AddLink(new LinkSpec(new PortSpec("b", null), new PortSpec("c", null)) { LatencyMs = 3 });
        var t = b.Build(new DiagnosticBag())!;
        var s = TopologyStatistics.Compute(t, Hops(t));
        Assert.That(s.SwitchesWithCoordinates, Is.EqualTo(2));
        var oneDegreeMs = 6371.0 * Math.PI / 180 * 0.005;
        Assert.That(s.TotalLatencyMs, Is.EqualTo(oneDegreeMs + 3).Within(1e-9));
        Assert.That(s.MeanLatencyMs, Is.EqualTo((oneDegreeMs + 3) / 2).Within(1e-9));
    }

    [Test]
    public void Empty_topology()
    {
        var t = Build(0, Array.Empty<(int, int)>());
        var s = TopologyStatistics.Compute(t, Hops(t));
        Assert.That((s.SwitchCount, s.ComponentCount, s.HopDiameter, s.MinDegree, s.MeanDegree), Is.EqualTo((0, 0, 0, 0, 0.0)));
    }
}
