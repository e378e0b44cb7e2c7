using SdnController.Topology.Diagnostics;
using SdnController.Topology.Model.Nfv;

namespace SdnController.Topology.Building;

/// <summary>A service chain as read from a file; its hosts and functions are names still to be checked.</summary>
public sealed record ChainSpec(string Id, ChainMatch Match, IReadOnlyList<string> Through, SourceLocation? Source = null)
{
    /// <summary>Where each function of <see cref="Through"/> is written.</summary>
    public IReadOnlyList<SourceLocation?>? ThroughSources { get; init; }
    public SourceLocation? FromSource { get; init; }
    public SourceLocation? ToSource { get; init; }
}
