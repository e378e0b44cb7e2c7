using System.Globalization;
using SdnController.Topology.Building;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Model;

namespace SdnController.Topology.Zoo;

/// <summary>
/// Turns a <see cref="ZooGraph"/> (from either format) into a topology. Both formats go through here, so
/// GraphML and GML of the same network give the same switch ids, link order and figures.
/// </summary>
/// <remarks>
/// Link latency is deliberately left unstated: the builder derives it from the ends' coordinates or
/// applies the default, and marks which (<see cref="LatencySource"/>).
/// </remarks>
public static class ZooTopologyMapper
{
    // Node attributes that become Switch properties rather than Switch.Attributes.
    private const string LabelKey = "label";
    private const string LatitudeKey = "Latitude";
    private const string LongitudeKey = "Longitude";

    /// <summary>
    /// The switch id for a node id as written: a bare number <c>12</c> becomes <c>n12</c> (the Zoo numbers
    /// its nodes 0..n-1 in both formats, and a bare number would read like a port); other ids stay as written.
    /// </summary>
    public static string SwitchId(string rawId)
    {
        if (rawId.Length == 0) return rawId;
        foreach (var c in rawId)
            if (c is < '0' or > '9') return rawId;
        return "n" + rawId;
    }

    /// <summary>
    /// Null when errors were reported, here or (since <paramref name="errorsBefore"/>) while reading the file:
    /// a reader reports what it can and hands over the rest, so one run lists every problem.
    /// </summary>
    public static Model.Topology? ToTopology(ZooGraph graph, string fileName, ZooImportOptions options, DiagnosticBag diagnostics, int errorsBefore)
    {
        var countProblem = GeneratedHosts.CheckCount(graph.Nodes.Count, options.HostsPerSwitch);
        if (countProblem is not null)
        {
            diagnostics.Error(null, $"{fileName}: {countProblem}");
            return null;
        }

        var builder = new TopologyBuilder(NameOf(graph, fileName)) { SourceFile = fileName };
        foreach (var (k, v) in graph.Attributes) builder.Attributes[k] = v.Text;

        var idByRaw = new Dictionary<string, string>(graph.Nodes.Count, StringComparer.Ordinal);
        var nodeAt = new Dictionary<string, SourceLocation>(graph.Nodes.Count, StringComparer.Ordinal);
        var switchIds = new List<string>(graph.Nodes.Count);
        foreach (var node in graph.Nodes)
        {
            if (node.RawId.Length == 0)
            {
                diagnostics.Error(node.At, "node id is empty");
                continue;
            }
            if (nodeAt.TryGetValue(node.RawId, out var firstAt))
            {
                diagnostics.Error(node.At, $"duplicate node id '{node.RawId}' (first at line {firstAt.Line}:{firstAt.Column})");
                continue;
            }
            var id = SwitchId(node.RawId);
            idByRaw[node.RawId] = id;
            nodeAt[node.RawId] = node.At;
            switchIds.Add(id);
            builder.AddSwitch(new SwitchSpec(id, node.At)
            {
                Label = node.Data.TryGetValue(LabelKey, out var label) ? label.Text : null,
                Location = LocationOf(node, diagnostics),
                Attributes = NodeAttributes(node),
            });
        }

        foreach (var edge in graph.Edges)
        {
            var a = ResolveEnd(edge.RawSource, edge.SourceAt, "source", idByRaw, diagnostics);
            var b = ResolveEnd(edge.RawTarget, edge.TargetAt, "target", idByRaw, diagnostics);
            if (a is null || b is null) continue;
            builder.AddLink(new LinkSpec(new PortSpec(a, null, edge.SourceAt), new PortSpec(b, null, edge.TargetAt), edge.At)
            {
                BandwidthBps = BandwidthOf(edge, diagnostics),
                Attributes = ToStrings(edge.Data),
            });
        }

        if (options.HostsPerSwitch > 0) GeneratedHosts.Attach(builder, switchIds, options.HostsPerSwitch);
        if (diagnostics.ErrorCount() > errorsBefore) return null;
        return builder.Build(diagnostics);
    }

