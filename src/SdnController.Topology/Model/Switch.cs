using SdnController.Topology.Diagnostics;

namespace SdnController.Topology.Model;

/// <summary>A forwarding element. <see cref="Id"/> is what files and commands use; <see cref="Label"/> is for display.</summary>
public sealed record Switch(string Id)
{
    /// <summary>OpenFlow datapath id; assigned from the switch's position when a file leaves it out.</summary>
    public ulong DatapathId { get; init; }
    public string? Label { get; init; }
    public GeoCoordinate? Location { get; init; }
    public SourceLocation? Source { get; init; }
    /// <summary>Extra attributes carried from the input (e.g. Zoo's Country, Internal) for display and export.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = EmptyAttributes;

    internal static readonly IReadOnlyDictionary<string, string> EmptyAttributes = new Dictionary<string, string>();

    public string DisplayName => string.IsNullOrEmpty(Label) ? Id : Label!;
}
