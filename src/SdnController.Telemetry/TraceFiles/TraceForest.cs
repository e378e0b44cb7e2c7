namespace SdnController.Telemetry.TraceFiles;

/// <summary>
/// Groups spans into traces and each trace into its tree. Traces are in start order (their earliest span,
/// wall clock); failure traces (root link.failure, switch.failure, nfv.failure) are numbered 1, 2, … in that order.
/// </summary>
public sealed class TraceForest
{
    public IReadOnlyList<Trace> Traces { get; }
    public IReadOnlyList<Trace> Failures { get; }
    /// <summary>Spans whose id appeared again in the same trace (e.g. a file concatenated twice); the first copy is kept.</summary>
    public int DuplicateSpans { get; }

    private TraceForest(IReadOnlyList<Trace> traces, IReadOnlyList<Trace> failures, int duplicates)
    {
        Traces = traces;
        Failures = failures;
        DuplicateSpans = duplicates;
    }

    public static TraceForest Build(IReadOnlyList<TraceSpan> spans)
    {
        var byTrace = new Dictionary<string, List<TraceSpan>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var s in spans)
        {
            if (!byTrace.TryGetValue(s.TraceId, out var list))
            {
                byTrace[s.TraceId] = list = [];
                order.Add(s.TraceId);
            }
            list.Add(s);
        }
        var traces = new List<Trace>(order.Count);
        var duplicates = 0;
        foreach (var id in order) traces.Add(BuildTrace(id, byTrace[id], ref duplicates));
        traces.Sort((a, b) => a.StartUnixNano != b.StartUnixNano ? a.StartUnixNano.CompareTo(b.StartUnixNano) : string.CompareOrdinal(a.TraceId, b.TraceId));
        var failures = new List<Trace>();
        foreach (var t in traces)
        {
            if (t.Root.IsOrphan || !TelemetryNames.IsFailureRoot(t.Root.Span.Name)) continue;
            failures.Add(t);
            t.FailureNumber = failures.Count;
        }
        return new TraceForest(traces, failures, duplicates);
    }

    /// <summary>The trace whose id is <paramref name="id"/> or starts with it (hex, any case); null when none or ambiguous.</summary>
    public Trace? Find(string id, out int matches)
    {
        var key = id.Trim().ToLowerInvariant();
        Trace? found = null;
        matches = 0;
        foreach (var t in Traces)
        {
            if (t.TraceId == key)
            {
                matches = 1;
                return t;
            }
            if (!t.TraceId.StartsWith(key, StringComparison.Ordinal)) continue;
            matches++;
            found = t;
        }
        return matches == 1 ? found : null;
    }

    private static Trace BuildTrace(string traceId, List<TraceSpan> spans, ref int duplicates)
    {
        var nodes = new Dictionary<string, SpanNode>(spans.Count, StringComparer.Ordinal);
        var all = new List<SpanNode>(spans.Count);
        foreach (var s in spans)
        {
            if (nodes.ContainsKey(s.SpanId))
            {
                duplicates++;
                continue;
            }
            var node = new SpanNode(s);
            nodes[s.SpanId] = node;
            all.Add(node);
        }
        var roots = new List<SpanNode>();
        var orphans = new List<SpanNode>();
        foreach (var n in all)
        {
            if (n.Span.ParentSpanId is null) roots.Add(n);
            else if (n.Span.ParentSpanId != n.Span.SpanId && nodes.TryGetValue(n.Span.ParentSpanId, out var parent)) parent.Children.Add(n);
            else
            {
                n.IsOrphan = true;
                orphans.Add(n);
            }
        }
        foreach (var n in all) n.Children.Sort(ByStart);
        roots.Sort(ByStart);
        orphans.Sort(ByStart);

        var ordered = new List<SpanNode>(all.Count);
        var visited = new HashSet<SpanNode>(ReferenceEqualityComparer.Instance);
        foreach (var r in roots) Walk(r, 0, ordered, visited);
        foreach (var o in orphans) Walk(o, 0, ordered, visited);
        // A parent cycle (A→B→A, only in a corrupt file) is reachable from no root: break it at its earliest span.
        if (ordered.Count < all.Count)
        {
            var rest = new List<SpanNode>();
            foreach (var n in all) if (!visited.Contains(n)) rest.Add(n);
            rest.Sort(ByStart);
            foreach (var n in rest)
            {
                if (visited.Contains(n)) continue;
                if (nodes.TryGetValue(n.Span.ParentSpanId!, out var parent)) parent.Children.Remove(n);
                n.IsOrphan = true;
                orphans.Add(n);
                Walk(n, 0, ordered, visited);
            }
        }
        roots.AddRange(orphans);

        ulong start = ulong.MaxValue, end = 0;
        foreach (var n in all)
        {
            start = Math.Min(start, n.Span.StartUnixNano);
            end = Math.Max(end, Math.Max(n.Span.EndUnixNano, n.Span.StartUnixNano));
        }
        return new Trace { TraceId = traceId, Roots = roots, Spans = ordered, StartUnixNano = start, EndUnixNano = end };
    }

    private static void Walk(SpanNode node, int depth, List<SpanNode> ordered, HashSet<SpanNode> visited)
    {
        if (!visited.Add(node)) return;
        node.Depth = depth;
        ordered.Add(node);
        foreach (var c in node.Children) Walk(c, depth + 1, ordered, visited);
    }

    private static int ByStart(SpanNode a, SpanNode b)
    {
        var c = a.Span.StartUnixNano.CompareTo(b.Span.StartUnixNano);
        return c != 0 ? c : string.CompareOrdinal(a.Span.Name, b.Span.Name);
    }
}
