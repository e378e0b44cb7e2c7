namespace SdnController.Telemetry.TraceFiles;

/// <summary>
/// One trace's span tree. <see cref="Roots"/> holds the true roots first, then orphans (spans whose parent
/// is not in the file), each in start order; children are in start order too.
/// </summary>
public sealed class Trace
{
    public required string TraceId { get; init; }
    public required IReadOnlyList<SpanNode> Roots { get; init; }
    /// <summary>Every span of the trace, depth-first in display order.</summary>
    public required IReadOnlyList<SpanNode> Spans { get; init; }
    public ulong StartUnixNano { get; init; }
    public ulong EndUnixNano { get; init; }

    /// <summary>1-based position among the failure traces, or 0 when this is not a failure's trace.</summary>
    public int FailureNumber { get; internal set; }

    /// <summary>The first true root, else the first orphan: what the trace is about.</summary>
    public SpanNode Root => Roots[0];
    public int OrphanCount
    {
        get
        {
            var n = 0;
            foreach (var r in Roots) if (r.IsOrphan) n++;
            return n;
        }
    }

    /// <summary>True when every span carries sdn.virtual_time.start_ms (end_ms, when absent, is taken as the start).</summary>
    public bool HasVirtualTime
    {
        get
        {
            foreach (var s in Spans)
                if (s.Span.VirtualStartMs is null) return false;
            return true;
        }
    }
}
