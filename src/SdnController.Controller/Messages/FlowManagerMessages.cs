using System.Collections.Immutable;
using Akka.Actor;

namespace SdnController.Controller.Messages;

/// <summary>Supervisor → flow manager and topology actor: the switch actors, by switch id.</summary>
public sealed record SwitchActorsReady(ImmutableDictionary<string, IActorRef> Switches);

/// <summary>
/// A host-to-host flow the controller routes: IPv4 protocol (6 tcp, 17 udp, 1 icmp) and L4 ports (0 =
/// any, and always 0 for icmp). Bidirectional flows also get rules for the reply direction (tcp, icmp).
/// </summary>
public sealed record FlowSpec(string Id, string SourceHost, string DestinationHost, byte IpProtocol, ushort SourcePort, ushort DestinationPort, bool Bidirectional)
{
    /// <summary>
    /// Traffic class (the flow's <c>class:</c> label), or null. When the topology's <c>classes:</c> section
    /// gives the class a metric, the flow is routed by it instead of the controller's.
    /// </summary>
    public string? Class { get; init; }
}

/// <summary>Install these flows proactively.</summary>
public sealed record InstallFlows(ImmutableArray<FlowSpec> Flows);

/// <summary>Make sure two hosts can ping each other (ICMP both ways), e.g. for an `expect` check.</summary>
public sealed record EnsureConnectivity(string HostA, string HostB);
