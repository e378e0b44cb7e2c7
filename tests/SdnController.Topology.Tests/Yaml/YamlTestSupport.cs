using SdnController.Topology.Diagnostics;
using SdnController.Topology.Yaml;

namespace SdnController.Topology.Tests.Yaml;

internal static class YamlTestSupport
{
    public static (Model.Topology? Topology, DiagnosticBag Diagnostics) Load(string yaml, string file = "test.yaml")
    {
        var bag = new DiagnosticBag();
        var topology = TopologyYamlLoader.LoadText(yaml, file, bag);
        return (topology, bag);
    }

    public static string Render(DiagnosticBag bag) => string.Join("\n", bag.Items.Select(d => d.ToString()));
}
