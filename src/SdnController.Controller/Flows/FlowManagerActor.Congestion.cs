using System.Collections.Immutable;
using System.Diagnostics;
using SdnController.Controller.Congestion;
using SdnController.Controller.Observation;
using SdnController.Controller.Routing;
using SdnController.Controller.Telemetry;

namespace SdnController.Controller.Flows;

/// <summary>Congestion rerouting's turn in the flow manager's queue: plan from the latest measurements when it starts, then move.</summary>
internal sealed record CongestionWork(long WallStart) : FlowWork(WallStart)
{
    public CongestionPlan? Plan { get; set; }
    public Activity? Root { get; set; }
}

/// <summary>What one congestion event does: move flows off a hot link direction, or bring an earlier move's flows back.</summary>
internal sealed class CongestionPlan(CongestionAction action, long eventId, int direction, double utilisation, TimeSpan measuredAt)
{
    public CongestionAction Action { get; } = action;
    public long EventId { get; } = eventId;
    public int Direction { get; } = direction;
    public double Utilisation { get; } = utilisation;
    public TimeSpan MeasuredAt { get; } = measuredAt;
    public List<(FlowRecord Flow, FlowPath Path)> Moves { get; } = new();
    public List<string> Unmovable { get; } = new();
    /// <summary>Undo: the move being undone.</summary>
    public CongestionMove? Undoing { get; init; }
    /// <summary>Move: the direction stays over the threshold even with every movable flow gone.</summary>
    public bool Unresolved { get; set; }
}

/// <summary>A move not undone yet: the flows it took off Direction and the paths it put them on.</summary>
internal sealed class CongestionMove(long id, int direction, List<(FlowRecord Flow, FlowPath Path)> flows, ActivityContext trace)
{
    public long Id { get; } = id;
    public int Direction { get; } = direction;
    public List<(FlowRecord Flow, FlowPath Path)> Flows { get; } = flows;
    public ActivityContext Trace { get; } = trace;
}

/// <summary>
/// Congestion-driven rerouting (on when <see cref="ControllerOptions.Congestion"/> is set): the
/// <see cref="CongestionMonitorActor"/> reports each poll round's measured loads; when a link direction is over
/// the threshold, the flows crossing it move — largest measured rate first — to the best path on which every
/// direction stays at or under the threshold with them added, until the direction's projected load is under
/// it. Flows with no such path stay and are reported. When the load falls so that the direction (and every
/// direction of their routed paths) stays under threshold − <see cref="CongestionTelemetry.HysteresisPoints"/>
/// with them back, they return to their routed paths. Both go through the same phased update as a reroute,
/// one event per update, traced as <c>link.congestion</c>.
/// </summary>
public sealed partial class FlowManagerActor
{
    private CongestionState? _congestion;

    private sealed class CongestionState(double threshold, double[] capacityByLink)
    {
        public double Threshold { get; } = threshold;
        public double UndoFraction { get; } = Math.Max(0, threshold - CongestionTelemetry.HysteresisPoints / 100);
        public double[] CapacityByLink { get; } = capacityByLink;
        public LinkLoads? Latest;
        public bool Queued;
        /// <summary>When the last update that moved traffic finished: measurements from before it are stale.</summary>
        public TimeSpan SettledAt;
        public long EventIds;
        public readonly List<CongestionMove> Active = new();
        /// <summary>Directions reported with flows that could not move: not tried again until they fall under the threshold.</summary>
        public readonly HashSet<int> Unresolved = new();
    }

    /// <summary>Called from the constructor: nothing exists and nothing is received while congestion rerouting is off.</summary>
    private void InitCongestion()
    {
        if (_setup.Options.Congestion is not { } policy) return;
        var capacity = new double[_topology.Links.Count];
        for (var l = 0; l < capacity.Length; l++) capacity[l] = _topology.Links[l].BandwidthBps;
        _congestion = new CongestionState(policy.Threshold, capacity);
        Receive<LinkLoads>(OnLinkLoads);
    }

    private void OnLinkLoads(LinkLoads m)
    {
        var c = _congestion!;
        c.Latest = m;
        if (c.Queued || PlanCongestion(m) is null) return;
        c.Queued = true;
        Enqueue(new CongestionWork(Stopwatch.GetTimestamp()));
    }

    /// <summary>A traffic-moving update finished: congestion decisions wait for measurements taken after it.</summary>
    private void CongestionSettled(FlowUpdate u, TimeSpan now)
    {
        if (_congestion is { } c && (u.Work is TopologyWork or CongestionWork { Plan.Moves.Count: > 0 } || (u.Work is UntagWork && u.Affected > 0)))
            c.SettledAt = now;
    }

