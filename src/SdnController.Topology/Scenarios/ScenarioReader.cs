using SdnController.Topology.Diagnostics;
using SdnController.Topology.Yaml;

namespace SdnController.Topology.Scenarios;

/// <summary>
/// Reads a <c>scenario:</c> section (in a topology file or a scenario file). Events must come in
/// time order and before the scenario's duration, so a file reads as the timeline it plays.
/// </summary>
internal static class ScenarioReader
{
    /// <summary>Null for an empty section (<c>scenario:</c> or <c>scenario: {}</c>) and after errors.</summary>
    public static Scenario? Read(YEntry section, TopologyRefs refs, DiagnosticBag diagnostics)
    {
        switch (section.Value)
        {
            case YScalar { IsNull: true }:
            case YMapping { Entries.Count: 0 }:
                return null;
            case YMapping map:
                return ReadMapping(map, refs, diagnostics);
            default:
                diagnostics.Error(section.Value.Location,
                    $"expected a mapping for 'scenario' (keys {string.Join(", ", TopologyYamlKeys.Scenario)}), found {section.Value.Describe()}");
                return null;
        }
    }

    private static Scenario? ReadMapping(YMapping map, TopologyRefs refs, DiagnosticBag diagnostics)
    {
        var before = diagnostics.ErrorCount();
        var m = new MappingReader(map, "scenario", TopologyYamlKeys.Scenario, diagnostics);
        var name = m.TryGet("name", out var e) ? ValueReaders.Text(e, "scenario name", diagnostics) : null;
        var duration = m.TryGet("duration", out e) ? SectionValues.PositiveDuration(e, diagnostics) : null;
        var seed = m.TryGet("seed", out e) ? SectionValues.Integer(e, "random seed", int.MinValue, int.MaxValue, diagnostics) : null;

        var events = new List<ScenarioEvent>();
        if (m.TryGet("events", out e))
        {
            EventReader.Result? previous = null;
            foreach (var item in SectionValues.MappingItems(e, "event", "{at: 2s, link: s1-s2, state: down}", diagnostics))
            {
                var read = EventReader.Read(item, refs, seed ?? 1, diagnostics);
                if (read is not { } r) continue;
                var at = r.Event.At;
                if (previous is { } p && at < p.Event.At)
                {
                    diagnostics.Error(r.AtLocation,
                        $"event at {Durations.Format(at)} is before the previous event at {Durations.Format(p.Event.At)} (line {p.AtLocation.Line}); list events in time order");
                    continue;
                }
                if (duration is { } d && at >= d)
                {
                    diagnostics.Error(r.AtLocation, $"event at {Durations.Format(at)} is at or after the scenario's duration {Durations.Format(d)}");
                    continue;
                }
                events.Add(r.Event);
                previous = r;
            }
        }
        if (diagnostics.ErrorCount() > before) return null;
        return new Scenario(events) { Name = name, Duration = duration, Seed = seed, Source = map.Location };
    }
}
