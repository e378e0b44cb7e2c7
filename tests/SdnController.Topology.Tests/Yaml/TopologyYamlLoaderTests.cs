using SdnController.Topology.Model;
using SdnController.Topology.Yaml;
using static SdnController.Topology.Tests.Yaml.YamlTestSupport;

namespace SdnController.Topology.Tests.Yaml;

public class TopologyYamlLoaderTests
{
    private const string Campus = """
        # yaml-language-server: $schema=../schemas/topology.schema.json
        description: two sites
        defaults:
          bandwidth: 100Mbps
          latency: 5ms
          cost: 2
        switches:
          - id: s1
            dpid: 2
            label: Core 1
          - id: s2
            location: {lat: 52.37, lon: 4.89}
          - id: s3
            dpid: "00:00:00:00:00:00:00:0a"
            location:
              lat: 51.92
              lon: 4.48
        hosts:
          - id: h1
            mac: "0a-00-00-00-00-01"
            ipv4: 10.0.0.1/24
            ipv6: fd00::1/64
            attach: s1:3
          - id: h2
            ipv4: 10.0.0.2
            attach: s2
          - id: h3
            attach: s3
        links:
          - endpoints: [s1:1, s2:1]
            id: core-1
            bandwidth: 10Gbps
            latency: 2ms
            cost: 10
          - endpoints: [s1, s2]
            bandwidth: 50
          - endpoints: [s1, s2]
            latency: 500us
          - endpoints:
              - s2
              - s3:5
        nfv: {fw: {kind: firewall, attach: s3}}
        chains:
          - {id: c1, through: [fw]}
        traffic:
          - {from: h1, to: h2, rate: 1Mbps, size: 1000}
        scenario:
          events:
            - {at: 1s, link: s3-s2, state: down}
        """;