    /// <summary>
    /// The next congestion event fresh measurements call for, or null: a hot direction first (the worst),
    /// else the oldest move that can be undone.
    /// </summary>
    private CongestionPlan? PlanCongestion(LinkLoads m)
    {
        var c = _congestion!;
        if (m.From < c.SettledAt) return null;
        var graph = _routing.Graph;
        var measured = new DirectionLoads(m.DirectionBps, c.CapacityByLink, graph);
        // What no longer holds: directions reported unresolved that cooled down, moved flows a topology
        // change put elsewhere (their move is over, nothing to undo).
        c.Unresolved.RemoveWhere(d => measured.Utilisation(d) <= c.Threshold);
        for (var i = c.Active.Count - 1; i >= 0; i--)
        {
            var move = c.Active[i];
            move.Flows.RemoveAll(x => !ReferenceEquals(x.Flow.Path, x.Path));
            if (move.Flows.Count == 0) c.Active.RemoveAt(i);
        }

        var hot = new List<(int Direction, double Utilisation)>();
        for (var d = 0; d < m.DirectionBps.Length; d++)
        {
            if (double.IsNaN(m.DirectionBps[d])) continue;
            var u = measured.Utilisation(d);
            if (u > c.Threshold && !c.Unresolved.Contains(d)) hot.Add((d, u));
        }
        hot.Sort((a, b) => a.Utilisation != b.Utilisation ? b.Utilisation.CompareTo(a.Utilisation) : a.Direction.CompareTo(b.Direction));
        foreach (var (d, u) in hot)
        {
            var plan = PlanMove(m, d, u, c);
            if (plan is not null) return plan;
        }
        foreach (var move in c.Active)
        {
            var plan = PlanUndo(m, move, c);
            if (plan is not null) return plan;
        }
        return null;
    }

    private double RateOf(LinkLoads m, ulong cookie) => m.CookieBps.TryGetValue(cookie, out var bps) ? bps : 0;

    private CongestionPlan? PlanMove(LinkLoads m, int direction, double utilisation, CongestionState c)
    {
        var graph = _routing.Graph;
        var link = direction >> 1;
        var candidates = new List<(FlowRecord Flow, double Forward, double Reverse, double Here)>();
        foreach (var i in FlowsOn(link))
        {
            var f = _flowsByIndex[i];
            // Flows spread by ECMP are already balanced by the select groups' hash, and protected flows keep the
            // path their pre-installed backups were built for: congestion moves plain single-path flows only.
            if (f.Ecmp is not null || f.Protected || f.Path is not { } path) continue;
            var k = path.Links.IndexOf(link);
            if (k < 0) continue;
            var forwardDirection = LinkDirections.Forward(graph, path, k);
            double forward = RateOf(m, f.ForwardCookie), reverse = f.Reverse is null ? 0 : RateOf(m, f.ReverseCookie);
            var here = forwardDirection == direction ? forward : reverse;
            if (here > 0) candidates.Add((f, forward, reverse, here));
        }
        if (candidates.Count == 0) return null;   // nothing the controller routes is measured on it
        candidates.Sort((a, b) => a.Here != b.Here ? b.Here.CompareTo(a.Here) : a.Flow.Number.CompareTo(b.Flow.Number));

        var loads = new DirectionLoads(m.DirectionBps, c.CapacityByLink, graph);
        var sum = 0.0;
        foreach (var x in candidates) sum += x.Here;
        loads.AtLeast(direction, sum);
        var limit = c.Threshold * loads.Capacity(direction);
        var plan = new CongestionPlan(CongestionAction.Move, c.EventIds + 1, direction, utilisation, m.At);
        foreach (var (f, forward, reverse, _) in candidates)
        {
            if (loads[direction] <= limit) break;
            var old = f.Path!;
            loads.Add(old, forward, reverse, -1);
            var next = HeadroomPathSearch.Find(_routings[f.RoutingSlot], f.SrcHost, f.DstHost, loads, forward, reverse, c.Threshold);
            if (next is null || next.SameRoute(old))
            {
                loads.Add(old, forward, reverse, +1);
                plan.Unmovable.Add(f.Spec.Id);
                continue;
            }
            loads.Add(next, forward, reverse, +1);
            plan.Moves.Add((f, next));
        }
        plan.Unresolved = loads[direction] > limit;
        return plan.Moves.Count > 0 || plan.Unmovable.Count > 0 ? plan : null;
    }

