using System.Globalization;
using System.Text.Json;
using SdnController.Controller.Observation;

namespace SdnController.Scenarios.Reporting;

/// <summary>
/// One congestion event of a run (congestion rerouting on): a link direction measured over the threshold at
/// At (run time of the measurement), the flows moved off it (their new rules confirmed and the old ones
/// removed at MovedAt) and the flows that had nowhere to go; UndoneAt when the moved flows came back to their
/// routed paths after the load fell (null: still moved when the run ended, or a topology change moved them).
/// </summary>
public sealed record CongestionReport(
    TimeSpan At,
    string LinkId,
    string Direction,
    double Utilisation,
    double Threshold,
    TimeSpan MovedAt,
    IReadOnlyList<string> MovedFlows,
    IReadOnlyList<string> UnmovableFlows)
{
    public TimeSpan? UndoneAt { get; init; }
    /// <summary>Utilisation of the direction when the undo was decided (with the moved flows back, projected).</summary>
    public double? UndoUtilisation { get; init; }
    public int RulesAdded { get; init; }
    public int RulesRemoved { get; init; }
    public string UpdateMethod { get; init; } = "ordered";
    public System.Diagnostics.ActivityContext Trace { get; init; }
    public System.Diagnostics.ActivityContext UndoTrace { get; init; }

    /// <summary>The moves among the controller's events, each with its undo when one followed.</summary>
    internal static List<CongestionReport> From(IReadOnlyList<ControllerEvent> events, TimeSpan origin)
    {
        var result = new List<CongestionReport>();
        var byEvent = new Dictionary<long, int>();
        foreach (var e in events)
        {
            if (e is not CongestionHandled c) continue;
            if (c.Action == CongestionAction.Move)
            {
                byEvent[c.EventId] = result.Count;
                result.Add(new CongestionReport(c.MeasuredAt - origin, c.LinkId, c.Direction, c.Utilisation, c.Threshold, c.At - origin,
                    c.MovedFlows, c.UnmovableFlows)
                {
                    RulesAdded = c.RulesAdded,
                    RulesRemoved = c.RulesRemoved,
                    UpdateMethod = c.TwoPhaseFlows == 0 ? "ordered" : c.OrderedFlows == 0 ? "two-phase" : "mixed",
                    Trace = c.Trace,
                });
            }
            else if (byEvent.TryGetValue(c.EventId, out var i))
                result[i] = result[i] with { UndoneAt = c.At - origin, UndoUtilisation = c.Utilisation, UndoTrace = c.Trace };
        }
        return result;
    }
}

/// <summary>The `congestion` part of the JSON and text run reports (contract: docs/run-report.md).</summary>
internal static class CongestionReportWriter
{
    public static void WriteJson(Utf8JsonWriter w, IReadOnlyList<CongestionReport> entries, bool includeWallTimes)
    {
        w.WriteStartArray("congestion");
        foreach (var c in entries)
        {
            w.WriteStartObject();
            w.WriteNumber("at_ms", RunReportJson.Ms(c.At));
            w.WriteString("link", c.LinkId);
            w.WriteString("direction", c.Direction);
            w.WriteNumber("utilisation_pct", Pct(c.Utilisation));
            w.WriteNumber("threshold_pct", Pct(c.Threshold));
            w.WriteNumber("moved_at_ms", RunReportJson.Ms(c.MovedAt));
            w.WriteStartArray("moved_flows");
            foreach (var f in c.MovedFlows) w.WriteStringValue(f);
            w.WriteEndArray();
            w.WriteStartArray("unmovable_flows");
            foreach (var f in c.UnmovableFlows) w.WriteStringValue(f);
            w.WriteEndArray();
            w.WriteString("update_method", c.UpdateMethod);
            w.WriteNumber("rules_added", c.RulesAdded);
            w.WriteNumber("rules_removed", c.RulesRemoved);
            if (c.UndoneAt is { } undone) w.WriteNumber("undone_at_ms", RunReportJson.Ms(undone));
            else w.WriteNull("undone_at_ms");
            if (c.UndoUtilisation is { } u) w.WriteNumber("undo_utilisation_pct", Pct(u));
            if (includeWallTimes && c.Trace != default) w.WriteString("trace_id", c.Trace.TraceId.ToHexString());
            if (includeWallTimes && c.UndoTrace != default) w.WriteString("undo_trace_id", c.UndoTrace.TraceId.ToHexString());
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    public static void WriteText(TextWriter o, IReadOnlyList<CongestionReport> entries)
    {
        if (entries.Count == 0) return;
        var inv = CultureInfo.InvariantCulture;
        o.WriteLine();
        o.WriteLine($"  congestion: {entries.Count} event(s)");
        foreach (var c in entries)
        {
            o.WriteLine(string.Create(inv,
                $"    t={Ms(c.At)} ms  link {c.LinkId} ({c.Direction}) at {Pct(c.Utilisation)}% (threshold {Pct(c.Threshold)}%): moved {List(c.MovedFlows)} by t={Ms(c.MovedAt)} ms ({c.UpdateMethod}, rules +{c.RulesAdded} -{c.RulesRemoved})"));
            if (c.UnmovableFlows.Count > 0)
                o.WriteLine($"      no path with headroom for: {List(c.UnmovableFlows)} (they stay)");
            o.WriteLine(c.UndoneAt is { } undone
                ? string.Create(inv, $"      moved back at t={Ms(undone)} ms (the link projected at {Pct(c.UndoUtilisation ?? 0)}% with them back)")
                : "      not moved back by the end of the run");
        }
    }

    private static string List(IReadOnlyList<string> flows) =>
        flows.Count == 0 ? "none" : flows.Count <= 8 ? string.Join(", ", flows) : string.Join(", ", flows.Take(8)) + $" and {flows.Count - 8} more";

    private static double Pct(double fraction) => Math.Round(fraction * 100, 1);

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture);
}
