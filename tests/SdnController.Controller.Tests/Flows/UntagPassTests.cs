using Akka.Actor;
using SdnController.Controller.Messages;
using SdnController.Controller.Observation;
using SdnController.Controller.Planning;
using SdnController.Controller.Tests.Flows.Support;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Matching;
using SdnController.Testing;

namespace SdnController.Controller.Tests.Flows;

/// <summary>
/// The untagging pass: a flow a two-phase update left on the tagged version goes back to its untagged rules on the
/// same route, by another two-phase update, once no topology change arrived for <see cref="ControllerOptions.UntagAfter"/>.
/// </summary>
public class UntagPassTests
{
    private static readonly Topology.Model.Topology Ladder = YamlTopologies.Ladder;
    private static readonly FlowSpec Udp = new("u", "h1", "h2", 17, 0, 5000, Bidirectional: false);
    private static readonly string[] NewPath = ["a", "x", "d", "y", "f", "b"];
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(200);


    private static ControllerOptions Options(TimeSpan untagAfter) =>
        new() { DrainOldPaths = false, IdleCollectionDelay = TimeSpan.Zero, UntagAfter = untagAfter };

    /// <summary>Installs the flow on a-x-c-y-e-b and fails x-c and e-b: the move to a-x-d-y-f-b is two-phase (tagged).</summary>
    private static void MoveToTaggedVersion(FlowManagerTestBed bed)
    {
        bed.Ready();
        bed.Manager.Tell(new InstallFlows([Udp]));
        bed.Observer.WaitFor<InitialInstallCompleted>();
        bed.Change(null, bed.Link("x", "c", up: false), bed.Link("e", "b", up: false));
        var moved = bed.Observer.WaitFor<RerouteCompleted>();
        Assert.That(moved.TwoPhaseFlows, Is.EqualTo(1));
        AssertVersion(bed, tagged: true);
        foreach (var p in bed.Switches.Values) p.ReceiveWhile<object>(TimeSpan.FromMilliseconds(50), m => m);
    }

    /// <summary>Each switch of the new path holds one rule of the version: tagged transit rules, the ingress pushing the tag.</summary>
    private static void AssertVersion(FlowManagerTestBed bed, bool tagged)
    {
        var priority = bed.Setup.Options.FlowPriority;
        foreach (var id in NewPath)
        {
            var rule = bed.Desired(id).Rules.Single();
            var ingress = id == "a";
            var expectTag = tagged && !ingress;
            Assert.That((rule.Match.Vlan, rule.Priority), Is.EqualTo((expectTag ? (VlanMatch?)VlanMatch.Id(RulePlanner.VersionVlan) : null, expectTag ? priority + 1 : priority)), id);
            Assert.That(rule.Actions.OfType<PushVlanAction>().Any(), Is.EqualTo(tagged && ingress), $"{id} pushes the tag");
            Assert.That(rule.Actions.OfType<PopVlanAction>().Any(), Is.EqualTo(tagged && id == "b"), $"{id} pops the tag");
        }
        foreach (var id in new[] { "c", "e" }) Assert.That(bed.Desired(id).Rules, Is.Empty, id);
    }

