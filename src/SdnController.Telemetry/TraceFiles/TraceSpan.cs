namespace SdnController.Telemetry.TraceFiles;

/// <summary>
/// A span read back from an OTLP JSON file. Ids are lower-case hex; <see cref="ParentSpanId"/> is null for a
/// root. Times are Unix nanoseconds (wall clock). The virtual-time attributes of sdnctl runs are lifted out.
/// </summary>
public sealed class TraceSpan
{
    public required string TraceId { get; init; }
    public required string SpanId { get; init; }
    public string? ParentSpanId { get; init; }
    public required string Name { get; init; }
    /// <summary>OTLP SpanKind: 0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer.</summary>
    public int Kind { get; init; }
    public ulong StartUnixNano { get; init; }
    public ulong EndUnixNano { get; init; }
    public required IReadOnlyList<SpanAttribute> Attributes { get; init; }
    public required IReadOnlyList<SpanEvent> Events { get; init; }
    /// <summary>OTLP StatusCode: 0 unset, 1 ok, 2 error.</summary>
    public int StatusCode { get; init; }
    public string? StatusMessage { get; init; }
    /// <summary>The line of the file the span was read from (1-based).</summary>
    public int Line { get; init; }

    /// <summary>The resource's service.name (resource and scope are known only once their object is read).</summary>
    public string? ServiceName { get; internal set; }
    public string? ScopeName { get; internal set; }
    public string? ScopeVersion { get; internal set; }

    /// <summary>sdn.virtual_time.start_ms / end_ms: where the span sits on the run's (virtual) clock.</summary>
    public double? VirtualStartMs { get; init; }
    public double? VirtualEndMs { get; init; }

    public double WallDurationMs => EndUnixNano >= StartUnixNano ? (EndUnixNano - StartUnixNano) / 1e6 : 0;

    public AttributeValue? Attribute(string key)
    {
        foreach (var a in Attributes)
            if (a.Key == key) return a.Value;
        return null;
    }
}

/// <summary>A span event (name and time; its attributes are kept for the JSON output).</summary>
public sealed record SpanEvent(string Name, ulong TimeUnixNano, IReadOnlyList<SpanAttribute> Attributes);
