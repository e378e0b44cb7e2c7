using SdnController.Controller.Messages;
using SdnController.Controller.Observation;
using SdnController.Controller.Switches;
using SdnController.Controller.Tests.Support;

namespace SdnController.Controller.Tests.Supervision;

/// <summary>The whole controller on the fake southbound, probes carried between switches as a data plane would.</summary>
public sealed class ControllerHostTests
{
    private ControllerHarness _h = null!;
    private ControllerHost _host = null!;

    [SetUp]
    public void SetUp()
    {
        _h = new ControllerHarness();
        _h.Southbound.WireLinks(_h.Topology);
        _host = _h.Loop.Run(() => ControllerHost.Start(_h.System, _h.Setup));
    }

    [TearDown]
    public void TearDown() => _h.Dispose();

    [Test]
    public void Start_connects_every_switch_and_installs_base_rules()
    {
        Assert.That(_host.Supervisor.Path.ToStringWithoutAddress(), Is.EqualTo("/user/controller"));
        Assert.That(_h.Observer.Of<SwitchConnected>().Select(e => e.SwitchId).Order(), Is.EqualTo(new[] { "s1", "s2", "s3" }));
        Assert.That(_h.Observer.Of<SwitchResynced>().Count(), Is.EqualTo(3));
        foreach (var id in new[] { "s1", "s2", "s3" })
            Assert.That(_h.Southbound[id].Table.Keys, Is.EquivalentTo(BaseRules.All.Select(RuleKey.Of)), id);
    }

    [Test]
    public void Crashed_switch_actor_is_restarted_quietly_and_resyncs()
    {
        var output = new StringWriter();
        var (stdout, stderr) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(output);
        try
        {
            _host.CrashSwitchActor("s2");
            _host.CrashSwitchActor("no-such-switch");
            _h.Loop.RunUntil(() => _h.Observer.Of<SwitchActorRestarted>().Any(), "the restart");
            _h.Loop.Advance(TimeSpan.FromMilliseconds(50));
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }

        Assert.That(_h.Observer.Of<SwitchActorRestarted>().Single().SwitchId, Is.EqualTo("s2"));
        Assert.That(_h.Southbound["s2"].OpenCount, Is.EqualTo(2));
        Assert.That(_h.Observer.Of<SwitchResynced>().Count(e => e.SwitchId == "s2"), Is.EqualTo(2));
        Assert.That(output.ToString(), Is.Empty, "no Akka log lines or stack traces");
    }

    [Test]
    public void Silent_link_failure_and_recovery_are_detected_through_the_switch_actors()
    {
        _h.Loop.Advance(TimeSpan.FromSeconds(1));
        Assert.That(_h.Observer.Of<LinkStateDetected>(), Is.Empty, "probes cross every link");

        _h.Southbound.CutLinks.Add(1);   // s2-s3 stops carrying frames, no port-status
        _h.Loop.Advance(TimeSpan.FromSeconds(1));
        Assert.That(_h.Observer.Of<LinkStateDetected>().Single(), Has.Property("LinkId").EqualTo("s2-s3")
            .And.Property("Up").False.And.Property("Method").EqualTo(DetectionMethod.KeepaliveTimeout));

        _h.Southbound.CutLinks.Clear();
        _h.Loop.Advance(TimeSpan.FromSeconds(1));
        Assert.That(_h.Observer.Of<LinkStateDetected>().Last(), Has.Property("LinkId").EqualTo("s2-s3")
            .And.Property("Up").True.And.Property("Method").EqualTo(DetectionMethod.Keepalive));
    }

    [Test]
    public void Powered_off_switch_takes_its_links_down_together_and_they_return_when_it_is_back()
    {
        _h.Loop.Advance(TimeSpan.FromMilliseconds(500));
        _h.Southbound["s1"].PowerOff();
        _h.Loop.Advance(TimeSpan.FromSeconds(1));

        var down = _h.Observer.Of<LinkStateDetected>().ToList();
        Assert.That(down.Select(e => (e.LinkId, e.Up, e.Method)),
            Is.EqualTo(new[] { ("s1-s2", false, DetectionMethod.SwitchDisconnect), ("s3-s1", false, DetectionMethod.SwitchDisconnect) }));
        Assert.That(down.Select(e => e.At).Distinct().Count(), Is.EqualTo(1));

        _h.Southbound["s1"].PowerOn();
        _h.Loop.Advance(TimeSpan.FromSeconds(1));
        var up = _h.Observer.Of<LinkStateDetected>().Skip(2).ToList();
        Assert.That(up.Select(e => (e.LinkId, e.Up)).Order(), Is.EqualTo(new[] { ("s1-s2", true), ("s3-s1", true) }));
        Assert.That(_h.Southbound["s1"].Table.Keys, Is.EquivalentTo(BaseRules.All.Select(RuleKey.Of)));
    }
}
