using SdnController.Controller.Messages;
using SdnController.Topology.Traffic;
using SdnController.VirtualNetwork.Traffic;

namespace SdnController.Scenarios.Playback;

/// <summary>A declared traffic flow seen by the controller (what to route) and by the source host (what to send).</summary>
internal static class TrafficMapping
{
    public static FlowSpec ToFlowSpec(TrafficFlow f) => ToUnclassified(f) with { Class = f.Class };

    private static FlowSpec ToUnclassified(TrafficFlow f) => f.Kind switch
    {
        TrafficKind.Tcp => new FlowSpec(f.Id, f.From, f.To, 6, (ushort)f.SourcePort, (ushort)f.DestinationPort, Bidirectional: true),
        TrafficKind.Icmp => new FlowSpec(f.Id, f.From, f.To, 1, 0, 0, Bidirectional: true),
        _ => new FlowSpec(f.Id, f.From, f.To, 17, (ushort)f.SourcePort, (ushort)f.DestinationPort, Bidirectional: false),
    };

    public static HostFlowSpec ToHostFlowSpec(TrafficFlow f, TimeSpan origin, TimeSpan runEnd)
    {
        var stop = f.Stop is { } s && s < runEnd ? s : runEnd;
        var protocol = f.Kind switch
        {
            TrafficKind.Tcp => FlowProtocol.Tcp,
            TrafficKind.Icmp => FlowProtocol.Icmp,
            _ => FlowProtocol.Udp,
        };
        return new HostFlowSpec(f.Id, f.From, f.To, protocol, f.PacketsPerSecond, f.FrameBytes,
            origin + f.Start, origin + stop, (ushort)f.SourcePort, (ushort)f.DestinationPort) { Class = f.Class, Payload = f.Payload };
    }
}
