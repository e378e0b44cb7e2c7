using SdnController.Topology.Diagnostics;
using SdnController.Topology.Zoo.Gml;

namespace SdnController.Topology.Zoo;

/// <summary>Loads a Topology Zoo network (or any GML switch graph) as a topology; node <c>id 12</c> becomes switch <c>n12</c>.</summary>
public static class GmlImporter
{
    /// <summary>Null when the file cannot be read or has errors; every problem is in <paramref name="diagnostics"/>.</summary>
    public static Model.Topology? Load(string path, ZooImportOptions options, DiagnosticBag diagnostics)
    {
        var text = InputFile.ReadAllText(path, diagnostics);
        return text is null ? null : LoadText(text, path, options, diagnostics);
    }

    /// <summary>As <see cref="Load"/>, from text; <paramref name="fileName"/> names the input in diagnostics.</summary>
    public static Model.Topology? LoadText(string text, string fileName, ZooImportOptions options, DiagnosticBag diagnostics)
    {
        var errorsBefore = diagnostics.ErrorCount();
        var entries = GmlParser.Parse(text, fileName, diagnostics);
        if (entries is null) return null;
        var graph = GmlGraphReader.Read(entries, fileName, diagnostics);
        return graph is null ? null : ZooTopologyMapper.ToTopology(graph, fileName, options, diagnostics, errorsBefore);
    }
}
