using SdnController.Southbound.Matching;

namespace SdnController.Southbound.Actions;

/// <summary>What a rule or group bucket does with a packet. Applied in list order (OpenFlow "apply-actions").</summary>
public abstract record FlowAction;

/// <summary>Send out a port. <see cref="PortNumbers.InPort"/> sends back out the ingress port.</summary>
public sealed record OutputAction(int Port) : FlowAction
{
    public override string ToString() => Port == PortNumbers.InPort ? "output:in_port" : $"output:{Port}";
}

/// <summary>Hand the packet to a group (ECMP select, fast-failover, all, indirect).</summary>
public sealed record GroupAction(uint GroupId) : FlowAction
{
    public override string ToString() => $"group:{GroupId}";
}

/// <summary>Push an 802.1Q tag (TPID 0x8100) carrying this VLAN id.</summary>
public sealed record PushVlanAction(ushort VlanId) : FlowAction
{
    public override string ToString() => $"push_vlan:{VlanId}";
}

/// <summary>Remove the outermost 802.1Q tag (no-op on untagged frames).</summary>
public sealed record PopVlanAction : FlowAction
{
    public override string ToString() => "pop_vlan";
}

/// <summary>Rewrite one header field; IPv4/L4 checksums are kept valid by the switch.</summary>
public sealed record SetFieldAction(SetField Field, ulong Value) : FlowAction
{
    public override string ToString() => Field switch
    {
        SetField.EthSrc or SetField.EthDst => $"set_{FieldName(Field)}:{new MacAddress(Value)}",
        SetField.Ipv4Src or SetField.Ipv4Dst =>
            $"set_{FieldName(Field)}:{Value >> 24 & 255}.{Value >> 16 & 255}.{Value >> 8 & 255}.{Value & 255}",
        _ => $"set_{FieldName(Field)}:{Value}",
    };

    public static string FieldName(SetField f) => f switch
    {
        SetField.EthSrc => "eth_src",
        SetField.EthDst => "eth_dst",
        SetField.VlanId => "vlan_vid",
        SetField.Ipv4Src => "ipv4_src",
        SetField.Ipv4Dst => "ipv4_dst",
        SetField.IpDscp => "ip_dscp",
        SetField.L4Src => "l4_src",
        SetField.L4Dst => "l4_dst",
        _ => f.ToString(),
    };
}

public enum SetField { EthSrc, EthDst, VlanId, Ipv4Src, Ipv4Dst, IpDscp, L4Src, L4Dst }

/// <summary>Send the packet to the controller as a packet-in (reason: action).</summary>
public sealed record ToControllerAction : FlowAction
{
    public static readonly ToControllerAction Instance = new();
    public override string ToString() => "controller";
}

/// <summary>Explicit drop; an empty action list drops too, this one says so in dumps.</summary>
public sealed record DropAction : FlowAction
{
    public static readonly DropAction Instance = new();
    public override string ToString() => "drop";
}
