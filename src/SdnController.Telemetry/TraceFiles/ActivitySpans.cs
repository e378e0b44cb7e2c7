using System.Diagnostics;
using System.Globalization;

namespace SdnController.Telemetry.TraceFiles;

/// <summary>
/// Spans captured in-process (an ActivityListener) as the trace model the file reader produces, so the
/// waterfall and the trace tree draw live spans exactly as they draw a trace file: same ids, times, attributes
/// and the virtual-time attributes lifted out.
/// </summary>
public static class ActivitySpans
{
    private static readonly long UnixEpochTicks = DateTime.UnixEpoch.Ticks;

    public static TraceSpan ToTraceSpan(Activity a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var attributes = new List<SpanAttribute>();
        double? virtualStart = null, virtualEnd = null;
        foreach (ref readonly var tag in a.EnumerateTagObjects())
        {
            var value = ToValue(tag.Value);
            attributes.Add(new SpanAttribute(tag.Key, value));
            if (tag.Key == TelemetryNames.VirtualStartMs) virtualStart = value.AsNumber();
            else if (tag.Key == TelemetryNames.VirtualEndMs) virtualEnd = value.AsNumber();
        }
        var events = new List<SpanEvent>();
        foreach (ref readonly var e in a.EnumerateEvents())
        {
            var eventAttributes = new List<SpanAttribute>();
            foreach (ref readonly var tag in e.EnumerateTagObjects()) eventAttributes.Add(new SpanAttribute(tag.Key, ToValue(tag.Value)));
            events.Add(new SpanEvent(e.Name, UnixNanos(e.Timestamp.UtcDateTime), eventAttributes));
        }
        var start = UnixNanos(a.StartTimeUtc);
        return new TraceSpan
        {
            TraceId = a.TraceId.ToHexString(),
            SpanId = a.SpanId.ToHexString(),
            ParentSpanId = a.ParentSpanId == default ? null : a.ParentSpanId.ToHexString(),
            Name = a.DisplayName,
            // OTLP's SpanKind counts from SPAN_KIND_UNSPECIFIED = 0; ActivityKind from Internal = 0.
            Kind = (int)a.Kind + 1,
            StartUnixNano = start,
            EndUnixNano = start + (ulong)Math.Max(0, a.Duration.Ticks) * 100,
            Attributes = attributes,
            Events = events,
            StatusCode = (int)a.Status,
            StatusMessage = a.StatusDescription,
            VirtualStartMs = virtualStart,
            VirtualEndMs = virtualEnd,
            ServiceName = TelemetryNames.ServiceName,
            ScopeName = a.Source.Name,
            ScopeVersion = string.IsNullOrEmpty(a.Source.Version) ? null : a.Source.Version,
        };
    }

    /// <summary>Spans of one or more traces as a forest (trees, failure numbering), as if read from a file.</summary>
    public static TraceForest ToForest(IEnumerable<Activity> activities)
    {
        var spans = new List<TraceSpan>();
        foreach (var a in activities) spans.Add(ToTraceSpan(a));
        return TraceForest.Build(spans);
    }

    private static AttributeValue ToValue(object? value) => value switch
    {
        null => AttributeValue.Empty,
        string s => new AttributeValue(AttributeKind.String, Text: s),
        bool b => new AttributeValue(AttributeKind.Bool, Bool: b),
        sbyte or byte or short or ushort or int or uint or long => new AttributeValue(AttributeKind.Int, Int: Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        ulong u when u <= long.MaxValue => new AttributeValue(AttributeKind.Int, Int: (long)u),
        float or double => new AttributeValue(AttributeKind.Double, Double: Convert.ToDouble(value, CultureInfo.InvariantCulture)),
        System.Collections.IEnumerable items => Array(items),
        _ => new AttributeValue(AttributeKind.String, Text: Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    private static AttributeValue Array(System.Collections.IEnumerable items)
    {
        var list = new List<AttributeValue>();
        foreach (var item in items) list.Add(ToValue(item));
        return new AttributeValue(AttributeKind.Array, Items: list);
    }

    private static ulong UnixNanos(DateTime utc) => (ulong)(utc.Ticks - UnixEpochTicks) * 100;
}
