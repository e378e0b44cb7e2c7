using System.Collections.Immutable;
using SdnController.Paths.Algorithms;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Rules;

namespace SdnController.Controller.Planning;

/// <summary>
/// What fast-failover protection adds to one flow direction's rules, given its path (in the direction's own
/// order) and the backup of each hop: the fast-failover group its rule at a hop points to, and the rules of
/// the detours. Pure; ports come from the topology.
/// </summary>
/// <remarks>
/// <para>At hop k (the primary's k-th switch, leaving by its k-th link) the rule's actions become the
/// version tag push (the tagged version's ingress only, so the rule still shows its version) and then the
/// group: bucket 1 outputs to the primary port (watching it), bucket 2 tags the packet with
/// <see cref="DetourTags.For"/>(version, k) — pushed on an untagged packet, or written over the version tag
/// — and outputs to the detour's first port (watching it). A detoured packet then meets, at each later
/// detour switch, a rule matching the flow's headers and that tag (one priority above untagged rules, see
/// <see cref="RulePlanner.PriorityOf"/>), and at the destination switch one that pops the tag before the host port.</para>
/// <para>Detours are simple paths to the destination switch, so a detoured packet never loops and never
/// returns to the primary's rules; its tag keeps it clear of every other hop's and version's detour.</para>
/// </remarks>
public sealed class ProtectionPlanner
{
    private readonly int[] _switchA;
    private readonly int[] _portA;
    private readonly int[] _portB;

    public ProtectionPlanner(Topology.Model.Topology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var links = topology.Links;
        _switchA = new int[links.Count];
        _portA = new int[links.Count];
        _portB = new int[links.Count];
        for (var l = 0; l < links.Count; l++)
        {
            _switchA[l] = topology.IndexOfSwitch(links[l].A.Node);
            _portA[l] = links[l].A.Port;
            _portB[l] = links[l].B.Port;
        }
    }

    /// <summary>The port by which switch <paramref name="sw"/> reaches link <paramref name="link"/>.</summary>
    public int PortAt(int link, int sw) => _switchA[link] == sw ? _portA[link] : _portB[link];

    /// <summary>
    /// Buckets of the fast-failover group at a hop entered by <paramref name="inPort"/> and left by
    /// <paramref name="outPort"/> on the primary, whose backup is <paramref name="detour"/> (starting at this switch).
    /// <paramref name="tagged"/>: the packet carries the version tag here (version 1).
    /// </summary>
    public ImmutableArray<Bucket> FailoverBuckets(int inPort, int outPort, bool tagged, int version, int hop, GraphPath detour)
    {
        ArgumentNullException.ThrowIfNull(detour);
        if (detour.Hops == 0) throw new ArgumentException("a detour leaves its switch by at least one link", nameof(detour));
        var detourPort = PortAt(detour.Links[0], detour.Nodes[0]);
        var tag = DetourTags.For(version, hop);
        FlowAction mark = tagged ? new SetFieldAction(SetField.VlanId, tag) : new PushVlanAction(tag);
        var primary = new Bucket(OutputActions.To(RulePlanner.OutputPort(inPort, outPort))) { WatchPort = outPort };
        var backup = new Bucket(ImmutableArray.Create(mark, new OutputAction(RulePlanner.OutputPort(inPort, detourPort)))) { WatchPort = detourPort };
        return ImmutableArray.Create(primary, backup);
    }

    /// <summary>
    /// Actions of a protected hop's rule pointing at its group: the version push first at the tagged
    /// version's ingress (<paramref name="role"/> <see cref="RuleRole.PushTag"/>), then the group.
    /// </summary>
    public static ImmutableArray<FlowAction> HopActions(RuleRole role, uint groupId) =>
        role == RuleRole.PushTag
            ? ImmutableArray.Create<FlowAction>(new PushVlanAction(RulePlanner.VersionVlan), new GroupAction(groupId))
            : ImmutableArray.Create<FlowAction>(new GroupAction(groupId));

    /// <summary>
    /// The detour's rules after its first switch (which the group handles): output along the detour, and at
    /// its last switch (the destination's) pop the tag and output to <paramref name="egressPort"/> (the host's port).
    /// </summary>
    public void DetourRules(GraphPath detour, int egressPort, List<DetourRule> into)
    {
        ArgumentNullException.ThrowIfNull(detour);
        ArgumentNullException.ThrowIfNull(into);
        var nodes = detour.Nodes;
        var links = detour.Links;
        for (var k = 1; k < nodes.Length; k++)
        {
            var sw = nodes[k];
            var inPort = PortAt(links[k - 1], sw);
            if (k < links.Length)
                into.Add(new DetourRule(sw, OutputActions.To(RulePlanner.OutputPort(inPort, PortAt(links[k], sw)))));
            else
                into.Add(new DetourRule(sw, ImmutableArray.Create<FlowAction>(new PopVlanAction(), new OutputAction(RulePlanner.OutputPort(inPort, egressPort)))));
        }
    }
}

/// <summary>One detour rule: on this switch, a detour-tagged packet of the flow direction gets these actions.</summary>
public readonly record struct DetourRule(int SwitchIndex, ImmutableArray<FlowAction> Actions);
