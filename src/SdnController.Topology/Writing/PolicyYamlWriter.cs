using SdnController.Topology.Model;
using SdnController.Topology.Scenarios;
using SdnController.Topology.Yaml;

namespace SdnController.Topology.Writing;

/// <summary>
/// Writes the <c>controller:</c> and <c>classes:</c> sections. Both are left out when they hold only the
/// defaults (no section reloads as the defaults), so files that never used them are written as before.
/// </summary>
public static class PolicyYamlWriter
{
    public static void Write(ControllerPolicy controller, IReadOnlyList<ClassPolicy> classes, TextWriter w)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(classes);
        if (controller != ControllerPolicy.Default)
        {
            var d = controller.Detection;
            w.Write("controller:\n");
            w.Write($"  routing: {PolicyValues.Name(controller.Routing)}\n");
            w.Write($"  metric: {PolicyValues.Name(controller.Metric)}\n");
            w.Write($"  protection: {OnOff(controller.Protection)}\n");
            if (controller.Ecmp) w.Write("  ecmp: on\n");
            var bfd = d.Bfd is { } b ? $", bfd: {Durations.Format(b)}" : "";
            w.Write($"  detection: {{interval: {Durations.Format(d.Interval)}, multiplier: {d.Multiplier}, hold_down: {Durations.Format(d.HoldDown)}{bfd}}}\n");
            if (controller.Congestion is { } c)
                w.Write($"  congestion: {{threshold: {Units.FormatLoss(c.Threshold)}, interval: {Durations.Format(c.Interval)}}}\n");
        }
        if (classes.Count == 0) return;
        w.Write("classes:\n");
        foreach (var c in classes)
        {
            var parts = new List<string>(2);
            if (c.Metric is { } metric) parts.Add($"metric: {PolicyValues.Name(metric)}");
            if (c.Protection is { } protection) parts.Add($"protection: {OnOff(protection)}");
            if (c.Ecmp is { } ecmp) parts.Add($"ecmp: {OnOff(ecmp)}");
            w.Write($"  {YamlScalar.Format(c.Name)}: {{{string.Join(", ", parts)}}}\n");
        }
    }

    /// <summary>The <c>policy:</c> section, one flow-style entry per line; nothing when there is none.</summary>
    public static void WritePolicy(IReadOnlyList<PolicyRule> policy, TextWriter w)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.Count == 0) return;
        w.Write("policy:\n");
        foreach (var r in policy)
        {
            var parts = new List<string>(3);
            if (r.Class is not null) parts.Add($"class: {YamlScalar.Format(r.Class)}");
            if (r.Protocol is not null) parts.Add($"protocol: {YamlScalar.Format(r.Protocol)}");
            parts.Add(r.Action switch
            {
                PolicyAction.Metric => $"metric: {(r.MetricClass is { } c ? YamlScalar.Format(c) : PolicyValues.Name(r.Metric!.Value))}",
                PolicyAction.Chain => $"chain: {YamlScalar.Format(r.Chain!)}",
                _ => "block: true",
            });
            w.Write($"  - {{{string.Join(", ", parts)}}}\n");
        }
    }

    private static string OnOff(bool on) => on ? "on" : "off";
}
