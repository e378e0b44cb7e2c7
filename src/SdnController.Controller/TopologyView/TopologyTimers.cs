namespace SdnController.Controller.TopologyView;

/// <summary>Timer message: check every link direction for silence. One instance per actor incarnation, so
/// the timer chain of an incarnation that crashed is recognised and ends.</summary>
internal sealed class KeepaliveTick;

/// <summary>Timer message: report the port-status changes collected at this virtual instant as one change.</summary>
internal sealed class FlushPortStatus
{
    public static readonly FlushPortStatus Instance = new();
}

/// <summary>Timer message: report the held links that have stayed up for the hold-down.</summary>
internal sealed class ReleaseHeldLinks
{
    public static readonly ReleaseHeldLinks Instance = new();
}

/// <summary>Timer message: a link's silence runs out at <see cref="At"/>, between two keepalive ticks. Carries
/// the incarnation's tick so a crashed incarnation's checks are recognised.</summary>
internal sealed record DeadlineCheck(KeepaliveTick Incarnation, TimeSpan At);