    private CongestionPlan? PlanUndo(LinkLoads m, CongestionMove move, CongestionState c)
    {
        var loads = new DirectionLoads(m.DirectionBps, c.CapacityByLink, _routing.Graph);
        var back = new List<(FlowRecord Flow, FlowPath Path, double Forward, double Reverse)>(move.Flows.Count);
        foreach (var (f, moved) in move.Flows)
        {
            if (!ReferenceEquals(f.Path, moved)) continue;   // a topology change moved it since
            var home = _routings[f.RoutingSlot].Route(f.SrcHost, f.DstHost);
            if (home is null || home.SameRoute(moved)) continue;
            double forward = RateOf(m, f.ForwardCookie), reverse = f.Reverse is null ? 0 : RateOf(m, f.ReverseCookie);
            loads.Add(moved, forward, reverse, -1);
            back.Add((f, home, forward, reverse));
        }
        if (back.Count == 0) return null;
        foreach (var (_, home, forward, reverse) in back) loads.Add(home, forward, reverse, +1);
        if (!loads.Fits(move.Direction, 0, c.UndoFraction)) return null;
        foreach (var (_, home, _, _) in back)
            if (!loads.Fits(home, 0, 0, c.UndoFraction)) return null;
        var plan = new CongestionPlan(CongestionAction.Undo, move.Id, move.Direction, loads.Utilisation(move.Direction), m.At) { Undoing = move };
        foreach (var (f, home, _, _) in back) plan.Moves.Add((f, home));
        return plan;
    }

    private FlowUpdate StartCongestion(CongestionWork w)
    {
        var c = _congestion!;
        c.Queued = false;
        var plan = c.Latest is { } latest ? PlanCongestion(latest) : null;
        w.Plan = plan;
        if (plan is null) return new FlowUpdate(w, _rules.Commit(), default) { ComputedAt = _setup.Clock.Now };
        if (plan.Action == CongestionAction.Move) c.EventIds = plan.EventId;

        var virtualStart = _setup.Clock.Now;
        var link = _topology.Links[plan.Direction >> 1];
        var root = w.Root = ControllerTelemetry.StartRoot(CongestionTelemetry.LinkCongestion);
        if (root is not null)
        {
            root.SetTag(CongestionTelemetry.Action, plan.Action == CongestionAction.Move ? CongestionTelemetry.MoveAction : CongestionTelemetry.UndoAction);
            root.SetTag(CongestionTelemetry.LinkId, link.Id);
            root.SetTag(CongestionTelemetry.Direction, LinkDirections.Name(_topology, plan.Direction));
            root.SetTag(CongestionTelemetry.Utilisation, Math.Round(plan.Utilisation * 100, 1));
            root.SetTag(CongestionTelemetry.Threshold, Math.Round(c.Threshold * 100, 1));
            if (plan.Undoing is { } undoing && undoing.Trace != default) root.SetTag(CongestionTelemetry.UndoesTrace, undoing.Trace.TraceId.ToHexString());
            root.SetTag(ControllerTelemetry.VirtualStartMs, plan.MeasuredAt.TotalMilliseconds);
        }
        var trace = root?.Context ?? default;
        var span = ControllerTelemetry.StartChild(ControllerTelemetry.RouteCompute, trace);

        // As for a topology change: every old path released before any new one is claimed, each flow by
        // the ordered update when provably consistent, else the two-phase one.
        var versioned = _setup.Options.VersionedUpdates;
        var drainMs = 0.0;
        var methods = new UpdateMethod[plan.Moves.Count];
        for (var i = 0; i < plan.Moves.Count; i++)
        {
            var (f, path) = plan.Moves[i];
            var old = f.Path!;
            drainMs = Math.Max(drainMs, CongestedDrainMs(old, c.Latest!));
            methods[i] = ReleaseMoved(f, old, path, versioned);
        }
        var twoPhase = ClaimMoves(plan.Moves, methods);
        var ordered = plan.Moves.Count - twoPhase;
        var changes = _rules.Commit();
        var computedAt = _setup.Clock.Now;
        if (span is not null)
        {
            span.SetTag(ControllerTelemetry.Algorithm, plan.Action == CongestionAction.Move ? "headroom-dijkstra" : _routing.AlgorithmName);
            span.SetTag(ControllerTelemetry.AffectedFlows, plan.Moves.Count + plan.Unmovable.Count);
            span.SetTag(ControllerTelemetry.ReroutedFlows, plan.Moves.Count);
            span.SetTag(CongestionTelemetry.FlowsUnmovable, plan.Unmovable.Count);
            span.SetTag(ControllerTelemetry.UpdateMethod, MethodName(ordered, twoPhase));
            span.SetTag(ControllerTelemetry.OrderedFlows, ordered);
            span.SetTag(ControllerTelemetry.TwoPhaseFlows, twoPhase);
            span.SetTag(ControllerTelemetry.VirtualStartMs, virtualStart.TotalMilliseconds);
            span.SetTag(ControllerTelemetry.VirtualEndMs, computedAt.TotalMilliseconds);
            StopSpan(span);
        }
        return new FlowUpdate(w, changes, trace)
        {
            Affected = plan.Moves.Count + plan.Unmovable.Count,
            Rerouted = plan.Moves.Count,
            OrderedFlows = ordered,
            TwoPhaseFlows = twoPhase,
            Drain = DrainAfter(drainMs),
            ComputedAt = computedAt,
            WallComputeMs = Stopwatch.GetElapsedTime(w.WallStart).TotalMilliseconds,
        };
    }

