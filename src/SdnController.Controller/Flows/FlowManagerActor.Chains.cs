using System.Collections.Immutable;
using System.Diagnostics;
using Akka.Event;
using SdnController.Controller.Messages;
using SdnController.Controller.Nfv;
using SdnController.Controller.Observation;
using SdnController.Controller.Planning;
using SdnController.Controller.Telemetry;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Matching;

namespace SdnController.Controller.Flows;

/// <summary>
/// Service chains: flows matching a <c>chains:</c> entry go through its functions in order, on shortest paths
/// between the waypoints, with a VLAN tag per segment (<see cref="ChainTags"/>). They move by the two-phase update
/// only (every tag switches version), so each packet crosses the whole chain under one configuration; with a
/// function down or cut off and no usable standby the flow's ingress rules drop its traffic (fail closed).
/// </summary>
/// <remarks>
/// Rules of one direction, segment s of its route (switches k = 0..n-1; segment s ends at function s's port, the
/// last at the destination host's). The ingress (s = 0, k = 0) matches the flow's headers and pushes the tag of
/// (version, segment 0). A frame keeps its tag through a function (functions skip 802.1Q tags), so the rule taking
/// it back matches headers, <c>in_port</c> = the function's port and the previous segment's tag, and swaps that tag
/// for this segment's (pop, push). Every other switch matches headers, its in-port and the segment's tag (the in-port keeps a function's switch from sending the frame coming back from the function into it again); the last switch of the
/// last segment pops the tag before the host port. So every rule but the ingress belongs to one version: a move is
/// all adds, one ingress replace, then removals after the drain — no packet meets two versions, even one that sat
/// in a function during the update. (Popping the tag before a function, as first designed, made the return rules
/// version-blind: a packet inside a function during an update came back into the new version mid-chain.)
/// Chained flows are single-path: no ECMP and no fast-failover protection (their tags would have to compose with
/// the detours).
/// </remarks>
public sealed partial class FlowManagerActor
{
    /// <summary>Null when the topology declares no chains: nothing here runs then.</summary>
    private ChainPlanner? _chains;
    private readonly List<FlowRecord> _chainedFlows = new();
    private readonly Dictionary<(ChainStep Step, ushort Tag, int Port), ImmutableArray<FlowAction>> _chainActions = new();

    private void InitChains()
    {
        if (_topology.Chains.Count > 0) _chains = new ChainPlanner(_topology);
        Receive<FunctionAvailability>(OnFunctionAvailability);
    }

    private int ChainOf(FlowSpec spec) => _chains?.ChainOf(spec) ?? -1;

    private void OnFunctionAvailability(FunctionAvailability m)
    {
        if (_chains is null || _chains.IndexOfFunction(m.FunctionId) < 0) return;
        Enqueue(new ChainWork(m.FunctionId, m.Usable, Stopwatch.GetTimestamp()));
    }

    /// <summary>A function became usable or unusable: the chains using it (or its standby) are re-planned.</summary>
    private FlowUpdate StartChainWork(ChainWork w)
    {
        var planner = _chains!;
        var function = planner.IndexOfFunction(w.FunctionId);
        var (moved, drainMs) = planner.SetUp(function, w.Usable) ? ReplanChains(function) : (0, 0.0);
        return TwoPhaseMove(w, moved, drainMs, default);
    }

    /// <summary>
    /// Re-plans the chained flows (those whose chain uses <paramref name="function"/>, or all for -1) under the
    /// current links and function states; moves the ones whose route changed to their other version. Returns the
    /// flows moved and the longest old route's latency (the drain).
    /// </summary>
    private (int Moved, double DrainMs) ReplanChains(int function)
    {
        if (_chains is null) return (0, 0);
        var drainMs = 0.0;
        var plans = new List<(FlowRecord Flow, ChainRoute Next)>();
        HashSet<List<FlowRecord>>? movedGroups = null;
        foreach (var f in _chainedFlows)
        {
            if (f.ChainRoute is not { } old || (function >= 0 && !_chains.Uses(f.Chain, function))) continue;
            var next = PlanChain(f);
            if (next.SameAs(old)) continue;
            plans.Add((f, next));
            if (_natGroupOf.TryGetValue(f, out var group)) (movedGroups ??= new()).Add(group);
        }
        // Flows behind one source NAT share their untagged reply ingress (and so the version it pushes): they move together.
        if (movedGroups is not null)
        {
            var planned = new HashSet<FlowRecord>(plans.Count);
            foreach (var (f, _) in plans) planned.Add(f);
            foreach (var group in movedGroups)
                foreach (var member in group)
                    if (member.ChainRoute is not null && planned.Add(member)) plans.Add((member, PlanChain(member)));
        }
        foreach (var (f, next) in plans)
        {
            var old = f.ChainRoute!;
            drainMs = Math.Max(drainMs, old.LatencyMs(_linkLatencyMs) + FunctionLatencyAllowanceMs * old.Functions.Length);
            ReleaseChain(f);
            FlipVersion(f);
            ClaimChain(f, next);
        }
        return (plans.Count, drainMs);
    }

