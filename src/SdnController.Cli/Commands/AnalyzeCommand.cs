using System.CommandLine;
using SdnController.Cli.Input;
using SdnController.Cli.Output;
using SdnController.Paths.Analysis;
using SdnController.Paths.Graph;

namespace SdnController.Cli.Commands;

/// <summary>
/// <c>sdnctl analyze FILE [--json]</c>: single points of failure (bridges, articulation switches),
/// the pairs each would cut off, link-disjoint path counts per pair, and the worst single failures.
/// </summary>
public static class AnalyzeCommand
{
    public static Command Create()
    {
        var file = CommonOptions.TopologyFile();
        var json = CommonOptions.Json();
        var hosts = CommonOptions.HostsPerSwitch();
        var pairs = new Option<bool>("--pairs") { Description = "Text output: list every switch pair's link-disjoint path count" };
        var command = new Command("analyze", "Find single points of failure and how many disjoint paths each pair has") { file, json, hosts, pairs };
        command.SetAction(parse =>
        {
            var t = TopologyInput.LoadOrReject(parse.GetValue(file)!, parse.GetValue(hosts), printWarnings: !parse.GetValue(json));
            var g = CompactGraph.FromTopology(t, PathMetric.Hop);
            var spof = SinglePointsOfFailure.Analyze(t, g);
            var connectivity = EdgeConnectivity.AllPairs(g);
            if (parse.GetValue(json)) WriteJson(t, g, spof, connectivity);
            else WriteText(t, g, spof, connectivity, parse.GetValue(pairs));
            return ExitCodes.Success;
        });
        return command;
    }

    private static void WriteText(Topology.Model.Topology t, CompactGraph g, SinglePointsOfFailureReport r, EdgeConnectivity c, bool listPairs)
    {
        Console.WriteLine($"Single points of failure in '{t.Name}' ({t.Switches.Count} switches, {t.Hosts.Count} hosts, {t.Links.Count} links)");
        Console.WriteLine($"  bridge links: {r.Bridges.Count}");
        foreach (var b in r.Bridges.OrderByDescending(b => b.SwitchPairsDisconnected).ThenBy(b => b.Link).Take(20))
            Console.WriteLine($"    {b.LinkId} ({b.SwitchA}–{b.SwitchB}): cuts off {b.SmallerSideSwitches} switches; {b.SwitchPairsDisconnected} switch pairs, {b.HostPairsDisconnected} host pairs");
        if (r.Bridges.Count > 20) Console.WriteLine($"    … {r.Bridges.Count - 20} more (--json lists all)");
        Console.WriteLine($"  articulation switches: {r.ArticulationSwitches.Count}");
        foreach (var a in r.ArticulationSwitches.OrderByDescending(a => a.SwitchPairsDisconnected).ThenBy(a => a.Node).Take(20))
            Console.WriteLine($"    {a.SwitchId}: splits into {a.Pieces} pieces; {a.SwitchPairsDisconnected} switch pairs, {a.HostPairsDisconnected} host pairs");
        if (r.ArticulationSwitches.Count > 20) Console.WriteLine($"    … {r.ArticulationSwitches.Count - 20} more (--json lists all)");
        Console.WriteLine(r.WorstLinkFailure is { } wl
            ? $"  worst single link failure: {wl.LinkId} ({wl.SwitchA}–{wl.SwitchB}), {wl.SwitchPairsDisconnected} switch pairs, {wl.HostPairsDisconnected} host pairs"
            : "  worst single link failure: none disconnects anything");
        if (r.WorstSwitchFailure is { } ws)
            Console.WriteLine($"  worst single switch failure: {ws.SwitchId}, {ws.SwitchPairsDisconnected} switch pairs, {ws.HostPairsDisconnected} host pairs (pairs with the switch itself included)");
        Console.WriteLine("  link-disjoint paths per switch pair (unordered):");
        for (var k = 0; k < c.Histogram.Length; k++)
            if (c.Histogram[k] > 0) Console.WriteLine($"    {k,3} disjoint: {c.Histogram[k]} pairs");
        if (!listPairs) return;
        for (var s = 0; s < g.NodeCount; s++)
        for (var d = s + 1; d < g.NodeCount; d++)
            Console.WriteLine($"    {g.NodeIds[s]} {g.NodeIds[d]} {c.Between(s, d)}");
    }

    private static void WriteJson(Topology.Model.Topology t, CompactGraph g, SinglePointsOfFailureReport r, EdgeConnectivity c) => JsonOutput.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("name", t.Name);
        w.WriteStartArray("bridges");
        foreach (var b in r.Bridges)
        {
            w.WriteStartObject();
            w.WriteString("link", b.LinkId);
            w.WriteString("a", b.SwitchA);
            w.WriteString("b", b.SwitchB);
            w.WriteNumber("cut_off_switches", b.SmallerSideSwitches);
            w.WriteNumber("switch_pairs", b.SwitchPairsDisconnected);
            w.WriteNumber("host_pairs", b.HostPairsDisconnected);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("articulation_switches");
        foreach (var a in r.ArticulationSwitches) WriteSwitch(w, a);
        w.WriteEndArray();
        w.WritePropertyName("worst_link_failure");
        if (r.WorstLinkFailure is { } wl)
        {
            w.WriteStartObject();
            w.WriteString("link", wl.LinkId);
            w.WriteNumber("switch_pairs", wl.SwitchPairsDisconnected);
            w.WriteNumber("host_pairs", wl.HostPairsDisconnected);
            w.WriteEndObject();
        }
        else w.WriteNullValue();
        w.WritePropertyName("worst_switch_failure");
        if (r.WorstSwitchFailure is { } ws) WriteSwitch(w, ws);
        else w.WriteNullValue();
        w.WriteStartObject("disjoint_paths_histogram");
        for (var k = 0; k < c.Histogram.Length; k++)
            if (c.Histogram[k] > 0) w.WriteNumber(k.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Histogram[k]);
        w.WriteEndObject();
        w.WriteStartArray("disjoint_paths");
        for (var s = 0; s < g.NodeCount; s++)
        for (var d = s + 1; d < g.NodeCount; d++)
        {
            w.WriteStartObject();
            w.WriteString("src", g.NodeIds[s]);
            w.WriteString("dst", g.NodeIds[d]);
            w.WriteNumber("count", c.Between(s, d));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static void WriteSwitch(System.Text.Json.Utf8JsonWriter w, SwitchFailureImpact a)
    {
        w.WriteStartObject();
        w.WriteString("switch", a.SwitchId);
        w.WriteNumber("pieces", a.Pieces);
        w.WriteNumber("switch_pairs", a.SwitchPairsDisconnected);
        w.WriteNumber("host_pairs", a.HostPairsDisconnected);
        w.WriteEndObject();
    }
}
