using SdnController.Topology.Building;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Model;

namespace SdnController.Topology.Yaml;

/// <summary>Reads the <c>switches:</c> section into <see cref="SwitchSpec"/>s.</summary>
internal static class SwitchReader
{
    private static readonly Dictionary<string, string> LocationAliases = new(StringComparer.Ordinal)
    {
        ["latitude"] = "lat", ["longitude"] = "lon", ["lng"] = "lon", ["long"] = "lon",
    };

    public static void Read(YEntry section, TopologyBuilder builder, DiagnosticBag diagnostics)
    {
        foreach (var item in SectionShape.MappingItems(section, "switch", required: true, diagnostics))
        {
            var m = new MappingReader(item, "switch", TopologyYamlKeys.Switch, diagnostics);
            YScalar? id = null;
            if (m.Require("id", diagnostics, out var idEntry)) id = ValueReaders.Scalar(idEntry, "switch id", diagnostics);

            ulong? dpid = m.TryGet("dpid", out var e) ? ValueReaders.DatapathId(e, diagnostics) : null;
            var label = m.TryGet("label", out e) ? ValueReaders.Text(e, "display name", diagnostics) : null;
            var location = m.TryGet("location", out e) ? ReadLocation(e, diagnostics) : null;

            // A switch with a bad dpid or location is still added, so links naming it do not
            // also report "unknown switch"; the file fails anyway.
            if (id is null) continue;
            builder.AddSwitch(new SwitchSpec(id.Value, id.Location) { DatapathId = dpid, Label = label, Location = location });
        }
    }

    private static GeoCoordinate? ReadLocation(YEntry e, DiagnosticBag diagnostics)
    {
        if (e.Value is not YMapping map)
        {
            var at = e.Value is YScalar { IsNull: true } ? e.Key.Location : e.Value.Location;
            diagnostics.Error(at, $"expected a mapping {{lat: …, lon: …}} in degrees for 'location', found {e.Value.Describe()}");
            return null;
        }
        var m = new MappingReader(map, "location", TopologyYamlKeys.Location, diagnostics, LocationAliases);
        double? lat = m.Require("lat", diagnostics, out var latEntry) ? ValueReaders.Number(latEntry, "latitude in degrees", -90, 90, diagnostics) : null;
        double? lon = m.Require("lon", diagnostics, out var lonEntry) ? ValueReaders.Number(lonEntry, "longitude in degrees", -180, 180, diagnostics) : null;
        return lat is { } a && lon is { } b ? new GeoCoordinate(a, b) : null;
    }
}
