using SdnController.Topology.Diagnostics;

namespace SdnController.Topology.Model.Nfv;

/// <summary>Traffic matching <see cref="Match"/> crosses the functions of <see cref="Through"/> in order.</summary>
public sealed record ServiceChain(string Id, ChainMatch Match, IReadOnlyList<string> Through)
{
    public SourceLocation? Source { get; init; }
}

/// <summary>Which traffic a chain takes; a null field matches anything. From and To are host ids.</summary>
public sealed record ChainMatch
{
    public string? From { get; init; }
    public string? To { get; init; }
    public TransportProtocol Protocol { get; init; } = TransportProtocol.Any;
    public PortRange SourcePorts { get; init; } = PortRange.Any;
    public PortRange DestinationPorts { get; init; } = PortRange.Any;
    public string? Class { get; init; }
}
