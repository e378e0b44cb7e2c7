using SdnController.Topology.Diagnostics;

namespace SdnController.Topology.Traffic;

/// <summary>
/// One declared flow between two hosts (see docs/topology-format.md, "traffic"). Lists and "*" in a
/// file are already expanded: every flow here has exactly one source and one destination host.
/// </summary>
public sealed record TrafficFlow(string Id, string From, string To, TrafficKind Kind)
{
    public double PacketsPerSecond { get; init; } = 100;
    /// <summary>Whole Ethernet frame size including headers, 64..9000.</summary>
    public int FrameBytes { get; init; } = 512;
    public TimeSpan Start { get; init; } = TimeSpan.Zero;
    /// <summary>Null: the flow runs until the run ends.</summary>
    public TimeSpan? Stop { get; init; }
    /// <summary>
    /// UDP/TCP source port; the loader's default is 10000 + the flow's index in the expanded list
    /// (wrapping back to 10000 after 65535). ICMP flows keep that number too, usable as an echo identifier.
    /// </summary>
    public int SourcePort { get; init; }
    /// <summary>UDP/TCP destination port; 0 for ICMP flows, which have none.</summary>
    public int DestinationPort { get; init; } = 5001;
    /// <summary>Free traffic-class label, e.g. "web".</summary>
    public string? Class { get; init; }
    /// <summary>What the packets carry ahead of the generator's stamp (<c>payload:</c>); <see cref="TrafficPayload.None"/> by default.</summary>
    public TrafficPayload Payload { get; init; }
    public SourceLocation? Source { get; init; }

    public const int MinFrameBytes = 64;
    public const int MaxFrameBytes = 9000;
    public const int DefaultDestinationPort = 5001;
    public const int FirstSourcePort = 10000;

    /// <summary>The source port a flow gets when its file entry states none.</summary>
    public static int DefaultSourcePort(int index) => FirstSourcePort + index % (65536 - FirstSourcePort);
}
