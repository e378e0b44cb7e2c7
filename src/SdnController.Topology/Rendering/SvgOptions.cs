namespace SdnController.Topology.Rendering;

/// <summary>Options for <see cref="SvgWriter"/>.</summary>
public sealed record SvgOptions : HighlightOptions
{
    public double Width { get; init; } = 1200;
    public double Height { get; init; } = 800;
    /// <summary>Title at the top; the topology's name when null.</summary>
    public string? Title { get; init; }
    /// <summary>Switch names beside the circles. Null: on when the network has at most 300 switches.</summary>
    public bool? SwitchLabels { get; init; }
    public bool ShowHosts { get; init; } = true;
}
