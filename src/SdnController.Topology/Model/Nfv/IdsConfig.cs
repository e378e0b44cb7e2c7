namespace SdnController.Topology.Model.Nfv;

/// <summary>Payload signatures; with <see cref="Block"/> a match blocks the flow besides raising the alert.</summary>
public sealed record IdsConfig(bool Block, IReadOnlyList<IdsSignature> Signatures) : NfvConfig
{
    /// <summary>
    /// How long a block lasts (topology <c>block_for</c>); null: for good. The instance forgets its own block after
    /// this long, and the controller's drop rules for the flow carry it as their hard timeout.
    /// </summary>
    public TimeSpan? BlockFor { get; init; }

    public override NfvKind Kind => NfvKind.Ids;
}

/// <summary>
/// Bytes to find in a packet's payload (text as UTF-8, or hex), optionally only for one protocol and ports.
/// With <see cref="IgnoreCase"/> ASCII letters match either case.
/// </summary>
public sealed record IdsSignature(string Id, byte[] Pattern)
{
    public TransportProtocol Protocol { get; init; } = TransportProtocol.Any;
    public PortRange SourcePorts { get; init; } = PortRange.Any;
    public PortRange DestinationPorts { get; init; } = PortRange.Any;
    public bool IgnoreCase { get; init; }
}
