using System.Globalization;
using System.Text.Json;

namespace SdnController.Scenarios.Reporting;

/// <summary>The run report's `functions` section and the nfv changes' controller reaction, in JSON and text (docs/run-report.md).</summary>
internal static class FunctionReportWriter
{
    public static void WriteJson(Utf8JsonWriter w, IReadOnlyList<FunctionReport> functions)
    {
        w.WriteStartArray("functions");
        foreach (var f in functions)
        {
            w.WriteStartObject();
            w.WriteString("id", f.Id);
            w.WriteString("kind", f.Kind);
            w.WriteString("attach", f.Attachment);
            w.WriteString("state", f.State);
            w.WriteNumber("applied_version", f.AppliedVersion);
            w.WriteStartArray("configurations");
            foreach (var c in f.Configurations)
            {
                w.WriteStartObject();
                w.WriteNumber("at_ms", RunReportJson.Ms(c.At));
                w.WriteNumber("version", c.Version);
                w.WriteString("outcome", c.Outcome);
                w.WriteString("reason", c.Reason);
                w.WriteNumber("attempts", c.Attempts);
                w.WriteNumber("rtt_ms", RunReportJson.Ms(c.RoundTrip));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("outages");
            foreach (var o in f.Outages)
            {
                w.WriteStartObject();
                w.WriteNumber("down_at_ms", RunReportJson.Ms(o.DownAt));
                if (o.UpAt is { } up) w.WriteNumber("up_at_ms", RunReportJson.Ms(up));
                else w.WriteNull("up_at_ms");
                if (o.ReconfiguredAt is { } rc) w.WriteNumber("reconfigured_at_ms", RunReportJson.Ms(rc));
                else w.WriteNull("reconfigured_at_ms");
                if (o.Version is { } v) w.WriteNumber("version", v);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (f.Counters is { } t)
            {
                w.WriteStartObject("counters");
                w.WriteNumber("in", t.In);
                w.WriteNumber("out", t.Out);
                w.WriteNumber("dropped", t.Dropped);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("counters");
                w.WriteString("counters_note", f.CountersNote ?? "not collected");
            }
            w.WriteStartArray("rules");
            foreach (var r in f.Rules)
            {
                w.WriteStartObject();
                w.WriteString("rule", r.Rule);
                w.WriteNumber("in", r.In);
                w.WriteNumber("out", r.Out);
                w.WriteNumber("dropped", r.Dropped);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("alerts");
            foreach (var a in f.Alerts)
            {
                w.WriteStartObject();
                w.WriteNumber("at_ms", RunReportJson.Ms(a.At));
                w.WriteString("signature", a.Signature);
                w.WriteString("flow", a.Flow);
                w.WriteBoolean("blocked", a.Blocked);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (f.Blocks.Count > 0)
            {
                w.WriteStartArray("blocks");
                foreach (var b in f.Blocks)
                {
                    w.WriteStartObject();
                    w.WriteNumber("at_ms", RunReportJson.Ms(b.At));
                    w.WriteString("signature", b.Signature);
                    w.WriteString("flow", b.Flow);
                    w.WriteStartArray("switches");
                    foreach (var sw in b.Switches) w.WriteStringValue(sw);
                    w.WriteEndArray();
                    if (b.Reason is not null) w.WriteString("reason", b.Reason);
                    if (b.Id > 0) w.WriteNumber("id", b.Id);
                    if (b.ExpiresAt is { } expires) w.WriteNumber("expires_at_ms", RunReportJson.Ms(expires));
                    if (b.LiftedAt is { } liftedAt)
                    {
                        w.WriteStartObject("lifted");
                        w.WriteNumber("at_ms", RunReportJson.Ms(liftedAt));
                        w.WriteString("reason", b.LiftedReason);
                        w.WriteEndObject();
                    }
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            if (f.Rejections.Count > 0)
            {
                w.WriteStartArray("rejections");
                foreach (var r in f.Rejections) w.WriteStringValue(r);
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    public static void WriteReaction(Utf8JsonWriter w, FunctionReaction r)
    {
        w.WriteStartObject("function_controller");
        w.WriteNumber("reported_ms", RunReportJson.Ms(r.Reported));
        w.WriteNumber("reported_version", r.AppliedVersion);
        if (r.Reconfigured is { } rc)
        {
            w.WriteNumber("reconfigured_ms", RunReportJson.Ms(rc));
            w.WriteNumber("version", r.Version ?? 0);
            w.WriteNumber("attempts", r.Attempts);
        }
        w.WriteEndObject();
    }

    public static void WriteReactionText(TextWriter o, bool up, FunctionReaction r)
    {
        var inv = CultureInfo.InvariantCulture;
        if (!up)
        {
            o.WriteLine(string.Create(inv, $"    the controller heard it down after {Ms(r.Reported)} ms (it ran version {r.AppliedVersion}); chains through it move to a reachable standby, else their traffic is dropped at the ingress, never sent around it"));
            return;
        }
        var again = r.Reconfigured is { } rc
            ? string.Create(inv, $"; version {r.Version} in force again after {Ms(rc)} ms ({r.Attempts} {(r.Attempts == 1 ? "push" : "pushes")})")
            : "; not configured again before the run ended";
        o.WriteLine(string.Create(inv, $"    the controller heard it up (restarted, version {r.AppliedVersion}) after {Ms(r.Reported)} ms{again}"));
    }

    public static void WriteText(TextWriter o, IReadOnlyList<FunctionReport> functions)
    {
        if (functions.Count == 0) return;
        var inv = CultureInfo.InvariantCulture;
        o.WriteLine();
        o.WriteLine($"  functions: {functions.Count}");
        foreach (var f in functions)
        {
            var counts = f.Counters is { } t ? $"in {t.In}, out {t.Out}, dropped {t.Dropped}" : $"no counters ({f.CountersNote})";
            o.WriteLine($"    {f.Id} {f.Kind} at {f.Attachment}: {f.State}, version {f.AppliedVersion}; {counts}; {f.Configurations.Count} configurations acknowledged, {f.Outages.Count} outages, {f.Alerts.Count} alerts");
            foreach (var r in f.Rules)
                o.WriteLine($"      {r.Rule}: in {r.In}, out {r.Out}, dropped {r.Dropped}");
            foreach (var x in f.Outages)
                o.WriteLine(string.Create(inv,
                    $"      down at t={Ms(x.DownAt)} ms, {(x.UpAt is { } up ? $"up at t={Ms(up)} ms" : "still down")}{(x.ReconfiguredAt is { } rc ? $", version {x.Version} again at t={Ms(rc)} ms" : "")}"));
            foreach (var a in f.Alerts.Take(10))
                o.WriteLine(string.Create(inv, $"      alert t={Ms(a.At)} ms {a.Signature} {a.Flow}{(a.Blocked ? " (flow blocked)" : "")}"));
            if (f.Alerts.Count > 10) o.WriteLine($"      and {f.Alerts.Count - 10} more alerts");
            foreach (var b in f.Blocks)
                o.WriteLine(string.Create(inv, $"      blocked t={Ms(b.At)} ms {b.Signature} {b.Flow} {(b.Switches.Count > 0 ? $"by drop rules at {string.Join(", ", b.Switches)}" : $"nowhere ({b.Reason})")}{BlockEnd(b)}"));
            foreach (var r in f.Rejections) o.WriteLine($"      rejected {r}");
        }
    }

    /// <summary>"; lifted (expired) t=… ms", "; expires t=… ms", or nothing for a block that lasts.</summary>
    private static string BlockEnd(FunctionBlockReport b) =>
        b.LiftedAt is { } at ? string.Create(CultureInfo.InvariantCulture, $"; lifted ({b.LiftedReason}) t={Ms(at)} ms")
        : b.ExpiresAt is { } end ? string.Create(CultureInfo.InvariantCulture, $"; expires t={Ms(end)} ms")
        : "";

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture);
}