    [Test]
    public void LoadsEveryValueOfAValidFile()
    {
        var (t, bag) = Load(Campus, "topologies/campus.yaml");
        Assert.That(t, Is.Not.Null, Render(bag));
        Assert.That(bag.Items, Is.Empty);
        Assert.That(t!.Name, Is.EqualTo("campus"), "name defaults to the file name without extension");
        Assert.That(t.Description, Is.EqualTo("two sites"));
        Assert.That(t.SourceFile, Is.EqualTo("topologies/campus.yaml"));
        Assert.That(t.Defaults, Is.EqualTo(new LinkDefaults(100e6, 5, 2)));

        Assert.That(t.Switches.Select(s => s.Id), Is.EqualTo(new[] { "s1", "s2", "s3" }));
        Assert.That(t.Switches.Select(s => s.DatapathId), Is.EqualTo(new ulong[] { 2, 1, 10 }), "omitted dpids take the lowest unstated values");
        Assert.That(t.Switches[0].Label, Is.EqualTo("Core 1"));
        Assert.That(t.Switches[1].Location, Is.EqualTo(new GeoCoordinate(52.37, 4.89)));
        Assert.That(t.Switches[2].Source, Is.EqualTo(new Diagnostics.SourceLocation("topologies/campus.yaml", 13, 9)));

        var l = t.Links;
        Assert.That(l.Select(x => x.Id), Is.EqualTo(new[] { "core-1", "s1-s2", "s1-s2#2", "s2-s3" }));
        // Explicit ports s1:1, s1:3 (host), s2:1, s3:5 are reserved first; the rest take the lowest
        // free numbers, links in file order, then hosts.
        Assert.That(l.Select(x => x.A.ToString() + " " + x.B), Is.EqualTo(new[] { "s1:1 s2:1", "s1:2 s2:2", "s1:4 s2:3", "s2:4 s3:5" }));
        Assert.That(t.Hosts.Select(h => h.Attachment.ToString()), Is.EqualTo(new[] { "s1:3", "s2:5", "s3:1" }));

        Assert.That(l[0].BandwidthBps, Is.EqualTo(10e9));
        Assert.That(l[0].LatencyMs, Is.EqualTo(2));
        Assert.That(l[0].LatencySource, Is.EqualTo(LatencySource.Stated));
        Assert.That(l[0].Cost, Is.EqualTo(10));
        Assert.That(l[1].BandwidthBps, Is.EqualTo(50e6), "a bare bandwidth number is Mbit/s");
        Assert.That(l[1].LatencyMs, Is.EqualTo(5), "default latency");
        Assert.That(l[1].LatencySource, Is.EqualTo(LatencySource.Default));
        Assert.That(l[1].Cost, Is.EqualTo(2), "default cost");
        Assert.That(l[2].BandwidthBps, Is.EqualTo(100e6), "default bandwidth");
        Assert.That(l[2].LatencyMs, Is.EqualTo(0.5));
        var km = new GeoCoordinate(52.37, 4.89).DistanceKmTo(new GeoCoordinate(51.92, 4.48));
        Assert.That(l[3].LatencySource, Is.EqualTo(LatencySource.Geographic));
        Assert.That(l[3].LatencyMs, Is.EqualTo(km * 0.005).Within(1e-12));
        Assert.That(l[3].LatencyMs, Is.InRange(0.2, 0.4), "Amsterdam–Rotterdam is ~57 km");
        Assert.That(l[0].Source!.Line, Is.EqualTo(31), "a link's source is its id when it has one");
        Assert.That(l[1].Source!.Line, Is.EqualTo(35), "otherwise the start of its mapping");

        var h1 = t.Hosts[0];
        Assert.That(Host.FormatMac(h1.Mac), Is.EqualTo("0a:00:00:00:00:01"));
        Assert.That(h1.IPv4!.ToString(), Is.EqualTo("10.0.0.1/24"));
        Assert.That(h1.IPv6!.ToString(), Is.EqualTo("fd00::1/64"));
        Assert.That(t.Hosts[1].IPv4!.PrefixLength, Is.EqualTo(32), "prefix defaults to /32");
        Assert.That(Host.FormatMac(t.Hosts[1].Mac), Is.EqualTo("02:00:00:00:00:01"), "generated MACs are locally administered, in order");
        Assert.That(Host.FormatMac(t.Hosts[2].Mac), Is.EqualTo("02:00:00:00:00:02"));

        var fw = t.Nfv.Single();
        Assert.That((fw.Id, fw.Kind, fw.Attachment), Is.EqualTo(("fw", Model.Nfv.NfvKind.Firewall, new PortRef("s3", 2))),
            "a function's omitted port comes after the hosts' (h3 took s3:1)");
        Assert.That(fw.Config, Is.EqualTo(new Model.Nfv.FirewallConfig(Model.Nfv.FirewallAction.Deny, Array.Empty<Model.Nfv.FirewallRule>())).Using<Model.Nfv.NfvConfig>((a, b) =>
            a is Model.Nfv.FirewallConfig x && b is Model.Nfv.FirewallConfig y && x.Default == y.Default && x.Rules.Count == y.Rules.Count));
        Assert.That(t.Chains.Single().Through, Is.EqualTo(new[] { "fw" }));
        Assert.That(t.Chains.Single().Source, Is.EqualTo(new Diagnostics.SourceLocation("topologies/campus.yaml", 44, 10)));
        var flow = t.Traffic.Single();
        Assert.That((flow.Id, flow.From, flow.To, flow.PacketsPerSecond), Is.EqualTo(("h1-h2", "h1", "h2", 125.0)));
        Assert.That(t.Scenario!.Events.Single(), Is.EqualTo(new Topology.Scenarios.LinkStateEvent(TimeSpan.FromSeconds(1), "s2-s3", false)
        {
            Source = new Diagnostics.SourceLocation("topologies/campus.yaml", 49, 7),
        }));
    }

    [Test]
    public void RealHostsAreMarkedAndOthersAreNot()
    {
        var (t, bag) = Load("""
            switches: [{id: s1}]
            hosts:
              - {id: h1, ipv4: 10.0.0.1/24, attach: s1, real: true}
              - {id: h2, ipv4: 10.0.0.2/24, attach: s1, real: False}
              - {id: h3, ipv4: 10.0.0.3/24, attach: s1}
            """);
        Assert.That(bag.HasErrors, Is.False, Render(bag));
        Assert.That(t!.Hosts.Select(h => h.Real), Is.EqualTo(new[] { true, false, false }));
    }

