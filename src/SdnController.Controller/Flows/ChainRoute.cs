using System.Collections.Immutable;
using SdnController.Controller.Routing;

namespace SdnController.Controller.Flows;

/// <summary>
/// Where a chained flow's forward direction goes: through <see cref="Functions"/> (instance indices in
/// <c>topology.Nfv</c>, standbys substituted) on <see cref="Segments"/> (ingress → first function's switch → … →
/// egress; segment s ends at function s's port, the last one at the destination host's port). Closed: no
/// usable route keeps the chain, so the flow's traffic is dropped at its ingress; <see cref="ClosedReason"/> says why.
/// </summary>
internal sealed record ChainRoute(ImmutableArray<int> Functions, ImmutableArray<FlowPath> Segments, string? ClosedReason)
{
    public bool Closed => ClosedReason is not null;

    /// <summary>The closing reason's category (a <see cref="ChainClosedCause"/> name): few values, fit for a metric tag.</summary>
    public string? ClosedCause { get; init; }

    public static ChainRoute Close(string reason, string cause) =>
        new(ImmutableArray<int>.Empty, ImmutableArray<FlowPath>.Empty, reason) { ClosedCause = cause };

    /// <summary>Same functions on the same segments (or closed for the same reason): nothing to change.</summary>
    public bool SameAs(ChainRoute? other)
    {
        if (other is null || other.ClosedReason != ClosedReason || !Functions.SequenceEqual(other.Functions)) return false;
        if (Segments.Length != other.Segments.Length) return false;
        for (var s = 0; s < Segments.Length; s++)
            if (!Segments[s].SameRoute(other.Segments[s])) return false;
        return true;
    }

    /// <summary>One-way propagation latency along every segment (the drain wait of a move off this route).</summary>
    public double LatencyMs(double[] linkLatencyMs)
    {
        var ms = 0.0;
        foreach (var seg in Segments)
            foreach (var l in seg.Links) ms += linkLatencyMs[l];
        return ms;
    }
}
