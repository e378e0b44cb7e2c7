using System.Collections.Immutable;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Akka.Actor;
using Akka.Event;
using SdnController.Controller.Messages;
using SdnController.Controller.Planning;
using SdnController.Controller.Routing;
using SdnController.Controller.Runtime;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Matching;
using SdnController.Southbound.Rules;
using SdnController.Controller.Collections;

namespace SdnController.Controller.Flows;

/// <summary>
/// Owns the declared flows, their paths and the rules every switch should hold, and moves flows when
/// links fail or come back.
/// </summary>
/// <remarks>
/// <para>Work (installs, connectivity requests, topology changes) runs one item at a time; what arrives
/// meanwhile waits in order. So every flow sits on its best path under the failures seen so far
/// whenever an update commits, and two updates never interleave their rule changes.</para>
/// <para>An update has three barrier-confirmed phases. Phase 1 adds the rules new to their switches
/// (nothing forwards by them yet). Phase 2 replaces rules in place (an Add with the same priority and
/// match) where a switch on both paths must now send traffic elsewhere: this moves traffic onto the new,
/// complete path. Phase 3 deletes the rules only the old paths used, once packets already on them had
/// time to arrive (the longest old path's latency plus <see cref="DrainMargin"/>). Traffic therefore
/// always finds a rule: the old path until the new one is complete. A switch that does not confirm within
/// <see cref="ConfirmationTimeout"/> of virtual time is reported unconfirmed and the update goes on.</para>
/// <para>A link failure touches only the flows that cross it (index link → flows); a restore only the
/// flows whose routing tree may have changed (flows grouped by tree root). Each distinct root costs one
/// Dijkstra, each flow a walk along its path, so rerouting is linear in the flows moved.</para>
/// </remarks>
public sealed partial class FlowManagerActor : ReceiveActor
{
    public static readonly TimeSpan ConfirmationTimeout = TimeSpan.FromSeconds(1);
    /// <summary>Added to the old paths' propagation latency before their rules go (queueing, host links).</summary>
    public static readonly TimeSpan DrainMargin = TimeSpan.FromMilliseconds(1);

    private readonly ControllerSetup _setup;
    private readonly Topology.Model.Topology _topology;
    /// <summary>The controller's metric's routing (the one most flows use).</summary>
    private readonly RoutingService _routing;
    /// <summary>Routing by every metric in use; flows of a class with its own metric use that one's service.</summary>
    private readonly RoutingByMetric _routings;
    /// <summary>Routing slot by traffic class, resolved once per class.</summary>
    private readonly Dictionary<string, int> _slotByClass = new(StringComparer.Ordinal);
    /// <summary>Whether a class's flows are spread over equal-cost paths, resolved once per class.</summary>
    private readonly Dictionary<string, bool> _ecmpByClass = new(StringComparer.Ordinal);
    /// <summary>Flows that may be spread (re-checked at every restore: a link back can add a branch); empty with ECMP off.</summary>
    private readonly List<FlowRecord> _ecmpFlows = new();
    /// <summary>Flows currently spread over more than one path.</summary>
    private int _spreadFlows;
    private static readonly PushVlanAction PushVersion = new(RulePlanner.VersionVlan);
    private readonly RulePlanner _planner;
    private readonly DesiredRuleTable _rules;
    /// <summary>Groups the rules point to (ECMP select groups); empty unless a feature claims one.</summary>
    private readonly DesiredGroupTable _groups;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    private readonly IActorRef?[] _switches;
    private bool _switchesReady;

