using System.Collections.Immutable;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Matching;
using SdnController.Southbound.Messages;
using SdnController.Southbound.Rules;

namespace SdnController.VirtualNetwork.Switching;

/// <summary>What a switch refuses before installing a rule or group, with the OpenFlow-style error it answers.</summary>
internal sealed class RuleValidator
{
    private readonly string _switchName;
    private readonly SwitchPorts _ports;
    private readonly GroupTable _groups;

    public RuleValidator(string switchName, SwitchPorts ports, GroupTable groups)
    {
        _switchName = switchName;
        _ports = ports;
        _groups = groups;
    }

    public readonly record struct Problem(SouthboundErrorCode Code, string Text);

    public Problem? CheckRule(FlowRule? rule)
    {
        if (rule is null || rule.Match is null) return new(SouthboundErrorCode.BadRequest, "flow-mod without a rule or match");
        if (rule.Match.Vlan is { Untagged: false, VlanId: > 4095 } v)
            return new(SouthboundErrorCode.BadMatch, $"vlan id {v.VlanId} is out of range 0..4095");
        if (rule.IdleTimeout < TimeSpan.Zero || rule.HardTimeout < TimeSpan.Zero)
            return new(SouthboundErrorCode.BadRequest, "negative timeout");
        return CheckActions(rule.Actions, selfGroup: null);
    }

    public Problem? CheckGroup(GroupEntry? group)
    {
        if (group is null) return new(SouthboundErrorCode.BadRequest, "group-mod without a group");
        var buckets = group.Buckets.IsDefault ? ImmutableArray<Bucket>.Empty : group.Buckets;
        if (group.Type == GroupType.Indirect && buckets.Length != 1)
            return new(SouthboundErrorCode.BadRequest, $"indirect group {group.GroupId} needs exactly one bucket, has {buckets.Length}");
        foreach (var bucket in buckets)
        {
            if (bucket is null) return new(SouthboundErrorCode.BadRequest, $"group {group.GroupId} has a null bucket");
            if (bucket.Weight < 0) return new(SouthboundErrorCode.BadRequest, $"group {group.GroupId}: negative bucket weight");
            if (bucket.WatchPort != PortNumbers.Any && _ports.SlotOf(bucket.WatchPort) < 0)
                return new(SouthboundErrorCode.BadAction, $"group {group.GroupId} watches port {bucket.WatchPort}, which {_switchName} does not have");
            if (CheckActions(bucket.Actions, group.GroupId) is { } problem) return problem;
        }
        return null;
    }

    public Problem? CheckPacketOut(PacketOut packetOut)
    {
        if (packetOut.InPort != PortNumbers.Controller && _ports.SlotOf(packetOut.InPort) < 0)
            return new(SouthboundErrorCode.BadRequest, $"packet-out in_port {packetOut.InPort}: {_switchName} has no such port");
        return CheckActions(packetOut.Actions, selfGroup: null);
    }

    private Problem? CheckActions(ImmutableArray<FlowAction> actions, uint? selfGroup)
    {
        if (actions.IsDefaultOrEmpty) return null;
        foreach (var action in actions)
        {
            switch (action)
            {
                case null:
                    return new(SouthboundErrorCode.BadAction, "null action");
                case OutputAction o when o.Port != PortNumbers.InPort && _ports.SlotOf(o.Port) < 0:
                    return new(SouthboundErrorCode.BadAction, $"output to port {o.Port}: {_switchName} has no such port");
                case GroupAction g when g.GroupId == selfGroup:
                    return new(SouthboundErrorCode.BadAction, $"group {g.GroupId} refers to itself");
                case GroupAction g when !_groups.Contains(g.GroupId):
                    return new(SouthboundErrorCode.UnknownGroup, $"group {g.GroupId} does not exist on {_switchName}");
                case PushVlanAction p when p.VlanId > 4095:
                    return new(SouthboundErrorCode.BadAction, $"push_vlan {p.VlanId} is out of range 0..4095");
                case SetFieldAction s when s.Value > MaxValue(s.Field):
                    return new(SouthboundErrorCode.BadAction, $"{SetFieldAction.FieldName(s.Field)} value {s.Value} is out of range");
            }
        }
        return null;
    }

    private static ulong MaxValue(SetField field) => field switch
    {
        SetField.EthSrc or SetField.EthDst => MacAddress.Mask48,
        SetField.VlanId => 4095,
        SetField.Ipv4Src or SetField.Ipv4Dst => uint.MaxValue,
        SetField.IpDscp => 63,
        SetField.L4Src or SetField.L4Dst => ushort.MaxValue,
        _ => 0,
    };
}
