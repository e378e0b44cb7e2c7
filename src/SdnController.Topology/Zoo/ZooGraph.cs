using SdnController.Topology.Diagnostics;

namespace SdnController.Topology.Zoo;

/// <summary>An attribute value as written, with where it was written (for warnings about that value).</summary>
public readonly record struct ZooValue(string Text, SourceLocation At);

/// <summary>A node as read from GraphML or GML, before it becomes a switch. <see cref="RawId"/> is the id as written.</summary>
public sealed record ZooNode(string RawId, SourceLocation At)
{
    /// <summary>Attributes in file order; a repeated key keeps its last value.</summary>
    public Dictionary<string, ZooValue> Data { get; } = new(StringComparer.Ordinal);
}

/// <summary>An edge as read, with the ends as written and where each end was written.</summary>
public sealed record ZooEdge(string RawSource, SourceLocation SourceAt, string RawTarget, SourceLocation TargetAt, SourceLocation At)
{
    public Dictionary<string, ZooValue> Data { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// The common shape of a Topology Zoo network, whichever of the two formats it came from, so that one
/// mapper (<see cref="ZooTopologyMapper"/>) decides ids, locations and link speeds for both.
/// </summary>
public sealed class ZooGraph
{
    public Dictionary<string, ZooValue> Attributes { get; } = new(StringComparer.Ordinal);
    public List<ZooNode> Nodes { get; } = new();
    public List<ZooEdge> Edges { get; } = new();
}