    // Split maps and chunked lists for the per-flow indexes: no large-object resizes as flows are added (see PartitionedDictionary).
    private readonly PartitionedDictionary<string, FlowRecord> _flowsById = new(StringComparer.Ordinal);
    // Flows by link, kept lazily: Claim appends, Release only lowers the live count; readers keep the
    // entries whose current path still crosses the link, and a list is compacted once it is mostly stale.
    // Two appends per link a flow moves onto instead of hash-set removes and adds on every path change.
    // Flows by link hold flow indices (Number - 1 into _flowsByIndex), not references: a reroute appends
    // tens of thousands of entries, and int stores need no covariance check or GC write barrier. Links no
    // flow has crossed share one empty list (never added to): a list for each of a large fabric's links up
    // front was hundreds of thousands of objects, most of them never used.
    private readonly List<int>[] _flowsOnLink;
    private static readonly List<int> NoFlows = new(0);
    private readonly ChunkedList<FlowRecord> _flowsByIndex = new();
    private readonly int[] _liveOnLink;
    /// <summary>Link latencies by link index (the drain wait adds them up for every moved flow).</summary>
    private readonly double[] _linkLatencyMs;
    private long _linkStamp;
    private readonly List<FlowRecord>[] _flowsByRoot;
    private long _flowCount;
    private long _stamp;

    private readonly Queue<FlowWork> _queue = new();
    /// <summary>Switches whose control channel is down (known from their actors).</summary>
    private readonly HashSet<int> _disconnected = new();
    private FlowUpdate? _current;
    private long _phaseIds;
    private bool _firstBatchDone;
    private bool _running;
    private readonly IdleCollection _idle;
    /// <summary>Reactive routing's packet-in bookkeeping; null under proactive routing.</summary>
    private readonly ReactiveSetup? _reactive;
    /// <summary>Fast-failover backups; null unless the controller or some traffic class has protection on.</summary>
    private readonly FlowProtector? _protector;
    private readonly List<DetourRule> _detourScratch = new();

    public FlowManagerActor(ControllerSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        _setup = setup;
        _topology = setup.Topology;
        _routings = new RoutingByMetric(_topology, setup.Options.Metric);
        _routing = _routings.Default;
        _planner = new RulePlanner(_topology, setup.Options);
        _rules = new DesiredRuleTable(_topology.Switches.Count, _planner);
        _groups = new DesiredGroupTable(_topology.Switches.Count);
        _switches = new IActorRef?[_topology.Switches.Count];
        _flowsOnLink = new List<int>[_topology.Links.Count];
        Array.Fill(_flowsOnLink, NoFlows);
        _liveOnLink = new int[_topology.Links.Count];
        _linkLatencyMs = new double[_topology.Links.Count];
        for (var l = 0; l < _linkLatencyMs.Length; l++) _linkLatencyMs[l] = _topology.Links[l].LatencyMs;
        _flowsByRoot = new List<FlowRecord>[_topology.Switches.Count];
        for (var s = 0; s < _flowsByRoot.Length; s++) _flowsByRoot[s] = new List<FlowRecord>();
        _idle = new IdleCollection(setup.Clock, setup.Options.IdleCollectionDelay);
        if (setup.Options.Reactive) _reactive = new ReactiveSetup(_topology, setup.Options.MaxBufferedPackets);
        if (ProtectionWanted(setup.Options, _topology)) _protector = new FlowProtector(_topology, _routings);

        Receive<SwitchActorsReady>(OnSwitchActorsReady);
        Receive<InstallFlows>(m => Enqueue(new InstallWork(m.Flows.IsDefault ? ImmutableArray<FlowSpec>.Empty : m.Flows, Stopwatch.GetTimestamp())));
        Receive<EnsureConnectivity>(m => Enqueue(new ConnectivityWork(m.HostA, m.HostB, Stopwatch.GetTimestamp())));
        Receive<ReactivePacketIn>(OnReactivePacketIn);
        Receive<ReactivePacketIns>(m => { foreach (var p in m.PacketIns) OnReactivePacketIn(p); });
        Receive<TopologyChanged>(m =>
        {
            PostponeUntag();
            Enqueue(new TopologyWork(m, Sender, Stopwatch.GetTimestamp()));
        });
        Receive<RulesConfirmed>(m => Confirmed(m.SwitchId, m.UpdateId));
        Receive<SwitchResynchronized>(m => Confirmed(m.SwitchId, updateId: null));
        Receive<ConfirmationTimeout>(OnTimeout);
        Receive<SwitchConnectionChanged>(OnSwitchConnectionChanged);
        Receive<OldPathsDrained>(m => { if (_current is { } u && u.PhaseId == m.PhaseId) StartPhase(u, 3); });
        Receive<DesiredRulesRequest>(OnDesiredRulesRequest);
        Receive<CollectWhenIdle>(m => _idle.Fire(m.Token));
        InitCongestion();
        InitChains();
        InitBlocks();
        InitPolicy();
        InitUntag();
    }

