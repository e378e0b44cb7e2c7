using System.Collections.Immutable;
using System.Diagnostics;
using Akka.Event;
using SdnController.Controller.Messages;
using SdnController.Controller.Nfv;
using SdnController.Controller.Observation;
using SdnController.Controller.Routing;
using SdnController.Controller.Telemetry;
using SdnController.Southbound.Matching;
using SdnController.Southbound.Nfv;
using SdnController.Topology.Model;

namespace SdnController.Controller.Flows;

/// <summary>A classifier's label for a flow, with the <c>policy:</c> entry it takes (-1: none), in the queue.</summary>
internal sealed record PolicyWork(FlowClassified Label, int Rule, TimeSpan LabelledAt, long WallStart) : FlowWork(WallStart)
{
    public Activity? Span { get; set; }
    public string Outcome { get; set; } = PolicyOutcomes.NoMatch;
    public ImmutableArray<string> FlowIds { get; set; } = ImmutableArray<string>.Empty;
    /// <summary>Block action: the block the work made (its event is published with the policy's).</summary>
    public BlockWork? Block { get; set; }
}

/// <summary>
/// Policy from classes: when the classifier labels a flow (<see cref="FlowClassified"/>), the first <c>policy:</c> entry
/// matching its class and/or protocol decides what happens to it — re-routed by a metric (the consistent update a
/// reroute uses; an unchanged route sends nothing), or blocked at the ingress (the IDS block machinery, reason
/// <c>policy</c>). Each flow keeps the entry it got: the same label again, or another label taking the same entry,
/// changes nothing; a label taking no entry leaves the last action in force. A blocked flow stays blocked.
/// </summary>
/// <remarks>
/// The 5-tuple is mapped to the controller's flows through its hosts: only flows between the two hosts (the lists by
/// tree root) are compared with it, by their matches in both directions, so a label costs the flows of one host pair.
/// </remarks>
public sealed partial class FlowManagerActor
{
    /// <summary>The entry each labelled flow (its 5-tuple, one direction for both) last took; -1: none.</summary>
    private readonly Dictionary<FunctionFlowTuple, int> _policyRuleOf = new();

    /// <summary>The function id a policy block carries (its events, its lift); no function has it.</summary>
    public const string PolicyBlockSource = "policy";

    private void InitPolicy()
    {
        if (_topology.Policy.Count == 0) return;
        Receive<FlowClassified>(OnFlowClassified);
    }

    private void OnFlowClassified(FlowClassified m)
    {
        var rule = -1;
        var policy = _topology.Policy;
        for (var i = 0; i < policy.Count; i++)
            if (policy[i].Matches(m.Protocol, m.Class)) { rule = i; break; }
        var key = Canonical(m.Tuple);
        if (_policyRuleOf.TryGetValue(key, out var previous) && (previous == rule || rule < 0)) return;
        _policyRuleOf[key] = rule;
        Enqueue(new PolicyWork(m, rule, _setup.Clock.Now, Stopwatch.GetTimestamp()));
    }

    /// <summary>One direction stands for both: the one whose (source, port) sorts first.</summary>
    private static FunctionFlowTuple Canonical(FunctionFlowTuple t)
    {
        var r = Reverse(t);
        return t.Source < r.Source || (t.Source == r.Source && t.SourcePort <= r.SourcePort) ? t : r;
    }

    private FlowUpdate StartPolicyWork(PolicyWork w)
    {
        var now = _setup.Clock.Now;
        var span = w.Span = ControllerTelemetry.StartRoot(PolicyTelemetry.FlowPolicy);
        var trace = span?.Context ?? default;
        if (span is not null)
        {
            span.SetTag(PolicyTelemetry.Flow, FlowText(w.Label.Tuple));
            span.SetTag(PolicyTelemetry.Protocol, w.Label.Protocol);
            span.SetTag(PolicyTelemetry.Class, w.Label.Class);
            span.SetTag(PolicyTelemetry.Method, w.Label.Method);
            span.SetTag(PolicyTelemetry.Rule, w.Rule);
            span.SetTag(PolicyTelemetry.Action, w.Rule < 0 ? "none" : _topology.Policy[w.Rule].ActionText);
            span.SetTag(ControllerTelemetry.VirtualStartMs, w.LabelledAt.TotalMilliseconds);
        }
        var flows = FlowsOfTuple(w.Label.Tuple);
        var ids = ImmutableArray.CreateBuilder<string>(flows.Count);
        foreach (var f in flows) ids.Add(f.Spec.Id);
        w.FlowIds = ids.ToImmutable();
        if (w.Rule < 0) return new FlowUpdate(w, CommitChanges(), trace) { ComputedAt = now };
        var rule = _topology.Policy[w.Rule];
        switch (rule.Action)
        {
            case PolicyAction.Block:
                return StartPolicyBlock(w, rule, trace);
            case PolicyAction.Metric:
                return StartPolicyMetric(w, rule, flows, trace);
            default:
                return StartPolicyChain(w, rule, flows, trace);
        }
    }

