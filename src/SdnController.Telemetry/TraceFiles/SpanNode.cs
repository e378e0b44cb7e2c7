namespace SdnController.Telemetry.TraceFiles;

/// <summary>A span in its trace's tree. An orphan's parent is not in the file; it is shown as an extra root.</summary>
public sealed class SpanNode(TraceSpan span)
{
    public TraceSpan Span { get; } = span;
    public List<SpanNode> Children { get; } = [];
    public bool IsOrphan { get; internal set; }
    public int Depth { get; internal set; }
}
