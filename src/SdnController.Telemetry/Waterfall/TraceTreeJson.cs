using System.Globalization;
using System.Text.Json;
using SdnController.Telemetry.TraceFiles;

namespace SdnController.Telemetry.Waterfall;

/// <summary>
/// The span trees as JSON (`sdnctl traces FILE --json`; shape documented in docs/telemetry.md, a contract):
/// {"file", "failures", "traces":[{"trace_id", "root", "failure", "clock", "origin_ms", "duration_ms", "spans",
/// "orphans", "tree":[span…]}]}, each span with its children nested.
/// </summary>
public static class TraceTreeJson
{
    public static void Write(Utf8JsonWriter w, string file, TraceForest forest, IReadOnlyList<Trace> traces, TraceClockChoice choice)
    {
        w.WriteStartObject();
        w.WriteString("file", file);
        w.WriteNumber("failures", forest.Failures.Count);
        w.WriteStartArray("traces");
        foreach (var t in traces) WriteTrace(w, t, TraceClock.For(t, choice));
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteTrace(Utf8JsonWriter w, Trace t, TraceClock clock)
    {
        w.WriteStartObject();
        w.WriteString("trace_id", t.TraceId);
        w.WriteString("root", t.Root.Span.Name);
        if (t.FailureNumber > 0) w.WriteNumber("failure", t.FailureNumber);
        else w.WriteNull("failure");
        w.WriteString("clock", clock.IsVirtual ? "virtual" : "wall");
        Number(w, "origin_ms", clock.OriginMs);
        Number(w, "duration_ms", clock.TotalMs);
        w.WriteString("start_time_unix_nano", t.StartUnixNano.ToString(CultureInfo.InvariantCulture));
        w.WriteNumber("spans", t.Spans.Count);
        w.WriteNumber("orphans", t.OrphanCount);
        w.WriteStartArray("tree");
        foreach (var r in t.Roots) WriteSpan(w, r, clock);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteSpan(Utf8JsonWriter w, SpanNode node, TraceClock clock)
    {
        var s = node.Span;
        var (start, end) = clock.Place(s);
        w.WriteStartObject();
        w.WriteString("name", s.Name);
        w.WriteString("span_id", s.SpanId);
        if (s.ParentSpanId is { } p) w.WriteString("parent_span_id", p);
        else w.WriteNull("parent_span_id");
        w.WriteBoolean("orphan", node.IsOrphan);
        w.WriteNumber("depth", node.Depth);
        Text(w, "service", s.ServiceName);
        Text(w, "scope", s.ScopeName);
        w.WriteNumber("kind", s.Kind);
        Number(w, "offset_ms", start);
        Number(w, "duration_ms", end - start);
        w.WriteString("start_time_unix_nano", s.StartUnixNano.ToString(CultureInfo.InvariantCulture));
        w.WriteString("end_time_unix_nano", s.EndUnixNano.ToString(CultureInfo.InvariantCulture));
        Number(w, "wall_duration_ms", s.WallDurationMs);
        if (s.VirtualStartMs is { } vs) Number(w, "virtual_start_ms", vs);
        else w.WriteNull("virtual_start_ms");
        if (s.VirtualEndMs is { } ve) Number(w, "virtual_end_ms", ve);
        else w.WriteNull("virtual_end_ms");
        w.WriteNumber("status_code", s.StatusCode);
        Text(w, "status_message", s.StatusMessage);
        w.WriteStartObject("attributes");
        foreach (var a in s.Attributes)
        {
            w.WritePropertyName(a.Key);
            Value(w, a.Value);
        }
        w.WriteEndObject();
        w.WriteStartArray("events");
        foreach (var e in s.Events)
        {
            w.WriteStartObject();
            w.WriteString("name", e.Name);
            w.WriteString("time_unix_nano", e.TimeUnixNano.ToString(CultureInfo.InvariantCulture));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("children");
        foreach (var c in node.Children) WriteSpan(w, c, clock);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Typed JSON: strings, numbers, booleans, arrays, objects (kvlist); null for an empty value.</summary>
    private static void Value(Utf8JsonWriter w, AttributeValue v)
    {
        switch (v.Kind)
        {
            case AttributeKind.String:
            case AttributeKind.Bytes:
                w.WriteStringValue(v.Text);
                break;
            case AttributeKind.Bool:
                w.WriteBooleanValue(v.Bool);
                break;
            case AttributeKind.Int:
                w.WriteNumberValue(v.Int);
                break;
            case AttributeKind.Double:
                if (double.IsFinite(v.Double)) w.WriteNumberValue(v.Double);
                else w.WriteStringValue(v.Double.ToString(CultureInfo.InvariantCulture));
                break;
            case AttributeKind.Array:
                w.WriteStartArray();
                foreach (var item in v.Items!) Value(w, item);
                w.WriteEndArray();
                break;
            case AttributeKind.KeyValueList:
                w.WriteStartObject();
                foreach (var f in v.Fields!)
                {
                    w.WritePropertyName(f.Key);
                    Value(w, f.Value);
                }
                w.WriteEndObject();
                break;
            default:
                w.WriteNullValue();
                break;
        }
    }

    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, Math.Round(value, 6));
        else w.WriteNull(name);
    }

    private static void Text(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, value);
    }
}
