using SdnController.Topology.Diagnostics;
using SdnController.Topology.Model;
using SdnController.Topology.Scenarios;
using SdnController.Topology.Writing;
using SdnController.Topology.Yaml;
using static SdnController.Topology.Tests.Yaml.YamlTestSupport;

namespace SdnController.Topology.Tests.Yaml;

/// <summary>The <c>controller:</c> and <c>classes:</c> sections: values, defaults, positioned errors, round trip.</summary>
public class ControllerSectionTests
{
    private const string Net = "switches: [{id: s1}, {id: s2}]\nlinks: [{endpoints: [s1, s2]}]\n";

    private static Model.Topology Valid(string sections)
    {
        var (t, bag) = Load(Net + sections);
        Assert.That(t, Is.Not.Null, Render(bag));
        return t!;
    }

    private static string Errors(string sections)
    {
        var (t, bag) = Load(Net + sections);
        Assert.That(t, Is.Null, "expected the file to be rejected");
        return Render(bag);
    }

    [Test]
    public void Without_the_sections_every_setting_has_its_default()
    {
        var t = Valid("");
        Assert.That(t.Controller, Is.EqualTo(ControllerPolicy.Default));
        Assert.That(t.Controller.Routing, Is.EqualTo(RoutingMode.Proactive));
        Assert.That(t.Controller.Metric, Is.EqualTo(RouteMetric.Latency));
        Assert.That(t.Controller.Protection, Is.False);
        Assert.That(t.Controller.Detection, Is.EqualTo(new DetectionPolicy(TimeSpan.FromMilliseconds(100), 3, TimeSpan.Zero)));
        Assert.That(t.Controller.Congestion, Is.Null);
        Assert.That(t.Classes, Is.Empty);
        Assert.That(Valid("controller:\nclasses:\n").Controller, Is.EqualTo(ControllerPolicy.Default), "empty sections mean the defaults");
        Assert.That(Valid("controller: {detection: {}, congestion: }\n").Controller, Is.EqualTo(ControllerPolicy.Default));
    }

    [Test]
    public void Every_key_is_read()
    {
        var t = Valid("""
            controller:
              routing: reactive
              metric: headroom
              protection: on
              detection:
                interval: 10ms
                multiplier: 5
                hold_down: 1.5s
              congestion:
                threshold: 80%
                interval: 250ms
            classes:
              voice: {metric: latency, protection: on}
              bulk: {metric: HOP}
              plain: {}
              web:
            """);
        Assert.That(t.Controller, Is.EqualTo(new ControllerPolicy
        {
            Routing = RoutingMode.Reactive,
            Metric = RouteMetric.Headroom,
            Protection = true,
            Detection = new DetectionPolicy(TimeSpan.FromMilliseconds(10), 5, TimeSpan.FromMilliseconds(1500)),
            Congestion = new CongestionPolicy(0.8, TimeSpan.FromMilliseconds(250)),
        }));
        Assert.That(t.Controller.Detection.DetectionTime, Is.EqualTo(TimeSpan.FromMilliseconds(50)));
        Assert.That(t.Classes, Is.EqualTo(new[]
        {
            new ClassPolicy("voice") { Metric = RouteMetric.Latency, Protection = true },
            new ClassPolicy("bulk") { Metric = RouteMetric.Hop },
            new ClassPolicy("plain"),
            new ClassPolicy("web"),
        }));
        Assert.That(t.FindClass("bulk")!.Metric, Is.EqualTo(RouteMetric.Hop));
        Assert.That(t.FindClass("video"), Is.Null);
    }

    [TestCase("threshold: 0.8", 0.8)]
    [TestCase("threshold: 100%", 1.0)]
    [TestCase("threshold: 12.5 %", 0.125)]
    public void Congestion_threshold_is_a_percentage_or_a_fraction(string threshold, double expected)
    {
        var c = Valid($"controller: {{congestion: {{{threshold}}}}}\n").Controller.Congestion!;
        Assert.That(c.Threshold, Is.EqualTo(expected));
        Assert.That(c.Interval, Is.EqualTo(CongestionPolicy.DefaultInterval));
    }

    [TestCase("protection: off", false)]
    [TestCase("protection: ON", true)]
    [TestCase("protection: true", true)]
    [TestCase("protection: false", false)]
    public void Protection_is_on_or_off(string line, bool expected) =>
        Assert.That(Valid($"controller: {{{line}}}\n").Controller.Protection, Is.EqualTo(expected));

