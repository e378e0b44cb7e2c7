namespace SdnController.VirtualNetwork.Packets;

/// <summary>
/// The rule a packet met at one hop: its cookie (a controller flow rule's cookie names the flow and direction)
/// and the configuration version the rule carries, <see cref="Switching.FlowEntry.Version"/>: the VLAN id the
/// rule matches or pushes, 0 for a rule of an untagged configuration. A test decides from these whether every
/// hop of a packet belongs to one configuration of its flow.
/// </summary>
public readonly record struct HopRule(ulong Cookie, int Version);
