using System.Collections.Immutable;
using SdnController.Controller.Protocols;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Matching;
using SdnController.Southbound.Rules;

namespace SdnController.Controller.Switches;

/// <summary>
/// Rules every switch holds regardless of traffic: LLDP (link discovery/keepalive) and ARP (proxy ARP) go to
/// the controller, and with reactive routing so does any IPv4 packet no flow rule matched (a table-miss
/// for IPv4 below every flow rule, as a reactive OpenFlow controller installs at priority 0). They carry <see cref="Cookie"/>, a value reserved for controller infrastructure: the flow
/// manager never uses cookies with the top byte 0xFF, so reconciliation can tell these apart from flow rules.
/// </summary>
public static class BaseRules
{
    /// <summary>Cookie of the base rules; top byte 0xFF marks controller infrastructure rules.</summary>
    public const ulong Cookie = 0xFF00_0000_0000_0001UL;
    /// <summary>Above any flow rule, so no flow rule can swallow probes or ARP.</summary>
    public const int Priority = 65000;

    /// <summary>Below every flow rule (flow priorities are positive), so only unmatched IPv4 reaches the controller.</summary>
    public const int MissPriority = 0;

    public static readonly FlowRule Lldp = ToController(EtherTypes.Lldp);
    public static readonly FlowRule Arp = ToController(EtherTypes.Arp);
    /// <summary>Reactive routing: unmatched IPv4 packets go to the controller (packet-in).</summary>
    public static readonly FlowRule Ipv4Miss = ToController(EtherTypes.Ipv4, MissPriority);
    /// <summary>Base rules of proactive routing.</summary>
    public static readonly ImmutableArray<FlowRule> All = [Lldp, Arp];
    /// <summary>Base rules of reactive routing.</summary>
    public static readonly ImmutableArray<FlowRule> Reactive = [Lldp, Arp, Ipv4Miss];

    /// <summary>The base rules every switch holds under these options.</summary>
    public static ImmutableArray<FlowRule> For(ControllerOptions options) => options.Reactive ? Reactive : All;

    public static bool IsBase(in RuleKey key) =>
        key.Priority == Priority ? key.Match == Lldp.Match || key.Match == Arp.Match
        : key.Priority == MissPriority && key.Match == Ipv4Miss.Match;

    /// <summary>The base rule with this key (<see cref="IsBase"/> must hold).</summary>
    public static FlowRule Of(in RuleKey key) =>
        key.Priority == MissPriority ? Ipv4Miss : key.Match == Lldp.Match ? Lldp : Arp;

    private static FlowRule ToController(ushort etherType, int priority = Priority) =>
        new(priority, new Match { EthType = etherType }, [ToControllerAction.Instance]) { Cookie = Cookie };
}
