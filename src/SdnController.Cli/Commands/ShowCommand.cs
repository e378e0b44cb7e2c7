using System.CommandLine;
using System.Globalization;
using SdnController.Cli.Input;
using SdnController.Cli.Output;
using SdnController.Paths.Analysis;
using SdnController.Paths.Graph;
using SdnController.Topology.Rendering;

namespace SdnController.Cli.Commands;

/// <summary><c>sdnctl show FILE [--json] [--dot OUT] [--svg OUT]</c>: summary and a picture.</summary>
public static class ShowCommand
{
    public static Command Create()
    {
        var file = CommonOptions.TopologyFile();
        var json = CommonOptions.Json();
        var hosts = CommonOptions.HostsPerSwitch();
        var dot = new Option<string?>("--dot") { Description = "Write a Graphviz DOT picture to OUT (positions pinned when coordinates exist: render with neato -n)" };
        var svg = new Option<string?>("--svg") { Description = "Write an SVG picture to OUT (geographic layout when coordinates exist)" };
        var command = new Command("show", "Summarise a topology (counts, components, degree, diameter) and draw it") { file, json, dot, svg, hosts };
        command.SetAction(parse =>
        {
            var topology = TopologyInput.LoadOrReject(parse.GetValue(file)!, parse.GetValue(hosts), printWarnings: !parse.GetValue(json));
            var summary = TopologyStatistics.Compute(topology, CompactGraph.FromTopology(topology, PathMetric.Hop));
            if (parse.GetValue(dot) is { } dotPath) OutputFile.Write(dotPath, w => DotWriter.Write(topology, w));
            if (parse.GetValue(svg) is { } svgPath) OutputFile.Write(svgPath, w => SvgWriter.Write(topology, w));
            if (parse.GetValue(json)) WriteJson(topology, summary);
            else WriteText(topology, summary, parse.GetValue(dot), parse.GetValue(svg));
            return ExitCodes.Success;
        });
        return command;
    }

    private static void WriteText(Topology.Model.Topology t, TopologySummary s, string? dot, string? svg)
    {
        var ic = CultureInfo.InvariantCulture;
        Console.WriteLine($"Topology '{t.Name}'{(t.SourceFile is null ? "" : $" ({t.SourceFile})")}");
        if (!string.IsNullOrEmpty(t.Description)) Console.WriteLine($"  {t.Description}");
        Console.WriteLine($"  switches {s.SwitchCount}, hosts {s.HostCount}, links {s.LinkCount}" +
                          (s.ParallelLinkCount > 0 ? $" ({s.ParallelLinkCount} parallel)" : "") +
                          (s.SelfLoopCount > 0 ? $", {s.SelfLoopCount} self-loops" : ""));
        if (s.ComponentCount <= 1)
            Console.WriteLine("  connected: one component");
        else
        {
            Console.WriteLine($"  {s.ComponentCount} disconnected parts:");
            foreach (var c in s.Components.Take(10))
                Console.WriteLine($"    {c.Size} switches, {c.HostCount} hosts: {string.Join(" ", c.SwitchIds.Take(8))}{(c.Size > 8 ? " …" : "")}");
            if (s.ComponentCount > 10) Console.WriteLine($"    … and {s.ComponentCount - 10} more");
        }
        Console.WriteLine(string.Format(ic, "  degree min {0}, mean {1:F2}, max {2}", s.MinDegree, s.MeanDegree, s.MaxDegree));
        Console.WriteLine(string.Format(ic, "  diameter {0} hops, mean shortest path {1:F2} hops{2}", s.HopDiameter, s.AverageHopPathLength,
            s.ComponentCount > 1 ? " (largest part)" : ""));
        Console.WriteLine(string.Format(ic, "  link latency total {0:0.###} ms, mean {1:0.###} ms", s.TotalLatencyMs, s.MeanLatencyMs));
        Console.WriteLine(s.HasCoordinates
            ? $"  coordinates on {s.SwitchesWithCoordinates} of {s.SwitchCount} switches (geographic picture)"
            : "  no coordinates");
        if (t.Traffic.Count > 0)
            Console.WriteLine($"  traffic: {t.Traffic.Count} flows ({string.Join(", ", t.Traffic.GroupBy(f => f.Kind).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"))})");
        if (t.Scenario is { } scenario)
            Console.WriteLine($"  scenario{(scenario.Name is null ? "" : $" '{scenario.Name}'")}: {scenario.Events.Count} events" +
                              (scenario.Duration is { } d ? string.Create(ic, $", {d.TotalSeconds:0.###} s") : "") + " (play it with sdnctl run)");
        if (t.Nfv.Count > 0)
            Console.WriteLine($"  nfv: {string.Join(", ", t.Nfv.Select(n => $"{n.Id} ({Topology.Model.Nfv.NfvKinds.Name(n.Kind)} at {n.Attachment})"))}");
        if (t.Chains.Count > 0)
            Console.WriteLine($"  chains: {string.Join(", ", t.Chains.Select(c => $"{c.Id} through {string.Join(" → ", c.Through)}"))}");
        if (dot is not null) Console.WriteLine($"  wrote {dot}");
        if (svg is not null) Console.WriteLine($"  wrote {svg}");
    }

    private static void WriteJson(Topology.Model.Topology t, TopologySummary s) => JsonOutput.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("name", t.Name);
        if (t.Description is not null) w.WriteString("description", t.Description);
        w.WriteNumber("switches", s.SwitchCount);
        w.WriteNumber("hosts", s.HostCount);
        w.WriteNumber("links", s.LinkCount);
        w.WriteNumber("parallel_links", s.ParallelLinkCount);
        w.WriteNumber("self_loops", s.SelfLoopCount);
        w.WriteStartArray("components");
        foreach (var c in s.Components)
        {
            w.WriteStartObject();
            w.WriteNumber("size", c.Size);
            w.WriteNumber("hosts", c.HostCount);
            w.WriteStartArray("switches");
            foreach (var id in c.SwitchIds) w.WriteStringValue(id);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("degree");
        w.WriteNumber("min", s.MinDegree);
        w.WriteNumber("mean", Math.Round(s.MeanDegree, 6));
        w.WriteNumber("max", s.MaxDegree);
        w.WriteEndObject();
        w.WriteNumber("diameter_hops", s.HopDiameter);
        w.WriteNumber("mean_path_hops", Math.Round(s.AverageHopPathLength, 6));
        JsonOutput.Number(w, "total_latency_ms", s.TotalLatencyMs);
        JsonOutput.Number(w, "mean_latency_ms", s.MeanLatencyMs);
        w.WriteNumber("switches_with_coordinates", s.SwitchesWithCoordinates);
        w.WriteNumber("traffic_flows", t.Traffic.Count);
        w.WriteNumber("scenario_events", t.Scenario?.Events.Count ?? 0);
        w.WriteEndObject();
    });
}
