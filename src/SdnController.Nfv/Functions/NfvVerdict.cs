namespace SdnController.Nfv.Functions;

public enum NfvAction
{
    /// <summary>The frame passes unchanged.</summary>
    Forward,
    /// <summary>The frame passes, rewritten in place (addresses, ports, DSCP), checksums valid.</summary>
    Rewritten,
    Drop,
}

/// <summary>Why a frame was dropped (or <see cref="None"/>), for counters and traces.</summary>
public enum DropReason
{
    None,
    /// <summary>A cut-off or inconsistent frame the function cannot judge; firewall, NAT and load balancer fail closed.</summary>
    Malformed,
    /// <summary>A firewall rule denied it.</summary>
    Denied,
    /// <summary>No firewall rule matched and the default is deny.</summary>
    DefaultDeny,
    /// <summary>NAT: no free port in the range, or a packet to the public address with no mapping.</summary>
    NoMapping,
    /// <summary>Load balancer: every backend is down, or the packet is for the VIP on another protocol or port.</summary>
    NoBackend,
    OverRate,
    /// <summary>IDS: the packet matched a blocking signature, or belongs to a flow blocked earlier.</summary>
    Blocked,
}

/// <summary>
/// What a function did with one frame. <see cref="Rule"/> is the index of the rule (firewall rule, NAT
/// entry, backend, rate rule, signature) that decided, -1 when none did. <see cref="Alert"/> is set when
/// an IDS signature matched.
/// </summary>
public readonly record struct NfvVerdict(NfvAction Action, int Rule = -1, DropReason Reason = DropReason.None, IdsAlert? Alert = null)
{
    public bool Passes => Action != NfvAction.Drop;

    public static NfvVerdict Forward(int rule = -1) => new(NfvAction.Forward, rule);
    public static NfvVerdict Rewritten(int rule = -1) => new(NfvAction.Rewritten, rule);
    public static NfvVerdict Drop(DropReason reason, int rule = -1) => new(NfvAction.Drop, rule, reason);
}
