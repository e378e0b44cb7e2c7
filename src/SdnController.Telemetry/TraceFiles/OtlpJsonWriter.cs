using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace SdnController.Telemetry.TraceFiles;

/// <summary>
/// Writes spans as one OTLP/JSON ExportTraceServiceRequest, the OpenTelemetry Collector file exporter's line
/// format: the protobuf JSON mapping with lowerCamelCase keys, trace and span ids as hex, 64-bit integers
/// (times, intValue) as decimal strings, enums as integers, fields at their default value left out.
/// </summary>
public static class OtlpJsonWriter
{
    private static readonly long UnixEpochTicks = DateTime.UnixEpoch.Ticks;

    /// <param name="resource">The resource's attributes (service.name, …).</param>
    /// <param name="scopes">The spans grouped by ActivitySource, each group non-empty.</param>
    public static void WriteRequest(Utf8JsonWriter w, IEnumerable<KeyValuePair<string, object>> resource, IReadOnlyList<ScopeBatch> scopes)
    {
        w.WriteStartObject();
        w.WriteStartArray("resourceSpans");
        w.WriteStartObject();
        w.WriteStartObject("resource");
        w.WriteStartArray("attributes");
        foreach (var kv in resource) WriteKeyValue(w, kv.Key, kv.Value);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartArray("scopeSpans");
        foreach (var scope in scopes)
        {
            w.WriteStartObject();
            w.WriteStartObject("scope");
            w.WriteString("name", scope.Source.Name);
            if (!string.IsNullOrEmpty(scope.Source.Version)) w.WriteString("version", scope.Source.Version);
            w.WriteEndObject();
            w.WriteStartArray("spans");
            foreach (var activity in scope.Spans) WriteSpan(w, activity);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void WriteSpan(Utf8JsonWriter w, Activity a)
    {
        w.WriteStartObject();
        w.WriteString("traceId", a.TraceId.ToHexString());
        w.WriteString("spanId", a.SpanId.ToHexString());
        if (a.TraceStateString is { Length: > 0 } state) w.WriteString("traceState", state);
        if (a.ParentSpanId != default) w.WriteString("parentSpanId", a.ParentSpanId.ToHexString());
        w.WriteString("name", a.DisplayName);
        // OTLP's SpanKind counts from SPAN_KIND_UNSPECIFIED = 0; ActivityKind from Internal = 0.
        w.WriteNumber("kind", (int)a.Kind + 1);
        var start = UnixNanos(a.StartTimeUtc);
        w.WriteString("startTimeUnixNano", start.ToString(CultureInfo.InvariantCulture));
        w.WriteString("endTimeUnixNano", (start + (ulong)a.Duration.Ticks * 100).ToString(CultureInfo.InvariantCulture));

        w.WriteStartArray("attributes");
        foreach (ref readonly var tag in a.EnumerateTagObjects()) WriteKeyValue(w, tag.Key, tag.Value);
        w.WriteEndArray();

        var anyEvent = false;
        foreach (ref readonly var e in a.EnumerateEvents())
        {
            if (!anyEvent) w.WriteStartArray("events");
            anyEvent = true;
            w.WriteStartObject();
            w.WriteString("timeUnixNano", UnixNanos(e.Timestamp.UtcDateTime).ToString(CultureInfo.InvariantCulture));
            w.WriteString("name", e.Name);
            w.WriteStartArray("attributes");
            foreach (ref readonly var tag in e.EnumerateTagObjects()) WriteKeyValue(w, tag.Key, tag.Value);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        if (anyEvent) w.WriteEndArray();

        var anyLink = false;
        foreach (ref readonly var link in a.EnumerateLinks())
        {
            if (!anyLink) w.WriteStartArray("links");
            anyLink = true;
            w.WriteStartObject();
            w.WriteString("traceId", link.Context.TraceId.ToHexString());
            w.WriteString("spanId", link.Context.SpanId.ToHexString());
            w.WriteStartArray("attributes");
            foreach (ref readonly var tag in link.EnumerateTagObjects()) WriteKeyValue(w, tag.Key, tag.Value);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        if (anyLink) w.WriteEndArray();

        // ActivityStatusCode and OTLP's StatusCode share their numbers: Unset 0, Ok 1, Error 2.
        w.WriteStartObject("status");
        if (a.Status != ActivityStatusCode.Unset) w.WriteNumber("code", (int)a.Status);
        if (a.StatusDescription is { Length: > 0 } message) w.WriteString("message", message);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    public static void WriteKeyValue(Utf8JsonWriter w, string key, object? value)
    {
        w.WriteStartObject();
        w.WriteString("key", key);
        w.WritePropertyName("value");
        WriteAnyValue(w, value);
        w.WriteEndObject();
    }

    /// <summary>An OTLP AnyValue: exactly one of stringValue, boolValue, intValue, doubleValue, arrayValue.</summary>
    public static void WriteAnyValue(Utf8JsonWriter w, object? value)
    {
        w.WriteStartObject();
        switch (value)
        {
            case null:
                break; // an empty AnyValue, as the protobuf mapping writes an unset oneof
            case string s:
                w.WriteString("stringValue", s);
                break;
            case bool b:
                w.WriteBoolean("boolValue", b);
                break;
            case sbyte or byte or short or ushort or int or uint or long:
                w.WriteString("intValue", Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
                break;
            case ulong u:
                // intValue is signed 64-bit; larger values keep their digits as text rather than wrap.
                if (u <= long.MaxValue) w.WriteString("intValue", u.ToString(CultureInfo.InvariantCulture));
                else w.WriteString("stringValue", u.ToString(CultureInfo.InvariantCulture));
                break;
            case float or double:
                WriteDouble(w, Convert.ToDouble(value, CultureInfo.InvariantCulture));
                break;
            case System.Collections.IEnumerable items and not IDictionary<string, object?>:
                w.WriteStartObject("arrayValue");
                w.WriteStartArray("values");
                foreach (var item in items) WriteAnyValue(w, item);
                w.WriteEndArray();
                w.WriteEndObject();
                break;
            default:
                w.WriteString("stringValue", Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
        w.WriteEndObject();
    }

    // The protobuf JSON mapping spells the non-finite doubles as strings.
    private static void WriteDouble(Utf8JsonWriter w, double d)
    {
        if (double.IsNaN(d)) w.WriteString("doubleValue", "NaN");
        else if (double.IsPositiveInfinity(d)) w.WriteString("doubleValue", "Infinity");
        else if (double.IsNegativeInfinity(d)) w.WriteString("doubleValue", "-Infinity");
        else w.WriteNumber("doubleValue", d);
    }

    private static ulong UnixNanos(DateTime utc) => (ulong)(utc.Ticks - UnixEpochTicks) * 100;
}

/// <summary>The spans of one ActivitySource in an export batch (one OTLP ScopeSpans).</summary>
public sealed class ScopeBatch(ActivitySource source)
{
    public ActivitySource Source { get; } = source;
    public List<Activity> Spans { get; } = [];
}
