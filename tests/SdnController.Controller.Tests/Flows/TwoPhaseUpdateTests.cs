using Akka.Actor;
using System.Collections.Immutable;
using SdnController.Controller.Messages;
using SdnController.Controller.Observation;
using SdnController.Controller.Planning;
using SdnController.Controller.Tests.Flows.Support;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Matching;
using SdnController.Southbound.Rules;
using SdnController.Testing;

namespace SdnController.Controller.Tests.Flows;

/// <summary>
/// The version-tagged two-phase update as the switches see it: the whole new version (tagged) first, the
/// ingress flip only after every switch confirmed it, the old version's removal last.
/// </summary>
public class TwoPhaseUpdateTests
{
    // LadderTopology: losing x-c and e-b at once changes the outputs of x and y, both on the old and the new path.
    private static readonly Topology.Model.Topology Ladder = YamlTopologies.Ladder;
    private static readonly FlowSpec Udp = new("u", "h1", "h2", 17, 0, 5000, Bidirectional: false);


    [Test]
    public void New_version_is_installed_and_confirmed_everywhere_before_the_ingress_flips()
    {
        using var bed = new FlowManagerTestBed(Ladder);
        bed.Ready();
        bed.Manager.Tell(new InstallFlows([Udp]));
        bed.Observer.WaitFor<InitialInstallCompleted>();
        foreach (var p in bed.Switches.Values) p.ReceiveWhile<object>(TimeSpan.FromMilliseconds(50), m => m);
        bed.AutoConfirm = false;
        var priority = bed.Setup.Options.FlowPriority;

        bed.Change(null, bed.Link("x", "c", up: false), bed.Link("e", "b", up: false));

        // Phase 1: the tagged version on every switch of the new path after the ingress, shared ones included.
        var phase1 = new[] { "x", "d", "y", "f", "b" }.ToDictionary(id => id, bed.Expect);
        foreach (var (id, apply) in phase1)
        {
            Assert.That(apply.Remove, Is.Empty, id);
            var rule = apply.Add.Single();
            Assert.That((rule.Match.Vlan, rule.Priority), Is.EqualTo(((VlanMatch?)VlanMatch.Id(RulePlanner.VersionVlan), priority + 1)), id);
        }
        Assert.That(phase1["b"].Add[0].Actions[0], Is.InstanceOf<PopVlanAction>(), "the egress pops the tag before the host port");
        Assert.That(phase1["x"].Add[0].Actions, Has.Length.EqualTo(1), "transit switches only forward");
        foreach (var id in new[] { "x", "d", "y", "f" }) bed.ConfirmFrom(id, phase1[id]);
        bed.Switches["a"].ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        // Phase 2: only once b confirmed too, the ingress rule (untagged match) is replaced to stamp the new version.
        bed.ConfirmFrom("b", phase1["b"]);
        var flip = bed.Expect("a");
        var ingress = flip.Add.Single();
        Assert.That((ingress.Match.Vlan, ingress.Priority), Is.EqualTo(((VlanMatch?)null, priority)));
        Assert.That(ingress.Actions[0], Is.EqualTo(new PushVlanAction(RulePlanner.VersionVlan)));
        bed.ExpectQuiet(TimeSpan.FromMilliseconds(100));
        bed.ConfirmFrom("a", flip);

        // Phase 3: the old (untagged) version goes from every switch of the old path but the ingress.
        var phase3 = new[] { "x", "c", "y", "e", "b" }.ToDictionary(id => id, bed.Expect);
        Assert.That(phase3.Values.All(a => a.Add.IsEmpty && a.Remove.Single().Match.Vlan is null), Is.True);
        foreach (var (id, apply) in phase3) bed.ConfirmFrom(id, apply);
        var done = bed.Observer.WaitFor<RerouteCompleted>();
        Assert.That((done.TwoPhaseFlows, done.OrderedFlows), Is.EqualTo((1, 0)));

        // Steady state: one rule per switch of the new path.
        foreach (var id in new[] { "a", "x", "d", "y", "f", "b" })
            Assert.That(bed.Desired(id).Rules, Has.Length.EqualTo(1), id);
        foreach (var id in new[] { "c", "e" })
            Assert.That(bed.Desired(id).Rules, Is.Empty, id);
    }

    [Test]
    public void With_version_tags_off_the_same_move_replaces_two_shared_switches_in_one_phase()
    {
        using var bed = new FlowManagerTestBed(Ladder, options: new ControllerOptions { DrainOldPaths = false, IdleCollectionDelay = TimeSpan.Zero, VersionedUpdates = false });
        bed.Ready();
        bed.Manager.Tell(new InstallFlows([Udp]));
        bed.Observer.WaitFor<InitialInstallCompleted>();
        foreach (var p in bed.Switches.Values) p.ReceiveWhile<object>(TimeSpan.FromMilliseconds(50), m => m);

        bed.Change(null, bed.Link("x", "c", up: false), bed.Link("e", "b", up: false));
        var done = bed.Observer.WaitFor<RerouteCompleted>();
        Assert.That((done.TwoPhaseFlows, done.OrderedFlows), Is.EqualTo((0, 1)));
        var log = bed.Log.ToArray();
        // Phase 2 (the second apply wave) holds the replaces of both x and y: the unsafe case.
        var updateIds = log.Where(l => l.Contains(" apply#")).Select(l => l.Split('#')[1].Split(' ')[0]).Distinct().ToList();
        var phase2 = log.Where(l => l.Contains($" apply#{updateIds[^2]} ")).Select(l => l.Split(' ')[0]).ToList();
        Assert.That(phase2, Is.EquivalentTo(new[] { "x", "y" }), string.Join("\n", log));
    }
}
