using System.Diagnostics;
using Akka.Actor;
using SdnController.Controller.Messages;
using SdnController.Controller.Observation;
using SdnController.Controller.Telemetry;
using SdnController.Controller.Tests.Support;
using SdnController.Southbound.Messages;

namespace SdnController.Controller.Tests.TopologyView;

/// <summary>Triangle: link 0 = s1-s2 (s1:1, s2:1), link 1 = s2-s3 (s2:2, s3:1), link 2 = s3-s1 (s3:2, s1:2).</summary>
public sealed class TopologyActorTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private ControllerHarness _h = null!;
    private Recorder _flows = null!;
    private IActorRef _topology = null!;

    [SetUp]
    public void SetUp()
    {
        _h = new ControllerHarness(options: new ControllerOptions { LldpInterval = Interval, LldpTimeoutMultiplier = 3 });
        _flows = _h.Recorder("flows");
        _topology = _h.StartTopology(_flows.Ref);
        foreach (var s in new[] { "s1", "s2", "s3" }) _topology.Tell(new SwitchConnectionChanged(s, true, TimeSpan.Zero));
        _h.Loop.RunPending();
    }

    [TearDown]
    public void TearDown() => _h.Dispose();

    private List<TopologyChanged> Changes => _flows.Of<TopologyChanged>().ToList();

    private void PortStatus(string sw, int port, bool up) =>
        _topology.Tell(new PortStatusObserved(sw, new PortDescription(port, default, $"{sw}-eth{port}", up), _h.Loop.Now));

    /// <summary>Probes over every link in both directions, except the listed (link, direction) pairs.</summary>
    private void ProbeAll(params (int Link, int Direction)[] silent)
    {
        for (var i = 0; i < _h.Topology.Links.Count; i++)
        {
            var l = _h.Topology.Links[i];
            if (!silent.Contains((i, 0))) _topology.Tell(new LldpObserved(l.B.Node, l.B.Port, l.A.Node, l.A.Port, _h.Loop.Now));
            if (!silent.Contains((i, 1))) _topology.Tell(new LldpObserved(l.A.Node, l.A.Port, l.B.Node, l.B.Port, _h.Loop.Now));
        }
    }

    private void RunProbing(TimeSpan duration, params (int Link, int Direction)[] silent)
    {
        for (var t = TimeSpan.Zero; t < duration; t += Interval)
        {
            ProbeAll(silent);
            _h.Loop.Advance(Interval);
        }
    }

    [Test]
    public void Port_down_reported_by_both_ends_is_one_topology_change()
    {
        PortStatus("s1", 1, false);
        PortStatus("s2", 1, false);
        _h.Loop.RunPending();

        var change = Changes.Single();
        Assert.That(change.Method, Is.EqualTo(DetectionMethod.PortStatus));
        Assert.That(change.Changes, Is.EqualTo(new[] { new LinkChange("s1-s2", 0, false) }));
        Assert.That(_h.Observer.Of<LinkStateDetected>().Single(), Is.EqualTo(new LinkStateDetected(TimeSpan.Zero, "s1-s2", false, DetectionMethod.PortStatus)));

        PortStatus("s1", 1, true);
        PortStatus("s2", 1, true);
        _h.Loop.RunPending();
        Assert.That(Changes, Has.Count.EqualTo(2));
        Assert.That(Changes[1].Changes, Is.EqualTo(new[] { new LinkChange("s1-s2", 0, true) }));
        Assert.That(Changes[1].Method, Is.EqualTo(DetectionMethod.PortStatus));
    }

    [Test]
    public void Port_downs_at_the_same_instant_are_one_change_and_host_ports_are_ignored()
    {
        PortStatus("s2", 2, false);
        PortStatus("s1", 3, false);   // host port
        PortStatus("s1", 2, false);
        PortStatus("s3", 1, false);
        _h.Loop.RunPending();

        Assert.That(Changes.Single().Changes.Select(c => c.LinkId), Is.EqualTo(new[] { "s2-s3", "s3-s1" }));
    }

    [Test]
    public void Silent_failure_is_detected_after_interval_times_multiplier_and_restored_by_probes()
    {
        RunProbing(TimeSpan.FromMilliseconds(500));
        Assert.That(Changes, Is.Empty, "probes keep every link up");
        var lastHeard = _h.Loop.Now - Interval;

        // s2 → s3 (link 1, direction 0) goes silent; everything else keeps talking.
        RunProbing(TimeSpan.FromMilliseconds(200), (1, 0));
        Assert.That(_h.Loop.Now - lastHeard, Is.EqualTo(Interval * 3));
        Assert.That(Changes, Is.Empty, "not before more than interval × multiplier of silence");
        RunProbing(TimeSpan.FromMilliseconds(200), (1, 0));

        var change = Changes.Single();
        Assert.That(change.Method, Is.EqualTo(DetectionMethod.KeepaliveTimeout));
        Assert.That(change.Changes, Is.EqualTo(new[] { new LinkChange("s2-s3", 1, false) }));
        Assert.That(change.DetectedAt - lastHeard, Is.GreaterThan(Interval * 3).And.LessThanOrEqualTo(Interval * 4));

        RunProbing(TimeSpan.FromMilliseconds(300), (1, 0));
        Assert.That(Changes, Has.Count.EqualTo(1), "one direction heard is not enough to come back");
        ProbeAll();
        _h.Loop.RunPending();
        Assert.That(Changes, Has.Count.EqualTo(2));
        Assert.That(Changes[1].Method, Is.EqualTo(DetectionMethod.Keepalive));
        Assert.That(Changes[1].Changes, Is.EqualTo(new[] { new LinkChange("s2-s3", 1, true) }));
        RunProbing(TimeSpan.FromSeconds(1));
        Assert.That(Changes, Has.Count.EqualTo(2), "stable once restored");
    }

    [Test]
    public void Probes_that_do_not_fit_the_topology_are_ignored()
    {
        RunProbing(TimeSpan.FromMilliseconds(200));
        for (var i = 0; i < 6; i++)
        {
            // s2→s3's direction is "heard" only as a miswired probe: s3:1 claims to hear s1:1.
            _topology.Tell(new LldpObserved("s3", 1, "s1", 1, _h.Loop.Now));
            ProbeAll((1, 0));
            _h.Loop.Advance(Interval);
        }
        Assert.That(Changes.Single().Changes.Single().LinkId, Is.EqualTo("s2-s3"));
    }

    [Test]
    public void Switch_disconnect_takes_all_its_links_down_in_one_change()
    {
        PortStatus("s1", 1, false);
        _h.Loop.RunPending();
        _topology.Tell(new SwitchConnectionChanged("s3", false, TimeSpan.Zero));
        _h.Loop.RunPending();

        Assert.That(Changes, Has.Count.EqualTo(2));
        Assert.That(Changes[1].Method, Is.EqualTo(DetectionMethod.SwitchDisconnect));
        Assert.That(Changes[1].Changes.Select(c => (c.LinkId, c.Up)), Is.EqualTo(new[] { ("s2-s3", false), ("s3-s1", false) }));

        // No keepalive verdicts about a disconnected switch's links, and none about link s1-s2 (already down).
        RunProbing(TimeSpan.FromSeconds(1), (1, 0), (1, 1), (2, 0), (2, 1), (0, 0), (0, 1));
        Assert.That(Changes, Has.Count.EqualTo(2));
    }

    [Test]
    public void Failure_handling_is_one_trace_rooted_in_the_topology_actor_and_ended_when_handled()
    {
        using var spans = new SpanCollector();
        PortStatus("s1", 1, false);
        _h.Loop.RunPending();

        var change = Changes.Single();
        var root = spans.Named(ControllerTelemetry.LinkFailure).Single();
        var detect = spans.Named(ControllerTelemetry.FailureDetect).Single();
        Assert.That(root.ParentSpanId, Is.EqualTo(default(ActivitySpanId)), "a root span");
        Assert.That(change.Trace.TraceId, Is.EqualTo(root.TraceId));
        Assert.That(change.Trace.SpanId, Is.EqualTo(root.SpanId));
        Assert.That(detect.TraceId, Is.EqualTo(root.TraceId));
        Assert.That(detect.ParentSpanId, Is.EqualTo(root.SpanId));
        Assert.That(spans.Stopped, Does.Contain(detect).And.Not.Contain(root), "detect ends at once, the root when handled");
        Assert.That(root.GetTagItem(ControllerTelemetry.LinkIds), Is.EqualTo("s1-s2"));
        Assert.That(root.GetTagItem(ControllerTelemetry.DetectionMethod), Is.EqualTo("port-status"), "the run report's and the metrics' name");
        Assert.That(Activity.Current, Is.Null, "actors leave Activity.Current alone");

        _topology.Tell(new TopologyChangeHandled(change.Trace, 5, 4, 1, TimeSpan.FromMilliseconds(12)));
        _h.Loop.RunPending();
        Assert.That(spans.Stopped, Does.Contain(root));
        Assert.That(root.GetTagItem(ControllerTelemetry.ReroutedFlows), Is.EqualTo(4));
        Assert.That(root.GetTagItem(ControllerTelemetry.UnreachableFlows), Is.EqualTo(1));
        Assert.That(root.GetTagItem(ControllerTelemetry.VirtualEndMs), Is.EqualTo(12.0));
        Assert.That(root.GetTagItem(ControllerTelemetry.WallDetectToCommitMs), Is.TypeOf<double>().And.GreaterThanOrEqualTo(0.0));

        _topology.Tell(new SwitchConnectionChanged("s3", false, TimeSpan.Zero));
        _h.Loop.RunPending();
        var switchRoot = spans.Named(ControllerTelemetry.SwitchFailure).Single();
        Assert.That(switchRoot.GetTagItem(ControllerTelemetry.LinkIds), Is.EqualTo("s2-s3,s3-s1"));
        Assert.That(switchRoot.GetTagItem(ControllerTelemetry.SwitchId), Is.EqualTo("s3"));
        Assert.That(switchRoot.GetTagItem(ControllerTelemetry.DetectionMethod), Is.EqualTo("switch-disconnect"));
        Assert.That(spans.Named(ControllerTelemetry.FailureDetect).Last().GetTagItem(ControllerTelemetry.SwitchId), Is.EqualTo("s3"));
    }
}
