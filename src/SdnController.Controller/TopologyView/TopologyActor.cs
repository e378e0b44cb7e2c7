using System.Collections.Immutable;
using System.Diagnostics;
using Akka.Actor;
using SdnController.Controller.Messages;
using SdnController.Controller.Observation;
using SdnController.Controller.Telemetry;
using SdnController.Southbound.Time;

namespace SdnController.Controller.TopologyView;

/// <summary>
/// The controller's view of the network and its failure detector. Port-status events, LLDP keepalive
/// silence and switch disconnects become <see cref="TopologyChanged"/> messages to the flow manager, each
/// the start of one trace: this actor owns the trace's root span until the flow manager reports the change
/// handled.
/// </summary>
/// <remarks>
/// A link that goes down is reported at once. With a hold-down (<see cref="ControllerOptions.HoldDown"/>) a
/// link that comes back is reported only after it has stayed up that long, so a flapping link costs one
/// reroute away and one back rather than two per flap. A switch that disconnects is one change carrying all
/// its links, including those its neighbours' port-status already took down at the same instant.
/// </remarks>
public sealed class TopologyActor : ReceiveActor
{
    private readonly ControllerSetup _setup;
    private readonly NetworkIndex _network;
    private readonly IActorRef _flowManager;
    private readonly IClock _clock;
    private readonly LinkMonitor _links;
    // Root spans of changes being handled, with the wall-clock detection time (for the root's wall time).
    private readonly Dictionary<ActivityTraceId, (Activity Root, long DetectedWall)> _openTraces = new();

    // Port-status changes seen at the current instant, flushed as one TopologyChanged per direction.
    private readonly List<int> _pendingDown = new();
    private readonly List<int> _pendingUp = new();
    private TimeSpan _pendingAt;
    private long _pendingWall;
    private bool _flushScheduled;

    private readonly KeepaliveTick _tick = new();
    private IScheduledWork? _keepaliveTimer;
    private TimeSpan _lastKeepaliveCheck;
    private TimeSpan? _deadlineCheckAt;   // the pending check between two keepalive ticks, if any
    private int _linksDown;   // as reported to the flow manager: the link gauge's figure

    public TopologyActor(ControllerSetup setup, NetworkIndex network, IActorRef flowManager)
    {
        _setup = setup;
        _network = network;
        _flowManager = flowManager;
        _clock = setup.Clock;
        _links = new LinkMonitor(network, setup.Options.HoldDown);

        Receive<PortStatusObserved>(OnPortStatus);
        Receive<LldpObserved>(OnLldp);
        Receive<SwitchConnectionChanged>(OnConnection);
        Receive<KeepaliveTick>(OnKeepaliveTick);
        Receive<DeadlineCheck>(OnDeadlineCheck);
        Receive<FlushPortStatus>(_ => Flush());
        Receive<ReleaseHeldLinks>(_ => OnReleaseHeld());
        Receive<TopologyChangeHandled>(OnHandled);
        Receive<SwitchActorsReady>(_ => { });
    }

    public static Props Props(ControllerSetup setup, NetworkIndex network, IActorRef flowManager) =>
        Akka.Actor.Props.Create(() => new TopologyActor(setup, network, flowManager))
            .WithDispatcher(setup.Options.Dispatcher);

    private TimeSpan KeepaliveTimeout => _setup.Options.LldpInterval * _setup.Options.LldpTimeoutMultiplier;

    protected override void PreStart()
    {
        _lastKeepaliveCheck = _clock.Now;
        _setup.Metrics.SetLinkState(_links.LinkCount, _linksDown);
        ScheduleKeepalive();
    }

    protected override void PostRestart(Exception reason)
    {
        // Connection events before the crash are gone; assume the network as it was and let keepalive correct it.
        _links.AssumeAllConnected(_clock.Now);
        _setup.Metrics.RecordActorRestart("topology", reason);
        base.PostRestart(reason);
    }

    protected override void PostStop()
    {
        _keepaliveTimer?.Cancel();
        foreach (var open in _openTraces.Values) open.Root.Dispose();
        _openTraces.Clear();
    }

    private void OnPortStatus(PortStatusObserved m)
    {
        var link = _network.LinkAt(m.SwitchId, m.Port.PortNo);
        if (link < 0) return;   // host port or unknown port
        if (!m.Port.LinkUp)
        {
            if (!_links.SetDown(link, DetectionMethod.PortStatus)) return;   // the other end already told us
            if (!_pendingUp.Remove(link)) Pend(_pendingDown, link, m.At);
        }
        else
        {
            var wasHeld = _links.IsHeld(link);
            if (_links.PortUp(link, m.At))
            {
                if (!_pendingDown.Remove(link)) Pend(_pendingUp, link, m.At);
            }
            else if (!wasHeld && _links.IsHeld(link))
            {
                ScheduleRelease();
            }
        }
    }

