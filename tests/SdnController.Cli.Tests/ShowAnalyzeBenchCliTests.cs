using System.Text.Json;
using System.Xml;

namespace SdnController.Cli.Tests;

/// <summary><c>show</c>, <c>analyze</c>, <c>bench</c>, <c>generate</c> and <c>convert</c> end to end.</summary>
public class ShowAnalyzeBenchCliTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), "sdnctl-e2e-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private static JsonElement Json(params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        return JsonDocument.Parse(r.Stdout).RootElement;
    }

    [Test]
    public void Show_summarises_a_zoo_network_and_draws_it()
    {
        var zoo = SdnController.Testing.SharedData.RequireDirectory("topologyzoo");
        var svg = Path.Combine(_dir, "abilene.svg");
        var dot = Path.Combine(_dir, "abilene.dot");
        var file = Path.Combine(zoo, "graphml", "Abilene.graphml");
        var r = CliRunner.Run("show", file, "--svg", svg, "--dot", dot, "--hosts-per-switch", "1");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(r.Stdout, Does.Contain("switches 11, hosts 11, links 14"));
        var xml = new XmlDocument();
        xml.Load(svg);
        Assert.That(xml.DocumentElement!.LocalName, Is.EqualTo("svg"));
        Assert.That(File.ReadAllText(dot), Does.StartWith("graph").Or.Contain("graph "));

        var doc = Json("show", file, "--json");
        Assert.That(doc.GetProperty("switches").GetInt32(), Is.EqualTo(11));
        Assert.That(doc.GetProperty("links").GetInt32(), Is.EqualTo(14));
        Assert.That(doc.GetProperty("components").GetArrayLength(), Is.EqualTo(1));
        Assert.That(doc.GetProperty("switches_with_coordinates").GetInt32(), Is.EqualTo(11));
        Assert.That(doc.GetProperty("diameter_hops").GetInt32(), Is.GreaterThan(2));
    }

    [Test]
    public void Analyze_finds_the_bridges_and_articulation_switch_of_a_line()
    {
        var doc = Json("analyze", CliRunner.Repo("topologies/linear-3.yaml"), "--json");
        var bridges = doc.GetProperty("bridges").EnumerateArray().ToList();
        Assert.That(bridges, Has.Count.EqualTo(2));
        Assert.That(bridges.Select(b => b.GetProperty("switch_pairs").GetInt64()), Is.EqualTo(new long[] { 2, 2 }));
        var ap = doc.GetProperty("articulation_switches").EnumerateArray().Single();
        Assert.That(ap.GetProperty("switch").GetString(), Is.EqualTo("s2"));
        Assert.That(doc.GetProperty("worst_switch_failure").GetProperty("switch").GetString(), Is.EqualTo("s2"));
        Assert.That(doc.GetProperty("disjoint_paths_histogram").GetProperty("1").GetInt64(), Is.EqualTo(3));
        Assert.That(doc.GetProperty("disjoint_paths").GetArrayLength(), Is.EqualTo(3));
    }

    [Test]
    public void Analyze_a_ring_has_no_single_point_of_link_failure()
    {
        var doc = Json("analyze", CliRunner.Repo("topologies/ring-6.yaml"), "--json");
        Assert.That(doc.GetProperty("bridges").GetArrayLength(), Is.EqualTo(0));
        Assert.That(doc.GetProperty("worst_link_failure").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(doc.GetProperty("disjoint_paths").EnumerateArray().All(p => p.GetProperty("count").GetInt32() == 2));
    }

    [Test]
    public void Bench_paths_reports_the_documented_keys()
    {
        var doc = Json("bench", "paths", CliRunner.Repo("topologies/fat-tree-4.yaml"), "--json", "--repeats", "3", "--k-pairs", "5");
        foreach (var key in new[] { "apsp_ms", "kshortest_ms", "incremental_ms", "full_recompute_ms" })
            Assert.That(doc.GetProperty(key).GetDouble(), Is.GreaterThanOrEqualTo(0), key);
        Assert.That(doc.GetProperty("nodes").GetInt32(), Is.EqualTo(20));
        Assert.That(doc.GetProperty("affected_pairs").GetInt32(), Is.GreaterThan(0));
        Assert.That(doc.GetProperty("affected_pairs").GetInt32(), Is.LessThan(doc.GetProperty("total_pairs").GetInt32()));
    }

    [Test]
    public void Generate_reproduces_the_committed_fat_tree_sample()
    {
        var r = CliRunner.Run("generate", "fat-tree", "--k", "4");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(r.Stdout.ReplaceLineEndings(), Is.EqualTo(File.ReadAllText(CliRunner.Repo("topologies/fat-tree-4.yaml")).ReplaceLineEndings()));
        var bad = CliRunner.Run("generate", "fat-tree", "--k", "3");
        Assert.That(bad.ExitCode, Is.EqualTo(2));
        Assert.That(bad.Stderr, Does.Contain("even"));
    }

    [Test]
    public void Generated_waxman_file_validates_and_is_seeded()
    {
        var a = Path.Combine(_dir, "a.yaml");
        var b = Path.Combine(_dir, "b.yaml");
        Assert.That(CliRunner.Run("generate", "waxman", "--n", "30", "--seed", "7", "-o", a).ExitCode, Is.EqualTo(0));
        Assert.That(CliRunner.Run("generate", "waxman", "--n", "30", "--seed", "7", "-o", b).ExitCode, Is.EqualTo(0));
        Assert.That(File.ReadAllText(a), Is.EqualTo(File.ReadAllText(b)));
        var r = CliRunner.Run("validate", a);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(r.Stdout, Does.Contain("30 switches").And.Not.Contain("disconnected"));
    }

    [Test]
    public void Convert_turns_a_zoo_graph_into_yaml_that_routes_the_same()
    {
        var zoo = SdnController.Testing.SharedData.RequireDirectory("topologyzoo");
        var gml = Path.Combine(zoo, "gml", "Abilene.gml");
        var yaml = Path.Combine(_dir, "abilene.yaml");
        var c = CliRunner.Run("convert", gml, "-o", yaml);
        Assert.That(c.ExitCode, Is.EqualTo(0), c.Stderr);
        var fromGml = CliRunner.Run("routes", gml, "--metric", "latency", "--json");
        var fromYaml = CliRunner.Run("routes", yaml, "--metric", "latency", "--json");
        Assert.That(fromYaml.ExitCode, Is.EqualTo(0), fromYaml.Stderr);
        var p1 = JsonDocument.Parse(fromGml.Stdout).RootElement.GetProperty("pairs").EnumerateArray().Select(p => p.GetProperty("cost").GetDouble()).ToList();
        var p2 = JsonDocument.Parse(fromYaml.Stdout).RootElement.GetProperty("pairs").EnumerateArray().Select(p => p.GetProperty("cost").GetDouble()).ToList();
        Assert.That(p2, Has.Count.EqualTo(110));
        Assert.That(p2, Is.EqualTo(p1).Within(1e-6));
    }

    [Test]
    public void Convert_writes_a_controller_restart_event_back()
    {
        // The scenario writer once had no case for this event: convert died with an unhandled exception.
        var topology = Path.Combine(_dir, "restart.yaml");
        File.WriteAllText(topology, """
            switches: [{id: s1}, {id: s2}]
            links:
              - endpoints: [s1, s2]
            scenario:
              events:
                - {at: 500ms, controller: restart}
            """);
        var converted = Path.Combine(_dir, "converted.yaml");
        var c = CliRunner.Run("convert", topology, "-o", converted);
        Assert.That(c.ExitCode, Is.EqualTo(0), c.Stderr);
        Assert.That(c.Stderr, Does.Not.Contain("Exception"));
        Assert.That(File.ReadAllText(converted), Does.Contain("- {at: 500ms, controller: restart}"));
        var v = CliRunner.Run("validate", converted);
        Assert.That(v.ExitCode, Is.EqualTo(0), v.Stderr);
    }
}
