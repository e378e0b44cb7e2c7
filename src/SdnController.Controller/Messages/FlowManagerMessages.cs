using System.Collections.Immutable;
using Akka.Actor;

namespace SdnController.Controller.Messages;

/// <summary>Supervisor → flow manager and topology actor: the switch actors, by switch id.</summary>
public sealed record SwitchActorsReady(ImmutableDictionary<string, IActorRef> Switches);

/// <summary>
/// A host-to-host flow the controller routes: IPv4 protocol (6 tcp, 17 udp, 1 icmp) and L4 ports (0 =
/// any, and always 0 for icmp). Bidirectional flows also get rules for the reply direction (tcp, icmp).
/// </summary>
/// <remarks>
/// A flow opened by a packet-in (<see cref="Reactive"/>) has an id that follows from its fields
/// (<c>reactive:udp:h1:1024-h4:5000</c>); it is made the first time something reads <see cref="Id"/>
/// (a log line, a trace), not for each of the hundreds of thousands of flows a reactive run opens.
/// Equality and hash are by value, id included, either way.
/// </remarks>
public sealed record FlowSpec(string Id, string SourceHost, string DestinationHost, byte IpProtocol, ushort SourcePort, ushort DestinationPort, bool Bidirectional)
{
    private string? _id = Id;

    public string Id
    {
        get => _id ??= ReactiveId();
        init => _id = value;
    }

    /// <summary>
    /// Traffic class (the flow's <c>class:</c> label), or null. When the topology's <c>classes:</c> section
    /// gives the class a metric, the flow is routed by it instead of the controller's.
    /// </summary>
    public string? Class { get; init; }

    /// <summary>The id is derived from the fields (a reactive TCP, UDP or other non-ICMP flow); see <see cref="Reactive"/>.</summary>
    public bool HasReactiveId { get; private init; }

    /// <summary>
    /// The one-way flow a packet-in opens: TCP and UDP per 5-tuple (<c>reactive:tcp:A:sport-B:dport</c>), any
    /// other IP protocol per host pair (<c>reactive:ipN:A-B</c>, ports 0).
    /// </summary>
    public static FlowSpec Reactive(string sourceHost, string destinationHost, byte ipProtocol, ushort sourcePort, ushort destinationPort)
    {
        var ported = ipProtocol is 6 or 17;
        return new FlowSpec(null!, sourceHost, destinationHost, ipProtocol, ported ? sourcePort : (ushort)0, ported ? destinationPort : (ushort)0, Bidirectional: false)
        {
            HasReactiveId = true,
        };
    }

    private string ReactiveId() => IpProtocol switch
    {
        6 or 17 => $"reactive:{(IpProtocol == 6 ? "tcp" : "udp")}:{SourceHost}:{SourcePort}-{DestinationHost}:{DestinationPort}",
        _ => $"reactive:ip{IpProtocol}:{SourceHost}-{DestinationHost}",
    };

    public bool Equals(FlowSpec? other) =>
        ReferenceEquals(this, other) || (other is not null && Id == other.Id && SourceHost == other.SourceHost && DestinationHost == other.DestinationHost &&
            IpProtocol == other.IpProtocol && SourcePort == other.SourcePort && DestinationPort == other.DestinationPort &&
            Bidirectional == other.Bidirectional && Class == other.Class);

    public override int GetHashCode() =>
        HashCode.Combine(Id, SourceHost, DestinationHost, IpProtocol, SourcePort, DestinationPort, Bidirectional, Class);
}

/// <summary>Install these flows proactively.</summary>
public sealed record InstallFlows(ImmutableArray<FlowSpec> Flows);

/// <summary>Make sure two hosts can ping each other (ICMP both ways), e.g. for an `expect` check.</summary>
public sealed record EnsureConnectivity(string HostA, string HostB);
