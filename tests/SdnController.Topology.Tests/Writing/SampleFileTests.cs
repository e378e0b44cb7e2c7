using SdnController.Testing;
using SdnController.Topology.Building;
using SdnController.Topology.Generators;
using SdnController.Topology.Tests.Generators;
using SdnController.Topology.Writing;
using YamlDotNet.RepresentationModel;

namespace SdnController.Topology.Tests.Writing;

/// <summary>
/// The generated samples in topologies/ must be exactly what the generators and writer produce, so
/// the files never drift from the code. After an intended change, regenerate them with
/// <c>SDNCONTROLLER_UPDATE_SAMPLES=1 dotnet test --filter SampleFileTests</c> and review the diff.
/// </summary>
public class SampleFileTests
{
    private static IEnumerable<TestCaseData> Generated()
    {
        yield return new TestCaseData("fat-tree-4.yaml", (Func<TopologyBuilder>)(() => FatTreeGenerator.Create(4))).SetName("fat-tree-4.yaml");
        yield return new TestCaseData("linear-3.yaml", (Func<TopologyBuilder>)(() => LinearGenerator.Create(3))).SetName("linear-3.yaml");
    }

    [TestCaseSource(nameof(Generated))]
    public void Committed_file_matches_the_generator(string file, Func<TopologyBuilder> generate)
    {
        var path = Path.Combine(SharedData.RepositoryRoot, "topologies", file);
        var expected = TopologyYamlWriter.ToYaml(GeneratedTopology.Build(generate()));
        if (Environment.GetEnvironmentVariable("SDNCONTROLLER_UPDATE_SAMPLES") == "1")
        {
            File.WriteAllText(path, expected);
            Assert.Pass($"rewrote {path}");
        }
        Assert.That(File.Exists(path), Is.True, $"{path} is missing");
        var committed = File.ReadAllText(path).Replace("\r\n", "\n");
        Assert.That(committed, Is.EqualTo(expected),
            $"{file} differs from what the generator writes; regenerate with SDNCONTROLLER_UPDATE_SAMPLES=1 if the change is intended");
    }

    [TestCase("linear-3.yaml")]
    [TestCase("ring-6.yaml")]
    [TestCase("fat-tree-4.yaml")]
    [TestCase("campus.yaml")]
    public void Sample_parses_as_yaml_with_the_schema_comment_first(string file)
    {
        var path = Path.Combine(SharedData.RepositoryRoot, "topologies", file);
        var text = File.ReadAllText(path);
        Assert.That(text, Does.StartWith(TopologyYamlWriter.SchemaComment));
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var root = (YamlMappingNode)stream.Documents.Single().RootNode;
        var keys = root.Children.Keys.Select(k => ((YamlScalarNode)k).Value).ToArray();
        Assert.That(keys, Is.SubsetOf(new[] { "name", "description", "defaults", "switches", "hosts", "links", "nfv", "chains", "traffic", "scenario" }));
        Assert.That(keys, Does.Contain("switches").And.Contain("links"));
    }
}
