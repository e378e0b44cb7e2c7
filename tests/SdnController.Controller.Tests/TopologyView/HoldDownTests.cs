using Akka.Actor;
using SdnController.Controller.Messages;
using SdnController.Controller.Telemetry;
using SdnController.Controller.Tests.Support;
using SdnController.Controller.TopologyView;
using SdnController.Southbound.Messages;

namespace SdnController.Controller.Tests.TopologyView;

/// <summary>
/// Flap damping and switch failures in the topology actor, on a hand-driven clock. Triangle: link 0 = s1-s2
/// (s1:1, s2:1), link 1 = s2-s3 (s2:2, s3:1), link 2 = s3-s1 (s3:2, s1:2).
/// </summary>
public sealed class HoldDownTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Hold = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);

    private ControllerHarness _h = null!;
    private Recorder _flows = null!;
    private IActorRef _topology = null!;

    private void Start(TimeSpan holdDown)
    {
        _h = new ControllerHarness(options: new ControllerOptions { LldpInterval = Interval, LldpTimeoutMultiplier = 3, HoldDown = holdDown });
        _flows = _h.Recorder("flows");
        _topology = _h.StartTopology(_flows.Ref);
        foreach (var s in new[] { "s1", "s2", "s3" }) _topology.Tell(new SwitchConnectionChanged(s, true, TimeSpan.Zero));
        _h.Loop.RunPending();
    }

    [TearDown]
    public void TearDown() => _h?.Dispose();

    private List<TopologyChanged> Changes => _flows.Of<TopologyChanged>().ToList();
    private bool _cableUp = true;

    /// <summary>Both ends of s1-s2 report the port, as a real cable does; probes cross it only while it is up.</summary>
    private void Cable(bool up)
    {
        _cableUp = up;
        _topology.Tell(new PortStatusObserved("s1", new PortDescription(1, default, "s1-eth1", up), _h.Loop.Now));
        _topology.Tell(new PortStatusObserved("s2", new PortDescription(1, default, "s2-eth1", up), _h.Loop.Now));
        _h.Loop.RunPending();
    }

    /// <summary>Probes every <see cref="Step"/> over every working link both ways, so the keepalive stays content.</summary>
    private void Run(TimeSpan duration)
    {
        var end = _h.Loop.Now + duration;
        while (_h.Loop.Now < end)
        {
            foreach (var l in _h.Topology.Links.Skip(_cableUp ? 0 : 1))
            {
                _topology.Tell(new LldpObserved(l.B.Node, l.B.Port, l.A.Node, l.A.Port, _h.Loop.Now));
                _topology.Tell(new LldpObserved(l.A.Node, l.A.Port, l.B.Node, l.B.Port, _h.Loop.Now));
            }
            var step = end - _h.Loop.Now < Step ? end - _h.Loop.Now : Step;
            _h.Loop.Advance(step);
        }
        _h.Loop.RunPending();
    }

    [Test]
    public void Without_hold_down_a_flapping_link_is_reported_at_every_change()
    {
        Start(TimeSpan.Zero);
        for (var i = 0; i < 3; i++)
        {
            Cable(false);
            Run(Step);
            Cable(true);
            Run(Step);
        }
        Assert.That(Changes.Select(c => c.Changes.Single().Up), Is.EqualTo(new[] { false, true, false, true, false, true }));
        Assert.That(Changes.All(c => c.HeldDown == TimeSpan.Zero));
    }

    [Test]
    public void A_link_that_comes_back_is_reported_only_after_staying_up_for_the_hold_down()
    {
        Start(Hold);
        Cable(false);
        Assert.That(Changes.Single().Changes.Single(), Is.EqualTo(new LinkChange("s1-s2", 0, false)), "down is acted on at once");
        Run(TimeSpan.FromMilliseconds(200));
        var upAt = _h.Loop.Now;
        Cable(true);
        Run(Hold - TimeSpan.FromMilliseconds(1));
        Assert.That(Changes, Has.Count.EqualTo(1), "held: not back in routing before the hold-down has passed");
        Run(TimeSpan.FromMilliseconds(1));

        var restore = Changes[1];
        Assert.That(restore.Changes.Single(), Is.EqualTo(new LinkChange("s1-s2", 0, true)));
        Assert.That(restore.Method, Is.EqualTo(DetectionMethod.PortStatus));
        Assert.That(restore.DetectedAt, Is.EqualTo(upAt + Hold));
        Assert.That(restore.HeldDown, Is.EqualTo(Hold));
        Run(TimeSpan.FromSeconds(1));
        Assert.That(Changes, Has.Count.EqualTo(2), "stable afterwards");
    }

    [Test]
    public void Flaps_during_the_hold_down_restart_it_and_are_not_reported()
    {
        Start(Hold);
        using var spans = new SpanCollector();
        Cable(false);
        for (var i = 0; i < 6; i++)   // 100 ms cycles, much faster than the hold-down
        {
            Run(Step);
            Cable(true);
            Run(Step);
            Cable(false);
        }
        Run(Step);
        var lastUp = _h.Loop.Now;
        Cable(true);
        Run(Hold + Interval);

        Assert.That(Changes.Select(c => c.Changes.Single().Up), Is.EqualTo(new[] { false, true }));
        Assert.That(Changes[1].DetectedAt, Is.EqualTo(lastUp + Hold));
        var restore = spans.Named(ControllerTelemetry.LinkRestore).Single();
        Assert.That(restore.GetTagItem(ControllerTelemetry.HoldDownMs), Is.EqualTo(500.0));
        Assert.That(spans.Named(ControllerTelemetry.LinkFailure).Single().GetTagItem(ControllerTelemetry.HoldDownMs), Is.Null);
    }

    [Test]
    public void A_held_link_that_falls_silent_stays_out_of_routing()
    {
        Start(Hold);
        Cable(false);
        Run(Step);
        Cable(true);
        // s1-s2 carries no probes any more (a silent failure while held): only the other links are probed.
        var end = _h.Loop.Now + TimeSpan.FromSeconds(1);
        while (_h.Loop.Now < end)
        {
            foreach (var l in _h.Topology.Links.Skip(1))
            {
                _topology.Tell(new LldpObserved(l.B.Node, l.B.Port, l.A.Node, l.A.Port, _h.Loop.Now));
                _topology.Tell(new LldpObserved(l.A.Node, l.A.Port, l.B.Node, l.B.Port, _h.Loop.Now));
            }
            _h.Loop.Advance(Step);
        }
        Assert.That(Changes, Has.Count.EqualTo(1), "the link went silent before its hold-down ended: never reported back");
    }

    [Test]
    public void Link_monitor_holds_restarts_and_releases()
    {
        var h = new ControllerHarness();
        try
        {
            var m = new LinkMonitor(h.Network, Hold);
            foreach (var s in new[] { "s1", "s2", "s3" }) m.SwitchConnected(s, TimeSpan.Zero);
            var t = TimeSpan.FromSeconds(1);
            Assert.That(m.SetDown(0, DetectionMethod.PortStatus), Is.True);
            Assert.That(m.PortUp(0, t), Is.False, "held, not usable yet");
            Assert.That((m.IsHeld(0), m.IsUp(0)), Is.EqualTo((true, false)));
            Assert.That(m.NextRelease(), Is.EqualTo(t + Hold));
            Assert.That(m.SetDown(0, DetectionMethod.PortStatus), Is.False, "down while held is no news to routing");
            Assert.That(m.NextRelease(), Is.Null);
            Assert.That(m.PortUp(0, t + Step), Is.False);
            Assert.That(m.ReleaseHeld(t + Hold), Is.Empty, "the flap restarted the hold-down");
            Assert.That(m.ReleaseHeld(t + Step + Hold), Is.EqualTo(new[] { (0, DetectionMethod.PortStatus) }));
            Assert.That((m.IsHeld(0), m.IsUp(0)), Is.EqualTo((false, true)));
        }
        finally { h.Dispose(); }
    }

    [Test]
    public void Neighbours_port_status_at_the_disconnect_instant_joins_the_switch_failure()
    {
        Start(TimeSpan.Zero);
        using var spans = new SpanCollector();
        // s3 dies: its neighbours' ports go dark and report it before its own channel closes, in the same instant.
        _topology.Tell(new PortStatusObserved("s2", new PortDescription(2, default, "s2-eth2", false), _h.Loop.Now));
        _topology.Tell(new PortStatusObserved("s1", new PortDescription(2, default, "s1-eth2", false), _h.Loop.Now));
        _topology.Tell(new SwitchConnectionChanged("s3", false, _h.Loop.Now));
        _h.Loop.RunPending();

        var change = Changes.Single();
        Assert.That(change.Method, Is.EqualTo(DetectionMethod.SwitchDisconnect));
        Assert.That(change.SwitchId, Is.EqualTo("s3"));
        Assert.That(change.Changes.Select(c => c.LinkId), Is.EqualTo(new[] { "s2-s3", "s3-s1" }));
        var root = spans.Named(ControllerTelemetry.SwitchFailure).Single();
        Assert.That(root.GetTagItem(ControllerTelemetry.SwitchId), Is.EqualTo("s3"));
        Assert.That(root.GetTagItem(ControllerTelemetry.LinkIds), Is.EqualTo("s2-s3,s3-s1"));
        Assert.That(spans.Named(ControllerTelemetry.LinkFailure), Is.Empty);

        // And port-status arriving after the disconnect adds nothing.
        _topology.Tell(new PortStatusObserved("s1", new PortDescription(2, default, "s1-eth2", false), _h.Loop.Now));
        _h.Loop.RunPending();
        Assert.That(Changes, Has.Count.EqualTo(1));
    }
}
