using System.Text;
using System.Text.Json.Nodes;
using SdnController.Topology;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Zoo;
using SdnController.Verification.Checking;
using SdnController.Verification.Dump;

namespace SdnController.Verification.Tests;

public static class Fixtures
{
    public static Topology.Model.Topology LoadTopology(string path)
    {
        var bag = new DiagnosticBag();
        var t = TopologyFileLoader.Load(path, new ZooImportOptions(), bag);
        Assert.That(t, Is.Not.Null, string.Join("\n", bag.Items));
        return t!;
    }

    public static string TempFile(string text, string ext)
    {
        var path = Path.Combine(Path.GetTempPath(), $"sdnctl-verify-{Guid.NewGuid():N}{ext}");
        File.WriteAllText(path, text);
        return path;
    }

    public static VerificationReport Verify(Topology.Model.Topology t, JsonNode dump, params string[] down) =>
        Verifier.Verify(t, FlowDumpReader.Read(Encoding.UTF8.GetBytes(dump.ToJsonString()), "dump.json"), down);

    public static JsonObject Switch(JsonNode dump, string id) =>
        dump["switches"]!.AsArray().Select(s => s!.AsObject()).Single(s => (string)s["id"]! == id);

    /// <summary>The rules of a switch whose match has these source/destination addresses and L4 destination port.</summary>
    public static List<JsonObject> RulesFor(JsonNode dump, string sw, string src, string dst, int? l4Dst = null) =>
        Switch(dump, sw)["flows"]!.AsArray().Select(f => f!.AsObject())
            .Where(f => (string?)f["match"]!["ipv4_src"] == src + "/32" && (string?)f["match"]!["ipv4_dst"] == dst + "/32"
                        && (l4Dst is null || (int?)f["match"]!["l4_dst"] == l4Dst))
            .ToList();

    public static JsonArray Output(int port) => new(new JsonObject { ["type"] = "output", ["port"] = port });
}
