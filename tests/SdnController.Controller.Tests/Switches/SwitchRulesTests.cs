using Akka.Actor;
using SdnController.Controller.Messages;
using SdnController.Controller.Switches;
using SdnController.Controller.Tests.Support;
using SdnController.Southbound.Matching;
using SdnController.Southbound.Messages;
using SdnController.Southbound.Rules;
using static SdnController.Controller.Tests.Switches.RuleReconcilerTests;

namespace SdnController.Controller.Tests.Switches;

/// <summary>The switch actor's own desired and confirmed rules, as <see cref="SwitchRulesRequest"/> reports them.</summary>
public sealed class SwitchRulesTests
{
    private ControllerHarness _h = null!;
    private Recorder _flows = null!;
    private Recorder _requester = null!;
    private List<FlowRule> _desired = null!;

    [SetUp]
    public void SetUp()
    {
        _h = new ControllerHarness();
        _desired = new List<FlowRule>();
        _flows = _h.FlowManager(_ => _desired);
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

    private SwitchRules Query(IActorRef actor)
    {
        actor.Tell(new SwitchRulesRequest("s1"), _requester.Ref);
        _h.Loop.RunPending();
        return _requester.Of<SwitchRules>().Last();
    }

    private static string[] Sorted(IEnumerable<FlowRule> rules) => Text(rules).Order(StringComparer.Ordinal).ToArray();
    private static string[] WithBase(params FlowRule[] rules) => Sorted(BaseRules.All.Concat(rules));

    [Test]
    public void After_connect_both_hold_the_base_and_desired_rules()
    {
        _desired.Add(Rule(1, 1));
        var actor = Start();
        var rules = Query(actor);
        Assert.That(rules.SwitchId, Is.EqualTo("s1"));
        Assert.That(Sorted(rules.Desired), Is.EqualTo(WithBase(Rule(1, 1))));
        Assert.That(Sorted(rules.Confirmed), Is.EqualTo(WithBase(Rule(1, 1))));
        Assert.That(rules.Desired[0].Priority, Is.EqualTo(BaseRules.Priority), "highest priority first");
    }

    [Test]
    public void Desired_leads_confirmed_while_a_barrier_is_outstanding_and_they_agree_after_it()
    {
        _desired.AddRange([Rule(1, 1), Rule(9, 9)]);
        var actor = Start();
        var s1 = _h.Southbound["s1"];
        s1.AnswerBarriers = false;
        s1.Received.Clear();

        // Rule 1 moves to port 2, rule 3 is new, rule 9 goes.
        actor.Tell(new ApplyRules(5, [Rule(1, 2), Rule(3, 3)], [Rule(9, 9)], default), _requester.Ref);
        _h.Loop.RunPending();
        var pending = Query(actor);
        Assert.That(Sorted(pending.Desired), Is.EqualTo(WithBase(Rule(1, 2), Rule(3, 3))));
        Assert.That(Sorted(pending.Confirmed), Is.EqualTo(WithBase(Rule(1, 1), Rule(9, 9))), "nothing proved before the barrier reply");

        var barrier = s1.Received.OfType<BarrierRequest>().Single();
        s1.Deliver(new BarrierReply(barrier.Xid));
        _h.Loop.RunPending();
        var done = Query(actor);
        Assert.That(Sorted(done.Confirmed), Is.EqualTo(WithBase(Rule(1, 2), Rule(3, 3))));
        Assert.That(Sorted(done.Desired), Is.EqualTo(Sorted(done.Confirmed)));
        Assert.That(Sorted(done.Confirmed), Is.EqualTo(Sorted(s1.Table.Values)));
    }

    [Test]
    public void An_update_whose_barrier_never_returns_stays_unconfirmed_until_a_resync_proves_it()
    {
        var actor = Start();
        var s1 = _h.Southbound["s1"];
        s1.AnswerBarriers = false;
        _desired.Add(Rule(2, 2));
        actor.Tell(new ApplyRules(6, [Rule(2, 2)], [], default), _requester.Ref);
        _h.Loop.RunPending();
        Assert.That(Sorted(Query(actor).Confirmed), Is.EqualTo(WithBase()));

        s1.AnswerBarriers = true;
        s1.PowerOff();
        _h.Loop.RunPending();
        s1.PowerOn();
        _h.Loop.RunPending();
        var rules = Query(actor);
        Assert.That(Sorted(rules.Confirmed), Is.EqualTo(WithBase(Rule(2, 2))));
        Assert.That(Sorted(rules.Desired), Is.EqualTo(Sorted(rules.Confirmed)));
    }

    [Test]
    public void After_a_crash_restart_and_resync_both_equal_the_switch_table()
    {
        _desired.AddRange([Rule(1, 1), Rule(2, 2), Rule(3, 3)]);
        var actor = Start();
        var s1 = _h.Southbound["s1"];
        // The switch lost a rule, holds a stray one, and one has the wrong output.
        s1.Table.Remove(RuleKey.Of(Rule(2, 2)));
        s1.Install(Rule(4, 4));
        s1.Install(Rule(3, 7));

        actor.Tell(new CrashSwitchActor("s1"));
        _h.Loop.RunPending();

        var rules = Query(actor);
        var table = Sorted(s1.Table.Values);
        Assert.That(table, Is.EqualTo(WithBase(Rule(1, 1), Rule(2, 2), Rule(3, 3))));
        Assert.That(Sorted(rules.Desired), Is.EqualTo(table));
        Assert.That(Sorted(rules.Confirmed), Is.EqualTo(table));
    }

    [Test]
    public void Rule_keys_with_equal_matches_from_different_objects_are_one_key()
    {
        var a = new RuleKey(10, new Match { EthType = 0x0800, Ipv4Src = Ipv4Prefix.Host(1), L4Dst = 53 });
        var b = new RuleKey(10, new Match { EthType = 0x0800, Ipv4Src = Ipv4Prefix.Host(1), L4Dst = 53 });
        var c = new RuleKey(10, new Match { EthType = 0x0800, Ipv4Src = Ipv4Prefix.Host(1), L4Src = 53 });
        var d = new RuleKey(11, b.Match);
        var cmp = RuleKeyComparer.Instance;
        Assert.That(cmp.Equals(a, b), Is.True);
        Assert.That(cmp.GetHashCode(a), Is.EqualTo(cmp.GetHashCode(b)));
        Assert.That(cmp.Equals(a, c), Is.False);
        Assert.That(cmp.GetHashCode(a), Is.Not.EqualTo(cmp.GetHashCode(c)), "source and destination port hash apart");
        Assert.That(cmp.Equals(b, d), Is.False);
    }
}
