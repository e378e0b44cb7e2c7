using System.Text;
using SdnController.Telemetry.TraceFiles;

namespace SdnController.Telemetry.Waterfall;

/// <summary>One line per trace: number, id, root span, span count, duration, failure number and subject.</summary>
public static class TraceListRenderer
{
    public static void Write(TextWriter w, string file, TraceForest forest, TraceClockChoice choice, int width)
    {
        var spans = 0;
        foreach (var t in forest.Traces) spans += t.Spans.Count;
        w.WriteLine($"{file}: {forest.Traces.Count} traces, {spans} spans, {forest.Failures.Count} failures");
        if (forest.Traces.Count == 0) return;
        var rootWidth = 4;
        foreach (var t in forest.Traces) rootWidth = Math.Max(rootWidth, t.Root.Span.Name.Length + (t.Root.IsOrphan ? 2 : 0));
        rootWidth = Math.Min(rootWidth, 24);
        w.WriteLine(WaterfallRenderer.Cut($"{"#",4}  {"trace id",-32}  {Col("root", rootWidth)}  {"spans",5}  {"duration",11}  {"failure",7}  subject", width));
        var sb = new StringBuilder();
        for (var i = 0; i < forest.Traces.Count; i++)
        {
            var t = forest.Traces[i];
            var clock = TraceClock.For(t, choice);
            sb.Clear();
            sb.Append($"{i + 1,4}  {t.TraceId,-32}  {Col((t.Root.IsOrphan ? "↑ " : "") + t.Root.Span.Name, rootWidth)}  {t.Spans.Count,5}  ");
            sb.Append($"{Milliseconds.WithUnit(clock.TotalMs) + (clock.IsVirtual ? " v" : " w"),11}  ");
            sb.Append($"{(t.FailureNumber > 0 ? t.FailureNumber.ToString() : ""),7}  ");
            sb.Append(WaterfallRenderer.Subject(t.Root.Span) ?? t.Root.Span.ServiceName ?? "");
            w.WriteLine(WaterfallRenderer.Cut(sb.ToString().TrimEnd(), width));
        }
        w.WriteLine("(duration: v = virtual run clock, w = wall clock)");
    }

    private static string Col(string s, int width) => WaterfallRenderer.Cut(s, width).PadRight(width);
}
