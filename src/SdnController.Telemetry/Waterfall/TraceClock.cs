using SdnController.Telemetry.TraceFiles;

namespace SdnController.Telemetry.Waterfall;

/// <summary>Which clock the waterfall's time axis uses.</summary>
public enum TraceClockChoice
{
    /// <summary>Virtual time when every span of the trace has it (sdnctl runs), else the wall clock.</summary>
    Auto,
    Wall,
    Virtual,
}

/// <summary>
/// Positions of a trace's spans on one clock, in milliseconds from the trace's earliest span. In a virtual-time
/// run the wall clock only measures the controller's compute (the network's time jumps), and traffic.restored
/// is stamped after the run; the virtual clock shows what the network lived through, so Auto prefers it.
/// </summary>
public sealed class TraceClock
{
    public bool IsVirtual { get; }
    /// <summary>The clock's reading at offset 0 (virtual ms, or Unix ns / 1e6 for the wall clock).</summary>
    public double OriginMs { get; }
    public double TotalMs { get; }
    /// <summary>Why a requested virtual axis could not be used, else null.</summary>
    public string? Fallback { get; }

    private TraceClock(bool isVirtual, double origin, double total, string? fallback)
    {
        IsVirtual = isVirtual;
        OriginMs = origin;
        TotalMs = total;
        Fallback = fallback;
    }

    public static TraceClock For(Trace trace, TraceClockChoice choice)
    {
        var useVirtual = choice != TraceClockChoice.Wall && trace.HasVirtualTime;
        string? fallback = choice == TraceClockChoice.Virtual && !useVirtual
            ? $"not every span has {TelemetryNames.VirtualStartMs}; the wall clock is used" : null;
        double min = double.MaxValue, max = double.MinValue;
        foreach (var n in trace.Spans)
        {
            var (s, e) = useVirtual ? Virtual(n.Span) : (n.Span.StartUnixNano / 1e6, Math.Max(n.Span.EndUnixNano, n.Span.StartUnixNano) / 1e6);
            min = Math.Min(min, s);
            max = Math.Max(max, e);
        }
        if (min > max) min = max = 0;
        return new TraceClock(useVirtual, min, max - min, fallback);
    }

    /// <summary>Start and end of a span on this clock, as offsets from the trace's origin.</summary>
    public (double Start, double End) Place(TraceSpan span)
    {
        var (s, e) = IsVirtual ? Virtual(span) : (span.StartUnixNano / 1e6, Math.Max(span.EndUnixNano, span.StartUnixNano) / 1e6);
        return (s - OriginMs, e - OriginMs);
    }

    // A virtual span without an end (failure.detect) is an instant.
    private static (double, double) Virtual(TraceSpan s)
    {
        var start = s.VirtualStartMs ?? 0;
        return (start, Math.Max(start, s.VirtualEndMs ?? start));
    }
}
