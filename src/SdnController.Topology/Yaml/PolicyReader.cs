using SdnController.Classification;
using SdnController.Classification.Classes;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Model;
using SdnController.Topology.Scenarios;

namespace SdnController.Topology.Yaml;

/// <summary>
/// Reads the <c>policy:</c> section: a sequence of entries, each matching a traffic class and/or an application
/// protocol (the classifier's names) and giving exactly one action — <c>metric:</c> (a metric or a <c>classes:</c>
/// entry's name), <c>chain:</c> (a <c>chains:</c> id) or <c>block: true</c>. Names are checked against what the
/// classifier can report, so a misspelt class or protocol is an error with a hint rather than a rule that never fires.
/// </summary>
internal static class PolicyReader
{
    /// <summary>The traffic classes the classifier reports (<c>other</c> included: a flow nothing better describes).</summary>
    public static readonly IReadOnlyList<string> ClassNames = Enum.GetValues<TrafficClass>().Select(c => c.Name()).ToArray();

    /// <summary>The protocols the classifier reports, spelt as nDPI spells them.</summary>
    public static readonly IReadOnlyList<string> ProtocolNames = Enum.GetValues<AppProtocol>().Select(p => p.Name()).ToArray();

    private static readonly string[] ActionKeys = { "metric", "chain", "block" };

    /// <param name="topology">The built network, for chain ids; null when it did not build (chains are then unchecked).</param>
    public static IReadOnlyList<PolicyRule> Read(YEntry section, Model.Topology? topology, IReadOnlyList<ClassPolicy> classes, DiagnosticBag diagnostics)
    {
        var result = new List<PolicyRule>();
        foreach (var item in SectionValues.MappingItems(section, "policy entry", "{class: real-time, metric: latency}", diagnostics))
        {
            var m = new MappingReader(item, "policy entry", TopologyYamlKeys.PolicyEntry, diagnostics);
            var ok = true;
            string? cls = null, protocol = null;
            if (m.TryGet("class", out var e)) ok &= Name(e, ClassNames, "traffic class", out cls, diagnostics);
            if (m.TryGet("protocol", out e)) ok &= Name(e, ProtocolNames, "protocol", out protocol, diagnostics);
            if (!m.TryGet("class", out _) && !m.TryGet("protocol", out _))
            {
                diagnostics.Error(item.Location, "a policy entry needs 'class' and/or 'protocol' to say which flows it takes");
                ok = false;
            }
            var actions = new List<YEntry>(1);
            foreach (var key in ActionKeys)
                if (m.TryGet(key, out e)) actions.Add(e);
            if (actions.Count != 1)
            {
                var at = actions.Count > 1 ? actions[1].Key.Location : item.Location;
                diagnostics.Error(at, actions.Count == 0
                    ? "a policy entry needs one action: 'metric: latency|hop|cost|headroom|bandwidth' (or a classes: name), 'chain: ID' or 'block: true'"
                    : $"a policy entry has one action; found {string.Join(" and ", actions.Select(a => $"'{SectionValues.KeyOf(a)}'"))}");
                continue;
            }
            var action = actions[0];
            PolicyRule? rule = SectionValues.KeyOf(action) switch
            {
                "metric" => MetricRule(action, cls, protocol, classes, diagnostics),
                "chain" => ChainRule(action, cls, protocol, topology, diagnostics),
                _ => BlockRule(action, cls, protocol, diagnostics),
            };
            if (ok && rule is not null) result.Add(rule with { Source = item.Location });
        }
        return result;
    }

    /// <summary>A class or protocol name, normalised to the classifier's spelling; false after an error with a hint.</summary>
    private static bool Name(YEntry e, IReadOnlyList<string> names, string what, out string? name, DiagnosticBag diagnostics)
    {
        name = null;
        var s = ValueReaders.Scalar(e, what, diagnostics);
        if (s is null) return false;
        var t = s.Value.Trim();
        foreach (var n in names)
            if (string.Equals(n, t, StringComparison.OrdinalIgnoreCase)) { name = n; return true; }
        diagnostics.Error(s.Location, $"unknown {what} '{t}' in policy entry{DidYouMean.Hint(t, names)}");
        return false;
    }

    private static readonly string[] MetricChoices = { "hop", "latency", "cost", "headroom", "bandwidth" };

    private static PolicyRule? MetricRule(YEntry e, string? cls, string? protocol, IReadOnlyList<ClassPolicy> classes, DiagnosticBag diagnostics)
    {
        var s = ValueReaders.Scalar(e, "a metric or a classes: name", diagnostics);
        if (s is null) return null;
        var t = s.Value.Trim();
        for (var i = 0; i < MetricChoices.Length; i++)
            if (string.Equals(MetricChoices[i], t, StringComparison.OrdinalIgnoreCase))
                // "bandwidth" reads as headroom: the path with the most spare capacity.
                return new PolicyRule(cls, protocol, PolicyAction.Metric) { Metric = (RouteMetric)Math.Min(i, (int)RouteMetric.Headroom) };
        foreach (var c in classes)
        {
            if (!string.Equals(c.Name, t, StringComparison.Ordinal)) continue;
            if (c.Metric is { } metric) return new PolicyRule(cls, protocol, PolicyAction.Metric) { Metric = metric, MetricClass = c.Name };
            diagnostics.Error(s.Location, $"class '{t}' in 'classes' gives no metric, so a policy entry cannot route by it");
            return null;
        }
        var candidates = MetricChoices.Concat(classes.Select(c => c.Name)).ToArray();
        diagnostics.Error(s.Location, $"expected a metric ({string.Join(" | ", MetricChoices)}) or a 'classes' entry's name for 'metric', found {s.Describe()}{DidYouMean.Hint(t, candidates)}");
        return null;
    }

    private static PolicyRule? ChainRule(YEntry e, string? cls, string? protocol, Model.Topology? topology, DiagnosticBag diagnostics)
    {
        var s = ValueReaders.Scalar(e, "a chains: id", diagnostics);
        if (s is null) return null;
        var id = s.Value.Trim();
        if (topology is not null && !topology.Chains.Any(c => c.Id == id))
        {
            var ids = topology.Chains.Select(c => c.Id).ToArray();
            diagnostics.Error(s.Location, ids.Length == 0
                ? $"unknown chain '{id}': the topology has no 'chains' section"
                : $"unknown chain '{id}' in policy entry{DidYouMean.Hint(id, ids)}");
            return null;
        }
        return new PolicyRule(cls, protocol, PolicyAction.Chain) { Chain = id };
    }

    private static PolicyRule? BlockRule(YEntry e, string? cls, string? protocol, DiagnosticBag diagnostics)
    {
        var on = SectionValues.Boolean(e, diagnostics);
        if (on is null) return null;
        if (on.Value) return new PolicyRule(cls, protocol, PolicyAction.Block);
        diagnostics.Error(e.Value.Location, "'block: false' is no action; leave the entry out, or give 'metric' or 'chain'");
        return null;
    }
}