    [Test]
    public void Ecmp_defaults_off_and_is_read_for_the_controller_and_per_class()
    {
        Assert.That(Valid("controller: {metric: hop}\n").Controller.Ecmp, Is.False);
        var t = Valid("controller: {ecmp: on}\nclasses:\n  bulk: {ecmp: off}\n  web: {metric: hop}\n");
        Assert.That(t.Controller.Ecmp, Is.True);
        Assert.That(t.FindClass("bulk")!.Ecmp, Is.False);
        Assert.That(t.FindClass("web")!.Ecmp, Is.Null, "falls back to the controller's");
    }

    // Net is two lines, so the section starts on line 3.
    [TestCase("controller:\n  metirc: hop\n", "test.yaml:4:3: error: unknown key 'metirc' in controller (did you mean 'metric'?); expected one of: routing, metric, protection, ecmp, detection, congestion")]
    [TestCase("controller:\n  metric: hops\n", "test.yaml:4:11: error: expected one of hop | latency | cost | headroom for 'metric', found 'hops' (did you mean 'hop'?)")]
    [TestCase("controller:\n  routing: proactiv\n", "test.yaml:4:12: error: expected one of proactive | reactive for 'routing', found 'proactiv' (did you mean 'proactive'?)")]
    [TestCase("controller:\n  protection: of\n", "test.yaml:4:15: error: expected on or off for 'protection', found 'of' (did you mean 'off'?)")]
    [TestCase("controller:\n  ecmp: yes\n", "test.yaml:4:9: error: expected on or off for 'ecmp', found 'yes'")]
    [TestCase("controller:\n  ecpm: on\n", "test.yaml:4:3: error: unknown key 'ecpm' in controller (did you mean 'ecmp'?)")]
    [TestCase("controller:\n  detection: {interval: 100}\n", "test.yaml:4:25: error: 'interval' needs a unit (ns, us, ms or s), e.g. '2s' or '200ms'; a bare number is ambiguous, found '100'")]
    [TestCase("controller:\n  detection: {interval: 0s}\n", "test.yaml:4:25: error: 'interval' must be between 1ms and 60s, found '0s'")]
    [TestCase("controller:\n  detection: {multiplier: 0}\n", "test.yaml:4:27: error: 'multiplier' must be between 1 and 255, found '0'")]
    [TestCase("controller:\n  detection: {multiplier: 2.5}\n", "test.yaml:4:27: error: expected an integer (probes missed) for 'multiplier', found '2.5'")]
    [TestCase("controller:\n  detection: {hold-down: 1s}\n", "test.yaml:4:15: error: unknown key 'hold-down' in detection (did you mean 'hold_down'?); expected one of: interval, multiplier, hold_down, bfd")]
    [TestCase("controller:\n  detection: {hold_down: -1s}\n", "test.yaml:4:26: error: 'hold_down' must be 0 or more, found '-1s'")]
    [TestCase("controller:\n  detection: {bfd: 0s}\n", "test.yaml:4:20: error: 'bfd' must be between 1us and 10s, found '0s'")]
    [TestCase("controller:\n  detection: {bfd: fast}\n", "test.yaml:4:20: error: expected a time such as '2s' or '200ms' (units ns, us, µs, ms, s) for 'bfd', found 'fast'")]
    [TestCase("controller:\n  detection: 100ms\n", "test.yaml:4:14: error: expected a mapping (interval, multiplier, hold_down, bfd) for 'detection', found '100ms'")]
    [TestCase("controller:\n  congestion: {interval: 1s}\n", "test.yaml:4:15: error: congestion is missing required key 'threshold'")]
    [TestCase("controller:\n  congestion: {threshold: 80}\n", "test.yaml:4:27: error: 'threshold' must be above 0 and at most 100% (1); write a percentage such as '80%' or a fraction such as 0.8, found '80' (did you mean '80%'?)")]
    [TestCase("controller:\n  congestion: {threshold: 0%}\n", "test.yaml:4:27: error: 'threshold' must be above 0 and at most 100% (1); write a percentage such as '80%' or a fraction such as 0.8, found '0%'")]
    [TestCase("controller:\n  congestion: {threshold: lots}\n", "test.yaml:4:27: error: expected a percentage such as '80%' or a fraction such as 0.8 for 'threshold', found 'lots'")]
    [TestCase("controller: [hop]\n", "test.yaml:3:13: error: expected a mapping (routing, metric, protection, ecmp, detection, congestion) for 'controller', found a sequence")]
    [TestCase("classes:\n  voice: {metric: latency, protecton: on}\n", "test.yaml:4:28: error: unknown key 'protecton' in class 'voice' (did you mean 'protection'?); expected one of: metric, protection")]
    [TestCase("classes:\n  voice: {metric: fastest}\n", "test.yaml:4:19: error: expected one of hop | latency | cost | headroom for 'metric', found 'fastest'")]
    [TestCase("classes:\n  voice: latency\n", "test.yaml:4:10: error: expected a mapping (metric, protection, ecmp) for class 'voice', found 'latency'")]
    [TestCase("classes:\n  voice: {}\n  voice: {}\n", "test.yaml:5:3: error: duplicate class 'voice' in 'classes' (first at line 4:3)")]
    [TestCase("classes:\n  \"my voice\": {}\n", "test.yaml:4:3: error: class 'my voice' contains ' '; it may not contain spaces, ',' or quotes")]
    [TestCase("classes: [voice]\n", "test.yaml:3:10: error: expected a mapping of class names to policies (such as 'voice: {metric: latency, protection: on}') for 'classes', found a sequence")]
    [TestCase("controlller: {}\n", "test.yaml:3:1: error: unknown key 'controlller' in the top level (did you mean 'controller'?)")]
    public void Bad_values_and_keys_are_errors_at_their_position(string sections, string expected) =>
        Assert.That(Errors(sections), Does.StartWith(expected));

