namespace SdnController.Verification.Walking;

public enum EndKind
{
    /// <summary>Output to a host's port.</summary>
    Delivered,
    /// <summary>No rule matched.</summary>
    TableMiss,
    /// <summary>The matching rule's outputs all led nowhere (e.g. output to the port it came in on).</summary>
    Dropped,
    /// <summary>
    /// The matching rule is an explicit drop (no actions, or only drop actions): a deliberate decision — an IDS or
    /// policy block, a chain failing closed — not a lost packet.
    /// </summary>
    ExplicitDrop,
    /// <summary>The matching rule only sends the packet to the controller.</summary>
    ToController,
    /// <summary>Output to a port that is down, to a link that is down, to a missing port or to nothing.</summary>
    DeadPort,
    /// <summary>A group with no live bucket, or a group id the switch does not have.</summary>
    GroupFailed,
    /// <summary>A (switch, in_port, header) state came back: the packet would circle for ever.</summary>
    Loop,
    /// <summary>Entered a function that rewrites headers (NAT, load balancer); the walk does not model it.</summary>
    NotFollowed,
}

/// <summary>Where one branch of a walk ended, the hops that led there and the functions crossed in order.</summary>
public sealed record WalkOutcome(EndKind End, string? Host, Header Header, IReadOnlyList<WalkStep> Path, IReadOnlyList<string> Functions, string Detail)
{
    public bool IsFailure => End is not (EndKind.Delivered or EndKind.NotFollowed or EndKind.Loop or EndKind.ExplicitDrop);

    public string PathText() => string.Join(" ", Path) + (Host is not null ? $" {Host}" : "");
}
