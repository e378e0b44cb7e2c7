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

    /// <summary>The repository root, found from the test binary's folder upwards.</summary>
    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SdnController.sln"))) dir = dir.Parent;
        if (dir is null) Assert.Fail("cannot find SdnController.sln above " + TestContext.CurrentContext.TestDirectory);
        return dir!.FullName;
    }
}
