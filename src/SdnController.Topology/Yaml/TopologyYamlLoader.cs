using SdnController.Topology.Building;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Model;
using SdnController.Topology.Scenarios;
using SdnController.Topology.Traffic;

namespace SdnController.Topology.Yaml;

/// <summary>
/// Loads a topology file (docs/topology-format.md). Reports every problem in the file at once,
/// each at its line and column, and never throws: on any error it returns null and the reasons
/// are in the diagnostic bag.
/// </summary>
public static class TopologyYamlLoader
{
    public static Model.Topology? Load(string path, DiagnosticBag diagnostics)
    {
        var text = InputFile.ReadAllText(path, diagnostics);
        return text is null ? null : LoadText(text, path, diagnostics);
    }

    /// <param name="fileName">Used in locations and, without its extension, as the default topology name.</param>
    public static Model.Topology? LoadText(string text, string fileName, DiagnosticBag diagnostics)
    {
        var local = new DiagnosticBag();
        Model.Topology? topology = null;
        try
        {
            topology = Read(text ?? "", fileName, local);
        }
        catch (Exception ex)
        {
            // A bug of ours must still read as a diagnostic, never as a stack trace.
            local.Error(new SourceLocation(fileName, 1, 1), $"internal error while reading the topology ({ex.GetType().Name}: {ex.Message}); please report it");
        }
        // File order reads best; the builder's checks otherwise come after all shape errors.
        var sorted = local.Items
            .Select((d, i) => (d, i))
            .OrderBy(x => x.d.Location?.Line ?? 0)
            .ThenBy(x => x.d.Location?.Column ?? 0)
            .ThenBy(x => x.i)
            .Select(x => x.d);
        diagnostics.AddRange(sorted);
        return local.HasErrors ? null : topology;
    }

    private static Model.Topology? Read(string text, string file, DiagnosticBag diagnostics)
    {
        var root = YamlTreeReader.Read(text, file, diagnostics, out var isEmpty);
        if (diagnostics.HasErrors) return null;
        if (root is null || isEmpty)
        {
            diagnostics.Error(new SourceLocation(file, 1, 1), "the file is empty; expected a mapping with at least a 'switches' section");
            return null;
        }
        if (root is not YMapping rootMap)
        {
            diagnostics.Error(root.Location, $"expected a mapping at the top level (keys such as 'switches', 'hosts', 'links'), found {root.Describe()}");
            return null;
        }

        var top = new MappingReader(rootMap, "the top level", TopologyYamlKeys.TopLevel, diagnostics);
        var name = top.TryGet("name", out var e) ? ValueReaders.Text(e, "topology name", diagnostics) : null;
        var builder = new TopologyBuilder(name ?? DefaultName(file))
        {
            SourceFile = file,
            Description = top.TryGet("description", out e) ? ValueReaders.Text(e, "free text", diagnostics) : null,
        };
        if (top.TryGet("defaults", out e)) builder.Defaults = ReadDefaults(e, diagnostics);

        if (top.Require("switches", diagnostics, out e)) SwitchReader.Read(e, builder, diagnostics);
        if (top.TryGet("hosts", out e)) HostReader.Read(e, builder, diagnostics);
        if (top.TryGet("links", out e)) LinkReader.Read(e, builder, diagnostics);
        if (top.TryGet("nfv", out e)) NfvReader.Read(e, builder, diagnostics);
        if (top.TryGet("chains", out e)) ChainReader.Read(e, builder, diagnostics);

        // Build even after shape errors, so semantic errors (unknown switch, port reuse) show up in the same run.
        var topology = builder.Build(diagnostics);

        // Flows and events name hosts, switches and links of the built network; without one they are
        // still read, for their own errors, with references unchecked.
        var refs = topology is null ? TopologyRefs.Unchecked : TopologyRefs.From(topology);
        var traffic = top.TryGet("traffic", out e) ? TrafficReader.Read(e, refs, diagnostics) : Array.Empty<TrafficFlow>();
        var scenario = top.TryGet("scenario", out e) ? ScenarioReader.Read(e, refs, diagnostics) : null;
        var controller = top.TryGet("controller", out e) ? ControllerReader.Read(e, diagnostics) : ControllerPolicy.Default;
        var classes = top.TryGet("classes", out e) ? ClassesReader.Read(e, diagnostics) : Array.Empty<ClassPolicy>();
        var policy = top.TryGet("policy", out e) ? PolicyReader.Read(e, topology, classes, diagnostics) : Array.Empty<PolicyRule>();
        return diagnostics.HasErrors ? null : topology!.WithTrafficAndScenario(traffic, scenario).WithPolicies(controller, classes).WithPolicy(policy);
    }

    private static string DefaultName(string file)
    {
        var n = Path.GetFileNameWithoutExtension(file);
        return string.IsNullOrEmpty(n) ? "topology" : n;
    }

    private static LinkDefaults ReadDefaults(YEntry e, DiagnosticBag diagnostics)
    {
        var standard = LinkDefaults.Standard;
        if (e.Value is YScalar { IsNull: true }) return standard;
        if (e.Value is not YMapping map)
        {
            diagnostics.Error(e.Value.Location, $"expected a mapping (bandwidth, latency, cost, loss, queue) for 'defaults', found {e.Value.Describe()}");
            return standard;
        }
        var m = new MappingReader(map, "defaults", TopologyYamlKeys.Defaults, diagnostics);
        var bandwidth = m.TryGet("bandwidth", out var f) ? ValueReaders.Bandwidth(f, diagnostics) : null;
        var latency = m.TryGet("latency", out f) ? ValueReaders.Latency(f, diagnostics) : null;
        var cost = m.TryGet("cost", out f) ? ValueReaders.Cost(f, diagnostics) : null;
        var loss = m.TryGet("loss", out f) ? ValueReaders.Loss(f, diagnostics) : null;
        var queue = m.TryGet("queue", out f) ? ValueReaders.QueuePackets(f, diagnostics) : null;
        return new LinkDefaults(bandwidth ?? standard.BandwidthBps, latency ?? standard.LatencyMs, cost ?? standard.Cost)
        {
            LossRate = loss ?? standard.LossRate,
            QueuePackets = queue ?? standard.QueuePackets,
        };
    }
}
