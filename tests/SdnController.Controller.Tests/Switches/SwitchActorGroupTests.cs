using System.Collections.Immutable;
using Akka.Actor;
using SdnController.Controller.Messages;
using SdnController.Controller.Observation;
using SdnController.Controller.Switches;
using SdnController.Controller.Tests.Support;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Matching;
using SdnController.Southbound.Messages;
using SdnController.Southbound.Rules;
using static SdnController.Controller.Tests.Switches.RuleReconcilerTests;

namespace SdnController.Controller.Tests.Switches;

/// <summary>Groups through the switch actor: update order on the wire, confirmation, and resync.</summary>
public sealed class SwitchActorGroupTests
{
    private ControllerHarness _h = null!;
    private Recorder _flows = null!;
    private Recorder _requester = null!;
    private List<FlowRule> _desired = null!;
    private List<GroupEntry> _desiredGroups = null!;

    [SetUp]
    public void SetUp()
    {
        _h = new ControllerHarness();
        _desired = new List<FlowRule>();
        _desiredGroups = new List<GroupEntry>();
        _flows = _h.Recorder("flows", m => m is DesiredRulesRequest r ? new DesiredRules(r.SwitchId, [.. _desired]) { Groups = [.. _desiredGroups] } : null);
        _requester = _h.Recorder("requester");
    }

    [TearDown]
    public void TearDown() => _h.Dispose();

    private IActorRef Start()
    {
        var actor = _h.StartSwitch("s1", _flows.Ref, _h.Recorder("topology").Ref);
        _h.Loop.RunPending();
        return actor;
    }

    internal static GroupEntry Select(uint id, params int[] ports) =>
        new(id, GroupType.Select, [.. ports.Select(p => new Bucket([new OutputAction(p)]) { WatchPort = p })]);

    private static FlowRule ToGroup(int n, uint group) =>
        new(1000, new Match { EthType = 0x0800, Ipv4Dst = Ipv4Prefix.Host(0x0A000000u + (uint)n) }, [new GroupAction(group)]) { Cookie = (ulong)n };

    private static string Describe(ControllerMessage m) => m switch
    {
        GroupMod g => $"group {g.Command} {g.Group.GroupId}",
        FlowMod f => $"flow {f.Command} {f.Rule.Match.Ipv4Dst}",
        BarrierRequest => "barrier",
        _ => m.GetType().Name,
    };

    private SwitchRules Query(IActorRef actor)
    {
        actor.Tell(new SwitchRulesRequest("s1"), _requester.Ref);
        _h.Loop.RunPending();
        return _requester.Of<SwitchRules>().Last();
    }

    [Test]
    public void Groups_are_added_before_the_rules_that_use_them_and_deleted_after_the_rules_that_used_them()
    {
        _desired.Add(ToGroup(9, 5));
        _desiredGroups.Add(Select(5, 1));
        var actor = Start();
        var s1 = _h.Southbound["s1"];
        Assert.That(s1.Groups.Keys, Is.EqualTo(new uint[] { 5 }), "the resync installed the desired group");
        s1.Received.Clear();
        s1.AnswerBarriers = false;

        actor.Tell(new ApplyRules(4, [ToGroup(1, 6)], [ToGroup(9, 5)], default) { AddGroups = [Select(6, 1, 2)], RemoveGroups = [Select(5, 1)] }, _requester.Ref);
        _h.Loop.RunPending();

        var sent = s1.Received.Where(m => m is not PacketOut).ToList();
        Assert.That(sent.Select(Describe), Is.EqualTo(new[]
        {
            "group Add 6", "flow Add 10.0.0.1/32", "flow DeleteStrict 10.0.0.9/32", "group Delete 5", "barrier",
        }));
        Assert.That(_requester.Of<RulesConfirmed>(), Is.Empty);
        var pending = Query(actor);
        Assert.That(pending.DesiredGroups.Select(g => g.GroupId), Is.EqualTo(new uint[] { 6 }));
        Assert.That(pending.ConfirmedGroups.Select(g => g.GroupId), Is.EqualTo(new uint[] { 5 }), "not confirmed before the barrier");

        s1.Deliver(new BarrierReply(((BarrierRequest)sent[^1]).Xid));
        _h.Loop.RunPending();
        Assert.That(_requester.Of<RulesConfirmed>().Single().UpdateId, Is.EqualTo(4));
        var done = Query(actor);
        Assert.That(done.ConfirmedGroups.Select(g => g.ToString()), Is.EqualTo(new[] { Select(6, 1, 2).ToString() }));
        Assert.That(s1.Groups.Keys, Is.EqualTo(new uint[] { 6 }));
    }

