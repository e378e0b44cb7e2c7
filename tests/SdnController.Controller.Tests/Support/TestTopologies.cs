using System.Net;
using SdnController.Topology.Building;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Model;

namespace SdnController.Controller.Tests.Support;

public static class TestTopologies
{
    /// <summary>
    /// s1, s2, s3 in a triangle (links s1-s2: s1:1/s2:1, s2-s3: s2:2/s3:1, s3-s1: s3:2/s1:2) with hosts
    /// h1..h3 (10.0.0.1..3) on port 3 of s1..s3.
    /// </summary>
    public static Topology.Model.Topology Triangle()
    {
        var b = new TopologyBuilder("triangle");
        foreach (var s in new[] { "s1", "s2", "s3" }) b.AddSwitch(new SwitchSpec(s));
        b.AddLink(new LinkSpec(new PortSpec("s1", 1), new PortSpec("s2", 1)));
        b.AddLink(new LinkSpec(new PortSpec("s2", 2), new PortSpec("s3", 1)));
        b.AddLink(new LinkSpec(new PortSpec("s3", 2), new PortSpec("s1", 2)));
        for (var i = 1; i <= 3; i++)
            b.AddHost(new HostSpec($"h{i}", new PortSpec($"s{i}", 3)) { IPv4 = new InterfaceAddress(IPAddress.Parse($"10.0.0.{i}"), 24) });
        var bag = new DiagnosticBag();
        var t = b.Build(bag);
        Assert.That(t, Is.Not.Null, string.Join("\n", bag.Items));
        return t!;
    }
}