    public static Props Props(ControllerSetup setup) =>
        Akka.Actor.Props.Create(() => new FlowManagerActor(setup)).WithDispatcher(setup.Options.Dispatcher);

    protected override void PostStop()
    {
        _current?.Timer?.Cancel();
        _idle.Cancel();
        _untagTimer?.Cancel();
        if (!_firstBatchDone) StartupCollectionHold.End();
        StopSpan(_current?.CommitSpan);
        if (_current?.Work is UntagWork { Span: { } untag }) StopSpan(untag);
        base.PostStop();
    }

    protected override void PostRestart(Exception reason)
    {
        _setup.Metrics.RecordActorRestart("flow-manager", reason);
        base.PostRestart(reason);
    }

    private void OnSwitchActorsReady(SwitchActorsReady m)
    {
        foreach (var (id, actor) in m.Switches)
        {
            var index = _topology.IndexOfSwitch(id);
            if (index < 0) _log.Warning("switch actor for unknown switch '{0}' ignored", id);
            else _switches[index] = actor;
        }
        _switchesReady = true;
        RunQueued();
    }

    private void OnDesiredRulesRequest(DesiredRulesRequest m)
    {
        var index = _topology.IndexOfSwitch(m.SwitchId);
        var rules = index < 0 ? ImmutableArray<FlowRule>.Empty : _rules.RulesOf(index);
        var groups = index < 0 ? ImmutableArray<GroupEntry>.Empty : _groups.GroupsOf(index);
        Sender.Tell(new DesiredRules(m.SwitchId, rules) { Groups = groups });
    }

    private void Enqueue(FlowWork work)
    {
        _idle.Cancel();
        _queue.Enqueue(work);
        RunQueued();
    }

    private void RunQueued()
    {
        // Finishing work calls back here; the outer loop carries on, so a nested call has nothing to do.
        if (_running) return;
        _running = true;
        try
        {
            // Starting work can finish it at once (nothing to send), so keep going until something waits.
            while (_current is null && _switchesReady && _queue.Count > 0)
            {
                var work = _queue.Dequeue();
                if (work is TopologyWork first) work = MergeQueuedChanges(first);
                _current = work switch
                {
                    InstallWork w => StartInstall(w, w.Flows),
                    ConnectivityWork w => StartConnectivity(w),
                    ReactiveWork w => StartReactive(w),
                    TopologyWork w => StartTopologyChange(w),
                    CongestionWork w => StartCongestion(w),
                    ChainWork w => StartChainWork(w),
                    BlockWork w => StartBlockWork(w),
                    UnblockWork w => StartUnblockWork(w),
                    PolicyWork w => StartPolicyWork(w),
                    UntagWork w => StartUntag(w),
                    _ => throw new InvalidOperationException($"unknown work {work}"),
                };
                StartPhase(_current, 1);
            }
            if (_current is null && _queue.Count == 0 && _idle.Enabled)
            {
                var self = Self;
                _idle.Arm(token => self.Tell(new CollectWhenIdle(token)));
            }
        }
        finally { _running = false; }
    }

    /// <summary>
    /// Topology changes that queued up behind a running update (a flapping link, a burst of failures) are
    /// handled as one: the routing state takes every change in order, so only the net effect moves flows,
    /// and a link that went down and came back meanwhile costs nothing. Never reorders past other work.
    /// </summary>
    private TopologyWork MergeQueuedChanges(TopologyWork first)
    {
        if (_queue.Count == 0 || _queue.Peek() is not TopologyWork) return first;
        var changes = ImmutableArray.CreateBuilder<LinkChange>();
        if (!first.Change.Changes.IsDefault) changes.AddRange(first.Change.Changes);
        var merged = ImmutableArray.CreateBuilder<(TopologyChanged, IActorRef)>();
        while (_queue.Count > 0 && _queue.Peek() is TopologyWork next)
        {
            _queue.Dequeue();
            if (!next.Change.Changes.IsDefault) changes.AddRange(next.Change.Changes);
            merged.Add((next.Change, next.ReplyTo));
        }
        return first with { Change = first.Change with { Changes = changes.ToImmutable() }, Merged = merged.ToImmutable() };
    }

