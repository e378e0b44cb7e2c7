using SdnController.Controller.Planning;
using SdnController.Paths.Algorithms;
using SdnController.Paths.Graph;
using SdnController.Southbound.Actions;

namespace SdnController.Controller.Tests.Planning;

/// <summary>The fast-failover group buckets and detour rules of one protected flow direction.</summary>
public class ProtectionPlannerTests
{
    [Test]
    public void Detour_tags_are_per_version_and_hop_and_clear_of_the_version_tag()
    {
        Assert.That(DetourTags.For(0, 0), Is.EqualTo(1024));
        Assert.That(DetourTags.For(1, 5), Is.EqualTo(2048 + 5));
        Assert.That(DetourTags.IsDetour(RulePlanner.VersionVlan), Is.False);
        Assert.That(DetourTags.IsDetour(DetourTags.For(1, DetourTags.MaxHops - 1)), Is.True);
        Assert.That((DetourTags.VersionOf(DetourTags.For(1, 7)), DetourTags.HopOf(DetourTags.For(1, 7))), Is.EqualTo((1, 7)));
        Assert.Throws<ArgumentOutOfRangeException>(() => DetourTags.For(0, DetourTags.MaxHops));
    }

    [Test]
    public void Buckets_output_primary_first_then_tag_and_leave_by_the_detour()
    {
        // ring-6: si:2 faces s(i+1), si:3 faces s(i-1); hosts on port 1.
        var topology = Flows.Support.FlowManagerTestBed.Load("topologies/ring-6.yaml");
        var planner = new ProtectionPlanner(topology);
        var g = CompactGraph.FromTopology(topology, PathMetric.Hop);
        int s1 = topology.IndexOfSwitch("s1"), s2 = topology.IndexOfSwitch("s2"), s6 = topology.IndexOfSwitch("s6");
        int l12 = Link(topology, "s1", "s2"), l61 = Link(topology, "s6", "s1");
        Assert.That(planner.PortAt(l12, s1), Is.EqualTo(2));
        Assert.That(planner.PortAt(l12, s2), Is.EqualTo(3));

        // Primary s1 → s2 (in from h1 on port 1, out port 2); backup s1 → s6 → … leaves by port 3.
        var detour = GraphPath.FromLinks(g, s1, [l61, Link(topology, "s5", "s6"), Link(topology, "s4", "s5"), Link(topology, "s3", "s4"), Link(topology, "s2", "s3")]);
        var untagged = planner.FailoverBuckets(inPort: 1, outPort: 2, tagged: false, version: 0, hop: 0, detour);
        Assert.That(untagged[0].WatchPort, Is.EqualTo(2));
        Assert.That(untagged[0].Actions, Is.EqualTo(new FlowAction[] { new OutputAction(2) }));
        Assert.That(untagged[1].WatchPort, Is.EqualTo(3));
        Assert.That(untagged[1].Actions, Is.EqualTo(new FlowAction[] { new PushVlanAction(DetourTags.For(0, 0)), new OutputAction(3) }));
        var tagged = planner.FailoverBuckets(1, 2, tagged: true, version: 1, hop: 0, detour);
        Assert.That(tagged[1].Actions[0], Is.EqualTo(new SetFieldAction(SetField.VlanId, DetourTags.For(1, 0))));

        // Detour rules after the first switch: along the ring, the last pops the tag for the host port.
        var rules = new List<DetourRule>();
        planner.DetourRules(detour, egressPort: 1, rules);
        Assert.That(rules.Select(r => topology.Switches[r.SwitchIndex].Id), Is.EqualTo(new[] { "s6", "s5", "s4", "s3", "s2" }));
        Assert.That(rules[0].Actions, Is.EqualTo(new FlowAction[] { new OutputAction(3) }), "s6 on towards s5");
        Assert.That(rules[^1].Actions, Is.EqualTo(new FlowAction[] { new PopVlanAction(), new OutputAction(1) }));

        Assert.That(ProtectionPlanner.HopActions(RuleRole.PushTag, 7), Is.EqualTo(new FlowAction[] { new PushVlanAction(RulePlanner.VersionVlan), new GroupAction(7) }));
        Assert.That(ProtectionPlanner.HopActions(RuleRole.Plain, 7), Is.EqualTo(new FlowAction[] { new GroupAction(7) }));
    }

    private static int Link(Topology.Model.Topology t, string a, string b)
    {
        for (var l = 0; l < t.Links.Count; l++)
            if ((t.Links[l].A.Node == a && t.Links[l].B.Node == b) || (t.Links[l].A.Node == b && t.Links[l].B.Node == a)) return l;
        throw new AssertionException($"no link {a}-{b}");
    }
}
