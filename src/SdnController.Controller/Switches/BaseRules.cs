using System.Collections.Immutable;
using SdnController.Controller.Protocols;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Matching;
using SdnController.Southbound.Rules;

namespace SdnController.Controller.Switches;

/// <summary>
/// Rules every switch holds regardless of traffic: LLDP (link discovery/keepalive) and ARP (proxy ARP) go to
/// the controller. They carry <see cref="Cookie"/>, a value reserved for controller infrastructure: the flow
/// manager never uses cookies with the top byte 0xFF, so reconciliation can tell these apart from flow rules.
/// </summary>
public static class BaseRules
{
    /// <summary>Cookie of the base rules; top byte 0xFF marks controller infrastructure rules.</summary>
    public const ulong Cookie = 0xFF00_0000_0000_0001UL;
    /// <summary>Above any flow rule, so no flow rule can swallow probes or ARP.</summary>
    public const int Priority = 65000;

    public static readonly FlowRule Lldp = ToController(EtherTypes.Lldp);
    public static readonly FlowRule Arp = ToController(EtherTypes.Arp);
    public static readonly ImmutableArray<FlowRule> All = [Lldp, Arp];

    public static bool IsBase(in RuleKey key) =>
        key.Priority == Priority && (key.Match == Lldp.Match || key.Match == Arp.Match);

    private static FlowRule ToController(ushort etherType) =>
        new(Priority, new Match { EthType = etherType }, [ToControllerAction.Instance]) { Cookie = Cookie };
}