    private void Pend(List<int> list, int link, TimeSpan at)
    {
        if (_pendingDown.Count == 0 && _pendingUp.Count == 0)
        {
            _pendingAt = at;
            _pendingWall = Stopwatch.GetTimestamp();
        }
        list.Add(link);
        if (_flushScheduled) return;
        _flushScheduled = true;
        var self = Self;
        _clock.Schedule(TimeSpan.Zero, () => self.Tell(FlushPortStatus.Instance));
    }

    private void Flush()
    {
        _flushScheduled = false;
        if (_pendingDown.Count > 0) Report(_pendingDown, false, DetectionMethod.PortStatus, _pendingAt, _pendingWall);
        if (_pendingUp.Count > 0) Report(_pendingUp, true, DetectionMethod.PortStatus, _pendingAt, _pendingWall);
        _pendingDown.Clear();
        _pendingUp.Clear();
    }

    private void OnLldp(LldpObserved m)
    {
        var link = _network.LinkAt(m.SwitchId, m.InPort);
        if (link < 0) return;
        var direction = _links.DirectionOf(link, m.SwitchId, m.InPort, m.FromSwitchId, m.FromPort);
        if (direction < 0) return;
        // A restore that cancels a port-status failure not yet reported is no change for the flow manager.
        var wasHeld = _links.IsHeld(link);
        if (_links.ProbeSeen(link, direction, m.At))
        {
            if (!_pendingDown.Remove(link)) Report([link], true, DetectionMethod.Keepalive, m.At, Stopwatch.GetTimestamp());
        }
        else if (!wasHeld && _links.IsHeld(link))
        {
            ScheduleRelease();
        }
    }

    /// <summary>A link just became held: look again once the hold-down has passed (a flap meanwhile restarts it, so an early look finds nothing due).</summary>
    private void ScheduleRelease()
    {
        var self = Self;
        _clock.Schedule(_links.HoldDown, () => self.Tell(ReleaseHeldLinks.Instance));
    }

    private void OnReleaseHeld()
    {
        var released = _links.ReleaseHeld(_clock.Now);
        if (released.Count == 0) return;
        var now = _clock.Now;
        var wall = Stopwatch.GetTimestamp();
        // One change per way the links came back, as without a hold-down.
        foreach (var method in (ReadOnlySpan<DetectionMethod>)[DetectionMethod.PortStatus, DetectionMethod.Keepalive])
        {
            var links = new List<int>();
            foreach (var (link, how) in released)
                if (how == method) links.Add(link);
            if (links.Count > 0) Report(links, true, method, now, wall, heldDown: true);
        }
    }

    private void OnConnection(SwitchConnectionChanged m)
    {
        if (m.Connected)
        {
            _links.SwitchConnected(m.SwitchId, m.At);
            return;
        }
        var down = WithoutPendingUps(_links.SwitchDisconnected(m.SwitchId));
        // Neighbours' port-status about this switch's links, seen at this instant but not yet reported, is the
        // same failure: it joins the switch's change instead of making a link failure of its own.
        if (_pendingDown.Count > 0)
        {
            foreach (var link in _network.LinksOf(m.SwitchId))
                if (_pendingDown.Remove(link)) down.Add(link);
            down.Sort();
        }
        if (down.Count > 0) Report(down, false, DetectionMethod.SwitchDisconnect, m.At, Stopwatch.GetTimestamp(), switchId: m.SwitchId);
    }

    private void OnKeepaliveTick(KeepaliveTick tick)
    {
        if (!ReferenceEquals(tick, _tick)) return;
        var now = _clock.Now;
        var stalled = now - _lastKeepaliveCheck > 2 * _setup.Options.LldpInterval;
        _lastKeepaliveCheck = now;
        if (stalled)
        {
            // The controller itself fell behind (a real-time run on a starved machine, a long pause): the
            // probes that arrived meanwhile are still queued behind this tick, so silence proves nothing yet.
            ScheduleKeepalive();
            return;
        }
        ExpireSilent(now);
        ScheduleKeepalive();
    }

    /// <summary>
    /// Declares silent links down, then makes sure the next deadline is met exactly: the regular check runs
    /// every interval, so a link whose silence runs out between two checks gets a check of its own at that
    /// moment. Detection thus takes interval × multiplier (plus the link's latency) after the last probe, as
    /// BFD's detection time, not up to an interval more. A healthy link's deadline is at least
    /// (multiplier − 1) intervals away, so the extra checks happen only for links already falling silent.
    /// </summary>
    private void ExpireSilent(TimeSpan now)
    {
        var down = WithoutPendingUps(_links.ExpireSilent(now, KeepaliveTimeout, out var next));
        if (down.Count > 0) Report(down, false, DetectionMethod.KeepaliveTimeout, now, Stopwatch.GetTimestamp());
        // Silence must exceed the allowance, so the check comes one clock tick after the deadline.
        if (next is not { } deadline || deadline + TimeSpan.FromTicks(1) >= _lastKeepaliveCheck + _setup.Options.LldpInterval) return;
        var at = deadline + TimeSpan.FromTicks(1);
        if (_deadlineCheckAt is { } pending && pending <= at && pending > now) return;
        _deadlineCheckAt = at;
        var self = Self;
        var check = new DeadlineCheck(_tick, at);
        _clock.Schedule(at - now, () => self.Tell(check));
    }

