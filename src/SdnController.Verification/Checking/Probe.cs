using SdnController.Verification.Walking;

namespace SdnController.Verification.Checking;

public enum ProbeKind
{
    /// <summary>An ICMP echo between two hosts: what host reachability installs.</summary>
    Pair,
    /// <summary>A declared traffic flow's exact 5-tuple.</summary>
    Flow,
}

/// <summary>A packet a host sends: who sends it, whom it is for, and its header as it leaves the host.</summary>
public sealed record Probe(ProbeKind Kind, string? FlowId, string From, string To, Header Header, string? Class)
{
    public string Name => Kind == ProbeKind.Flow ? $"flow {FlowId} ({From}->{To})" : $"{From}->{To}";
}