    /// <summary>Frames a link direction is assumed to queue when the topology does not say (Linux's and the virtual network's default).</summary>
    private const int AssumedQueuePackets = 1000;
    /// <summary>Largest frame the drain allows for (an Ethernet MTU frame).</summary>
    private const double MaxFrameBits = 1518 * 8;

    /// <summary>
    /// How long packets already on the old path may still be on the way: unlike after a failure, the path
    /// being left is loaded, so on top of its propagation latency each link adds the serialisation of a
    /// couple of full frames, and a direction measured at or over its bandwidth a full queue of them (a
    /// standing queue builds only there). Old rules go only after that (same drain step as any update).
    /// </summary>
    private double CongestedDrainMs(FlowPath old, LinkLoads loads)
    {
        var graph = _routing.Graph;
        var ms = 0.0;
        for (var k = 0; k < old.Links.Length; k++)
        {
            var l = old.Links[k];
            var link = _topology.Links[l];
            var d = LinkDirections.Forward(graph, old, k);
            var frameMs = link.BandwidthBps > 0 ? MaxFrameBits / link.BandwidthBps * 1000 : 0;
            double forward = loads.DirectionBps[d], reverse = loads.DirectionBps[d ^ 1];
            var overloaded = forward >= link.BandwidthBps || reverse >= link.BandwidthBps;
            ms += _linkLatencyMs[l] + frameMs * (overloaded ? link.QueuePackets ?? AssumedQueuePackets : 2);
        }
        return ms;
    }

    private void FinishCongestion(FlowUpdate u, CongestionWork w, ImmutableArray<string> unconfirmed, TimeSpan now)
    {
        if (w.Plan is not { } plan) return;
        var c = _congestion!;
        EndCommitSpan(u, unconfirmed.Length, now, unreachable: false);
        var moved = ImmutableArray.CreateBuilder<string>(plan.Moves.Count);
        foreach (var (f, _) in plan.Moves) moved.Add(f.Spec.Id);
        var trace = w.Root?.Context ?? default;
        if (plan.Action == CongestionAction.Move)
        {
            if (plan.Moves.Count > 0) c.Active.Add(new CongestionMove(plan.EventId, plan.Direction, plan.Moves, trace));
            if (plan.Unresolved) c.Unresolved.Add(plan.Direction);
        }
        else c.Active.Remove(plan.Undoing!);
        if (w.Root is { } root)
        {
            root.SetTag(CongestionTelemetry.FlowsMoved, plan.Moves.Count);
            root.SetTag(CongestionTelemetry.FlowsUnmovable, plan.Unmovable.Count);
            root.SetTag(ControllerTelemetry.VirtualEndMs, now.TotalMilliseconds);
            StopSpan(root);
            w.Root = null;
        }
        var link = _topology.Links[plan.Direction >> 1];
        _setup.Observer.OnEvent(new CongestionHandled(now, plan.EventId, plan.Action, link.Id, LinkDirections.Name(_topology, plan.Direction),
            plan.Utilisation, c.Threshold, plan.MeasuredAt, moved.MoveToImmutable(), [.. plan.Unmovable])
        {
            Trace = trace, OrderedFlows = u.OrderedFlows, TwoPhaseFlows = u.TwoPhaseFlows,
            RulesAdded = u.Changes.AddCount, RulesRemoved = u.Changes.RemoveCount, UnconfirmedSwitches = unconfirmed,
        });
        _setup.Metrics.RecordCongestion(plan.Action == CongestionAction.Move ? CongestionTelemetry.MoveAction : CongestionTelemetry.UndoAction,
            plan.Moves.Count, plan.Unmovable.Count);
    }
}
