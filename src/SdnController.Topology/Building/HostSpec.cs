using SdnController.Topology.Diagnostics;
using SdnController.Topology.Model;

namespace SdnController.Topology.Building;

/// <summary>A host as read from a file, before validation. A null MAC is generated from the host's position.</summary>
public sealed record HostSpec(string Id, PortSpec Attachment, SourceLocation? Source = null)
{
    public System.Net.NetworkInformation.PhysicalAddress? Mac { get; init; }
    public SourceLocation? MacSource { get; init; }
    public InterfaceAddress? IPv4 { get; init; }
    public SourceLocation? IPv4Source { get; init; }
    public InterfaceAddress? IPv6 { get; init; }
    public SourceLocation? IPv6Source { get; init; }
    /// <summary>A Linux network namespace plays this host (<see cref="Host.Real"/>).</summary>
    public bool Real { get; init; }
    public SourceLocation? RealSource { get; init; }
}
