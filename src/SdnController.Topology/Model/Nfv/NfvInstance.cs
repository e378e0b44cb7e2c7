using SdnController.Topology.Diagnostics;

namespace SdnController.Topology.Model.Nfv;

/// <summary>A network function of the topology: where it is attached and its rules.</summary>
public sealed record NfvInstance(string Id, PortRef Attachment, NfvConfig Config)
{
    public NfvKind Kind => Config.Kind;
    /// <summary>An instance of the same kind that takes over when this one fails, or null.</summary>
    public string? Standby { get; init; }
    public SourceLocation? Source { get; init; }
}
