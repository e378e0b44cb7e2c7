using SdnController.Controller.Flows;
using SdnController.Controller.Planning;
using SdnController.Controller.Routing;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Matching;

namespace SdnController.Controller.Tests.Planning;

/// <summary>The rules of a flow's tagged version and the choice between the ordered and the two-phase update.</summary>
public class VersionedRuleTests
{
    [Test]
    public void Tagged_rules_sit_one_priority_up_and_push_or_pop_the_version_tag()
    {
        var planner = new RulePlanner(Flows.Support.FlowManagerTestBed.Load("topologies/ring-6.yaml"), new ControllerOptions { FlowPriority = 500 });
        var match = new Match { EthType = 0x0800, IpProto = 17 };
        var tagged = RulePlanner.Tagged(match);

        Assert.That(tagged.Vlan, Is.EqualTo(VlanMatch.Id(RulePlanner.VersionVlan)));
        Assert.That(tagged with { Vlan = null }, Is.EqualTo(match), "only the tag is added");
        Assert.That((planner.PriorityOf(match), planner.PriorityOf(tagged)), Is.EqualTo((500, 501)));
        Assert.That(planner.ActionsFor(1, 2, RuleRole.PushTag), Is.EqualTo(new FlowAction[] { new PushVlanAction(RulePlanner.VersionVlan), new OutputAction(2) }));
        Assert.That(planner.ActionsFor(1, 2, RuleRole.PopTag), Is.EqualTo(new FlowAction[] { new PopVlanAction(), new OutputAction(2) }));
        Assert.That(planner.ActionsFor(2, 2, RuleRole.PopTag)[1], Is.EqualTo(new OutputAction(PortNumbers.InPort)));
        Assert.That(planner.ActionsFor(1, 2, RuleRole.Plain), Is.EqualTo(planner.ActionsFor(1, 2)));
        Assert.That(planner.ActionsFor(1, 3, RuleRole.PushTag), Is.EqualTo(planner.ActionsFor(1, 3, RuleRole.PushTag)), "cached per port");
    }

    // Paths are given as (switch, in port, out port) triples; the first in port and last out port face hosts.
    private static FlowPath Path(params (int Switch, int In, int Out)[] hops) =>
        new([.. hops.Select(h => h.Switch)], [.. hops.Select(h => h.In)], [.. hops.Select(h => h.Out)],
            [.. Enumerable.Range(0, hops.Length - 1)], hops.Length);

    [Test]
    public void A_detour_that_leaves_the_old_path_once_takes_the_ordered_update()
    {
        // 0-1-2-3 becomes 0-1-4-3: switch 1 changes its output; 3 is reached on another port but outputs to the host as before.
        var old = Path((0, 1, 2), (1, 1, 2), (2, 1, 2), (3, 1, 9));
        var next = Path((0, 1, 2), (1, 1, 3), (4, 1, 2), (3, 3, 9));
        Assert.That(UpdateMethodChooser.ChangedSwitches(old, next, bidirectional: false, new int[old.Length]), Is.EqualTo(1));
        // Reverse direction: 3 changes (its output towards 1's side is now port 3); 1 outputs back on port 1 as before.
        Assert.That(UpdateMethodChooser.ChangedSwitches(old, next, bidirectional: true, new int[old.Length]), Is.EqualTo(1));
        Assert.That(UpdateMethodChooser.Choose(old, next, bidirectional: true), Is.EqualTo(UpdateMethod.Ordered));
    }

    [Test]
    public void A_path_that_leaves_the_old_one_at_two_shared_switches_takes_the_two_phase_update()
    {
        // 0-1-2-3-4-5 becomes 0-1-6-3-7-5: switches 1 and 3 both change their output.
        var old = Path((0, 1, 2), (1, 1, 2), (2, 1, 2), (3, 1, 2), (4, 1, 2), (5, 1, 9));
        var next = Path((0, 1, 2), (1, 1, 3), (6, 1, 2), (3, 3, 4), (7, 1, 2), (5, 3, 9));
        Assert.That(UpdateMethodChooser.ChangedSwitches(old, next, bidirectional: false, new int[old.Length]), Is.EqualTo(2));
        Assert.That(UpdateMethodChooser.Choose(old, next, bidirectional: false), Is.EqualTo(UpdateMethod.TwoPhase));
    }

    [Test]
    public void Shared_switches_crossed_in_the_other_order_take_the_two_phase_update()
    {
        // 0-1-2-3 becomes 0-2-1-3: both 1 and 2 are on both paths with other outputs.
        var old = Path((0, 1, 2), (1, 1, 2), (2, 1, 2), (3, 1, 9));
        var next = Path((0, 1, 3), (2, 3, 1), (1, 2, 3), (3, 2, 9));
        Assert.That(UpdateMethodChooser.Choose(old, next, bidirectional: false), Is.EqualTo(UpdateMethod.TwoPhase));
    }

    [Test]
    public void A_flow_cut_off_or_reconnected_takes_the_ordered_update()
    {
        var path = Path((0, 1, 2), (1, 1, 9));
        Assert.That(UpdateMethodChooser.Choose(null, path, true), Is.EqualTo(UpdateMethod.Ordered));
        Assert.That(UpdateMethodChooser.Choose(path, null, true), Is.EqualTo(UpdateMethod.Ordered));
    }
}
