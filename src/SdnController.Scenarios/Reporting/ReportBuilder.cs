using SdnController.Controller.Observation;
using SdnController.Scenarios.Playback;
using SdnController.VirtualNetwork;
using SdnController.VirtualNetwork.Traffic;

namespace SdnController.Scenarios.Reporting;

/// <summary>Correlates what the run injected, what the controller reported and what the hosts measured.</summary>
internal sealed class ReportBuilder
{
    private readonly SimulatedNetwork _network;
    private readonly TimeSpan _origin;
    private readonly TimeSpan _end;

    public ReportBuilder(SimulatedNetwork network, TimeSpan origin, TimeSpan runEnd)
    {
        _network = network;
        _origin = origin;
        _end = runEnd;
    }

    public RunReport Build(RunReportHeader header, SetupSummary setup, IReadOnlyList<InjectedEvent> injected,
        IReadOnlyList<ControllerEvent> controllerEvents, IReadOnlyList<ExpectationResult> expectations, long functionCountersRequest = 0)
    {
        var usedBy = new Dictionary<RerouteCompleted, int>(ReferenceEqualityComparer.Instance);
        var changes = BuildChanges(injected, controllerEvents, usedBy);
        var restarts = BuildRestarts(controllerEvents);
        var (totals, flows) = BuildTraffic();
        var others = new List<OtherReaction>();
        foreach (var e in controllerEvents)
        {
            if (e is not RerouteCompleted r || usedBy.ContainsKey(r) || r.Changes.IsDefaultOrEmpty) continue;
            var links = new List<string>(r.Changes.Length);
            foreach (var c in r.Changes) links.Add(c.LinkId);
            others.Add(new OtherReaction(r.DetectedAt - _origin, links, r.Changes[0].Up, Reaction(r, r.DetectedAt, shared: false)));
        }
        ProtectionReport? protection = null;
        foreach (var e in controllerEvents)
            if (e is ProtectionStatus p) protection = new ProtectionReport(p.Flows, p.Protected, p.Unprotected);
        return new RunReport(header.Topology, header.VirtualTime, header.Seed, header.Duration, setup, injected, changes,
            expectations, restarts, totals, flows) 
        {
            OtherReactions = others,
            Congestion = CongestionReport.From(controllerEvents, _origin),
            Protection = protection,
            Functions = FunctionReports.Build(_network.Topology, controllerEvents, _origin, functionCountersRequest),
            Chains = ChainReports.Build(controllerEvents, _origin),
            Policy = PolicyReports.Build(controllerEvents, _origin),
            Untagging = UntagReports.Build(controllerEvents, _origin),
        };
    }

    private List<ChangeReport> BuildChanges(IReadOnlyList<InjectedEvent> injected, IReadOnlyList<ControllerEvent> events,
        Dictionary<RerouteCompleted, int> usedBy)
    {
        var reroutes = new List<RerouteCompleted>();
        foreach (var e in events) if (e is RerouteCompleted r) reroutes.Add(r);

        var topologyChanges = new List<InjectedEvent>();
        foreach (var e in injected) if (e.Kind != InjectedKind.ActorCrash) topologyChanges.Add(e);

        var result = new List<ChangeReport>(topologyChanges.Count);
        for (var i = 0; i < topologyChanges.Count; i++)
        {
            var ev = topologyChanges[i];
            var reaction = FindReaction(ev, reroutes, usedBy, i, NextChangeOfSameLinks(topologyChanges, i));
            var functionReaction = ev.FunctionId is { } fn
                ? FunctionReports.Reaction(fn, ev.Kind == InjectedKind.FunctionUp, ev.At, NextChangeOfSameFunction(topologyChanges, i), events, _origin)
                : null;
            // Changes injected at the same instant share one traffic window, counted at the first of them.
            if (i > 0 && topologyChanges[i - 1].At == ev.At)
            {
                result.Add(new ChangeReport(ev, reaction, 0, 0, Array.Empty<FlowImpact>()) { LossCountedWithPrevious = true, FunctionReaction = functionReaction });
                continue;
            }
            var next = i + 1;
            while (next < topologyChanges.Count && topologyChanges[next].At == ev.At) next++;
            var windowEnd = next < topologyChanges.Count ? topologyChanges[next].At : _end - _origin;
            var (lost, disrupted, perFlow, max, median) = MeasureImpact(ev.At, windowEnd);
            result.Add(new ChangeReport(ev, reaction, lost, disrupted, perFlow)
            {
                FirstDeliveryOnNewPathMax = max,
                FirstDeliveryOnNewPathMedian = median,
                FunctionReaction = functionReaction,
            });
        }
        return result;
    }

    /// <summary>Run time of the next injected change touching any of the same links (a reaction after it is not this change's).</summary>
    private TimeSpan NextChangeOfSameLinks(List<InjectedEvent> changes, int i)
    {
        for (var j = i + 1; j < changes.Count; j++)
            foreach (var l in changes[j].LinkIds)
                if (Contains(changes[i].LinkIds, l)) return changes[j].At;
        return TimeSpan.MaxValue - _origin;
    }

    /// <summary>Run time of the next injected change of the same network function (its reaction belongs to that one).</summary>
    private TimeSpan NextChangeOfSameFunction(List<InjectedEvent> changes, int i)
    {
        for (var j = i + 1; j < changes.Count; j++)
            if (changes[j].FunctionId == changes[i].FunctionId) return changes[j].At;
        return _end - _origin;
    }

