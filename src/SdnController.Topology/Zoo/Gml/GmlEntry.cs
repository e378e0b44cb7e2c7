using SdnController.Topology.Diagnostics;

namespace SdnController.Topology.Zoo.Gml;

/// <summary>One <c>key value</c> pair of a GML file; a list value (<c>key [ … ]</c>) has <see cref="Children"/>.</summary>
internal sealed record GmlEntry(string Key, SourceLocation KeyAt, GmlTokenKind ValueKind, string Text, SourceLocation ValueAt)
{
    public List<GmlEntry>? Children { get; init; }
    public bool IsList => Children is not null;
}