    [Test]
    public void After_the_quiet_period_the_tagged_flow_returns_to_untagged_rules_by_a_two_phase_update()
    {
        using var bed = new FlowManagerTestBed(Ladder, options: Options(Quiet));
        MoveToTaggedVersion(bed);
        bed.AutoConfirm = false;
        bed.Clock.AwaitPending(TimeSpan.FromSeconds(5));

        bed.Clock.Advance(Quiet - TimeSpan.FromMilliseconds(1));
        bed.ExpectQuiet(TimeSpan.FromMilliseconds(100));
        bed.Clock.Advance(TimeSpan.FromMilliseconds(1));

        // Phase 1: the untagged rules beside the tagged ones on every switch after the ingress.
        var priority = bed.Setup.Options.FlowPriority;
        var phase1 = new[] { "x", "d", "y", "f", "b" }.ToDictionary(id => id, bed.Expect);
        foreach (var (id, apply) in phase1)
        {
            Assert.That(apply.Remove, Is.Empty, id);
            var rule = apply.Add.Single();
            Assert.That((rule.Match.Vlan, rule.Priority), Is.EqualTo(((VlanMatch?)null, priority)), id);
            Assert.That(rule.Actions.OfType<PopVlanAction>(), Is.Empty, id);
        }
        foreach (var id in new[] { "x", "d", "y", "f" }) bed.ConfirmFrom(id, phase1[id]);
        bed.Switches["a"].ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        // Phase 2: only then the ingress stops pushing the tag.
        bed.ConfirmFrom("b", phase1["b"]);
        var flipApply = bed.Expect("a");
        var flip = flipApply.Add.Single();
        Assert.That(flip.Match.Vlan, Is.Null);
        Assert.That(flip.Actions.OfType<PushVlanAction>(), Is.Empty);
        bed.ExpectQuiet(TimeSpan.FromMilliseconds(100));
        bed.ConfirmFrom("a", flipApply);

        // Phase 3: the tagged rules go.
        var phase3 = new[] { "x", "d", "y", "f", "b" }.ToDictionary(id => id, bed.Expect);
        foreach (var (id, apply) in phase3)
        {
            Assert.That(apply.Add, Is.Empty, id);
            Assert.That(apply.Remove.Single().Match.Vlan, Is.EqualTo((VlanMatch?)VlanMatch.Id(RulePlanner.VersionVlan)), id);
            bed.ConfirmFrom(id, apply);
        }
        var untagged = bed.Observer.WaitFor<FlowsUntagged>();
        Assert.That(untagged.Flows, Is.EqualTo(1));
        Assert.That((untagged.RulesAdded, untagged.RulesRemoved), Is.EqualTo((6, 5)), "five untagged rules and the ingress replaced; five tagged rules removed");
        AssertVersion(bed, tagged: false);
    }

    [Test]
    public void A_topology_change_during_the_quiet_period_postpones_the_pass()
    {
        using var bed = new FlowManagerTestBed(Ladder, options: Options(Quiet));
        MoveToTaggedVersion(bed);
        bed.Clock.AwaitPending(TimeSpan.FromSeconds(5));
        bed.Clock.Advance(TimeSpan.FromMilliseconds(150));

        // c-y carries no flow: nothing moves, but the network is not quiet.
        bed.Change(null, bed.Link("c", "y", up: false));
        bed.Observer.WaitFor<RerouteCompleted>(nth: 1);
        bed.Clock.Advance(TimeSpan.FromMilliseconds(150));
        Thread.Sleep(100);
        Assert.That(bed.Observer.Count<FlowsUntagged>(), Is.Zero, "200 ms have not passed since the last change");
        AssertVersion(bed, tagged: true);

        bed.Clock.Advance(TimeSpan.FromMilliseconds(50));
        Assert.That(bed.Observer.WaitFor<FlowsUntagged>().Flows, Is.EqualTo(1));
        AssertVersion(bed, tagged: false);
    }

    [Test]
    public void The_quiet_period_counts_from_the_end_of_a_slow_reroute_not_from_the_change()
    {
        using var bed = new FlowManagerTestBed(Ladder, options: Options(Quiet));
        MoveToTaggedVersion(bed);
        bed.AutoConfirm = false;

        // x-c back: the flow moves to a-x-c-y-f-b by the ordered update (only x changes its output), so it stays tagged.
        // The switches confirm nothing until 250 ms, past the 200 ms the change's arrival started.
        bed.Change(null, bed.Link("x", "c", up: true));
        var pending = new List<(string Switch, ApplyRules Apply)> { ("c", bed.Expect("c")) };
        bed.Clock.Advance(TimeSpan.FromMilliseconds(250));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (bed.Observer.Count<RerouteCompleted>() < 2)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the reroute did not finish");
            foreach (var (id, apply) in pending) bed.ConfirmFrom(id, apply);
            pending.Clear();
            Thread.Sleep(20);
            foreach (var (id, probe) in bed.Switches)
                while (probe.HasMessages)
                    if (probe.ReceiveOne(TimeSpan.Zero) is ApplyRules apply) pending.Add((id, apply));
        }
        var reroute = bed.Observer.WaitFor<RerouteCompleted>(nth: 1);
        Assert.That((reroute.OrderedFlows, reroute.TwoPhaseFlows), Is.EqualTo((1, 0)));
        Assert.That(bed.Desired("c").Rules.Single().Match.Vlan, Is.EqualTo((VlanMatch?)VlanMatch.Id(RulePlanner.VersionVlan)), "still tagged");
        bed.AutoConfirm = true;

