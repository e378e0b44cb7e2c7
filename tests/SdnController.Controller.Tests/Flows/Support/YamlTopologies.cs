using SdnController.Testing;
using SdnController.Topology.Diagnostics;

namespace SdnController.Controller.Tests.Flows.Support;

/// <summary>Topologies the flow-manager tests load from YAML text, failing the test with the diagnostics when one does not load.</summary>
internal static class YamlTopologies
{
    /// <summary>The shared ladder (<see cref="LadderTopology"/>): two rails between a and b, so some moves change two shared switches.</summary>
    public static readonly Topology.Model.Topology Ladder = Load(LadderTopology.Yaml, "ladder.yaml");

    public static Topology.Model.Topology Load(string yaml, string name)
    {
        var bag = new DiagnosticBag();
        var t = Topology.Yaml.TopologyYamlLoader.LoadText(yaml, name, bag);
        Assert.That(t, Is.Not.Null, string.Join("\n", bag.Items));
        return t!;
    }
}
