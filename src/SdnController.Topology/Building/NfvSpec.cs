using SdnController.Topology.Diagnostics;
using SdnController.Topology.Model.Nfv;

namespace SdnController.Topology.Building;

/// <summary>
/// A network function as read from a file, before validation: its attachment port may be omitted, its
/// standby and load-balancer backend hosts are names still to be checked.
/// </summary>
public sealed record NfvSpec(string Id, PortSpec Attachment, NfvConfig Config, SourceLocation? Source = null)
{
    public string? Standby { get; init; }
    public SourceLocation? StandbySource { get; init; }
    /// <summary>Where each of a load balancer's backends is written, parallel to its config's backends.</summary>
    public IReadOnlyList<SourceLocation?>? BackendSources { get; init; }
}