    private FlowUpdate StartPolicyBlock(PolicyWork w, PolicyRule rule, System.Diagnostics.ActivityContext trace)
    {
        var t = w.Label.Tuple;
        if (_blockedFlows.Contains(t) || _blockedFlows.Contains(Reverse(t)))
        {
            w.Outcome = PolicyOutcomes.AlreadyBlocked;
            return new FlowUpdate(w, CommitChanges(), trace) { ComputedAt = _setup.Clock.Now };
        }
        _blockedFlows.Add(t);
        var block = new BlockWork(new BlockFlow(PolicyBlockSource, rule.MatchText, FlowText(t), t), w.WallStart);
        var u = StartBlockWork(block);
        w.Block = block;
        w.Outcome = block.Outcome is { Switches.IsEmpty: false } ? PolicyOutcomes.Blocked : PolicyOutcomes.NoFlow;
        return new FlowUpdate(w, u.Changes, trace) { ComputedAt = u.ComputedAt };
    }

    /// <summary>
    /// Routes the flows by the entry's metric from now on (later reroutes too); those whose route changes move by the
    /// consistent update a reroute uses. ECMP-spread, protected and chained flows keep their route.
    /// </summary>
    private FlowUpdate StartPolicyMetric(PolicyWork w, PolicyRule rule, List<FlowRecord> flows, System.Diagnostics.ActivityContext trace)
    {
        var slot = _routings.SlotOf(ControllerOptions.ToPathMetric(rule.Metric!.Value));
        var moves = new List<(FlowRecord Flow, FlowPath Path)>();
        var movable = 0;
        foreach (var f in flows)
        {
            if (f.Chain >= 0 || f.Ecmp is not null || f.Protected || f.Path is not { } old) continue;
            movable++;
            f.RoutingSlot = slot;
            var next = _routings[slot].Route(f.SrcHost, f.DstHost);
            if (next is not null && !next.SameRoute(old)) moves.Add((f, next));
        }
        var versioned = _setup.Options.VersionedUpdates;
        var methods = new UpdateMethod[moves.Count];
        var drainMs = 0.0;
        // As a reroute: every old path released before any new one is claimed.
        for (var i = 0; i < moves.Count; i++)
        {
            var (f, path) = moves[i];
            drainMs = Math.Max(drainMs, LatencyMs(f.Path!));
            methods[i] = ReleaseMoved(f, f.Path!, path, versioned);
        }
        var twoPhase = ClaimMoves(moves, methods);
        w.Outcome = flows.Count == 0 ? PolicyOutcomes.NoFlow : movable == 0 ? PolicyOutcomes.NotMovable : moves.Count > 0 ? PolicyOutcomes.Moved : PolicyOutcomes.Unchanged;
        return new FlowUpdate(w, CommitChanges(), trace)
        {
            Affected = movable,
            Rerouted = moves.Count,
            OrderedFlows = moves.Count - twoPhase,
            TwoPhaseFlows = twoPhase,
            Drain = DrainAfter(drainMs),
            ComputedAt = _setup.Clock.Now,
        };
    }

    /// <summary>
    /// Steers routed flows into the entry's chain, as if a chain with that match had taken them from the start: their
    /// path rules go and the chain's come, in the update's phases (the ingress rule is replaced in place, the chain's
    /// transit rules are new, the old path's go after the drain), so no packet meets half of each. Flows already in a
    /// chain, spread by ECMP or protected keep their route.
    /// </summary>
    private FlowUpdate StartPolicyChain(PolicyWork w, PolicyRule rule, List<FlowRecord> flows, System.Diagnostics.ActivityContext trace)
    {
        var chain = -1;
        for (var c = 0; c < _topology.Chains.Count; c++)
            if (_topology.Chains[c].Id == rule.Chain) { chain = c; break; }
        var moved = 0;
        var already = 0;
        var drainMs = 0.0;
        foreach (var f in flows)
        {
            if (f.Chain == chain) { already++; continue; }
            if (_chains is null || f.Chain >= 0 || f.EcmpEnabled || f.Protected || f.Path is not { } old) continue;
            drainMs = Math.Max(drainMs, LatencyMs(old));
            ReleaseAll(f, old);
            _flowsByRoot[f.Root].Remove(f);
            f.Path = null;
            f.Slots = null;
            f.Chain = chain;
            _chainedFlows.Add(f);
            InstallChain(f);
            moved++;
        }
        w.Outcome = flows.Count == 0 ? PolicyOutcomes.NoFlow : moved > 0 ? PolicyOutcomes.Chained : already > 0 ? PolicyOutcomes.Unchanged : PolicyOutcomes.NotMovable;
        return TwoPhaseMove(w, moved, drainMs, trace);
    }

