using System.Collections.Immutable;
using SdnController.Controller.Routing;
using SdnController.Southbound.Matching;

namespace SdnController.Controller.Flows;

/// <summary>
/// Where a chained flow's forward direction goes: through <see cref="Functions"/> (instance indices in
/// <c>topology.Nfv</c>, standbys substituted), on one <see cref="ChainBranch"/> per host that receives it: one for a
/// flow to a host; one per backend host for a flow to a load balancer's VIP (they share the segments up to the load
/// balancer and part after it). Closed: no usable route keeps the chain, so the flow's traffic is dropped at its
/// ingresses; <see cref="ClosedReason"/> says why.
/// </summary>
internal sealed record ChainRoute(ImmutableArray<int> Functions, ImmutableArray<ChainBranch> Branches, string? ClosedReason)
{
    public bool Closed => ClosedReason is not null;

    /// <summary>The closing reason's category (a <see cref="ChainClosedCause"/> name): few values, fit for a metric tag.</summary>
    public string? ClosedCause { get; init; }

    /// <summary>The receiving hosts no route reaches (a load balancer's backend cut off); their traffic dies in the chain.</summary>
    public ImmutableArray<int> Unreached { get; init; } = ImmutableArray<int>.Empty;

    public static ChainRoute Close(string reason, string cause) =>
        new(ImmutableArray<int>.Empty, ImmutableArray<ChainBranch>.Empty, reason) { ClosedCause = cause };

    /// <summary>Same functions on the same branches, segments and headers (or closed for the same reason): nothing to change.</summary>
    public bool SameAs(ChainRoute? other)
    {
        if (other is null || other.ClosedReason != ClosedReason || !Functions.SequenceEqual(other.Functions)) return false;
        if (Branches.Length != other.Branches.Length) return false;
        for (var b = 0; b < Branches.Length; b++)
            if (!Branches[b].SameAs(other.Branches[b])) return false;
        return true;
    }

    /// <summary>One-way propagation latency along the longest branch (the drain wait of a move off this route).</summary>
    public double LatencyMs(double[] linkLatencyMs)
    {
        var longest = 0.0;
        foreach (var branch in Branches)
        {
            var ms = 0.0;
            foreach (var seg in branch.Segments)
                foreach (var l in seg.Links) ms += linkLatencyMs[l];
            longest = Math.Max(longest, ms);
        }
        return longest;
    }
}

/// <summary>
/// The route to one receiving host: <see cref="Segments"/> (ingress → first function's switch → … → the receiver's
/// switch; segment s ends at function s's port, the last one at the receiver's port) and the forward headers the
/// packets carry on each (<see cref="ChainHeaders"/>: the flow's own on segment 0, rewritten after a load balancer or NAT).
/// </summary>
internal sealed record ChainBranch(int Receiver, ImmutableArray<FlowPath> Segments, ImmutableArray<Match> Headers)
{
    public bool SameAs(ChainBranch other)
    {
        if (Receiver != other.Receiver || Segments.Length != other.Segments.Length) return false;
        for (var s = 0; s < Segments.Length; s++)
            if (!Segments[s].SameRoute(other.Segments[s]) || !Headers[s].Equals(other.Headers[s])) return false;
        return true;
    }
}
