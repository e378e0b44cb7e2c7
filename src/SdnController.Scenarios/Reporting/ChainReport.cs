using System.Globalization;
using System.Text.Json;
using SdnController.Controller.Observation;

namespace SdnController.Scenarios.Reporting;

/// <summary>
/// A chained flow's routes through its service chain over the run, in order: each as the controller installed it
/// (At from the run's origin), the path with the functions in place, or the reason it failed closed.
/// </summary>
public sealed record ChainReport(string Chain, string Flow, IReadOnlyList<ChainRouteReport> Routes);

public sealed record ChainRouteReport(TimeSpan At, IReadOnlyList<string> Path, string? ClosedReason);

internal static class ChainReports
{
    public static List<ChainReport> Build(IReadOnlyList<ControllerEvent> events, TimeSpan origin)
    {
        var byFlow = new Dictionary<string, (string Chain, List<ChainRouteReport> Routes)>(StringComparer.Ordinal);
        var result = new List<ChainReport>();
        foreach (var e in events)
        {
            if (e is not ChainRouteChanged r) continue;
            if (!byFlow.TryGetValue(r.FlowId, out var entry))
            {
                byFlow[r.FlowId] = entry = (r.ChainId, new List<ChainRouteReport>());
                result.Add(new ChainReport(r.ChainId, r.FlowId, entry.Routes));
            }
            entry.Routes.Add(new ChainRouteReport(r.At - origin, r.Path, r.ClosedReason));
        }
        return result;
    }

    public static void WriteJson(Utf8JsonWriter w, IReadOnlyList<ChainReport> chains)
    {
        w.WriteStartArray("chains");
        foreach (var c in chains)
        {
            w.WriteStartObject();
            w.WriteString("chain", c.Chain);
            w.WriteString("flow", c.Flow);
            w.WriteStartArray("routes");
            foreach (var r in c.Routes)
            {
                w.WriteStartObject();
                w.WriteNumber("at_ms", r.At.TotalMilliseconds);
                if (r.ClosedReason is { } reason) w.WriteString("closed", reason);
                else
                {
                    w.WriteStartArray("path");
                    foreach (var p in r.Path) w.WriteStringValue(p);
                    w.WriteEndArray();
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    public static void WriteText(TextWriter o, IReadOnlyList<ChainReport> chains)
    {
        if (chains.Count == 0) return;
        o.WriteLine();
        o.WriteLine($"  chained flows: {chains.Count}");
        foreach (var c in chains)
        {
            o.WriteLine($"    {c.Flow} (chain {c.Chain}): {c.Routes.Count} route(s)");
            foreach (var r in c.Routes)
            {
                var at = r.At.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture);
                o.WriteLine(r.ClosedReason is { } reason
                    ? $"      t={at} ms: fails closed ({reason}), dropped at the ingress"
                    : $"      t={at} ms: {string.Join(" -> ", r.Path)}");
            }
        }
    }
}
