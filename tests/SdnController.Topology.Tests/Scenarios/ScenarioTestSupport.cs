using SdnController.Topology.Diagnostics;
using SdnController.Topology.Scenarios;
using SdnController.Topology.Traffic;
using SdnController.Topology.Yaml;

namespace SdnController.Topology.Tests.Scenarios;

internal static class ScenarioTestSupport
{
    /// <summary>
    /// Ten lines: three hosts, parallel links s1-s2 and s1-s2#2, and a switch whose id has a dash
    /// (core-1), so "x-y" link names have to be split with care. Sections appended start at line 11.
    /// </summary>
    public const string Network = """
        switches: [{id: s1}, {id: s2}, {id: s3}, {id: core-1}]
        hosts:
          - {id: h1, attach: s1, ipv4: 10.0.0.1/24}
          - {id: h2, attach: s2, ipv4: 10.0.0.2/24}
          - {id: h3, attach: s3, ipv4: 10.0.0.3/24}
        links:
          - endpoints: [s1, s2]
          - endpoints: [s1, s2]
          - endpoints: [s2, s3]
          - endpoints: [s3, core-1]

        """;

    public static (Model.Topology? Topology, DiagnosticBag Diagnostics) Load(string sections, string file = "test.yaml")
    {
        var bag = new DiagnosticBag();
        return (TopologyYamlLoader.LoadText(Network + sections, file, bag), bag);
    }

    public static Model.Topology LoadValid(string sections)
    {
        var (t, bag) = Load(sections);
        Assert.That(t, Is.Not.Null, Render(bag));
        Assert.That(bag.Items, Is.Empty, Render(bag));
        return t!;
    }

    public static Model.Topology NetworkOnly() => LoadValid("");

    public static string Render(DiagnosticBag bag) => string.Join("\n", bag.Items.Select(d => d.ToString()));

    public static TrafficFlow NoSource(TrafficFlow f) => f with { Source = null };
    public static ScenarioEvent NoSource(ScenarioEvent e) => e with { Source = null };
}
