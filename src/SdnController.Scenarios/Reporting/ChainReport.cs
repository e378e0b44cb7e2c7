using System.Globalization;
using System.Text.Json;
using SdnController.Controller.Observation;

namespace SdnController.Scenarios.Reporting;

/// <summary>
/// A chained flow's routes through its service chain over the run, in order: each as the controller installed it
/// (At from the run's origin), the path with the functions in place, or the reason it failed closed.
/// </summary>
public sealed record ChainReport(string Chain, string Flow, IReadOnlyList<ChainRouteReport> Routes);

public sealed record ChainRouteReport(TimeSpan At, IReadOnlyList<string> Path, string? ClosedReason)
{
    /// <summary>
    /// The path to each receiving host: one for a flow to a host (the same as <see cref="Path"/>), one per backend for a
    /// flow to a load balancer's VIP.
    /// </summary>
    public IReadOnlyList<ChainBranchPath> Branches { get; init; } = Array.Empty<ChainBranchPath>();
    /// <summary>Receiving hosts no route reached at the time.</summary>
    public IReadOnlyList<string> Unreached { get; init; } = Array.Empty<string>();
}

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
            entry.Routes.Add(new ChainRouteReport(r.At - origin, r.Path, r.ClosedReason) { Branches = r.Branches, Unreached = r.Unreached });
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
                    // A flow to a VIP has a path per backend; a flow to a host has its one path above.
                    if (r.Branches.Count > 1)
                    {
                        w.WriteStartArray("branches");
                        foreach (var b in r.Branches)
                        {
                            w.WriteStartObject();
                            w.WriteString("receiver", b.Receiver);
                            w.WriteStartArray("path");
                            foreach (var p in b.Path) w.WriteStringValue(p);
                            w.WriteEndArray();
                            w.WriteEndObject();
                        }
                        w.WriteEndArray();
                    }
                    if (r.Unreached.Count > 0)
                    {
                        w.WriteStartArray("unreached");
                        foreach (var h in r.Unreached) w.WriteStringValue(h);
                        w.WriteEndArray();
                    }
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
                if (r.ClosedReason is { } reason) o.WriteLine($"      t={at} ms: fails closed ({reason}), dropped at the ingress");
                else if (r.Branches.Count > 1)
                {
                    o.WriteLine($"      t={at} ms: {r.Branches.Count} paths, one per receiving host{(r.Unreached.Count > 0 ? $" ({string.Join(", ", r.Unreached)} unreachable)" : "")}");
                    foreach (var b in r.Branches) o.WriteLine($"        to {b.Receiver}: {string.Join(" -> ", b.Path)}");
                }
                else o.WriteLine($"      t={at} ms: {string.Join(" -> ", r.Path)}{(r.Unreached.Count > 0 ? $" ({string.Join(", ", r.Unreached)} unreachable)" : "")}");
            }
        }
    }
}
