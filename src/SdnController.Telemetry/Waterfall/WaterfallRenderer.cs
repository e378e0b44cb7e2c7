using System.Text;
using SdnController.Telemetry.TraceFiles;

namespace SdnController.Telemetry.Waterfall;

/// <summary>
/// Draws one trace as a terminal waterfall: the span tree (indented names), the start offset and duration on
/// the chosen clock, a bar per span on a shared time axis, and under each span its sdn.* attributes.
/// Everything fits <c>width</c> columns: attributes wrap onto more lines between attributes, and only a
/// name or a single attribute longer than a line is cut with "…".
/// </summary>
public static class WaterfallRenderer
{
    public const int DefaultWidth = 100;
    public const int MinWidth = 60;
    private const int StartColumn = 10;
    private const int DurationColumn = 11;
    private const int MaxNameColumn = 36;

    public static void Write(TextWriter w, Trace trace, TraceClockChoice choice, int width, int failureCount)
    {
        width = Math.Max(width, MinWidth);
        var clock = TraceClock.For(trace, choice);
        WriteHeader(w, trace, clock, failureCount, width);

        var nameWidth = 12;
        foreach (var n in trace.Spans) nameWidth = Math.Max(nameWidth, Label(n).Length);
        nameWidth = Math.Min(nameWidth, MaxNameColumn);
        var bar = Math.Max(10, width - nameWidth - StartColumn - DurationColumn - 3);

        var sb = new StringBuilder(width * 2);
        sb.Append(Fit("span", nameWidth)).Append(Pad("start ms", StartColumn)).Append(Pad("duration", DurationColumn)).Append(' ');
        sb.Append(AxisLabels(clock.TotalMs, bar));
        w.WriteLine(sb.ToString().TrimEnd());

        foreach (var node in trace.Spans)
        {
            var (start, end) = clock.Place(node.Span);
            sb.Clear();
            sb.Append(Fit(Label(node), nameWidth));
            sb.Append(Pad("+" + Milliseconds.Format(start), StartColumn));
            sb.Append(Pad(Milliseconds.WithUnit(end - start), DurationColumn));
            sb.Append(' ').Append('│').Append(Bar(start, end, clock.TotalMs, bar)).Append('│');
            w.WriteLine(sb.ToString());
            WriteWrapped(w, Details(node, clock), 2 * node.Depth + 2, width);
        }
    }

    private static void WriteHeader(TextWriter w, Trace trace, TraceClock clock, int failureCount, int width)
    {
        var root = trace.Root.Span;
        var sb = new StringBuilder();
        sb.Append("trace ").Append(trace.TraceId).Append("  ").Append(root.Name);
        if (Subject(root) is { } subject) sb.Append(' ').Append(subject);
        if (trace.FailureNumber > 0) sb.Append(" · failure ").Append(trace.FailureNumber).Append(" of ").Append(failureCount);
        w.WriteLine(Cut(sb.ToString(), width));
        sb.Clear();
        sb.Append(trace.Spans.Count).Append(trace.Spans.Count == 1 ? " span" : " spans");
        if (trace.OrphanCount > 0) sb.Append(", ").Append(trace.OrphanCount).Append(" orphaned (parent not in the file)");
        sb.Append(" · ");
        if (clock.IsVirtual)
            sb.Append("virtual time, 0 = ").Append(Milliseconds.WithUnit(clock.OriginMs)).Append(" on the run clock (--time wall for the wall clock)");
        else
        {
            sb.Append("wall clock, 0 = ").Append(DateTime.UnixEpoch.AddTicks((long)(clock.OriginMs * TimeSpan.TicksPerMillisecond)).ToString("yyyy-MM-dd HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture)).Append(" UTC");
            if (trace.HasVirtualTime) sb.Append(" (--time virtual for the run clock)");
        }
        w.WriteLine(Cut(sb.ToString(), width));
        if (clock.Fallback is { } why) w.WriteLine(Cut("note: " + why, width));
    }

    /// <summary>What a root is about: its links or its switch.</summary>
    public static string? Subject(TraceSpan span) =>
        span.Attribute("sdn.link.ids")?.ToString() ?? span.Attribute("sdn.switch.id")?.ToString();

    private static string Label(SpanNode node) =>
        new string(' ', 2 * node.Depth) + (node.IsOrphan ? "↑ " : "") + node.Span.Name;

    /// <summary>The span's sdn.* attributes (prefix dropped), the other clock's view, error status and orphan note.</summary>
    private static List<string> Details(SpanNode node, TraceClock clock)
    {
        var s = node.Span;
        var items = new List<string>();
        foreach (var a in s.Attributes)
        {
            if (!a.Key.StartsWith(TelemetryNames.AttributePrefix, StringComparison.Ordinal)
                || a.Key == TelemetryNames.VirtualStartMs || a.Key == TelemetryNames.VirtualEndMs) continue;
            items.Add($"{a.Key.AsSpan(TelemetryNames.AttributePrefix.Length)}={a.Value}");
        }
        if (clock.IsVirtual) items.Add("wall " + Milliseconds.WithUnit(s.WallDurationMs));
        else if (s.VirtualStartMs is { } vs)
            items.Add($"virtual {Milliseconds.Format(vs)}–{Milliseconds.Format(s.VirtualEndMs ?? vs)} ms");
        if (s.StatusCode == 2) items.Add("status=ERROR" + (s.StatusMessage is { Length: > 0 } m ? ": " + m : ""));
        if (node.IsOrphan) items.Add($"orphan: parent {s.ParentSpanId} not in the file");
        return items;
    }

    /// <summary>Items two spaces apart, as many per line as fit; a line break never splits an item.</summary>
    private static void WriteWrapped(TextWriter w, List<string> items, int indent, int width)
    {
        var sb = new StringBuilder(width);
        foreach (var item in items)
        {
            if (sb.Length > indent && sb.Length + 2 + item.Length > width)
            {
                w.WriteLine(sb.ToString());
                sb.Clear();
            }
            if (sb.Length == 0) sb.Append(' ', indent);
            else sb.Append("  ");
            sb.Append(item);
            if (sb.Length > width)
            {
                w.WriteLine(Cut(sb.ToString(), width));
                sb.Clear();
            }
        }
        if (sb.Length > 0) w.WriteLine(sb.ToString());
    }

    private static string Bar(double start, double end, double total, int cells)
    {
        var chars = new char[cells];
        Array.Fill(chars, ' ');
        var scale = total > 0 ? cells / total : 0;
        var first = (int)Math.Floor(start * scale);
        var last = (int)Math.Ceiling(end * scale);
        first = Math.Clamp(first, 0, cells - 1);
        last = Math.Clamp(Math.Max(last, first + 1), first + 1, cells);
        for (var i = first; i < last; i++) chars[i] = '█';
        return new string(chars);
    }

    private static string AxisLabels(double total, int cells)
    {
        var right = Milliseconds.WithUnit(total);
        var chars = new char[cells + 2];
        Array.Fill(chars, ' ');
        chars[0] = '0';
        right.CopyTo(0, chars, Math.Max(2, chars.Length - right.Length), Math.Min(right.Length, chars.Length - 2));
        return new string(chars);
    }

    private static string Pad(string s, int width) => s.Length >= width ? s : new string(' ', width - s.Length) + s;

    /// <summary>Exactly <paramref name="width"/> characters for a column, cut with "…" when longer.</summary>
    private static string Fit(string s, int width) => Cut(s, width).PadRight(width);

    /// <summary>At most <paramref name="width"/> characters.</summary>
    internal static string Cut(string s, int width) => s.Length > width ? s[..(width - 1)] + "…" : s;
}