        // The pass the timer queued during the reroute was withdrawn: 200 ms of quiet start at its end (250 ms).
        bed.Clock.Advance(Quiet - TimeSpan.FromMilliseconds(1));
        bed.ExpectQuiet(TimeSpan.FromMilliseconds(150));
        Assert.That(bed.Observer.Count<FlowsUntagged>(), Is.Zero);
        bed.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var untagged = bed.Observer.WaitFor<FlowsUntagged>();
        Assert.That((untagged.Flows, untagged.StartedAt), Is.EqualTo((1, TimeSpan.FromMilliseconds(450))));
        Assert.That(bed.Desired("c").Rules.Single().Match.Vlan, Is.Null);
    }

    [Test]
    public void More_flows_waiting_than_the_list_keeps_before_compacting_are_all_untagged()
    {
        // 1,100 flows flip to version 1 in one update: past 1,024 entries the waiting list is compacted mid-update.
        using var bed = new FlowManagerTestBed(Ladder, options: Options(Quiet));
        bed.Ready();
        var flows = Enumerable.Range(0, 1100).Select(i => Udp with { Id = $"u{i}", SourcePort = (ushort)(10000 + i) }).ToArray();
        bed.Manager.Tell(new InstallFlows([.. flows]));
        bed.Observer.WaitFor<InitialInstallCompleted>();
        bed.Change(null, bed.Link("x", "c", up: false), bed.Link("e", "b", up: false));
        Assert.That(bed.Observer.WaitFor<RerouteCompleted>().TwoPhaseFlows, Is.EqualTo(flows.Length));
        bed.Clock.AwaitPending(TimeSpan.FromSeconds(5));
        bed.Clock.Advance(Quiet);
        Assert.That(bed.Observer.WaitFor<FlowsUntagged>(timeout: TimeSpan.FromSeconds(20)).Flows, Is.EqualTo(flows.Length));
        Assert.That(bed.Desired("d").Rules.Where(r => r.Match.Vlan is not null), Is.Empty);
    }

    [Test]
    public void With_the_pass_off_the_flow_stays_tagged()
    {
        using var bed = new FlowManagerTestBed(Ladder, options: Options(TimeSpan.Zero));
        MoveToTaggedVersion(bed);
        bed.Clock.Advance(TimeSpan.FromSeconds(10));
        bed.ExpectQuiet(TimeSpan.FromMilliseconds(100));
        Assert.That(bed.Observer.Count<FlowsUntagged>(), Is.Zero);
        AssertVersion(bed, tagged: true);
    }

    [Test]
    public void A_second_two_phase_move_before_the_pass_leaves_nothing_to_untag()
    {
        using var bed = new FlowManagerTestBed(Ladder, options: Options(Quiet));
        MoveToTaggedVersion(bed);
        // Both links back: the flow returns to a-x-c-y-e-b by a two-phase move, to the untagged version.
        bed.Change(null, bed.Link("x", "c", up: true), bed.Link("e", "b", up: true));
        var back = bed.Observer.WaitFor<RerouteCompleted>(nth: 1);
        Assert.That(back.TwoPhaseFlows, Is.EqualTo(1));
        foreach (var p in bed.Switches.Values) p.ReceiveWhile<object>(TimeSpan.FromMilliseconds(50), m => m);
        bed.Clock.Advance(TimeSpan.FromSeconds(1));
        bed.ExpectQuiet(TimeSpan.FromMilliseconds(100));
        Assert.That(bed.Observer.Count<FlowsUntagged>(), Is.Zero);
        foreach (var id in new[] { "a", "x", "c", "y", "e", "b" })
            Assert.That(bed.Desired(id).Rules.Single().Match.Vlan, Is.Null, id);
    }

    // a joins c through b1, b2 and b3 at equal cost: spread (ECMP) over all three, or single-path on a-b1-c with backups.
    private const string Fan = """
        name: fan
        defaults: {bandwidth: 1Gbps, latency: 1ms}
        switches: [{id: a}, {id: b1}, {id: b2}, {id: b3}, {id: c}]
        hosts:
          - {id: h1, mac: "00:00:00:00:00:01", ipv4: 10.0.0.1/8, attach: a}
          - {id: h2, mac: "00:00:00:00:00:02", ipv4: 10.0.0.2/8, attach: c}
        links:
          - {endpoints: [a, b1]}
          - {endpoints: [a, b2]}
          - {endpoints: [a, b3]}
          - {endpoints: [b1, c]}
          - {endpoints: [b2, c]}
          - {endpoints: [b3, c]}
        """;

    [TestCase(false, TestName = "A_spread_flow_moved_by_two_phase_ends_with_a_fresh_starts_rules_and_groups")]
    [TestCase(true, TestName = "A_protected_flow_moved_by_two_phase_ends_with_a_fresh_starts_rules_and_backups")]
    public void A_flow_moved_by_two_phase_ends_with_a_fresh_starts_rules(bool protection)
    {
        var fan = YamlTopologies.Load(Fan, "fan.yaml");
        var options = Options(Quiet) with { Ecmp = !protection, Protection = protection };
        var flow = Udp with { Bidirectional = true };

        using var moved = new FlowManagerTestBed(fan, options: options);
        moved.Ready();
        moved.Manager.Tell(new InstallFlows([flow]));
        moved.Observer.WaitFor<InitialInstallCompleted>();
        moved.Change(null, moved.Link("a", "b1", up: false));
        Assert.That(moved.Observer.WaitFor<RerouteCompleted>().TwoPhaseFlows, Is.EqualTo(1));
        var tagged = Canonical(moved, fan);
        Assert.That(tagged.Any(r => r.Contains(RulePlanner.VersionVlan.ToString())), Is.True, "tagged after the move:\n" + string.Join("\n", tagged));
        moved.Clock.AwaitPending(TimeSpan.FromSeconds(5));
        moved.Clock.Advance(Quiet);
        Assert.That(moved.Observer.WaitFor<FlowsUntagged>().Flows, Is.EqualTo(1));

        // A fresh controller that sees a-b1 down before the flow is declared.
        using var fresh = new FlowManagerTestBed(fan, options: options);
        fresh.Ready();
        fresh.Change(null, fresh.Link("a", "b1", up: false));
        fresh.Observer.WaitFor<RerouteCompleted>();
        fresh.Manager.Tell(new InstallFlows([flow]));
        fresh.Observer.WaitFor<InitialInstallCompleted>();

        var expected = Canonical(fresh, fan);
        Assert.That(expected, Has.Count.GreaterThanOrEqualTo(6));
        Assert.That(expected, Has.Some.Contains(protection ? "group FastFailover" : "group Select"), "still spread over b2 and b3, or protected");
        Assert.That(Canonical(moved, fan), Is.EqualTo(expected));
    }

    /// <summary>Every switch's desired rules, each with its groups written out (group ids differ between controllers).</summary>
    private static List<string> Canonical(FlowManagerTestBed bed, Topology.Model.Topology topology)
    {
        var result = new List<string>();
        foreach (var sw in topology.Switches)
        {
            var desired = bed.Desired(sw.Id);
            var groups = desired.Groups.ToDictionary(g => g.GroupId, g => $"{g.Type}[{string.Join(" ", g.Buckets)}]");
            foreach (var rule in desired.Rules)
            {
                var actions = rule.Actions.Select(a => a is GroupAction g ? "group " + groups[g.GroupId] : a.ToString());
                result.Add($"{sw.Id}: {rule.Priority} {rule.Match} cookie {rule.Cookie:x} -> {string.Join(", ", actions)}");
            }
        }
        result.Sort(StringComparer.Ordinal);
        return result;
    }
}
