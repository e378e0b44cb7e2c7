using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;

namespace SdnController.Telemetry.TraceFiles;

/// <summary>
/// Streams one OTLP/JSON ExportTraceServiceRequest with <see cref="Utf8JsonReader"/>, so every error can
/// point at its token. Unknown keys are skipped (newer OTLP versions add fields); both the lowerCamelCase
/// and the proto spellings of a key are accepted, as the protobuf JSON mapping requires of parsers.
/// </summary>
internal static class OtlpJsonLineParser
{
    public static void Parse(byte[] line, int lineNumber, List<TraceSpan> into)
    {
        var r = new Utf8JsonReader(line, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        Next(ref r);
        if (r.TokenType != JsonTokenType.StartObject) throw Error(ref r, "expected an ExportTraceServiceRequest object ({\"resourceSpans\": [...]})");
        while (Property(ref r))
        {
            if (Is(ref r, "resourceSpans"u8, "resource_spans"u8)) Array(ref r, lineNumber, into, ResourceSpans);
            else r.Skip();
        }
        if (r.Read()) throw Error(ref r, "unexpected content after the request object");
    }

    private delegate void Element(ref Utf8JsonReader r, int line, List<TraceSpan> into);

    private static void ResourceSpans(ref Utf8JsonReader r, int line, List<TraceSpan> into)
    {
        Expect(ref r, JsonTokenType.StartObject, "a ResourceSpans object");
        // "resource" may follow "scopeSpans": stamp the service onto this object's spans at its end.
        var first = into.Count;
        string? service = null;
        while (Property(ref r))
        {
            if (Is(ref r, "resource"u8, "resource"u8))
            {
                Next(ref r);
                if (r.TokenType == JsonTokenType.Null) continue;
                Expect(ref r, JsonTokenType.StartObject, "a Resource object");
                while (Property(ref r))
                {
                    if (!Is(ref r, "attributes"u8, "attributes"u8)) { r.Skip(); continue; }
                    foreach (var a in KeyValues(ref r))
                        if (a.Key == TelemetryNames.ServiceNameAttribute) service = a.Value.ToString();
                }
            }
            else if (Is(ref r, "scopeSpans"u8, "scope_spans"u8) || Is(ref r, "instrumentationLibrarySpans"u8, "instrumentation_library_spans"u8))
                Array(ref r, line, into, ScopeSpans);
            else r.Skip();
        }
        for (var i = first; i < into.Count; i++) into[i].ServiceName = service;
    }

    private static void ScopeSpans(ref Utf8JsonReader r, int line, List<TraceSpan> into)
    {
        Expect(ref r, JsonTokenType.StartObject, "a ScopeSpans object");
        var first = into.Count;
        string? name = null, version = null;
        while (Property(ref r))
        {
            if (Is(ref r, "scope"u8, "scope"u8) || Is(ref r, "instrumentationLibrary"u8, "instrumentation_library"u8))
            {
                Next(ref r);
                if (r.TokenType == JsonTokenType.Null) continue;
                Expect(ref r, JsonTokenType.StartObject, "an InstrumentationScope object");
                while (Property(ref r))
                {
                    if (Is(ref r, "name"u8, "name"u8)) name = String(ref r);
                    else if (Is(ref r, "version"u8, "version"u8)) version = String(ref r);
                    else r.Skip();
                }
            }
            else if (Is(ref r, "spans"u8, "spans"u8)) Array(ref r, line, into, Span);
            else r.Skip();
        }
        for (var i = first; i < into.Count; i++)
        {
            into[i].ScopeName = name;
            into[i].ScopeVersion = version;
        }
    }

    private static void Span(ref Utf8JsonReader r, int line, List<TraceSpan> into)
    {
        Expect(ref r, JsonTokenType.StartObject, "a Span object");
        var objectStart = r.TokenStartIndex;
        string? traceId = null, spanId = null, parent = null, name = null, statusMessage = null;
        int kind = 0, status = 0;
        ulong start = 0, end = 0;
        IReadOnlyList<SpanAttribute> attributes = [];
        var events = new List<SpanEvent>();
        while (Property(ref r))
        {
            if (Is(ref r, "traceId"u8, "trace_id"u8)) traceId = HexId(ref r, 32, "traceId");
            else if (Is(ref r, "spanId"u8, "span_id"u8)) spanId = HexId(ref r, 16, "spanId");
            else if (Is(ref r, "parentSpanId"u8, "parent_span_id"u8)) parent = HexId(ref r, 16, "parentSpanId");
            else if (Is(ref r, "name"u8, "name"u8)) name = String(ref r);
            else if (Is(ref r, "kind"u8, "kind"u8)) kind = Enum(ref r, "SPAN_KIND_", SpanKinds);
            else if (Is(ref r, "startTimeUnixNano"u8, "start_time_unix_nano"u8)) start = UInt64(ref r);
            else if (Is(ref r, "endTimeUnixNano"u8, "end_time_unix_nano"u8)) end = UInt64(ref r);
            else if (Is(ref r, "attributes"u8, "attributes"u8)) attributes = KeyValues(ref r);
            else if (Is(ref r, "events"u8, "events"u8))
            {
                Next(ref r);
                if (r.TokenType == JsonTokenType.Null) continue;
                Expect(ref r, JsonTokenType.StartArray, "an array of events");
                while (Item(ref r)) events.Add(Event(ref r));
            }
            else if (Is(ref r, "status"u8, "status"u8))
            {
                Next(ref r);
                if (r.TokenType == JsonTokenType.Null) continue;
                Expect(ref r, JsonTokenType.StartObject, "a Status object");
                while (Property(ref r))
                {
                    if (Is(ref r, "code"u8, "code"u8)) status = Enum(ref r, "STATUS_CODE_", StatusCodes);
                    else if (Is(ref r, "message"u8, "message"u8)) statusMessage = String(ref r);
                    else r.Skip();
                }
            }
            else r.Skip();
        }
        if (traceId is null) throw new TraceLineException(objectStart, "span has no traceId");
        if (spanId is null) throw new TraceLineException(objectStart, $"span '{name}' has no spanId");
        into.Add(new TraceSpan
        {
            TraceId = traceId,
            SpanId = spanId,
            ParentSpanId = parent,
            Name = name ?? "",
            Kind = kind,
            StartUnixNano = start,
            EndUnixNano = end,
            Attributes = attributes,
            Events = events,
            StatusCode = status,
            StatusMessage = statusMessage,
            Line = line,
            VirtualStartMs = NumberAttribute(attributes, TelemetryNames.VirtualStartMs),
            VirtualEndMs = NumberAttribute(attributes, TelemetryNames.VirtualEndMs),
        });
    }

    private static SpanEvent Event(ref Utf8JsonReader r)
    {
        Expect(ref r, JsonTokenType.StartObject, "a span event object");
        string? name = null;
        ulong time = 0;
        IReadOnlyList<SpanAttribute> attributes = [];
        while (Property(ref r))
        {
            if (Is(ref r, "name"u8, "name"u8)) name = String(ref r);
            else if (Is(ref r, "timeUnixNano"u8, "time_unix_nano"u8)) time = UInt64(ref r);
            else if (Is(ref r, "attributes"u8, "attributes"u8)) attributes = KeyValues(ref r);
            else r.Skip();
        }
        return new SpanEvent(name ?? "", time, attributes);
    }

    /// <summary>A list of KeyValue (positioned on its property name, or on the array when <paramref name="onValue"/>).</summary>
    private static IReadOnlyList<SpanAttribute> KeyValues(ref Utf8JsonReader r, bool onValue = false)
    {
        if (!onValue) Next(ref r);
        if (r.TokenType == JsonTokenType.Null) return [];
        Expect(ref r, JsonTokenType.StartArray, "an array of {\"key\", \"value\"} attributes");
        var list = new List<SpanAttribute>();
        while (Item(ref r))
        {
            Expect(ref r, JsonTokenType.StartObject, "an attribute object {\"key\", \"value\"}");
            var at = r.TokenStartIndex;
            string? key = null;
            var value = AttributeValue.Empty;
            while (Property(ref r))
            {
                if (Is(ref r, "key"u8, "key"u8)) key = String(ref r);
                else if (Is(ref r, "value"u8, "value"u8))
                {
                    Next(ref r);
                    value = AnyValue(ref r);
                }
                else r.Skip();
            }
            if (key is null) throw new TraceLineException(at, "attribute has no key");
            list.Add(new SpanAttribute(key, value));
        }
        return list;
    }

    /// <summary>An AnyValue object (the reader is on its start).</summary>
    private static AttributeValue AnyValue(ref Utf8JsonReader r)
    {
        if (r.TokenType == JsonTokenType.Null) return AttributeValue.Empty;
        Expect(ref r, JsonTokenType.StartObject, "an AnyValue object such as {\"stringValue\": \"x\"}");
        var value = AttributeValue.Empty;
        while (Property(ref r))
        {
            if (Is(ref r, "stringValue"u8, "string_value"u8)) value = new AttributeValue(AttributeKind.String, Text: String(ref r));
            else if (Is(ref r, "boolValue"u8, "bool_value"u8))
            {
                Next(ref r);
                if (r.TokenType is not (JsonTokenType.True or JsonTokenType.False)) throw Error(ref r, "boolValue must be true or false");
                value = new AttributeValue(AttributeKind.Bool, Bool: r.GetBoolean());
            }
            else if (Is(ref r, "intValue"u8, "int_value"u8)) value = new AttributeValue(AttributeKind.Int, Int: Int64(ref r));
            else if (Is(ref r, "doubleValue"u8, "double_value"u8)) value = new AttributeValue(AttributeKind.Double, Double: Double(ref r));
            else if (Is(ref r, "bytesValue"u8, "bytes_value"u8)) value = new AttributeValue(AttributeKind.Bytes, Text: String(ref r));
            else if (Is(ref r, "arrayValue"u8, "array_value"u8))
            {
                var items = new List<AttributeValue>();
                Next(ref r);
                Expect(ref r, JsonTokenType.StartObject, "an ArrayValue object {\"values\": [...]}");
                while (Property(ref r))
                {
                    if (!Is(ref r, "values"u8, "values"u8)) { r.Skip(); continue; }
                    Next(ref r);
                    if (r.TokenType == JsonTokenType.Null) continue;
                    Expect(ref r, JsonTokenType.StartArray, "an array of AnyValue");
                    while (Item(ref r)) items.Add(AnyValue(ref r));
                }
                value = new AttributeValue(AttributeKind.Array, Items: items);
            }
            else if (Is(ref r, "kvlistValue"u8, "kvlist_value"u8))
            {
                IReadOnlyList<SpanAttribute> fields = [];
                Next(ref r);
                Expect(ref r, JsonTokenType.StartObject, "a KeyValueList object {\"values\": [...]}");
                while (Property(ref r))
                {
                    if (Is(ref r, "values"u8, "values"u8)) fields = KeyValues(ref r);
                    else r.Skip();
                }
                value = new AttributeValue(AttributeKind.KeyValueList, Fields: fields);
            }
            else r.Skip();
        }
        return value;
    }

    // ---- scalars (the reader is on the property name; each reads the value) ----

    private static string? String(ref Utf8JsonReader r)
    {
        Next(ref r);
        if (r.TokenType == JsonTokenType.Null) return null;
        if (r.TokenType != JsonTokenType.String) throw Error(ref r, $"expected a string, found {Describe(ref r)}");
        return r.GetString();
    }

    private static string? HexId(ref Utf8JsonReader r, int digits, string what)
    {
        var text = String(ref r);
        if (string.IsNullOrEmpty(text)) return null; // the protobuf mapping's empty bytes: no parent
        if (text.Length != digits || !TraceIds.IsHex(text))
            throw Error(ref r, $"{what} must be {digits} hexadecimal digits, found '{Shorten(text)}'");
        // An all-zero id is OTLP's "invalid"; for a parent it means none.
        if (IsAllZero(text)) return null;
        return text.ToLowerInvariant();
    }

    /// <summary>fixed64 / uint64: a decimal string (the mapping) or a plain number (some producers).</summary>
    private static ulong UInt64(ref Utf8JsonReader r)
    {
        Next(ref r);
        if (r.TokenType == JsonTokenType.Number && r.TryGetUInt64(out var n)) return n;
        if (r.TokenType == JsonTokenType.String && Utf8Parser.TryParse(r.ValueSpan, out ulong s, out var used) && used == r.ValueSpan.Length && !r.ValueIsEscaped)
            return s;
        throw Error(ref r, $"expected an unsigned 64-bit integer (as a decimal string), found {Describe(ref r)}");
    }

    private static long Int64(ref Utf8JsonReader r)
    {
        Next(ref r);
        if (r.TokenType == JsonTokenType.Number && r.TryGetInt64(out var n)) return n;
        if (r.TokenType == JsonTokenType.String && long.TryParse(r.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s)) return s;
        throw Error(ref r, $"intValue must be a 64-bit integer (a decimal string or a number), found {Describe(ref r)}");
    }

    private static double Double(ref Utf8JsonReader r)
    {
        Next(ref r);
        if (r.TokenType == JsonTokenType.Number) return r.GetDouble();
        if (r.TokenType == JsonTokenType.String)
        {
            var text = r.GetString();
            switch (text)
            {
                case "NaN": return double.NaN;
                case "Infinity": return double.PositiveInfinity;
                case "-Infinity": return double.NegativeInfinity;
            }
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
        }
        throw Error(ref r, $"doubleValue must be a number, found {Describe(ref r)}");
    }

    /// <summary>A protobuf enum: its number, or its name (with or without the prefix).</summary>
    private static int Enum(ref Utf8JsonReader r, string prefix, string[] names)
    {
        Next(ref r);
        if (r.TokenType == JsonTokenType.Number && r.TryGetInt32(out var n) && n >= 0) return n;
        if (r.TokenType == JsonTokenType.String)
        {
            var text = r.GetString()!;
            var bare = text.StartsWith(prefix, StringComparison.Ordinal) ? text[prefix.Length..] : text;
            for (var i = 0; i < names.Length; i++)
                if (names[i] == bare) return i;
        }
        throw Error(ref r, $"expected a number or one of {prefix}{string.Join($", {prefix}", names)}, found {Describe(ref r)}");
    }

    private static readonly string[] SpanKinds = ["UNSPECIFIED", "INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER"];
    private static readonly string[] StatusCodes = ["UNSET", "OK", "ERROR"];

    // ---- structure ----

    private static void Array(ref Utf8JsonReader r, int line, List<TraceSpan> into, Element element)
    {
        Next(ref r);
        if (r.TokenType == JsonTokenType.Null) return;
        Expect(ref r, JsonTokenType.StartArray, "an array");
        while (Item(ref r)) element(ref r, line, into);
    }

    /// <summary>Advances to the next property name of the current object; false at its end.</summary>
    private static bool Property(ref Utf8JsonReader r)
    {
        Next(ref r);
        return r.TokenType == JsonTokenType.PropertyName;
    }

    /// <summary>Advances to the next element of the current array; false at its end.</summary>
    private static bool Item(ref Utf8JsonReader r)
    {
        Next(ref r);
        return r.TokenType != JsonTokenType.EndArray;
    }

    private static bool Is(ref Utf8JsonReader r, ReadOnlySpan<byte> camel, ReadOnlySpan<byte> proto) =>
        r.ValueTextEquals(camel) || r.ValueTextEquals(proto);

    private static void Next(ref Utf8JsonReader r)
    {
        if (!r.Read()) throw new TraceLineException(r.BytesConsumed, "the line ends inside the request (truncated JSON?)");
    }

    private static void Expect(ref Utf8JsonReader r, JsonTokenType type, string what)
    {
        if (r.TokenType != type) throw Error(ref r, $"expected {what}, found {Describe(ref r)}");
    }

    private static TraceLineException Error(ref Utf8JsonReader r, string message) => new(r.TokenStartIndex, message);

    private static string Describe(ref Utf8JsonReader r) => r.TokenType switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => $"'{Shorten(r.GetString() ?? "")}'",
        JsonTokenType.Number => $"the number {System.Text.Encoding.UTF8.GetString(r.ValueSpan)}",
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        _ => r.TokenType.ToString(),
    };

    private static string Shorten(string s) => s.Length > 40 ? s[..40] + "…" : s;

    private static bool IsAllZero(string s)
    {
        foreach (var c in s)
            if (c != '0') return false;
        return true;
    }

    private static double? NumberAttribute(IReadOnlyList<SpanAttribute> attributes, string key)
    {
        foreach (var a in attributes)
            if (a.Key == key) return a.Value.AsNumber();
        return null;
    }
}
