using System.Net;
using System.Net.NetworkInformation;
using SdnController.Topology.Building;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Generators;
using SdnController.Topology.Model;
using SdnController.Topology.Tests.Generators;
using SdnController.Topology.Writing;
using YamlDotNet.RepresentationModel;

namespace SdnController.Topology.Tests.Writing;

public class TopologyYamlWriterTests
{
    private static YamlMappingNode Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        Assert.That(stream.Documents, Has.Count.EqualTo(1));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string Scalar(YamlNode node, string key) =>
        ((YamlScalarNode)((YamlMappingNode)node).Children[new YamlScalarNode(key)]).Value!;

    private static YamlSequenceNode Sequence(YamlMappingNode root, string key) =>
        (YamlSequenceNode)root.Children[new YamlScalarNode(key)];

    [Test]
    public void Fat_tree_output_parses_and_lists_every_element_with_explicit_ports()
    {
        var t = GeneratedTopology.Build(FatTreeGenerator.Create(4));
        var yaml = TopologyYamlWriter.ToYaml(t);
        Assert.That(yaml, Does.StartWith(TopologyYamlWriter.SchemaComment + "\n"));
        var root = Parse(yaml);

        Assert.That(Scalar(root, "name"), Is.EqualTo("fat-tree-4"));
        Assert.That(Sequence(root, "switches").Select(s => Scalar(s, "id")), Is.EqualTo(t.Switches.Select(s => s.Id)));

        var hosts = Sequence(root, "hosts").ToList();
        Assert.That(hosts, Has.Count.EqualTo(t.Hosts.Count));
        for (var i = 0; i < hosts.Count; i++)
        {
            Assert.That(Scalar(hosts[i], "id"), Is.EqualTo(t.Hosts[i].Id));
            Assert.That(Scalar(hosts[i], "attach"), Is.EqualTo(t.Hosts[i].Attachment.ToString()));
            Assert.That(Scalar(hosts[i], "mac"), Is.EqualTo(Host.FormatMac(t.Hosts[i].Mac)));
            Assert.That(Scalar(hosts[i], "ipv4"), Is.EqualTo(t.Hosts[i].IPv4!.ToString()));
        }

        var links = Sequence(root, "links").ToList();
        Assert.That(links, Has.Count.EqualTo(32));
        for (var i = 0; i < links.Count; i++)
        {
            var ends = ((YamlSequenceNode)((YamlMappingNode)links[i]).Children[new YamlScalarNode("endpoints")])
                .Select(e => ((YamlScalarNode)e).Value).ToArray();
            Assert.That(ends, Is.EqualTo(new[] { t.Links[i].A.ToString(), t.Links[i].B.ToString() }));
        }

        Assert.That(Sequence(root, "nfv").Children, Is.Empty);
        Assert.That(((YamlMappingNode)root.Children[new YamlScalarNode("scenario")]).Children, Is.Empty);
        var defaults = (YamlMappingNode)root.Children[new YamlScalarNode("defaults")];
        Assert.That(Scalar(defaults, "bandwidth"), Is.EqualTo("10Gbps"));
        Assert.That(Scalar(defaults, "latency"), Is.EqualTo("10us"));
    }

    [Test]
    public void Stated_figures_labels_locations_and_special_ids_are_written_and_quoted()
    {
        var b = new TopologyBuilder("odd: name") { Description = "line one\nline \"two\"" };
        b.Attributes["Source"] = "http://www.topology-zoo.org/";
        b.Attributes["Network"] = "Example";
        b.AddSwitch(new SwitchSpec("12") { Label = "Core #1: main", Location = new GeoCoordinate(52.37, 4.89), DatapathId = 0x10 });
        b.AddSwitch(new SwitchSpec("yes") { Label = "plain label" });
        b.AddSwitch(new SwitchSpec("[x]"));
        b.AddLink(new LinkSpec(new PortSpec("12", 5), new PortSpec("yes", null)) { BandwidthBps = 2.5e9, LatencyMs = 0.5, Cost = 10, Id = "core-1" });
        b.AddLink(new LinkSpec(new PortSpec("yes", null), new PortSpec("[x]", null)) { BandwidthBps = 100e6, LatencyMs = 2 });
        b.AddHost(new HostSpec("h1", new PortSpec("[x]", null))
        {
            Mac = PhysicalAddress.Parse("00-00-00-00-00-01"),
            IPv6 = new InterfaceAddress(IPAddress.Parse("::1"), 128),
        });
        var bag = new DiagnosticBag();
        var t = b.Build(bag)!;
        Assert.That(bag.HasErrors, Is.False);

        var yaml = TopologyYamlWriter.ToYaml(t);
        var root = Parse(yaml);
        Assert.That(yaml, Does.Contain("# Network: Example\n# Source: http://www.topology-zoo.org/\nname: \"odd: name\"\n"));
        Assert.That(Scalar(root, "description"), Is.EqualTo("line one\nline \"two\""));

        var switches = Sequence(root, "switches").ToList();
        Assert.That(switches.Select(s => Scalar(s, "id")), Is.EqualTo(new[] { "12", "yes", "[x]" }));
        Assert.That(yaml, Does.Contain("  - id: \"12\"\n    dpid: 16\n    label: \"Core #1: main\"\n    location: {lat: 52.37, lon: 4.89}\n"));
        Assert.That(yaml, Does.Contain("  - id: \"yes\"\n    dpid: 1\n    label: plain label\n"));

        var links = Sequence(root, "links").ToList();
        Assert.That(Scalar(links[0], "id"), Is.EqualTo("core-1"));
        Assert.That(Scalar(links[0], "bandwidth"), Is.EqualTo("2.5Gbps"));
        Assert.That(Scalar(links[0], "latency"), Is.EqualTo("500us"));
        Assert.That(Scalar(links[0], "cost"), Is.EqualTo("10"));
        Assert.That(yaml, Does.Contain("  - endpoints: [\"12:5\", yes:1]\n"));
        Assert.That(yaml, Does.Contain("  - endpoints: [yes:2, \"[x]:1\"]\n    bandwidth: 100Mbps\n    latency: 2ms\n"));
        Assert.That(((YamlMappingNode)links[1]).Children.ContainsKey(new YamlScalarNode("id")), Is.False, "builder-made ids are left for the loader to make again");

        var host = Sequence(root, "hosts").Single();
        Assert.That(Scalar(host, "ipv6"), Is.EqualTo("::1/128"));
        Assert.That(Scalar(host, "attach"), Is.EqualTo("[x]:2"));
    }