    /// <summary>
    /// Flows of one chain whose headers after a source NAT are the same (the NAT's public address, the destination, its
    /// port; the public source port is the NAT's choice, so it is not matched). They share rules, among them the untagged
    /// ingress of their replies, which pushes one version's tag: so they always hold the same version (a new member
    /// takes the group's, a move moves them all).
    /// </summary>
    private readonly Dictionary<(int Chain, Match Headers), List<FlowRecord>> _natGroups = new();
    private readonly Dictionary<FlowRecord, List<FlowRecord>> _natGroupOf = new();

    private void JoinNatGroup(FlowRecord f)
    {
        var functions = _chains!.PrimaryFunctions(f.Chain);
        var headers = _chains.HeadersTo(functions, f.Forward, ReceiversOf(f)[0]);
        // Grouped by the translated source address alone: pings (no source port) through one NAT share rules too.
        if (headers.IsDefault || headers[^1].Ipv4Src == f.Forward.Ipv4Src) return;
        var key = (f.Chain, headers[^1]);
        if (!_natGroups.TryGetValue(key, out var group)) _natGroups[key] = group = new List<FlowRecord>();
        if (group.Count > 0) TakeVersion(f, group[0].Version);
        group.Add(f);
        _natGroupOf[f] = group;
    }

    /// <summary>Processing time allowed per function crossed when waiting for packets on an old route to arrive.</summary>
    private const double FunctionLatencyAllowanceMs = 0.1;

    /// <summary>A new chained flow's first route and rules.</summary>
    private void InstallChain(FlowRecord f)
    {
        JoinNatGroup(f);
        ClaimChain(f, PlanChain(f));
    }

    private ChainRoute PlanChain(FlowRecord f) => _chains!.Plan(f.Chain, f.SrcHost, ReceiversOf(f), f.Forward, _routings[f.RoutingSlot]);

    /// <summary>The hosts receiving the flow: its destination, or the hosts behind the service address it is sent to.</summary>
    private IReadOnlyList<int> ReceiversOf(FlowRecord f) => _chains!.ServiceOf(f.Spec)?.Receivers ?? [f.DstHost];

    private void ReleaseChain(FlowRecord f)
    {
        if (f.ChainSlots is not { } slots) return;
        foreach (var slot in slots) _rules.Release(slot);
        slots.Clear();
    }

    private void ClaimChain(FlowRecord f, ChainRoute route, bool report = true)
    {
        var slots = f.ChainSlots ??= new List<RuleSlot>();
        f.ChainRoute = route;
        if (route.Closed)
        {
            // Fail closed: the ingress of each direction drops; nothing is ever forwarded around a function. The replies
            // enter at each receiving host with the headers the chain's last function would have given the flow.
            slots.Add(_rules.Claim(_routing.SwitchOfHost(f.SrcHost), f.ForwardId, f.Forward, f.ForwardCookie, ImmutableArray<FlowAction>.Empty));
            if (f.Reverse is not null)
            {
                var functions = _chains!.PrimaryFunctions(f.Chain);
                foreach (var r in ReceiversOf(f))
                {
                    var headers = _chains.HeadersTo(functions, f.Forward, r);
                    if (headers.IsDefault) continue;
                    var match = ReverseIngressMatch(f, headers[^1], out var id);
                    slots.Add(_rules.Claim(_routing.SwitchOfHost(r), id, match, f.ReverseCookie, ImmutableArray<FlowAction>.Empty));
                }
            }
        }
        else
        {
            // Branches (one per receiving host) share their rules up to where their headers part: a shared rule is
            // claimed once per branch, with the same actions, and released as often.
            foreach (var branch in route.Branches)
            {
                ClaimChainDirection(f, branch, reverse: false, slots);
                if (f.Reverse is not null) ClaimChainDirection(f, branch, reverse: true, slots);
            }
        }
        if (report) ReportChainRoute(f, route);
    }

    /// <summary>The untagged match of the replies where they enter: the mirror of the headers that reach the receiver.</summary>
    private Match ReverseIngressMatch(FlowRecord f, Match lastForward, out int id)
    {
        if (lastForward.Equals(f.Forward))
        {
            id = f.ReverseId;
            return f.Reverse!;
        }
        var match = ChainHeaders.Swap(lastForward);
        id = _rules.InternMatch(match);
        return match;
    }

