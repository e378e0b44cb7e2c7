using SdnController.Topology.Diagnostics;
using SdnController.Topology.Traffic;
using SdnController.Topology.Yaml;

namespace SdnController.Topology.Scenarios;

/// <summary>
/// Loads a scenario file: a YAML mapping with <c>scenario:</c> and optionally <c>traffic:</c>, in the
/// same notation as those sections of a topology file, checked against <paramref name="topology"/>.
/// Like <see cref="TopologyYamlLoader"/> it reports every problem at its line and column and never
/// throws for bad input: on any error it returns null and the reasons are in the bag.
/// </summary>
public static class ScenarioFileLoader
{
    /// <summary>A missing or unreadable file is an error "cannot read 'path': …" (no location), as for topology files.</summary>
    public static ScenarioFile? Load(string path, Model.Topology topology, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var text = InputFile.ReadAllText(path, diagnostics);
        return text is null ? null : LoadText(text, path, topology, diagnostics);
    }

    public static ScenarioFile? LoadText(string text, string fileName, Model.Topology topology, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var local = new DiagnosticBag();
        ScenarioFile? result = null;
        try
        {
            result = Read(text ?? "", fileName, topology, local);
        }
        catch (Exception ex)
        {
            // A bug of ours must still read as a diagnostic, never as a stack trace.
            local.Error(new SourceLocation(fileName, 1, 1), $"internal error while reading the scenario ({ex.GetType().Name}: {ex.Message}); please report it");
        }
        diagnostics.AddRange(local.Items
            .Select((d, i) => (d, i))
            .OrderBy(x => x.d.Location?.Line ?? 0)
            .ThenBy(x => x.d.Location?.Column ?? 0)
            .ThenBy(x => x.i)
            .Select(x => x.d));
        return local.HasErrors ? null : result;
    }

    private static ScenarioFile? Read(string text, string file, Model.Topology topology, DiagnosticBag diagnostics)
    {
        var root = YamlTreeReader.Read(text, file, diagnostics, out var isEmpty);
        if (diagnostics.HasErrors) return null;
        if (root is null || isEmpty)
        {
            diagnostics.Error(new SourceLocation(file, 1, 1), "the file is empty; expected a mapping with a 'scenario' section");
            return null;
        }
        if (root is not YMapping rootMap)
        {
            diagnostics.Error(root.Location, $"expected a mapping at the top level (keys 'scenario' and 'traffic'), found {root.Describe()}");
            return null;
        }
        var refs = TopologyRefs.From(topology);
        var top = new MappingReader(rootMap, "the top level of a scenario file", TopologyYamlKeys.ScenarioFile, diagnostics);
        var scenario = top.Require("scenario", diagnostics, out var e) ? ScenarioReader.Read(e, refs, diagnostics) : null;
        var traffic = top.TryGet("traffic", out e) ? TrafficReader.Read(e, refs, diagnostics) : Array.Empty<TrafficFlow>();
        return diagnostics.HasErrors ? null : new ScenarioFile(scenario, traffic);
    }
}