    [Test]
    public void Derived_and_default_latencies_are_left_out()
    {
        var b = new TopologyBuilder("geo");
        b.AddSwitch(new SwitchSpec("a") { Location = new GeoCoordinate(50, 5) });
        b.AddSwitch(new SwitchSpec("b") { Location = new GeoCoordinate(51, 5) });
        b.AddSwitch(new SwitchSpec("c"));
        b.AddLink(new LinkSpec(new PortSpec("a", null), new PortSpec("b", null)));
        b.AddLink(new LinkSpec(new PortSpec("b", null), new PortSpec("c", null)));
        var t = GeneratedTopology.Build(b);
        Assert.That(t.Links.Select(l => l.LatencySource), Is.EqualTo(new[] { LatencySource.Geographic, LatencySource.Default }));
        var yaml = TopologyYamlWriter.ToYaml(t);
        Assert.That(yaml, Does.Not.Contain("    latency:"));
        Assert.That(yaml, Does.Contain("hosts: []\n"));
        Assert.That(yaml, Does.Not.Contain("dpid"), "positional datapath ids are left out");
        Parse(yaml);
    }

    [Test]
    public void Empty_nfv_and_chains_are_written_as_empty_sequences()
    {
        var yaml = TopologyYamlWriter.ToYaml(GeneratedTopology.Build(LinearGenerator.Create(1)));
        Assert.That(yaml, Does.Contain("nfv:      []  # none (network functions: firewall, nat, load-balancer, rate-limiter, ids)\n"));
        Assert.That(yaml, Does.Contain("chains:   []  # none (service chains: traffic through functions in order)\n"));
        Assert.That(yaml, Does.Contain("scenario: {}  # none (timed failures and checks for sdnctl run)\n"));
    }
}

public class YamlScalarTests
{
    [TestCase("s1", false)]
    [TestCase("10.0.0.1/24", false)]
    [TestCase("fd00::1/64", false)]
    [TestCase("2001:db8::1/64", false)]
    [TestCase("p1e1:3", false)]
    [TestCase("Core 1", false)]
    [TestCase("1a", false)]
    [TestCase("12", true)]
    [TestCase("1:30", true)]
    [TestCase("12:5", true)]
    [TestCase("1e3", true)]
    [TestCase("0x1F", true)]
    [TestCase(".inf", true)]
    [TestCase("-5", true)]
    [TestCase("2024-01-02", true)]
    [TestCase("No", true)]
    [TestCase("null", true)]
    [TestCase("::1/128", true)]
    [TestCase("-x", true)]
    [TestCase("a: b", true)]
    [TestCase("a #b", true)]
    [TestCase(" a", true)]
    [TestCase("", true)]
    [TestCase("*ref", true)]
    public void Quotes_what_would_not_read_back_as_the_same_string(string s, bool quoted)
    {
        var written = Topology.Writing.YamlScalar.Format(s);
        Assert.That(written.StartsWith('"'), Is.EqualTo(quoted), written);
        var stream = new YamlStream();
        stream.Load(new StringReader("k: " + written + "\n"));
        var node = (YamlScalarNode)((YamlMappingNode)stream.Documents[0].RootNode).Children[new YamlScalarNode("k")];
        Assert.That(node.Value, Is.EqualTo(s));
    }

    [TestCase("a,b")]
    [TestCase("x]")]
    [TestCase("a{y")]
    public void Flow_context_quotes_flow_indicators(string s)
    {
        Assert.That(Topology.Writing.YamlScalar.Format(s), Is.EqualTo(s));
        Assert.That(Topology.Writing.YamlScalar.Format(s, inFlow: true), Is.EqualTo("\"" + s + "\""));
    }
}
