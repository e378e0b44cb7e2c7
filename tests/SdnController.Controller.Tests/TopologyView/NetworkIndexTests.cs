using SdnController.Controller.TopologyView;
using SdnController.Topology.Building;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Generators;

namespace SdnController.Controller.Tests.TopologyView;

public class NetworkIndexTests
{
    [Test]
    public void Every_link_end_maps_to_its_link_and_other_ports_to_none()
    {
        var diagnostics = new DiagnosticBag();
        var t = FatTreeGenerator.Create(4, hostsPerEdge: 2).Build(diagnostics)!;
        Assert.That(t, Is.Not.Null, string.Join("\n", diagnostics.Items));
        var index = NetworkIndex.Build(t);
        for (var l = 0; l < t.Links.Count; l++)
        {
            Assert.That(index.LinkAt(t.Links[l].A.Node, t.Links[l].A.Port), Is.EqualTo(l));
            Assert.That(index.LinkAt(t.Links[l].B.Node, t.Links[l].B.Port), Is.EqualTo(l));
        }
        var host = t.Hosts[0].Attachment;
        Assert.That(index.LinkAt(host.Node, host.Port), Is.EqualTo(-1), "host port");
        Assert.That(index.LinkAt(host.Node, 999), Is.EqualTo(-1), "no such port");
        Assert.That(index.LinkAt(host.Node, -1), Is.EqualTo(-1));
        Assert.That(index.LinkAt("nope", 1), Is.EqualTo(-1), "unknown switch");
    }

    [Test]
    public void Large_port_numbers_and_self_loops_are_found_too()
    {
        var b = new TopologyBuilder("far");
        b.AddSwitch(new SwitchSpec("s1")).AddSwitch(new SwitchSpec("s2"));
        b.AddLink(new LinkSpec(new PortSpec("s1", 5000), new PortSpec("s2", 1)));
        b.AddLink(new LinkSpec(new PortSpec("s2", 2), new PortSpec("s2", 70000)));
        var diagnostics = new DiagnosticBag();
        var t = b.Build(diagnostics)!;
        Assert.That(t, Is.Not.Null, string.Join("\n", diagnostics.Items));
        var index = NetworkIndex.Build(t);
        Assert.That(index.LinkAt("s1", 5000), Is.EqualTo(0));
        Assert.That(index.LinkAt("s2", 1), Is.EqualTo(0));
        Assert.That(index.LinkAt("s2", 2), Is.EqualTo(1));
        Assert.That(index.LinkAt("s2", 70000), Is.EqualTo(1));
        Assert.That(index.LinkAt("s1", 4999), Is.EqualTo(-1));
        Assert.That(index.LinkAt("s1", 1), Is.EqualTo(-1));
    }
}
