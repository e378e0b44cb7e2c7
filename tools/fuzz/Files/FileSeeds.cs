using SdnController.Fuzz.Common;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Yaml;

namespace SdnController.Fuzz.Files;

/// <summary>
/// The seed corpus: every sample topology and scenario of the repository and, when the shared data is present,
/// every Topology Zoo network in both formats. Scenario files are checked against the topology they were written for.
/// </summary>
public sealed class FileSeeds
{
    private FileSeeds(IReadOnlyList<FileSeed> all, Topology.Model.Topology scenarioTopology)
    {
        All = all;
        ScenarioTopology = scenarioTopology;
        var byKind = new List<FileSeed>[4];
        for (var k = 0; k < byKind.Length; k++) byKind[k] = new List<FileSeed>();
        foreach (var s in all) byKind[(int)s.Kind].Add(s);
        ByKind = byKind;
    }

    public IReadOnlyList<FileSeed> All { get; }
    public IReadOnlyList<FileSeed>[] ByKind { get; }
    /// <summary>The topology scenario files are loaded against (fat-tree-4, which the sample scenario names).</summary>
    public Topology.Model.Topology ScenarioTopology { get; }
    public bool HasZoo => ByKind[(int)FileKind.Graphml].Count > 0;

    public static FileSeeds Load(bool includeZoo = true)
    {
        var root = RepositoryPaths.Root;
        var seeds = new List<FileSeed>();
        foreach (var f in Directory.GetFiles(Path.Combine(root, "topologies"), "*.yaml").Order(StringComparer.Ordinal))
            seeds.Add(new FileSeed(FileKind.TopologyYaml, Path.GetFileName(f), File.ReadAllText(f)));
        foreach (var f in Directory.GetFiles(Path.Combine(root, "topologies", "scenarios"), "*.yaml").Order(StringComparer.Ordinal))
            seeds.Add(new FileSeed(FileKind.ScenarioYaml, Path.GetFileName(f), File.ReadAllText(f)));
        var zoo = includeZoo ? RepositoryPaths.SharedData("topologyzoo") : null;
        if (zoo is not null)
        {
            foreach (var f in Directory.GetFiles(Path.Combine(zoo, "graphml"), "*.graphml").Order(StringComparer.Ordinal))
                seeds.Add(new FileSeed(FileKind.Graphml, Path.GetFileName(f), File.ReadAllText(f)));
            foreach (var f in Directory.GetFiles(Path.Combine(zoo, "gml"), "*.gml").Order(StringComparer.Ordinal))
                seeds.Add(new FileSeed(FileKind.Gml, Path.GetFileName(f), File.ReadAllText(f)));
        }
        var bag = new DiagnosticBag();
        var fatTree = TopologyYamlLoader.Load(Path.Combine(root, "topologies", "fat-tree-4.yaml"), bag)
            ?? throw new InvalidOperationException("topologies/fat-tree-4.yaml does not load: " + string.Join("; ", bag.Items));
        return new FileSeeds(seeds, fatTree);
    }
}
