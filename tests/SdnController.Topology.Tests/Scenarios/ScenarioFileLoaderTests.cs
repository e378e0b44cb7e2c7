using SdnController.Topology.Diagnostics;
using SdnController.Topology.Scenarios;
using SdnController.Topology.Traffic;
using static SdnController.Topology.Tests.Scenarios.ScenarioTestSupport;

namespace SdnController.Topology.Tests.Scenarios;

public class ScenarioFileLoaderTests
{
    private static (ScenarioFile? File, DiagnosticBag Diagnostics) LoadText(string text)
    {
        var bag = new DiagnosticBag();
        return (ScenarioFileLoader.LoadText(text, "run.yaml", NetworkOnly(), bag), bag);
    }

    [Test]
    public void Reads_scenario_and_traffic_against_the_given_topology()
    {
        var (file, bag) = LoadText("""
            scenario:
              duration: 8s
              events:
                - {at: 2s, link: s3-s2, state: down}
                - {at: 7s, expect: connected pairs reach}
            traffic:
              - {from: "*", to: h1, rate: 1Mbps, class: probe}

            """);
        Assert.That(file, Is.Not.Null, Render(bag));
        Assert.That(file!.Scenario!.Duration, Is.EqualTo(TimeSpan.FromSeconds(8)));
        Assert.That(file.Scenario.Events.Select(NoSource), Is.EqualTo(new ScenarioEvent[]
        {
            new LinkStateEvent(TimeSpan.FromSeconds(2), "s2-s3", false),
            new ExpectEvent(TimeSpan.FromSeconds(7), ExpectKind.ConnectedPairsReach, null, null),
        }));
        Assert.That(file.Scenario.Events[0].Source, Is.EqualTo(new SourceLocation("run.yaml", 4, 7)));
        Assert.That(file.Traffic.Select(f => f.Id), Is.EqualTo(new[] { "probe:h2-h1", "probe:h3-h1" }));
        Assert.That(file.Traffic[0].PacketsPerSecond, Is.EqualTo(1e6 / (512 * 8)));
    }

    [Test]
    public void Traffic_is_optional_and_the_result_attaches_to_the_topology()
    {
        var (file, bag) = LoadText("scenario:\n  events:\n    - {at: 1s, switch: core-1, state: down}\n");
        Assert.That(file, Is.Not.Null, Render(bag));
        Assert.That(file!.Traffic, Is.Empty);
        var t = NetworkOnly().WithTrafficAndScenario(file.Traffic, file.Scenario);
        Assert.That(t.Scenario, Is.SameAs(file.Scenario));
        Assert.That(t.Links, Has.Count.EqualTo(4));
        Assert.That(t.Renamed("x").Scenario, Is.SameAs(file.Scenario), "Renamed keeps the scenario");
    }

    [TestCase("scenaro:\n  events: []\n", 1, 1, "unknown key 'scenaro' in the top level of a scenario file", "did you mean 'scenario'?")]
    [TestCase("traffic: []\n", 1, 1, "the top level of a scenario file is missing required key 'scenario'")]
    [TestCase("scenario: {}\nswitches: [{id: s1}]\n", 2, 1, "unknown key 'switches' in the top level of a scenario file", "expected one of: scenario, traffic")]
    [TestCase("scenario: {}\ntraffic:\n  - {from: h1, to: h7}\n", 3, 20, "unknown host 'h7'")]
    [TestCase("scenario:\n  events:\n    - {at: 1s, link: s1-s3, state: down}\n", 3, 22, "no link joins switches 's1' and 's3'")]
    [TestCase("", 1, 1, "the file is empty")]
    [TestCase("- scenario\n", 1, 1, "expected a mapping at the top level")]
    [TestCase("scenario: [\n", 2, 1, "invalid YAML")]
    public void Broken_scenario_files_report_where(string text, int line, int col, params string[] fragments)
    {
        var (file, bag) = LoadText(text);
        Assert.That(file, Is.Null);
        var match = bag.Items.FirstOrDefault(d => d.Location is { } at && at.File == "run.yaml" && at.Line == line && at.Column == col &&
                                                  fragments.All(f => d.Message.Contains(f, StringComparison.Ordinal)));
        Assert.That(match, Is.Not.Null, $"expected run.yaml:{line}:{col} with [{string.Join("] [", fragments)}]; got:\n{Render(bag)}");
    }

    [Test]
    public void A_missing_file_is_a_diagnostic_like_for_topology_files()
    {
        var path = Path.Combine(Path.GetTempPath(), "sdn-no-such-dir-" + Guid.NewGuid().ToString("N"), "run.yaml");
        var bag = new DiagnosticBag();
        Assert.That(ScenarioFileLoader.Load(path, NetworkOnly(), bag), Is.Null);
        Assert.That(bag.Items.Single().ToString(), Is.EqualTo($"error: cannot read '{path}': no such file"));
    }

    [Test]
    public void Load_reads_a_file_from_disk()
    {
        var path = Path.Combine(Path.GetTempPath(), "sdn-scenario-" + Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(path, "scenario:\n  seed: 5\n  events:\n    - {at: 1s, random-link-failures: 2}\n");
        try
        {
            var bag = new DiagnosticBag();
            var file = ScenarioFileLoader.Load(path, NetworkOnly(), bag);
            Assert.That(file, Is.Not.Null, Render(bag));
            Assert.That(NoSource(file!.Scenario!.Events.Single()), Is.EqualTo(new RandomLinkFailuresEvent(TimeSpan.FromSeconds(1), 2, 5)));
            Assert.That(file.Scenario.Events[0].Source!.File, Is.EqualTo(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Zoo_and_generated_topologies_have_no_traffic_or_scenario()
    {
        var generated = Tests.Generators.GeneratedTopology.Build(Topology.Generators.LinearGenerator.Create(3));
        Assert.That((generated.Traffic.Count, generated.Scenario), Is.EqualTo((0, (Scenario?)null)));
        var bag = new DiagnosticBag();
        var zoo = Topology.Zoo.GmlImporter.LoadText("graph [ node [ id 0 ] node [ id 1 ] edge [ source 0 target 1 ] ]", "t.gml", new Topology.Zoo.ZooImportOptions(), bag);
        Assert.That(zoo, Is.Not.Null, Render(bag));
        Assert.That((zoo!.Traffic.Count, zoo.Scenario), Is.EqualTo((0, (Scenario?)null)));
    }
}