    private static string NameOf(ZooGraph graph, string fileName)
    {
        if (graph.Attributes.TryGetValue("Network", out var n) && !string.IsNullOrWhiteSpace(n.Text)) return n.Text.Trim();
        if (graph.Attributes.TryGetValue(LabelKey, out var l) && !string.IsNullOrWhiteSpace(l.Text)) return l.Text.Trim();
        return Path.GetFileNameWithoutExtension(fileName);
    }

    private static string? ResolveEnd(string raw, SourceLocation at, string end, Dictionary<string, string> idByRaw, DiagnosticBag diagnostics)
    {
        if (idByRaw.TryGetValue(raw, out var id)) return id;
        diagnostics.Error(at, $"edge {end} '{raw}' is not the id of any node{DidYouMean.Hint(raw, idByRaw.Keys)}");
        return null;
    }

    /// <summary>A location only when both coordinates are present and on the globe; hyperedge and external nodes often have neither.</summary>
    private static GeoCoordinate? LocationOf(ZooNode node, DiagnosticBag diagnostics)
    {
        var hasLat = node.Data.TryGetValue(LatitudeKey, out var lat);
        var hasLon = node.Data.TryGetValue(LongitudeKey, out var lon);
        if (!hasLat && !hasLon) return null;
        if (hasLat != hasLon)
        {
            var (given, missing, at) = hasLat ? (LatitudeKey, LongitudeKey, lat.At) : (LongitudeKey, LatitudeKey, lon.At);
            diagnostics.Warning(at, $"node '{node.RawId}' has {given} but no {missing}; it gets no location");
            return null;
        }
        var okLat = TryCoordinate(lat, LatitudeKey, 90, node.RawId, diagnostics, out var la);
        var okLon = TryCoordinate(lon, LongitudeKey, 180, node.RawId, diagnostics, out var lo);
        return okLat && okLon ? new GeoCoordinate(la, lo) : null;
    }

    private static bool TryCoordinate(ZooValue v, string what, double limit, string nodeId, DiagnosticBag diagnostics, out double value)
    {
        if (double.TryParse(v.Text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) &&
            double.IsFinite(value) && Math.Abs(value) <= limit)
            return true;
        diagnostics.Warning(v.At, $"{what} '{v.Text}' of node '{nodeId}' is not a number in -{limit}..{limit}; the node gets no location");
        return false;
    }

    private static double? BandwidthOf(ZooEdge edge, DiagnosticBag diagnostics)
    {
        if (!edge.Data.TryGetValue("LinkSpeed", out var speed)) return null;
        string? units = edge.Data.TryGetValue("LinkSpeedUnits", out var u) ? u.Text : null;
        if (LinkSpeed.TryParse(speed.Text, units, out var bps, out var problem)) return bps;
        diagnostics.Warning(speed.At, $"{problem}; the default bandwidth applies");
        return null;
    }

    private static IReadOnlyDictionary<string, string> NodeAttributes(ZooNode node)
    {
        var result = new Dictionary<string, string>(node.Data.Count, StringComparer.Ordinal);
        foreach (var (k, v) in node.Data)
        {
            if (k is LabelKey or LatitudeKey or LongitudeKey) continue;
            // NetworkX copies the GML node id into a GraphML "id" attribute; it says nothing new.
            if (k == "id" && v.Text == node.RawId) continue;
            result[k] = v.Text;
        }
        return result;
    }

    private static IReadOnlyDictionary<string, string> ToStrings(Dictionary<string, ZooValue> data)
    {
        var result = new Dictionary<string, string>(data.Count, StringComparer.Ordinal);
        foreach (var (k, v) in data) result[k] = v.Text;
        return result;
    }
}
