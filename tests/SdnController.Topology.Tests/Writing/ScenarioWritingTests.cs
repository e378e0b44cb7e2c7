using SdnController.Topology.Diagnostics;
using SdnController.Topology.Scenarios;
using SdnController.Topology.Traffic;
using SdnController.Topology.Writing;
using SdnController.Topology.Yaml;
using static SdnController.Topology.Tests.Scenarios.ScenarioTestSupport;

namespace SdnController.Topology.Tests.Writing;

/// <summary>Written traffic and scenario sections load back to the same flows and events.</summary>
public class ScenarioWritingTests
{
    private const string Sections = """
        traffic:
          - {from: "*", to: "*", kind: tcp, rate: 3Mbps, size: 1400, start: 1s, stop: 9.5s, port: 443, class: "web"}
          - {id: "ping 1", from: h1, to: h3, kind: icmp}
          - {from: h2, to: h1, source-port: 65535, rate: 0.1pps}
        scenario:
          name: "yes"
          duration: 20s
          seed: -7
          events:
            - {at: 0s, flap: s3-core-1, period: 150us, count: 3}
            - {at: 1s, link: s2-s1, state: down, silent: true}
            - {at: 1s, link: "s1-s2#2", state: down}
            - {at: 2.5s, switch: core-1, state: down}
            - {at: 3s, random-link-failures: 2, restore-after: 100ns}
            - {at: 4s, random-link-failures: 1, seed: 11}
            - {at: 5s, expect: h1 reaches h3}
            - {at: 5s, expect: h2 cannot reach h3}
            - {at: 19999ms, expect: connected pairs reach}

        """;

    [Test]
    public void Traffic_and_scenario_survive_a_round_trip()
    {
        var (first, bag) = Load(Sections.Replace("\"ping 1\"", "ping1").Replace("s2-s1", "s1-s2#2").Replace("\"s1-s2#2\"", "s2-s3"));
        Assert.That(first, Is.Not.Null, Render(bag));
        var yaml = TopologyYamlWriter.ToYaml(first!);
        var again = new DiagnosticBag();
        var second = TopologyYamlLoader.LoadText(yaml, "again.yaml", again);
        Assert.That(second, Is.Not.Null, Render(again) + "\n" + yaml);

        Assert.That(first!.Traffic, Has.Count.EqualTo(6 + 2));
        Assert.That(second!.Traffic.Select(NoSource), Is.EqualTo(first.Traffic.Select(NoSource)), yaml);
        Assert.That(second.Scenario!.Events.Select(NoSource), Is.EqualTo(first.Scenario!.Events.Select(NoSource)), yaml);
        Assert.That((second.Scenario.Name, second.Scenario.Duration, second.Scenario.Seed), Is.EqualTo((first.Scenario.Name, first.Scenario.Duration, first.Scenario.Seed)));
        Assert.That(TopologyYamlWriter.ToYaml(second), Is.EqualTo(yaml), "writing is stable");
        Assert.That(yaml, Does.Contain("    - {at: 1s, link: s1-s2#2, state: down, silent: true}\n"));
        Assert.That(yaml, Does.Contain("    - {at: 3s, random-link-failures: 2, restore-after: 100ns}\n"), "an unstated seed stays unstated, so a run's --seed still applies");
        Assert.That(yaml, Does.Contain("    - {at: 4s, random-link-failures: 1, seed: 11}\n"), "a stated seed is kept");
        Assert.That(yaml, Does.Contain("  - id: web:h1-h2\n    from: h1\n    to: h2\n    kind: tcp\n    rate: 267.85714285714283pps\n    size: 1400\n    start: 1s\n    stop: 9.5s\n    port: 443\n    class: web\n"));
        Assert.That(yaml, Does.Contain("    source-port: 65535\n"));
        Assert.That(yaml, Does.Not.Contain("source-port: 1000"), "default source ports are left for the loader to number again");
    }

    [Test]
    public void No_traffic_and_no_scenario_write_the_empty_sections_the_samples_have()
    {
        var yaml = TopologyYamlWriter.ToYaml(NetworkOnly());
        Assert.That(yaml, Does.EndWith("traffic:  []  # none (flows sdnctl run sends)\nscenario: {}  # none (timed failures and checks for sdnctl run)\n"));
        var bag = new DiagnosticBag();
        var back = TopologyYamlLoader.LoadText(yaml, "x.yaml", bag)!;
        Assert.That((back.Traffic.Count, back.Scenario), Is.EqualTo((0, (Scenario?)null)));
    }

    [Test]
    public void A_scenario_with_no_events_is_written_as_one()
    {
        var t = NetworkOnly().WithTrafficAndScenario(Array.Empty<TrafficFlow>(), new Scenario(Array.Empty<ScenarioEvent>()) { Seed = 3 });
        var yaml = TopologyYamlWriter.ToYaml(t);
        Assert.That(yaml, Does.EndWith("scenario:\n  seed: 3\n  events: []\n"));
        var bag = new DiagnosticBag();
        Assert.That(TopologyYamlLoader.LoadText(yaml, "x.yaml", bag)!.Scenario!.Seed, Is.EqualTo(3));
    }
}
