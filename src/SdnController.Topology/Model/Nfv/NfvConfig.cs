namespace SdnController.Topology.Model.Nfv;

/// <summary>
/// The rules of one network function, as the topology file states them. One subtype per
/// <see cref="NfvKind"/>; the controller pushes it to the running function as a versioned message.
/// </summary>
public abstract record NfvConfig
{
    public abstract NfvKind Kind { get; }
}