    // ---- installing new flows -------------------------------------------------------------------

    private FlowUpdate StartInstall(FlowWork work, ImmutableArray<FlowSpec> specs)
    {
        var created = new List<FlowRecord>(specs.Length);
        var reachable = true;
        foreach (var spec in specs)
        {
            if (_flowsById.ContainsKey(spec.Id)) continue;
            var flow = CreateFlow(spec);
            if (flow is null) { reachable = false; continue; }
            created.Add(flow);
        }
        return InstallCreated(work, created, reachable);
    }

    /// <summary>Routes and claims the rules of flows just created; the update that installs them.</summary>
    private FlowUpdate InstallCreated(FlowWork work, List<FlowRecord> created, bool reachable)
    {
        RoutePaths(created);
        foreach (var flow in created)
        {
            flow.Path = flow.NewPath;
            flow.NewPath = null;
            if (flow.Chain >= 0)
            {
                flow.Path = null;
                InstallChain(flow);
                if (flow.ChainRoute!.Closed) reachable = false;
            }
            else if (flow.Path is null) reachable = false;
            else if (flow.NewEcmp is { } ecmp)
            {
                flow.NewEcmp = null;
                flow.Ecmp = ecmp;
                ClaimEcmp(flow, ecmp);
                _spreadFlows++;
            }
            else if (flow.Protected) ClaimProtected(flow, flow.Path);
            else Claim(flow, flow.Path);
        }
        if (_protector is not null && created.Exists(static f => f.Protected)) ReportProtection();
        return new FlowUpdate(work, CommitChanges(), default) { FlowsCreated = created.Count, Reachable = reachable, ComputedAt = _setup.Clock.Now };
    }

    private FlowUpdate StartConnectivity(ConnectivityWork w)
    {
        var id = $"icmp:{w.HostA}-{w.HostB}";
        if (_flowsById.TryGetValue(id, out var existing) || _flowsById.TryGetValue($"icmp:{w.HostB}-{w.HostA}", out existing))
            return new FlowUpdate(w, CommitChanges(), default) { Reachable = existing.Path is not null || existing.ChainRoute is { Closed: false }, ComputedAt = _setup.Clock.Now };
        var spec = new FlowSpec(id, w.HostA, w.HostB, IpProtocol: 1, SourcePort: 0, DestinationPort: 0, Bidirectional: true);
        return StartInstall(w, [spec]);
    }

    private FlowRecord? CreateFlow(FlowSpec spec)
    {
        int src = _topology.IndexOfHost(spec.SourceHost), dst = _topology.IndexOfHost(spec.DestinationHost);
        // A flow to a load balancer's VIP or a NAT's port forward: only a chain through that function takes it there.
        if (dst < 0 && src >= 0 && _chains?.ServiceOf(spec) is { } service) return CreateServiceFlow(spec, src, service.Service, service.Receivers);
        return CreateFlow(spec, src, dst);
    }

