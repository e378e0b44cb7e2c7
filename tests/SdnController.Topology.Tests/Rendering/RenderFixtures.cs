using SdnController.Topology.Building;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Model;

namespace SdnController.Topology.Tests.Rendering;

internal static class RenderFixtures
{
    /// <summary>Four cities: Seattle (NW), Miami (SE), Denver (centre), Boston (NE); a hyperedge node without coordinates; parallel Denver links.</summary>
    public static Model.Topology Cities()
    {
        var b = new TopologyBuilder("US cities");
        b.AddSwitch(new SwitchSpec("sea") { Label = "Seattle", Location = new GeoCoordinate(47.6, -122.3) });
        b.AddSwitch(new SwitchSpec("mia") { Label = "Miami", Location = new GeoCoordinate(25.8, -80.2) });
        b.AddSwitch(new SwitchSpec("den") { Label = "Denver", Location = new GeoCoordinate(39.7, -105.0) });
        b.AddSwitch(new SwitchSpec("bos") { Label = "Boston", Location = new GeoCoordinate(42.4, -71.1) });
        b.AddSwitch(new SwitchSpec("hyper") { Label = "hyperedge" });
        b.AddSwitch(new SwitchSpec("lost") { Label = "Nowhere" });
        b.AddLink(new LinkSpec(P("sea"), P("den")) { BandwidthBps = 10e9 });
        b.AddLink(new LinkSpec(P("den"), P("mia")));
        b.AddLink(new LinkSpec(P("den"), P("mia")) { Id = "den-mia-2" });
        b.AddLink(new LinkSpec(P("mia"), P("bos")));
        b.AddLink(new LinkSpec(P("bos"), P("hyper")));
        b.AddLink(new LinkSpec(P("hyper"), P("den")));
        b.AddHost(new HostSpec("h1", P("sea")));
        b.AddHost(new HostSpec("h2", P("mia")));
        return Done(b);
    }

    public static Model.Topology Ring(int n, string? oddLabel = null)
    {
        var b = new TopologyBuilder("ring");
        for (var i = 0; i < n; i++) b.AddSwitch(new SwitchSpec("s" + i) { Label = i == 0 ? oddLabel : null });
        for (var i = 0; i < n; i++) b.AddLink(new LinkSpec(P("s" + i), P("s" + (i + 1) % n)));
        b.AddHost(new HostSpec("h0", P("s0")));
        return Done(b);
    }

    public static Model.Topology RandomMesh(int n, int extra, int seed)
    {
        var rng = new Random(seed);
        var b = new TopologyBuilder("mesh");
        for (var i = 0; i < n; i++) b.AddSwitch(new SwitchSpec("m" + i));
        for (var i = 1; i < n; i++) b.AddLink(new LinkSpec(P("m" + i), P("m" + rng.Next(i))));
        for (var k = 0; k < extra; k++) b.AddLink(new LinkSpec(P("m" + rng.Next(n)), P("m" + rng.Next(n))));
        return Done(b);
    }

    public static PortSpec P(string node) => new(node, null);

    public static Model.Topology Done(TopologyBuilder b)
    {
        var bag = new DiagnosticBag();
        var t = b.Build(bag);
        Assert.That(t, Is.Not.Null, string.Join("\n", bag.Items));
        return t!;
    }
}
