namespace SdnController.Topology.Rendering;

/// <summary>What a picture should stand out: failed links (red, dashed) and one path (bold).</summary>
public abstract record HighlightOptions
{
    /// <summary>Link ids to draw as failed.</summary>
    public IReadOnlySet<string>? FailedLinks { get; init; }
    /// <summary>Switch ids along a path, in order; consecutive switches must share a link.</summary>
    public IReadOnlyList<string>? HighlightPath { get; init; }
}
