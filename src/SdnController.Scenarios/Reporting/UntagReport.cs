using System.Globalization;
using System.Text.Json;
using SdnController.Controller.Observation;

namespace SdnController.Scenarios.Reporting;

/// <summary>
/// One untagging pass (the run report's <c>untagging</c> section): flows a two-phase update had left on the tagged
/// version, moved back to their untagged rules on the same routes. StartedAt is when the pass began (the network had
/// been quiet for the controller's wait), At when the switches confirmed the last removal (run time).
/// </summary>
public sealed record UntagReport(TimeSpan At, TimeSpan StartedAt, int Flows, int RulesAdded, int RulesRemoved, int SwitchesTouched, IReadOnlyList<string> UnconfirmedSwitches);

internal static class UntagReports
{
    public static List<UntagReport> Build(IReadOnlyList<ControllerEvent> events, TimeSpan origin)
    {
        var result = new List<UntagReport>();
        foreach (var e in events)
            if (e is FlowsUntagged u)
                result.Add(new UntagReport(u.At - origin, u.StartedAt - origin, u.Flows, u.RulesAdded, u.RulesRemoved, u.SwitchesTouched, u.UnconfirmedSwitches));
        return result;
    }

    public static void WriteJson(Utf8JsonWriter w, IReadOnlyList<UntagReport> passes)
    {
        w.WriteStartArray("untagging");
        foreach (var p in passes)
        {
            w.WriteStartObject();
            w.WriteNumber("at_ms", p.At.TotalMilliseconds);
            w.WriteNumber("started_at_ms", p.StartedAt.TotalMilliseconds);
            w.WriteNumber("flows", p.Flows);
            w.WriteNumber("rules_added", p.RulesAdded);
            w.WriteNumber("rules_removed", p.RulesRemoved);
            w.WriteNumber("switches_touched", p.SwitchesTouched);
            w.WriteStartArray("unconfirmed_switches");
            foreach (var s in p.UnconfirmedSwitches) w.WriteStringValue(s);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    public static void WriteText(TextWriter o, IReadOnlyList<UntagReport> passes)
    {
        if (passes.Count == 0) return;
        o.WriteLine();
        o.WriteLine($"  untagging: {passes.Count} pass(es) took flows off the two-phase version tag once the network was quiet");
        foreach (var p in passes)
        {
            var at = p.StartedAt.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture);
            var done = p.At.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture);
            var unconfirmed = p.UnconfirmedSwitches.Count > 0 ? $"; unconfirmed: {string.Join(", ", p.UnconfirmedSwitches)}" : "";
            o.WriteLine($"    t={at} ms  {p.Flows} flow(s) back to untagged rules by t={done} ms (two-phase, rules +{p.RulesAdded} -{p.RulesRemoved} on {p.SwitchesTouched} switches{unconfirmed})");
        }
    }
}
