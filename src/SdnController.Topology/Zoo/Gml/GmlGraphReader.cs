using SdnController.Topology.Diagnostics;

namespace SdnController.Topology.Zoo.Gml;

/// <summary>
/// Reads the parsed GML tree as a graph: the first top-level <c>graph [ … ]</c>; its scalar entries are
/// graph attributes, <c>node [ … ]</c> needs an <c>id</c>, <c>edge [ … ]</c> needs <c>source</c> and
/// <c>target</c>. Nested lists such as <c>graphics [ … ]</c> carry drawing hints only and are skipped.
/// </summary>
internal static class GmlGraphReader
{
    /// <summary>Null only when there is no graph at all; problems inside it are reported and the faulty element left out.</summary>
    public static ZooGraph? Read(List<GmlEntry> top, string file, DiagnosticBag diagnostics)
    {
        GmlEntry? graphEntry = null;
        foreach (var e in top)
        {
            if (e.Key != "graph") continue;
            if (!e.IsList)
            {
                diagnostics.Error(e.ValueAt, $"expected 'graph [ ... ]', found {Describe(e)}");
                return null;
            }
            if (graphEntry is null) graphEntry = e;
            else diagnostics.Warning(e.KeyAt, "only the first 'graph [ ... ]' is read; this one is ignored");
        }
        if (graphEntry is null)
        {
            diagnostics.Error(new SourceLocation(file, 1, 1), "no 'graph [ ... ]' found");
            return null;
        }

        var graph = new ZooGraph();
        foreach (var e in graphEntry.Children!)
        {
            switch (e.Key)
            {
                case "node":
                    ReadNode(e, graph, diagnostics);
                    break;
                case "edge":
                    ReadEdge(e, graph, diagnostics);
                    break;
                default:
                    if (!e.IsList) graph.Attributes[e.Key] = new ZooValue(e.Text, e.ValueAt);
                    break;
            }
        }
        return graph;
    }

    private static void ReadNode(GmlEntry e, ZooGraph graph, DiagnosticBag diagnostics)
    {
        if (!e.IsList)
        {
            diagnostics.Error(e.ValueAt, $"expected 'node [ ... ]', found {Describe(e)}");
            return;
        }
        GmlEntry? id = null;
        foreach (var c in e.Children!)
            if (c.Key == "id") id = c;
        if (id is null)
        {
            diagnostics.Error(e.KeyAt, "node has no 'id'");
            return;
        }
        if (id.IsList)
        {
            diagnostics.Error(id.ValueAt, "node 'id' must be a number or a string, found a list");
            return;
        }
        var node = new ZooNode(id.Text, e.KeyAt);
        foreach (var c in e.Children!)
            if (!c.IsList && c.Key != "id") node.Data[c.Key] = new ZooValue(c.Text, c.ValueAt);
        graph.Nodes.Add(node);
    }

    private static void ReadEdge(GmlEntry e, ZooGraph graph, DiagnosticBag diagnostics)
    {
        if (!e.IsList)
        {
            diagnostics.Error(e.ValueAt, $"expected 'edge [ ... ]', found {Describe(e)}");
            return;
        }
        GmlEntry? source = null, target = null;
        foreach (var c in e.Children!)
        {
            if (c.Key == "source") source = c;
            else if (c.Key == "target") target = c;
        }
        if (source is null || target is null)
        {
            diagnostics.Error(e.KeyAt, $"edge has no '{(source is null ? "source" : "target")}'");
            return;
        }
        foreach (var end in new[] { source, target })
        {
            if (!end.IsList) continue;
            diagnostics.Error(end.ValueAt, $"edge '{end.Key}' must be a node id, found a list");
            return;
        }
        var edge = new ZooEdge(source.Text, source.ValueAt, target.Text, target.ValueAt, e.KeyAt);
        foreach (var c in e.Children!)
            if (!c.IsList && c.Key is not ("source" or "target")) edge.Data[c.Key] = new ZooValue(c.Text, c.ValueAt);
        graph.Edges.Add(edge);
    }

    private static string Describe(GmlEntry e) => e.ValueKind switch
    {
        GmlTokenKind.String => $"string \"{e.Text}\"",
        GmlTokenKind.Open => "a list",
        _ => $"number {e.Text}",
    };
}
