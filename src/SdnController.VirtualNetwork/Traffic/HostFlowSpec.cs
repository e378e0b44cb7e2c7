namespace SdnController.VirtualNetwork.Traffic;

/// <summary>
/// A constant-rate traffic generator: packet n leaves <paramref name="FromHost"/> at Start + n / PacketsPerSecond,
/// until <paramref name="Stop"/> (exclusive; null = forever). FrameBytes is the whole Ethernet frame without FCS.
/// </summary>
public sealed record HostFlowSpec(
    string Id,
    string FromHost,
    string ToHost,
    FlowProtocol Protocol,
    double PacketsPerSecond,
    int FrameBytes,
    TimeSpan Start,
    TimeSpan? Stop,
    ushort SourcePort,
    ushort DestinationPort)
{
    /// <summary>The flow's traffic class label (traffic <c>class</c>), or null; network functions see it (rate limiter rules by class).</summary>
    public string? Class { get; init; }

    /// <summary>Application bytes each packet starts with (traffic <c>payload</c>), ahead of the sequence number and send time.</summary>
    public Topology.Traffic.TrafficPayload Payload { get; init; }
}