    /// <summary>
    /// One direction's rules over every segment of one branch (the reverse runs the segments backwards, functions in
    /// reverse order). Each segment's rules match the headers packets carry there (<see cref="ChainHeaders"/>): after a
    /// load balancer or NAT, the rewritten ones.
    /// </summary>
    private void ClaimChainDirection(FlowRecord f, ChainBranch branch, bool reverse, List<RuleSlot> slots)
    {
        var cookie = reverse ? f.ReverseCookie : f.ForwardCookie;
        var m = branch.Segments.Length;
        // Headers on segment s of this direction; the forward's segment 0 and a reverse segment with unchanged
        // headers use the flow's own matches (interned already).
        Match HeadersOn(int s) => reverse ? ReverseHeaders(f, branch.Headers[m - 1 - s]) : branch.Headers[s];
        var first = HeadersOn(0);
        var lastHeaders = HeadersOn(m - 1);
        // A load balancer or NAT changed the destination: the frame still carries the Ethernet address the sender
        // resolved for the service address, so the egress gives it the receiving host's.
        MacAddress? egressMac = ChainHeaders.DestinationChanged(first, lastHeaders)
            ? MacAddress.FromBytes(_topology.Hosts[reverse ? f.SrcHost : branch.Receiver].Mac.GetAddressBytes())
            : null;
        for (var s = 0; s < m; s++)
        {
            var segment = reverse ? branch.Segments[m - 1 - s].Reversed() : branch.Segments[s];
            var headers = HeadersOn(s);
            var tag = ChainTags.For(f.Version, s);
            var last = s == m - 1;
            var n = segment.Length;
            for (var k = 0; k < n; k++)
            {
                int sw = segment.Switches[k], inPort = segment.InPorts[k], outPort = segment.OutPorts[k];
                Match match;
                int id;
                ChainStep step;
                if (k == 0 && s == 0)
                {
                    // The ingress: the host's untagged frame gets the version's first tag.
                    if (!reverse) { match = f.Forward; id = f.ForwardId; }
                    else match = ReverseIngressMatch(f, branch.Headers[m - 1], out id);
                    step = n == 1 && last ? ChainStep.Output : ChainStep.Push;
                }
                else if (k == 0)
                {
                    // Back from the previous function with the previous segment's tag (it passes the tag through) and
                    // the headers the function gave the packet.
                    match = headers with { InPort = inPort, Vlan = VlanMatch.Id(ChainTags.For(f.Version, s - 1)) };
                    id = _rules.InternMatch(match);
                    step = n == 1 && last ? ChainStep.Pop : ChainStep.Retag;
                }
                else
                {
                    // The in-port too: the segment's last switch is the next function's, and the frame coming back
                    // from it still carries this tag (only the in-port tells the two apart).
                    match = headers with { InPort = inPort, Vlan = VlanMatch.Id(tag) };
                    id = _rules.InternMatch(match);
                    step = k == n - 1 && last ? ChainStep.Pop : ChainStep.Output;
                }
                // (A route with no function has one untagged rule and no rewrite: only a pop ends a rewritten route.)
                var actions = step == ChainStep.Pop && egressMac is { } mac
                    ? EgressActions(inPort, outPort, mac)
                    : ChainActions(inPort, outPort, step, tag);
                slots.Add(_rules.Claim(sw, id, match, cookie, actions));
            }
        }
    }

    /// <summary>The reverse direction's headers on a forward segment with headers <paramref name="forward"/>.</summary>
    private static Match ReverseHeaders(FlowRecord f, Match forward) => forward.Equals(f.Forward) ? f.Reverse! : ChainHeaders.Swap(forward);

    private readonly Dictionary<(int Port, ulong Mac), ImmutableArray<FlowAction>> _egressActions = new();

    /// <summary>The egress to a host after a rewriting function: pop the tag, set the host's Ethernet address, output.</summary>
    private ImmutableArray<FlowAction> EgressActions(int inPort, int outPort, MacAddress mac)
    {
        var port = RulePlanner.OutputPort(inPort, outPort);
        if (_egressActions.TryGetValue((port, mac.Value), out var actions)) return actions;
        actions = ImmutableArray.Create<FlowAction>(new PopVlanAction(), new SetFieldAction(SetField.EthDst, mac.Value), new OutputAction(port));
        _egressActions[(port, mac.Value)] = actions;
        return actions;
    }

    /// <summary>What a chain rule does before its output.</summary>
    private enum ChainStep { Output, Push, Pop, Retag }