    private void FinishPolicy(FlowUpdate u, PolicyWork w, TimeSpan now)
    {
        if (w.Block?.Outcome is { } blocked) _setup.Observer.OnEvent(blocked with { At = now });
        var label = w.Label;
        var rule = w.Rule < 0 ? null : _topology.Policy[w.Rule];
        var action = rule?.ActionText ?? "none";
        if (w.Span is { } span)
        {
            span.SetTag(PolicyTelemetry.Outcome, w.Outcome);
            span.SetTag(ControllerTelemetry.RulesAdded, u.Changes.AddCount);
            span.SetTag(ControllerTelemetry.RulesRemoved, u.Changes.RemoveCount);
            span.SetTag(ControllerTelemetry.ReroutedFlows, u.Rerouted);
            span.SetTag(ControllerTelemetry.VirtualEndMs, now.TotalMilliseconds);
            StopSpan(span);
            w.Span = null;
        }
        if (rule is not null) _setup.Metrics.RecordPolicyAction(ActionKind(rule.Action), w.Outcome);
        _log.Info("policy: flow '{0}' labelled {1}/{2}: {3} ({4})", FlowText(label.Tuple), label.Protocol, label.Class, action, w.Outcome);
        _setup.Observer.OnEvent(new FlowPolicyApplied(now, FlowText(label.Tuple), label.Protocol, label.Class, label.Method, w.Rule, action, w.Outcome, w.FlowIds)
        {
            LabelledAt = w.LabelledAt,
            RulesAdded = u.Changes.AddCount,
            RulesRemoved = u.Changes.RemoveCount,
            BlockId = w.Block?.Outcome?.BlockId ?? 0,
        });
    }

    private static string ActionKind(PolicyAction a) => a switch { PolicyAction.Metric => "metric", PolicyAction.Chain => "chain", _ => "block" };

    /// <summary>The controller's flows the 5-tuple belongs to (either direction), by the flows of its host pair.</summary>
    private List<FlowRecord> FlowsOfTuple(FunctionFlowTuple t)
    {
        var result = new List<FlowRecord>(1);
        int a = HostOfIpv4(t.Source), b = HostOfIpv4(t.Destination);
        if (a < 0 || b < 0) return result;
        var reverse = Reverse(t);
        void Scan(List<FlowRecord> flows)
        {
            foreach (var f in flows)
            {
                if (!((f.SrcHost == a && f.DstHost == b) || (f.SrcHost == b && f.DstHost == a))) continue;
                if (result.Contains(f)) continue;
                if (Covers(f.Forward, t) || Covers(f.Forward, reverse) || (f.Reverse is { } r && (Covers(r, t) || Covers(r, reverse)))) result.Add(f);
            }
        }
        Scan(_flowsByRoot[_routing.RootOf(a, b)]);
        if (_routing.RootOf(b, a) != _routing.RootOf(a, b)) Scan(_flowsByRoot[_routing.RootOf(b, a)]);
        Scan(_chainedFlows);
        return result;
    }

    /// <summary>Whether a flow's match takes packets of the 5-tuple (fields it leaves open match anything).</summary>
    private static bool Covers(Match m, FunctionFlowTuple t) =>
        (m.Ipv4Src is not { } src || src.Contains(t.Source)) &&
        (m.Ipv4Dst is not { } dst || dst.Contains(t.Destination)) &&
        (m.IpProto is not { } proto || proto == t.Protocol) &&
        (m.L4Src is not { } sport || sport == t.SourcePort) &&
        (m.L4Dst is not { } dport || dport == t.DestinationPort);

    private static string FlowText(FunctionFlowTuple t)
    {
        var proto = t.Protocol switch { 6 => "tcp", 17 => "udp", 1 => "icmp", _ => $"ip{t.Protocol}" };
        return t.Protocol is 6 or 17
            ? $"{proto} {Ipv4(t.Source)}:{t.SourcePort} > {Ipv4(t.Destination)}:{t.DestinationPort}"
            : $"{proto} {Ipv4(t.Source)} > {Ipv4(t.Destination)}";
    }

    private static string Ipv4(uint a) => $"{a >> 24}.{(a >> 16) & 0xFF}.{(a >> 8) & 0xFF}.{a & 0xFF}";
}
