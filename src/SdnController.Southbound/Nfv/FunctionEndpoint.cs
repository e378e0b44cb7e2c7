using SdnController.Topology.Model.Nfv;

namespace SdnController.Southbound.Nfv;

/// <summary>
/// A network function instance the driver can reach, and where its data-plane arm plugs in: frames the switch
/// <see cref="Dpid"/> outputs to <see cref="Port"/> go through the function and come back in on that same port.
/// </summary>
public sealed record FunctionEndpoint(string Id, NfvKind Kind, ulong Dpid, int Port);