    [Test]
    public void Every_problem_is_reported_in_one_pass()
    {
        var errors = Errors("controller:\n  metric: hops\n  detection: {interval: 0s, multiplier: 300}\nclasses:\n  bulk: {metric: widest}\n").Split('\n');
        Assert.That(errors.Select(e => e[..e.IndexOf(": error", StringComparison.Ordinal)]),
            Is.EqualTo(new[] { "test.yaml:4:11", "test.yaml:5:25", "test.yaml:5:41", "test.yaml:7:18" }));
    }

    [Test]
    public void A_scenario_file_may_not_carry_them()
    {
        var topology = Valid("");
        var bag = new DiagnosticBag();
        var file = ScenarioFileLoader.LoadText("scenario: {events: []}\ncontroller: {metric: hop}\n", "s.yaml", topology, bag);
        Assert.That(file, Is.Null);
        Assert.That(Render(bag), Does.StartWith("s.yaml:2:1: error: unknown key 'controller' in the top level of a scenario file; expected one of: scenario, traffic"));
    }

    [Test]
    public void Both_sections_survive_a_round_trip_and_defaults_are_not_written()
    {
        Assert.That(TopologyYamlWriter.ToYaml(Valid("")), Does.Not.Contain("controller:").And.Not.Contain("classes:"));
        var first = Valid("""
            controller:
              metric: cost
              detection: {interval: 2.5ms, multiplier: 7, hold_down: 750ms, bfd: 3ms}
              congestion: {threshold: 0.333, interval: 1s}
            classes:
              "voice:eu": {protection: off}
              bulk: {metric: headroom, protection: on}
              plain: {}
            """);
        var yaml = TopologyYamlWriter.ToYaml(first);
        var (second, bag) = Load(yaml, "again.yaml");
        Assert.That(second, Is.Not.Null, Render(bag) + "\n" + yaml);
        Assert.That(second!.Controller, Is.EqualTo(first.Controller), yaml);
        Assert.That(second.Classes, Is.EqualTo(first.Classes), yaml);
        Assert.That(yaml, Does.Contain("  detection: {interval: 2.5ms, multiplier: 7, hold_down: 750ms, bfd: 3ms}\n"));
        Assert.That(second.Controller.Detection.Bfd, Is.EqualTo(TimeSpan.FromMilliseconds(3)));
    }

    [Test]
    public void Loader_keys_cover_the_documented_contract()
    {
        Assert.That(TopologyYamlKeys.TopLevel, Does.Contain("controller").And.Contain("classes"));
        Assert.That(TopologyYamlKeys.Detection, Is.EqualTo(new[] { "interval", "multiplier", "hold_down", "bfd" }));
    }
}