    /// <summary>
    /// A flow addressed to a function's service address: routed through a chain containing that function, with matches
    /// on the service address (the function rewrites it to the receiving host; see FlowManagerActor.Chains). Its
    /// <see cref="FlowRecord.DstHost"/> is the first receiving host.
    /// </summary>
    private FlowRecord? CreateServiceFlow(FlowSpec spec, int src, Topology.Model.Nfv.ServiceAddress service, int[] receivers)
    {
        var chain = ChainOf(spec);
        if (chain < 0 || !_chains!.GoesThrough(chain, service.FunctionId))
        {
            _log.Warning("flow '{0}' ignored: it is sent to '{1}' ({2}:{3}) but no chain through '{1}' takes it", spec.Id, service.FunctionId,
                Topology.Model.Nfv.Ipv4Cidr.FormatAddress(service.Address), service.Port);
            return null;
        }
        var hostMatches = _planner.MatchesFor(spec, src, receivers[0]);
        if (hostMatches.Forward.Ipv4Src is null)
        {
            _log.Warning("flow '{0}' ignored: '{1}' has no IPv4 address to send to '{2}' from", spec.Id, spec.SourceHost, service.FunctionId);
            return null;
        }
        var forward = hostMatches.Forward with { Ipv4Dst = Ipv4Prefix.Host(service.Address), L4Dst = (ushort)service.Port };
        var matches = new FlowMatches(forward, spec.Bidirectional ? ChainHeaders.Swap(forward) : null);
        return CreateFlow(spec, src, receivers[0], matches);
    }

    /// <summary>A new flow between hosts whose indices the caller already knows (-1: unknown); matches as the planner makes them unless given.</summary>
    private FlowRecord? CreateFlow(FlowSpec spec, int src, int dst, FlowMatches? given = null)
    {
        if (src < 0 || dst < 0)
        {
            _log.Warning("flow '{0}' ignored: unknown host '{1}'", spec.Id, src < 0 ? spec.SourceHost : spec.DestinationHost);
            return null;
        }
        if (_flowCount >= FlowCookie.MaxFlowNumber) throw new InvalidOperationException("flow numbers exhausted");
        var chain = ChainOf(spec);
        var flow = new FlowRecord(spec, ++_flowCount, src, dst, _routing.RootOf(src, dst))
        {
            RoutingSlot = RoutingSlotOf(spec),
            // Chained flows are single-path and unprotected (see FlowManagerActor.Chains).
            EcmpEnabled = chain < 0 && EcmpOf(spec),
            Protected = chain < 0 && _protector is not null && IsProtected(spec),
            Chain = chain,
        };
        _flowsByIndex.Add(flow);   // at Number - 1
        if (chain >= 0) _chainedFlows.Add(flow);
        if (flow.EcmpEnabled) _ecmpFlows.Add(flow);
        if (flow.Protected) _protector!.Flows.Add(flow);
        var matches = given ?? _planner.MatchesFor(spec, src, dst);
        flow.Forward = matches.Forward;
        flow.ForwardId = _rules.InternMatch(matches.Forward);
        if (matches.Reverse is { } reverse)
        {
            flow.Reverse = reverse;
            flow.ReverseId = _rules.InternMatch(reverse);
        }
        // A reactive TCP/UDP flow is found by its flow key (ReactiveSetup), never by id: no id string is made for it.
        if (!spec.HasReactiveId) _flowsById[spec.Id] = flow;
        // A chained flow is re-planned whole at every change (ReplanChains), never by its host pair's tree.
        if (chain < 0) _flowsByRoot[flow.Root].Add(flow);
        return flow;
    }

    /// <summary>
    /// Routing slot of a new flow: its class's metric when the <c>classes:</c> section gives one, else the
    /// controller's.
    /// </summary>
    private int RoutingSlotOf(FlowSpec spec)
    {
        if (spec.Class is not { } name) return 0;
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_slotByClass, name, out var known);
        if (!known)
            slot = _topology.FindClass(name)?.Metric is { } metric ? _routings.SlotOf(ControllerOptions.ToPathMetric(metric)) : 0;
        return slot;
    }

    /// <summary>
    /// Whether a new flow is spread over equal-cost paths: its class's <c>ecmp</c>, else the controller's;
    /// never when protection applies to it (protected flows stay single-path with their backups).
    /// </summary>
    private bool EcmpOf(FlowSpec spec)
    {
        var policy = _topology.Controller;
        if (spec.Class is not { } name) return _setup.Options.Ecmp && !policy.Protection;
        ref var on = ref CollectionsMarshal.GetValueRefOrAddDefault(_ecmpByClass, name, out var known);
        if (!known)
        {
            var c = _topology.FindClass(name);
            on = (c?.Ecmp ?? _setup.Options.Ecmp) && !(c?.Protection ?? policy.Protection);
        }
        return on;
    }
}