    /// <summary>Output (cached by the planner), push the segment's tag, pop it, or swap the previous segment's for it; equal actions share one array.</summary>
    private ImmutableArray<FlowAction> ChainActions(int inPort, int outPort, ChainStep step, ushort tag)
    {
        if (step == ChainStep.Output) return _planner.ActionsFor(inPort, outPort);
        var port = RulePlanner.OutputPort(inPort, outPort);
        var key = (step, step == ChainStep.Pop ? (ushort)0 : tag, port);
        if (_chainActions.TryGetValue(key, out var actions)) return actions;
        actions = step switch
        {
            ChainStep.Push => ImmutableArray.Create<FlowAction>(new PushVlanAction(tag), new OutputAction(port)),
            ChainStep.Pop => ImmutableArray.Create<FlowAction>(new PopVlanAction(), new OutputAction(port)),
            _ => ImmutableArray.Create<FlowAction>(new PopVlanAction(), new PushVlanAction(tag), new OutputAction(port)),
        };
        _chainActions[key] = actions;
        return actions;
    }

    private void ReportChainRoute(FlowRecord f, ChainRoute route)
    {
        var now = _setup.Clock.Now;
        var chainId = _topology.Chains[f.Chain].Id;
        var functions = ImmutableArray.CreateBuilder<string>(route.Functions.Length);
        foreach (var fn in route.Functions) functions.Add(_chains!.FunctionId(fn));
        var branches = ImmutableArray.CreateBuilder<ChainBranchPath>(route.Branches.Length);
        var switches = ImmutableArray<string>.Empty;
        foreach (var branch in route.Branches)
        {
            var branchSwitches = ImmutableArray.CreateBuilder<string>();
            var path = ImmutableArray.CreateBuilder<string>();
            for (var s = 0; s < branch.Segments.Length; s++)
            {
                if (s > 0) path.Add(functions[s - 1]);
                foreach (var sw in branch.Segments[s].Switches)
                {
                    branchSwitches.Add(_topology.Switches[sw].Id);
                    path.Add(_topology.Switches[sw].Id);
                }
            }
            if (branches.Count == 0) switches = branchSwitches.DrainToImmutable();
            branches.Add(new ChainBranchPath(_topology.Hosts[branch.Receiver].Id, path.DrainToImmutable()));
        }
        var unreached = ImmutableArray.CreateBuilder<string>(route.Unreached.Length);
        foreach (var h in route.Unreached) unreached.Add(_topology.Hosts[h].Id);
        var all = branches.ToImmutable();
        _setup.Observer.OnEvent(new ChainRouteChanged(now, chainId, f.Spec.Id, functions.DrainToImmutable(), switches, route.ClosedReason)
        {
            Path = all.IsEmpty ? ImmutableArray<string>.Empty : all[0].Path,
            Branches = all,
            Unreached = unreached.MoveToImmutable(),
        });
        if (!route.Unreached.IsEmpty && !route.Closed)
            _log.Warning("chain '{0}': flow '{1}' cannot reach {2}; traffic the functions send there is dropped in the chain", chainId, f.Spec.Id, string.Join(", ", unreached));
        if (route.ClosedReason is { } reason)
        {
            _log.Warning("chain '{0}': flow '{1}' fails closed ({2}); its traffic is dropped at the ingress", chainId, f.Spec.Id, reason);
            var cause = route.ClosedCause ?? ChainClosedCause.FunctionDown;
            _setup.Metrics.Nfv.RecordChainClosed(cause);
            TraceChainClosed(now, chainId, f.Spec.Id, reason, cause);
            _setup.Observer.OnEvent(new ChainClosedAlert(now, chainId, f.Spec.Id, reason) { Cause = cause });
        }
    }

    /// <summary>The fail-closed alert as an instant root span with one span event, like an IDS alert's <c>nfv.alert</c>.</summary>
    private static void TraceChainClosed(TimeSpan now, string chainId, string flowId, string reason, string cause)
    {
        using var span = ControllerTelemetry.StartRoot(NfvTelemetry.ChainClosed);
        if (span is null) return;
        span.SetTag(NfvTelemetry.ChainId, chainId);
        span.SetTag(NfvTelemetry.ChainFlow, flowId);
        span.SetTag(NfvTelemetry.ChainReason, cause);
        span.SetTag(NfvTelemetry.ChainDetail, reason);
        span.SetTag(ControllerTelemetry.VirtualStartMs, now.TotalMilliseconds);
        span.SetTag(ControllerTelemetry.VirtualEndMs, now.TotalMilliseconds);
        span.AddEvent(new ActivityEvent(NfvTelemetry.ChainClosedEvent, tags: new ActivityTagsCollection
        {
            { NfvTelemetry.ChainId, chainId },
            { NfvTelemetry.ChainFlow, flowId },
            { NfvTelemetry.ChainReason, cause },
            { NfvTelemetry.ChainDetail, reason },
        }));
    }
}
