using System.Globalization;
using System.Text.RegularExpressions;
using SdnController.Topology.Building;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Model;

namespace SdnController.Testing;

/// <summary>
/// Test-only reader for the flat Topology Zoo GML files (node id/label/Latitude/Longitude, edge
/// source/target), enough to run analyses and rendering on real networks such as Kdl without
/// depending on the project's real importer.
/// </summary>
public static class ZooGmlSketch
{
    private static readonly Regex Block = new(@"(node|edge)\s*\[(.*?)\]", RegexOptions.Singleline | RegexOptions.Compiled);
    private static readonly Regex Field = new(@"^\s*(\w+)\s+(""[^""]*""|\S+)\s*$", RegexOptions.Multiline | RegexOptions.Compiled);

    public static Topology.Model.Topology Load(string path)
    {
        var builder = new TopologyBuilder(Path.GetFileNameWithoutExtension(path));
        foreach (Match block in Block.Matches(File.ReadAllText(path)))
        {
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match f in Field.Matches(block.Groups[2].Value)) fields[f.Groups[1].Value] = f.Groups[2].Value.Trim('"');
            if (block.Groups[1].Value == "node")
            {
                GeoCoordinate? at = fields.TryGetValue("Latitude", out var lat) && fields.TryGetValue("Longitude", out var lon)
                    ? new GeoCoordinate(double.Parse(lat, CultureInfo.InvariantCulture), double.Parse(lon, CultureInfo.InvariantCulture))
                    : null;
                builder.AddSwitch(new SwitchSpec("n" + fields["id"]) { Label = fields.GetValueOrDefault("label"), Location = at });
            }
            else
            {
                builder.AddLink(new LinkSpec(new PortSpec("n" + fields["source"], null), new PortSpec("n" + fields["target"], null)));
            }
        }
        var bag = new DiagnosticBag();
        return builder.Build(bag) ?? throw new InvalidOperationException(string.Join("\n", bag.Items));
    }
}