    private ReactionReport? FindReaction(InjectedEvent ev, List<RerouteCompleted> reroutes, Dictionary<RerouteCompleted, int> usedBy, int index, TimeSpan until)
    {
        var up = ev.Kind is InjectedKind.LinkUp or InjectedKind.SwitchUp or InjectedKind.FunctionUp;
        var injectedAt = _origin + ev.At;
        var windowEnd = _origin + until;
        foreach (var r in reroutes)
        {
            if (r.DetectedAt < injectedAt) continue;
            if (r.DetectedAt >= windowEnd) break;
            var matches = false;
            foreach (var c in r.Changes)
                if (c.Up == up && Contains(ev.LinkIds, c.LinkId)) { matches = true; break; }
            if (!matches) continue;
            var shared = usedBy.TryGetValue(r, out var first) && first != index;
            if (!shared) usedBy[r] = index;
            return Reaction(r, injectedAt, shared);
        }
        return null;
    }

    private static ReactionReport Reaction(RerouteCompleted r, TimeSpan injectedAt, bool shared) =>
        new(r.Method,
            r.DetectedAt - injectedAt,
            r.ComputedAt - r.DetectedAt,
            r.InstalledAt - r.ComputedAt,
            r.CommittedAt - r.InstalledAt,
            r.WallComputeMs, r.WallTotalMs,
            r.AffectedFlows, r.ReroutedFlows, r.UnreachableFlows, r.RulesAdded, r.RulesRemoved, r.SwitchesTouched)
        {
            SharedWithPrevious = shared,
            Trace = r.Trace,
            HeldDown = r.HeldDown,
            OrderedFlows = r.OrderedFlows,
            TwoPhaseFlows = r.TwoPhaseFlows,
        };

    private static bool Contains(IReadOnlyList<string> ids, string id)
    {
        foreach (var x in ids) if (x == id) return true;
        return false;
    }

    private (long Lost, int Disrupted, List<FlowImpact> PerFlow, TimeSpan? Max, TimeSpan? Median) MeasureImpact(TimeSpan from, TimeSpan to)
    {
        var w0 = _origin + from;
        var w1 = _origin + to;
        long lost = 0;
        var perFlow = new List<FlowImpact>();
        var firstDeliveries = new List<TimeSpan>();
        foreach (var flow in _network.Flows)
        {
            var lostHere = flow.LostBefore(w1) - flow.LostBefore(w0);
            TimeSpan? moved = null;
            foreach (var change in flow.PathChanges)
            {
                if (change.At < w0) continue;
                if (change.At >= w1) break;
                moved = change.At - w0;
                break;
            }
            if (lostHere == 0 && moved is null) continue;
            lost += lostHere;
            perFlow.Add(new FlowImpact(flow.Spec.Id, lostHere, moved));
            if (moved is { } m) firstDeliveries.Add(m);
        }
        firstDeliveries.Sort();
        TimeSpan? max = firstDeliveries.Count > 0 ? firstDeliveries[^1] : null;
        TimeSpan? median = firstDeliveries.Count > 0 ? firstDeliveries[(firstDeliveries.Count - 1) / 2] : null;
        var disrupted = 0;
        foreach (var f in perFlow) if (f.PacketsLost > 0) disrupted++;
        return (lost, disrupted, perFlow, max, median);
    }

    private List<RestartReport> BuildRestarts(IReadOnlyList<ControllerEvent> events)
    {
        var result = new List<RestartReport>();
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is not SwitchActorRestarted r) continue;
            SwitchResynced? resync = null;
            for (var j = i + 1; j < events.Count && resync is null; j++)
                if (events[j] is SwitchResynced s && s.SwitchId == r.SwitchId) resync = s;
            result.Add(new RestartReport(r.At - _origin, r.SwitchId, r.Reason)
            {
                ResyncRulesAdded = resync?.RulesAdded,
                ResyncRulesRemoved = resync?.RulesRemoved,
            });
        }
        return result;
    }

    private (TrafficTotals, List<FlowReport>) BuildTraffic()
    {
        long sent = 0, delivered = 0, lost = 0, reordered = 0, duplicates = 0;
        var flows = new List<FlowReport>(_network.Flows.Count);
        var switches = _network.Topology.Switches;
        foreach (var f in _network.Flows)
        {
            var flowLost = f.LostBefore(_end);
            sent += f.Sent;
            delivered += f.Delivered;
            lost += flowLost;
            reordered += f.Reordered;
            duplicates += f.Duplicates;
            var path = new List<string>();
            foreach (var s in f.CurrentPath) path.Add(switches[s].Id);
            flows.Add(new FlowReport(f.Spec.Id, f.Spec.FromHost, f.Spec.ToHost, f.Spec.Protocol.ToString().ToLowerInvariant(),
                f.Sent, f.Delivered, flowLost, f.Reordered, path)
            {
                LastDelivery = f.LastDeliveredAt is { } last ? last - _origin : null,
            });
        }
        var drops = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var reason in Enum.GetValues<VirtualNetwork.Switching.DropReason>())
            if (_network.Counters.Dropped(reason) is var count and > 0) drops[reason.ToString()] = count;
        var looped = _network.Counters.Looped;
        return (new TrafficTotals(sent, delivered, lost, reordered, duplicates, looped, drops), flows);
    }
}

internal sealed record RunReportHeader(string Topology, bool VirtualTime, int Seed, TimeSpan Duration);
