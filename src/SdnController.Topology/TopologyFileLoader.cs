using SdnController.Topology.Diagnostics;
using SdnController.Topology.Zoo;

namespace SdnController.Topology;

/// <summary>Loads a topology file in whichever format its extension names.</summary>
public static class TopologyFileLoader
{
    public static readonly IReadOnlyList<string> SupportedExtensions = new[] { ".yaml", ".yml", ".graphml", ".gml" };

    /// <summary>Null when the file has errors or its format is unknown; every problem is in <paramref name="diagnostics"/>.</summary>
    public static Model.Topology? Load(string path, ZooImportOptions options, DiagnosticBag diagnostics)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        switch (ext)
        {
            case ".graphml":
                return GraphmlImporter.Load(path, options, diagnostics);
            case ".gml":
                return GmlImporter.Load(path, options, diagnostics);
            case ".yaml":
            case ".yml":
                return LoadYaml(path, options, diagnostics);
            default:
                var found = ext.Length == 0 ? "no extension" : $"extension '{ext}'";
                diagnostics.Error(null, $"{path}: cannot tell the format from {found}; supported: {string.Join(", ", SupportedExtensions)}");
                return null;
        }
    }

    private static Model.Topology? LoadYaml(string path, ZooImportOptions options, DiagnosticBag diagnostics)
    {
        // YAML files declare their own hosts; generating more would need the loader's builder, which it does not expose.
        if (options.HostsPerSwitch > 0)
        {
            diagnostics.Error(null, $"{path}: generated hosts (hosts per switch) apply to .graphml and .gml files only; declare hosts in the YAML file");
            return null;
        }
        return Yaml.TopologyYamlLoader.Load(path, diagnostics);
    }
}
