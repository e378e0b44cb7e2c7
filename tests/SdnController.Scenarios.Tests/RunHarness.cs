using SdnController.Testing;
using System.Text;
using System.Text.Json;
using SdnController.Scenarios.Reporting;
using SdnController.Topology;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Scenarios;
using SdnController.Topology.Traffic;
using SdnController.Topology.Zoo;

namespace SdnController.Scenarios.Tests;

/// <summary>Loads topologies and scenario text the way `sdnctl run` does, and runs them.</summary>
internal static class RunHarness
{
    public static Topology.Model.Topology Sample(string name) => Load(Path.Combine(SharedData.RepositoryRoot, "topologies", name + ".yaml"));

    public static Topology.Model.Topology Load(string path, int hostsPerSwitch = 0)
    {
        var bag = new DiagnosticBag();
        var t = TopologyFileLoader.Load(path, new ZooImportOptions { HostsPerSwitch = hostsPerSwitch }, bag);
        Assert.That(t, Is.Not.Null, string.Join("\n", bag.Items));
        return t!;
    }

    public static Topology.Model.Topology LoadText(string yaml)
    {
        var bag = new DiagnosticBag();
        var t = Topology.Yaml.TopologyYamlLoader.LoadText(yaml, "test-topology.yaml", bag);
        Assert.That(t, Is.Not.Null, string.Join("\n", bag.Items));
        return t!;
    }

    public static ScenarioFile ScenarioText(Topology.Model.Topology topology, string yaml)
    {
        var bag = new DiagnosticBag();
        var file = ScenarioFileLoader.LoadText(yaml, "test-scenario.yaml", topology, bag);
        Assert.That(file, Is.Not.Null, string.Join("\n", bag.Items));
        Assert.That(bag.ErrorCount(), Is.Zero, string.Join("\n", bag.Items));
        return file!;
    }

    public static (RunReport Report, ScenarioRun Run) Execute(Topology.Model.Topology topology, Scenario? scenario,
        IReadOnlyList<TrafficFlow> traffic, RunOptions? options = null, Action<ScenarioRun>? prepare = null)
    {
        var run = new ScenarioRun(topology, scenario, traffic, options ?? new RunOptions());
        prepare?.Invoke(run);
        var report = run.Execute();
        return (report, run);
    }

    /// <summary>The JSON report without wall-clock fields: equal for equal seeds in virtual time.</summary>
    public static string DeterministicJson(RunReport report)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            RunReportJson.Write(w, report, includeWallTimes: false);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string Describe(RunReport report)
    {
        var sb = new StringWriter();
        RunReportText.Write(sb, report);
        return sb.ToString();
    }
}