    private void OnDeadlineCheck(DeadlineCheck check)
    {
        if (!ReferenceEquals(check.Incarnation, _tick)) return;
        if (_deadlineCheckAt == check.At) _deadlineCheckAt = null;
        ExpireSilent(_clock.Now);
    }

    /// <summary>A link going down again before its port-status restore was reported simply stays down for the flow manager.</summary>
    private List<int> WithoutPendingUps(List<int> down)
    {
        if (_pendingUp.Count > 0) down.RemoveAll(_pendingUp.Remove);
        return down;
    }

    private void ScheduleKeepalive()
    {
        var self = Self;
        var tick = _tick;
        _keepaliveTimer = _clock.Schedule(_setup.Options.LldpInterval, () => self.Tell(tick));
    }

    /// <param name="heldDown">A restore released after the hold-down (its root records the hold-down).</param>
    /// <param name="switchId">The switch whose disconnect took these links down.</param>
    private void Report(IReadOnlyList<int> links, bool up, DetectionMethod method, TimeSpan detectedAt, long wallTimestamp,
        bool heldDown = false, string? switchId = null)
    {
        var changes = ImmutableArray.CreateBuilder<LinkChange>(links.Count);
        foreach (var i in links) changes.Add(new LinkChange(_network.Topology.Links[i].Id, i, up));
        var ids = string.Join(',', changes.Select(c => c.LinkId));
        var methodName = ControllerTelemetry.DetectionName(method);

        var rootName = method == DetectionMethod.SwitchDisconnect ? ControllerTelemetry.SwitchFailure
            : up ? ControllerTelemetry.LinkRestore : ControllerTelemetry.LinkFailure;
        var root = ControllerTelemetry.StartRoot(rootName);
        if (root is not null)
        {
            root.SetTag(ControllerTelemetry.LinkIds, ids);
            root.SetTag(ControllerTelemetry.DetectionMethod, methodName);
            if (switchId is not null) root.SetTag(ControllerTelemetry.SwitchId, switchId);
            root.SetTag(ControllerTelemetry.VirtualStartMs, detectedAt.TotalMilliseconds);
            if (heldDown) root.SetTag(ControllerTelemetry.HoldDownMs, _links.HoldDown.TotalMilliseconds);
            using var detect = ControllerTelemetry.StartChild(ControllerTelemetry.FailureDetect, root.Context);
            detect?.SetTag(ControllerTelemetry.LinkIds, ids);
            detect?.SetTag(ControllerTelemetry.DetectionMethod, methodName);
            if (switchId is not null) detect?.SetTag(ControllerTelemetry.SwitchId, switchId);
            detect?.SetTag(ControllerTelemetry.VirtualStartMs, detectedAt.TotalMilliseconds);
            _openTraces[root.TraceId] = (root, wallTimestamp);
        }

        _flowManager.Tell(new TopologyChanged(changes.MoveToImmutable(), method, detectedAt, wallTimestamp, root?.Context ?? default)
        {
            HeldDown = heldDown ? _links.HoldDown : TimeSpan.Zero,
            SwitchId = switchId,
        });
        _linksDown += up ? -links.Count : links.Count;
        _setup.Metrics.RecordLinkChanges(links.Count, up, method, _links.LinkCount, _linksDown);
        foreach (var i in links)
            _setup.Observer.OnEvent(new LinkStateDetected(detectedAt, _network.Topology.Links[i].Id, up, method));
    }

    private void OnHandled(TopologyChangeHandled m)
    {
        if (!_openTraces.Remove(m.Trace.TraceId, out var open)) return;
        var root = open.Root;
        root.SetTag(ControllerTelemetry.AffectedFlows, m.AffectedFlows);
        root.SetTag(ControllerTelemetry.ReroutedFlows, m.ReroutedFlows);
        root.SetTag(ControllerTelemetry.UnreachableFlows, m.UnreachableFlows);
        root.SetTag(ControllerTelemetry.VirtualEndMs, m.CommittedAt.TotalMilliseconds);
        root.SetTag(ControllerTelemetry.WallDetectToCommitMs, Stopwatch.GetElapsedTime(open.DetectedWall).TotalMilliseconds);
        root.Dispose();
    }
}
