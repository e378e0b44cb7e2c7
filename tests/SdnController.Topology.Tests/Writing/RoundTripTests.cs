using SdnController.Testing;
using SdnController.Topology.Building;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Generators;
using SdnController.Topology.Model;
using SdnController.Topology.Tests.Generators;
using SdnController.Topology.Writing;
using SdnController.Topology.Yaml;
using SdnController.Topology.Zoo;

namespace SdnController.Topology.Tests.Writing;

/// <summary>
/// What <see cref="TopologyYamlWriter"/> writes, <see cref="TopologyYamlLoader"/> reads back as the same
/// network: hand-written samples, every generator, and a spread of Topology Zoo networks.
/// </summary>
public class RoundTripTests
{
    private static IEnumerable<TestCaseData> Samples()
    {
        var dir = Path.Combine(SharedData.RepositoryRoot, "topologies");
        var files = Directory.GetFiles(dir, "*.yaml");
        Array.Sort(files, StringComparer.Ordinal);
        foreach (var f in files) yield return new TestCaseData(Path.GetFileName(f)).SetName($"Sample {Path.GetFileName(f)}");
    }

    [TestCaseSource(nameof(Samples))]
    public void Sample_file(string file)
    {
        var bag = new DiagnosticBag();
        var original = TopologyYamlLoader.Load(Path.Combine(SharedData.RepositoryRoot, "topologies", file), bag);
        Assert.That(original, Is.Not.Null, string.Join("\n", bag.Items));
        RoundTrip.AssertSurvives(original!);
    }

    private static IEnumerable<TestCaseData> Generators()
    {
        yield return Case("fat-tree k=4", () => FatTreeGenerator.Create(4));
        yield return Case("fat-tree k=6, 1 host per edge", () => FatTreeGenerator.Create(6, 1));
        yield return Case("leaf-spine 6x3", () => LeafSpineGenerator.Create(6, 3, 2));
        yield return Case("ring 7", () => RingGenerator.Create(7, 2));
        yield return Case("linear 5", () => LinearGenerator.Create(5));
        yield return Case("linear 1, no hosts", () => LinearGenerator.Create(1, 0));
        yield return Case("waxman 40, seed 1", () => WaxmanGenerator.Create(40, 0.4, 0.2, seed: 1, hostsPerSwitch: 1));
        yield return Case("waxman 25, seed 99", () => WaxmanGenerator.Create(25, 0.6, 0.3, seed: 99));

        static TestCaseData Case(string name, Func<TopologyBuilder> create) => new TestCaseData(create).SetName($"Generated {name}");
    }

    [TestCaseSource(nameof(Generators))]
    public void Generated(Func<TopologyBuilder> create) => RoundTrip.AssertSurvives(GeneratedTopology.Build(create()));

    /// <summary>
    /// Chosen for what they exercise: coordinates and derived latency (Abilene, GEANT), link speeds
    /// (Geant2012, Cesnet201006), parallel edges and odd labels (Cogentco, Kdl: also the largest),
    /// nodes without coordinates beside ones with (Internode, Ntt), and GML as well as GraphML.
    /// </summary>
    private static readonly (string Network, string Ext, int HostsPerSwitch)[] ZooNetworks =
    {
        ("Abilene", "graphml", 0), ("Aarnet", "graphml", 1), ("Geant2012", "graphml", 0), ("GtsCe", "graphml", 0),
        ("Cesnet201006", "graphml", 1), ("Cogentco", "graphml", 0), ("Kdl", "graphml", 0), ("Internode", "graphml", 0),
        ("Ntt", "graphml", 0), ("Bellcanada", "graphml", 2), ("Arpanet19728", "graphml", 0), ("Renater2010", "graphml", 0),
        ("Uninett2011", "graphml", 0), ("Interoute", "graphml", 0),
        ("Abilene", "gml", 0), ("Garr201201", "gml", 0), ("Sanet", "gml", 1), ("Iij", "gml", 0), ("Tinet", "gml", 0), ("Missouri", "gml", 0),
    };

    private static IEnumerable<TestCaseData> Zoo() =>
        ZooNetworks.Select(z => new TestCaseData(z.Network, z.Ext, z.HostsPerSwitch).SetName($"Zoo {z.Network}.{z.Ext} hosts={z.HostsPerSwitch}"));

    [TestCaseSource(nameof(Zoo))]
    public void Zoo_network(string network, string ext, int hostsPerSwitch)
    {
        var dir = SharedData.RequireDirectory("topologyzoo");
        var path = Path.Combine(dir, ext, $"{network}.{ext}");
        if (!File.Exists(path)) Assert.Ignore($"{path} is not in the shared data");
        var bag = new DiagnosticBag();
        var original = TopologyFileLoader.Load(path, new ZooImportOptions { HostsPerSwitch = hostsPerSwitch }, bag);
        Assert.That(original, Is.Not.Null, string.Join("\n", bag.Items));
        RoundTrip.AssertSurvives(original!);
    }

    [Test]
    public void Awkward_values_survive()
    {
        var b = new TopologyBuilder("awkward: #1") { Description = "two\nlines", Defaults = new LinkDefaults(1.1e9, 0.1 + 0.2, 7.5) };
        b.AddSwitch(new SwitchSpec("yes") { Location = new GeoCoordinate(52.370000000000005, -4.89e-7), Label = "Café \"Zürich\" #1" });
        b.AddSwitch(new SwitchSpec("0x1F") { Location = new GeoCoordinate(-89.99999999999999, 179.99999999999997), DatapathId = ulong.MaxValue });
        b.AddSwitch(new SwitchSpec("s3") { Label = "" });
        b.AddLink(new LinkSpec(new PortSpec("yes", null), new PortSpec("0x1F", int.MaxValue)));
        b.AddLink(new LinkSpec(new PortSpec("yes", null), new PortSpec("0x1F", null)) { LatencyMs = 1e-9, BandwidthBps = 9.87654321e-3, Cost = 1e-20 });
        b.AddLink(new LinkSpec(new PortSpec("0x1F", null), new PortSpec("s3", null)) { LatencyMs = 0, Cost = 0 });
        b.AddLink(new LinkSpec(new PortSpec("s3", null), new PortSpec("yes", null)) { Id = "s3-yes#2", BandwidthBps = 1.7976931348623157e308 });
        b.AddLink(new LinkSpec(new PortSpec("s3", null), new PortSpec("yes", null)));
        b.AddHost(new HostSpec("h1", new PortSpec("s3", null)));
        RoundTrip.AssertSurvives(GeneratedTopology.Build(b));
    }
}