    [Test]
    public void Updates_without_groups_send_no_group_messages()
    {
        var actor = Start();
        var s1 = _h.Southbound["s1"];
        s1.Received.Clear();
        actor.Tell(new ApplyRules(1, [Rule(1, 1)], [], default), _requester.Ref);
        _h.Loop.RunPending();
        Assert.That(s1.GroupMods, Is.Empty);
        Assert.That(Query(actor).ConfirmedGroups, Is.Empty);
    }

    [Test]
    public void Actor_restart_restores_missing_groups_repairs_changed_ones_and_deletes_stale_ones_around_the_rules()
    {
        _desired.AddRange([ToGroup(1, 1), ToGroup(2, 2)]);
        _desiredGroups.AddRange([Select(1, 1, 2), Select(2, 2)]);
        var actor = Start();
        var s1 = _h.Southbound["s1"];
        Assert.That(s1.Groups.Keys.Order(), Is.EqualTo(new uint[] { 1, 2 }));

        // The switch lost group 1 and rule 1, group 2 has other buckets, and it holds a stale group with a stale rule.
        s1.Groups.Remove(1);
        s1.Table.Remove(RuleKey.Of(ToGroup(1, 1)));
        s1.Groups[2] = Select(2, 1);
        s1.Groups[7] = Select(7, 3);
        s1.Install(ToGroup(7, 7));
        s1.Received.Clear();

        actor.Tell(new CrashSwitchActor("s1"));
        _h.Loop.RunPending();

        Assert.That(_h.Observer.Of<SwitchActorRestarted>().Count(), Is.EqualTo(1));
        var afterRequests = s1.Received.SkipWhile(m => m is not GroupDescRequest).Skip(1).Where(m => m is not PacketOut).Select(Describe);
        Assert.That(afterRequests, Is.EqualTo(new[]
        {
            "group Add 1", "group Modify 2", "flow Add 10.0.0.1/32", "flow DeleteStrict 10.0.0.7/32", "group Delete 7", "barrier",
        }));
        Assert.That(s1.Groups.Values.OrderBy(g => g.GroupId).Select(g => g.ToString()), Is.EqualTo(new[] { Select(1, 1, 2).ToString(), Select(2, 2).ToString() }));
        var rules = Query(actor);
        Assert.That(rules.ConfirmedGroups.Select(g => g.ToString()), Is.EqualTo(rules.DesiredGroups.Select(g => g.ToString())));
        Assert.That(rules.DesiredGroups.Select(g => g.GroupId), Is.EqualTo(new uint[] { 1, 2 }));
    }

    [Test]
    public void Switch_reboot_gets_its_groups_back_including_ones_added_while_it_was_down()
    {
        _desired.Add(ToGroup(1, 1));
        _desiredGroups.Add(Select(1, 1, 2));
        var actor = Start();
        var s1 = _h.Southbound["s1"];

        s1.PowerOff();
        _h.Loop.Advance(TimeSpan.FromMilliseconds(10));
        _desired.Add(ToGroup(2, 2));
        _desiredGroups.Add(Select(2, 2, 3));
        actor.Tell(new ApplyRules(3, [ToGroup(2, 2)], [], default) { AddGroups = [Select(2, 2, 3)] }, _requester.Ref);
        _h.Loop.Advance(TimeSpan.FromMilliseconds(10));
        Assert.That(s1.Groups, Is.Empty);

        s1.PowerOn();
        _h.Loop.RunPending();
        Assert.That(s1.Groups.Keys.Order(), Is.EqualTo(new uint[] { 1, 2 }));
        Assert.That(s1.Table.ContainsKey(RuleKey.Of(ToGroup(2, 2))), Is.True);
        Assert.That(_requester.Of<RulesConfirmed>().Single().UpdateId, Is.EqualTo(3));
        Assert.That(Query(actor).ConfirmedGroups.Select(g => g.GroupId), Is.EqualTo(new uint[] { 1, 2 }));
    }

    [Test]
    public void Group_reconciler_leaves_equal_groups_alone_even_when_their_arrays_are_other_instances()
    {
        var plan = GroupReconciler.Plan([Select(1, 1, 2), Select(2, 3)], [Select(2, 3), Select(1, 1, 2)]);
        Assert.That(plan.Count, Is.Zero);
    }
}
