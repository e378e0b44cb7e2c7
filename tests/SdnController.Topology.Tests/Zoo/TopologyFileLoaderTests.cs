using SdnController.Testing;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Zoo;

namespace SdnController.Topology.Tests.Zoo;

[TestFixture]
[NonParallelizable] // sets the static YAML hook
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
        TopologyFileLoader.YamlLoader = null;
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
    public void Yaml_goes_to_the_registered_loader_and_is_an_error_without_one()
    {
        var path = Path.Combine(_dir, "net.yml");
        var d = new DiagnosticBag();
        Assert.That(TopologyFileLoader.Load(path, new ZooImportOptions(), d), Is.Null);
        Assert.That(d.Items.Single().Message, Does.Contain("no YAML loader registered"));

        string? asked = null;
        var expected = GmlImporter.LoadText("graph [ node [ id 1 ] ]", "x.gml", new ZooImportOptions(), new DiagnosticBag());
        TopologyFileLoader.YamlLoader = (p, _) => { asked = p; return expected; };
        Assert.That(TopologyFileLoader.Load(path, new ZooImportOptions(), new DiagnosticBag()), Is.SameAs(expected));
        Assert.That(asked, Is.EqualTo(path));

        d = new DiagnosticBag();
        Assert.That(TopologyFileLoader.Load(path, new ZooImportOptions { HostsPerSwitch = 1 }, d), Is.Null);
        Assert.That(d.Items.Single().Message, Does.Contain("apply to .graphml and .gml files only"));
    }
}
