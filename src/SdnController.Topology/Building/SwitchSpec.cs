using SdnController.Topology.Diagnostics;
using SdnController.Topology.Model;

namespace SdnController.Topology.Building;

/// <summary>A switch as read from a file, before validation.</summary>
public sealed record SwitchSpec(string Id, SourceLocation? Source = null)
{
    public ulong? DatapathId { get; init; }
    public string? Label { get; init; }
    public GeoCoordinate? Location { get; init; }
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
}
