using SdnController.Topology.Diagnostics;
using SdnController.Topology.Model;
using SdnController.Topology.Scenarios;

namespace SdnController.Topology.Yaml;

/// <summary>
/// Reads the <c>classes:</c> section: a mapping from traffic-class name (the label flows carry in
/// <c>class:</c>) to that class's policy, <c>{metric, protection}</c>. An empty section means none.
/// </summary>
internal static class ClassesReader
{
    public static IReadOnlyList<ClassPolicy> Read(YEntry section, DiagnosticBag diagnostics)
    {
        var result = new List<ClassPolicy>();
        if (section.Value is YScalar { IsNull: true }) return result;
        if (section.Value is not YMapping map)
        {
            diagnostics.Error(section.Value.Location, $"expected a mapping of class names to policies (such as 'voice: {{metric: latency, protection: on}}') for 'classes', found {section.Value.Describe()}");
            return result;
        }
        var seen = new Dictionary<string, YScalar>(StringComparer.Ordinal);
        foreach (var entry in map.Entries)
        {
            if (entry.Key is not YScalar { IsNull: false } name)
            {
                diagnostics.Error(entry.Key.Location, $"expected a class name in 'classes', found {entry.Key.Describe()}");
                continue;
            }
            if (seen.TryGetValue(name.Value, out var first))
            {
                diagnostics.Error(name.Location, $"duplicate class '{name.Value}' in 'classes' (first at line {first.Location.Line}:{first.Location.Column})");
                continue;
            }
            seen[name.Value] = name;
            if (!SectionValues.CheckLabel(name, "class", diagnostics)) continue;
            if (ReadPolicy(name.Value, entry, diagnostics) is { } policy) result.Add(policy);
        }
        return result;
    }

    private static ClassPolicy? ReadPolicy(string name, YEntry entry, DiagnosticBag diagnostics)
    {
        var policy = new ClassPolicy(name);
        if (entry.Value is YScalar { IsNull: true }) return policy;   // a class named, nothing overridden
        if (entry.Value is not YMapping map)
        {
            diagnostics.Error(entry.Value.Location, $"expected a mapping (metric, protection, ecmp) for class '{name}', found {entry.Value.Describe()}");
            return null;
        }
        var m = new MappingReader(map, $"class '{name}'", TopologyYamlKeys.ClassPolicy, diagnostics);
        if (m.TryGet("metric", out var e)) policy = policy with { Metric = PolicyValues.Metric(e, diagnostics) };
        if (m.TryGet("protection", out e)) policy = policy with { Protection = PolicyValues.OnOff(e, diagnostics) };
        if (m.TryGet("ecmp", out e)) policy = policy with { Ecmp = PolicyValues.OnOff(e, diagnostics) };
        return policy;
    }
}
