namespace SdnController.Verification.Dump;

public enum ActionKind { Output, OutputInPort, Group, PushVlan, PopVlan, SetField, Controller, Drop }

public enum HeaderField { EthSrc, EthDst, VlanVid, Ipv4Src, Ipv4Dst, IpDscp, L4Src, L4Dst }

/// <summary>One action; <see cref="Value"/> is the port, group id, VLAN id or field value as a number.</summary>
public readonly record struct DumpAction(ActionKind Kind, ulong Value, HeaderField Field = HeaderField.EthSrc)
{
    public override string ToString() => Kind switch
    {
        ActionKind.Output => $"output:{Value}",
        ActionKind.OutputInPort => "output:in_port",
        ActionKind.Group => $"group:{Value}",
        ActionKind.PushVlan => $"push_vlan:{Value}",
        ActionKind.PopVlan => "pop_vlan",
        ActionKind.SetField => $"set_{Field}:{Value}",
        ActionKind.Controller => "controller",
        _ => "drop",
    };
}