    [Test]
    public void MinimalFileTakesStandardDefaults()
    {
        var (t, bag) = Load("name: tiny\nswitches: [{id: a}, {id: b}]\nlinks: [{endpoints: [a, b]}]\n");
        Assert.That(t, Is.Not.Null, Render(bag));
        Assert.That(t!.Name, Is.EqualTo("tiny"));
        Assert.That(t.Hosts, Is.Empty);
        Assert.That(t.Nfv, Is.Empty);
        Assert.That(t.Chains, Is.Empty);
        Assert.That(t.Traffic, Is.Empty);
        Assert.That(t.Scenario, Is.Null);
        var link = t.Links.Single();
        Assert.That((link.Id, link.A, link.B), Is.EqualTo(("a-b", new PortRef("a", 1), new PortRef("b", 1))));
        Assert.That((link.BandwidthBps, link.LatencyMs, link.Cost), Is.EqualTo((1e9, 1.0, 1.0)));
    }

    [Test]
    public void EmptyOptionalSectionsMeanNone()
    {
        var (t, bag) = Load("switches:\n  - id: s1\nhosts:\nlinks: []\nnfv:\ntraffic:\nscenario:\n");
        Assert.That(t, Is.Not.Null, Render(bag));
        Assert.That(t!.Nfv, Is.Empty);
        Assert.That(t.Traffic, Is.Empty);
        Assert.That(t.Scenario, Is.Null);
        (t, bag) = Load("switches:\n  - id: s1\ntraffic: []\nscenario: {}\n");
        Assert.That(t, Is.Not.Null, Render(bag));
        Assert.That(t!.Traffic, Is.Empty);
        Assert.That(t.Scenario, Is.Null, "an empty scenario mapping means none, as the written form 'scenario: {}' does");
    }

    [Test]
    public void AnchorsAndAliasesAreFollowed()
    {
        var (t, bag) = Load("""
            switches: [{id: a}, {id: b}]
            links:
              - endpoints: [a, b]
                bandwidth: &fast 40Gbps
              - endpoints: [a, b]
                bandwidth: *fast
            """);
        Assert.That(t, Is.Not.Null, Render(bag));
        Assert.That(t!.Links.Select(x => x.BandwidthBps), Is.EqualTo(new[] { 40e9, 40e9 }));
    }

    [Test]
    public void DatapathIdFormsAgree()
    {
        var (t, bag) = Load("switches:\n  - {id: a, dpid: 26}\n  - {id: b, dpid: 0x1B}\n  - {id: c, dpid: '00:00:00:00:00:00:00:1c'}\n  - {id: d, dpid: 18446744073709551615}\n");
        Assert.That(t, Is.Not.Null, Render(bag));
        Assert.That(t!.Switches.Select(s => s.DatapathId), Is.EqualTo(new ulong[] { 26, 27, 28, ulong.MaxValue }));
    }

    [Test]
    public void MissingFileIsADiagnosticNotAnException()
    {
        var bag = new Diagnostics.DiagnosticBag();
        var path = Path.Combine(Path.GetTempPath(), "sdnctl-no-such-" + Guid.NewGuid() + ".yaml");
        Assert.That(TopologyYamlLoader.Load(path, bag), Is.Null);
        Assert.That(bag.HasErrors);
        Assert.That(bag.Items.Single().Message, Does.Contain(path).And.Contain("no such file"));
    }

    [Test]
    public void LoadReadsFromDisk()
    {
        var path = Path.Combine(Path.GetTempPath(), "sdnctl-yaml-" + Guid.NewGuid() + ".yaml");
        File.WriteAllText(path, "switches:\n  - id: s1\n  - id: s1\n");
        try
        {
            var bag = new Diagnostics.DiagnosticBag();
            Assert.That(TopologyYamlLoader.Load(path, bag), Is.Null);
            Assert.That(bag.Items.Single().ToString(), Does.StartWith($"{path}:3:9: error: duplicate switch id 's1'"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void DiagnosticsAlreadyInTheBagDoNotFailALaterValidFile()
    {
        var bag = new Diagnostics.DiagnosticBag();
        Assert.That(TopologyYamlLoader.LoadText("switches: 3", "a.yaml", bag), Is.Null);
        Assert.That(TopologyYamlLoader.LoadText("switches: [{id: x}]", "b.yaml", bag), Is.Not.Null);
    }
}
