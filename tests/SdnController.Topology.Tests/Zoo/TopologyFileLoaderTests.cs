using SdnController.Testing;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Zoo;

namespace SdnController.Topology.Tests.Zoo;

[TestFixture]
public class TopologyFileLoaderTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = Path.Combine(Path.GetTempPath(), "sdn-loader-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void TearDown()
    {
        Directory.Delete(_dir, recursive: true);
    }

    [TestCase("graphml/Abilene.graphml")]
    [TestCase("gml/Abilene.gml")]
    public void Zoo_files_dispatch_by_extension(string relative)
    {
        var path = Path.Combine(SharedData.RequireDirectory("topologyzoo"), relative);
        var d = new DiagnosticBag();
        var t = TopologyFileLoader.Load(path, new ZooImportOptions { HostsPerSwitch = 2 }, d);
        Assert.That(t!.Name, Is.EqualTo("Abilene"));
        Assert.That(t.Hosts, Has.Count.EqualTo(22));
        Assert.That(t.SourceFile, Is.EqualTo(path));
    }

    [Test]
    public void Extension_case_does_not_matter()
    {
        var path = Path.Combine(_dir, "net.GML");
        File.WriteAllText(path, "graph [ node [ id 1 ] ]");
        var t = TopologyFileLoader.Load(path, new ZooImportOptions(), new DiagnosticBag());
        Assert.That(t!.Switches.Single().Id, Is.EqualTo("n1"));
    }

    [TestCase("net.json", "extension '.json'")]
    [TestCase("net", "no extension")]
    public void Unknown_extension_names_the_supported_ones(string file, string found)
    {
        var d = new DiagnosticBag();
        Assert.That(TopologyFileLoader.Load(Path.Combine(_dir, file), new ZooImportOptions(), d), Is.Null);
        Assert.That(d.Items.Single().Message, Does.Contain(found).And.EndsWith("supported: .yaml, .yml, .graphml, .gml"));
    }

    [Test]
    public void Yaml_files_go_to_the_yaml_loader()
    {
        var path = Path.Combine(_dir, "net.yml");
        File.WriteAllText(path, "switches:\n  - id: s1\n  - id: s2\nlinks:\n  - endpoints: [s1, s2]\n");
        var d = new DiagnosticBag();
        var t = TopologyFileLoader.Load(path, new ZooImportOptions(), d);
        Assert.That(t, Is.Not.Null, string.Join("\n", d.Items));
        Assert.That(t!.Name, Is.EqualTo("net"));
        Assert.That(t.Links.Single().A, Is.EqualTo(new SdnController.Topology.Model.PortRef("s1", 1)));

        d = new DiagnosticBag();
        Assert.That(TopologyFileLoader.Load(path, new ZooImportOptions { HostsPerSwitch = 1 }, d), Is.Null);
        Assert.That(d.Items.Single().Message, Does.Contain("apply to .graphml and .gml files only"));
    }
}
