using System.Collections.Immutable;
using System.Diagnostics;
using Akka.Actor;
using SdnController.Controller.Messages;
using SdnController.Southbound.Messages;
using SdnController.Southbound.Rules;

namespace SdnController.Controller.Switches;

/// <summary>
/// One resynchronisation after a (re)connect: it waits for the flow manager's desired rules and the
/// switch's flow stats and group description, sends the difference, and completes on the barrier after it.
/// </summary>
internal sealed class ResyncState(uint statsXid, uint groupsXid, TimeSpan startedAt, Activity? span)
{
    public uint StatsXid { get; } = statsXid;
    public uint GroupsXid { get; } = groupsXid;
    /// <summary>The groups of the flow manager's snapshot (set with <see cref="Desired"/>).</summary>
    public ImmutableArray<GroupEntry> DesiredGroups { get; set; } = ImmutableArray<GroupEntry>.Empty;
    /// <summary>The switch's group-description reply; null until it arrives.</summary>
    public ImmutableArray<GroupEntry>? SwitchGroups { get; set; }
    public GroupReconcilePlan? GroupPlan { get; set; }
    public TimeSpan StartedAt { get; } = startedAt;
    public Activity? Span { get; } = span;
    public ImmutableArray<FlowRule>? Desired { get; set; }
    public ImmutableArray<FlowStats>? Stats { get; set; }
    /// <summary>Zero until the reconciling messages are sent.</summary>
    public uint BarrierXid { get; set; }
    public int Added { get; set; }
    public int Removed { get; set; }
    /// <summary>The reconciling adds and deletes; the confirmed rules take them when the barrier after them returns.</summary>
    public ReconcilePlan? Plan { get; set; }
    /// <summary>Updates that arrived after the desired rules but before the stats: sent right after reconciling.</summary>
    public List<(ApplyRules Update, IActorRef Requester)> Deferred { get; } = new();
}
