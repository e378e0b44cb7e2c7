using SdnController.Topology.Diagnostics;

namespace SdnController.Topology.Zoo.Graphml;

/// <summary>A <c>&lt;key&gt;</c> declaration: which attribute name a <c>&lt;data key="…"&gt;</c> id stands for, for which elements, and its default.</summary>
internal sealed record GraphmlKey(string Id, string Name, string For, SourceLocation At)
{
    public ZooValue? Default { get; init; }

    /// <summary>"all" (the GraphML default when <c>for</c> is left out) applies to every element kind.</summary>
    public bool AppliesTo(string element) => For == "all" || For == element;
}
