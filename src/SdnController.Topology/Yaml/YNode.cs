using SdnController.Topology.Diagnostics;

namespace SdnController.Topology.Yaml;

/// <summary>
/// A parsed YAML node with its position. We keep our own small tree instead of YamlDotNet's
/// representation model because that one throws on the first duplicate key, and we want to report
/// every duplicate (at the second key) and keep going.
/// </summary>
internal abstract class YNode
{
    protected YNode(SourceLocation location) => Location = location;

    public SourceLocation Location { get; set; }

    /// <summary>How the node reads in an error message after "found", e.g. "a mapping".</summary>
    public abstract string Describe();
}

internal sealed class YScalar : YNode
{
    public YScalar(SourceLocation location, string value, bool isPlain) : base(location)
    {
        Value = value;
        IsPlain = isPlain;
    }

    public string Value { get; }
    /// <summary>Unquoted; only plain scalars can mean null (empty, ~, null).</summary>
    public bool IsPlain { get; }

    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string Describe()
    {
        if (IsNull) return "an empty value";
        var shown = Value.Length > 60 ? Value[..57] + "..." : Value;
        return $"'{shown}'";
    }
}

internal sealed class YSequence : YNode
{
    public YSequence(SourceLocation location) : base(location) { }

    public List<YNode> Items { get; } = new();

    public override string Describe() => Items.Count == 0 ? "an empty sequence" : "a sequence";
}

internal sealed class YMapping : YNode
{
    public YMapping(SourceLocation location) : base(location) { }

    /// <summary>Entries in file order, duplicates included; <see cref="MappingReader"/> reports those.</summary>
    public List<YEntry> Entries { get; } = new();

    public override string Describe() => Entries.Count == 0 ? "an empty mapping" : "a mapping";
}

internal readonly record struct YEntry(YNode Key, YNode Value);
