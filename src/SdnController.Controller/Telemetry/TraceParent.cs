using System.Diagnostics;

namespace SdnController.Controller.Telemetry;

/// <summary>
/// The W3C Trace Context wire form of the trace context actor messages carry
/// (https://www.w3.org/TR/trace-context/): `traceparent` = "00-&lt;trace-id 32 hex&gt;-&lt;parent-id 16 hex&gt;-&lt;flags 2 hex&gt;",
/// plus the opaque `tracestate` list kept as is.
/// </summary>
/// <remarks>
/// Inside the process, messages carry <see cref="ActivityContext"/> itself: it holds exactly these fields
/// (trace id, span id, flags, trace state), costs no formatting on the hot path, and keeps the failure's
/// switch spans children of its root. A message that leaves the process (a remote actor, a log, a file)
/// carries these strings instead; the receiver parses them back into the same context.
/// </remarks>
public static class TraceParent
{
    /// <summary>Length of a version-00 traceparent.</summary>
    public const int Length = 55;

    /// <summary>The traceparent header value of <paramref name="context"/>; throws for the default (invalid) context.</summary>
    public static string Format(ActivityContext context)
    {
        if (context.TraceId == default || context.SpanId == default)
            throw new ArgumentException("an empty trace context has no traceparent", nameof(context));
        var flags = (int)context.TraceFlags;
        // ToHexString is lower-case, as the specification requires.
        return string.Concat("00-", context.TraceId.ToHexString(), "-", context.SpanId.ToHexString(), "-", $"{Hex(flags >> 4)}{Hex(flags & 0xF)}");
    }

    /// <summary>
    /// Parses a traceparent (and its tracestate, kept verbatim; empty means none) into a remote context.
    /// False for anything the W3C specification says to ignore: a version that is not two lower-case hex
    /// digits or is `ff`, version 00 with a length other than 55, ids or flags of the wrong length or not
    /// lower-case hex, an all-zero trace id or parent id. Later versions may append fields after a `-`.
    /// </summary>
    public static bool TryParse(string? traceParent, string? traceState, out ActivityContext context)
    {
        context = default;
        if (traceParent is null || traceParent.Length < Length) return false;
        var s = traceParent.AsSpan();
        if (!IsLowerHex(s[..2]) || s[..2] is "ff") return false;
        if (s[..2] is "00" ? s.Length != Length : s.Length > Length && s[Length] != '-') return false;
        if (s[2] != '-' || s[35] != '-' || s[52] != '-') return false;
        var traceId = s.Slice(3, 32);
        var spanId = s.Slice(36, 16);
        var flags = s.Slice(53, 2);
        if (!IsLowerHex(traceId) || !IsLowerHex(spanId) || !IsLowerHex(flags)) return false;
        if (AllZero(traceId) || AllZero(spanId)) return false;
        var flagBits = Convert.ToByte(flags.ToString(), 16);
        context = new ActivityContext(
            ActivityTraceId.CreateFromString(traceId),
            ActivitySpanId.CreateFromString(spanId),
            // Only the sampled bit is defined; unknown bits of a later version are not ours to keep.
            (ActivityTraceFlags)(flagBits & (byte)ActivityTraceFlags.Recorded),
            string.IsNullOrEmpty(traceState) ? null : traceState,
            isRemote: true);
        return true;
    }

    private static char Hex(int nibble) => (char)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);

    private static bool IsLowerHex(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
            if (c is not (>= '0' and <= '9' or >= 'a' and <= 'f')) return false;
        return true;
    }

    private static bool AllZero(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
            if (c != '0') return false;
        return true;
    }
}
