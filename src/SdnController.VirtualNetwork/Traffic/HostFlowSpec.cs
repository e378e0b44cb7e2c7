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
    ushort DestinationPort);
