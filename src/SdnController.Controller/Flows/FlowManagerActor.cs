using System.Collections.Immutable;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Akka.Actor;
using Akka.Event;
using SdnController.Controller.Messages;
using SdnController.Controller.Observation;
using SdnController.Controller.Planning;
using SdnController.Controller.Routing;
using SdnController.Controller.Runtime;
using SdnController.Controller.Telemetry;
using SdnController.Paths.Protection;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Matching;
using SdnController.Southbound.Rules;

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

    private readonly Dictionary<string, FlowRecord> _flowsById = new(StringComparer.Ordinal);
    // Flows by link, kept lazily: Claim appends, Release only lowers the live count; readers keep the
    // entries whose current path still crosses the link, and a list is compacted once it is mostly stale.
    // Two appends per link a flow moves onto instead of hash-set removes and adds on every path change.
    // Flows by link hold flow indices (Number - 1 into _flowsByIndex), not references: a reroute appends
    // tens of thousands of entries, and int stores need no covariance check or GC write barrier. Links no
    // flow has crossed share one empty list (never added to): a list for each of a large fabric's links up
    // front was hundreds of thousands of objects, most of them never used.
    private readonly List<int>[] _flowsOnLink;
    private static readonly List<int> NoFlows = new(0);
    private readonly List<FlowRecord> _flowsByIndex = new();
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
        Receive<TopologyChanged>(m => Enqueue(new TopologyWork(m, Sender, Stopwatch.GetTimestamp())));
        Receive<RulesConfirmed>(m => Confirmed(m.SwitchId, m.UpdateId));
        Receive<SwitchResynchronized>(m => Confirmed(m.SwitchId, updateId: null));
        Receive<ConfirmationTimeout>(OnTimeout);
        Receive<SwitchConnectionChanged>(OnSwitchConnectionChanged);
        Receive<OldPathsDrained>(m => { if (_current is { } u && u.PhaseId == m.PhaseId) StartPhase(u, 3); });
        Receive<DesiredRulesRequest>(OnDesiredRulesRequest);
        Receive<CollectWhenIdle>(m => _idle.Fire(m.Token));
        InitCongestion();
    }

    public static Props Props(ControllerSetup setup) =>
        Akka.Actor.Props.Create(() => new FlowManagerActor(setup)).WithDispatcher(setup.Options.Dispatcher);

    protected override void PostStop()
    {
        _current?.Timer?.Cancel();
        _idle.Cancel();
        if (!_firstBatchDone) StartupCollectionHold.End();
        StopSpan(_current?.CommitSpan);
        base.PostStop();
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
            if (flow.Path is null) reachable = false;
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
            return new FlowUpdate(w, CommitChanges(), default) { Reachable = existing.Path is not null, ComputedAt = _setup.Clock.Now };
        var spec = new FlowSpec(id, w.HostA, w.HostB, IpProtocol: 1, SourcePort: 0, DestinationPort: 0, Bidirectional: true);
        return StartInstall(w, [spec]);
    }

    // ---- reactive routing: flows opened by packet-ins -------------------------------------------

    private void OnReactivePacketIn(ReactivePacketIn m)
    {
        var sw = m.SwitchIndex >= 0 && m.SwitchIndex < _topology.Switches.Count && _topology.Switches[m.SwitchIndex].Id == m.SwitchId
            ? m.SwitchIndex
            : _topology.IndexOfSwitch(m.SwitchId);
        if (_reactive is null || sw < 0) return;
        var outcome = _reactive.Accept(m, sw, out var entry, out var packet);
        if (outcome == ReactiveSetup.Outcome.Established)
        {
            // Sent before its flow's rules were in, it missed them somewhere: it goes on along the path.
            var late = new Dictionary<int, ImmutableArray<PacketToRelease>.Builder>(1);
            if (AddRelease(entry!.Flow ?? FindFlow(entry.Spec), packet, late)) SendReleased(late);
            else _reactive.CountDropped(1);
            return;
        }
        if (_reactive.PendingCount == 0 || _reactive.WorkQueued) return;
        _reactive.WorkQueued = true;
        Enqueue(new ReactiveWork(Stopwatch.GetTimestamp()));
    }

    private FlowUpdate StartReactive(ReactiveWork w)
    {
        _reactive!.WorkQueued = false;
        w.Batch = _reactive.TakePending();
        var created = new List<FlowRecord>(w.Batch.Count);
        var reachable = true;
        foreach (var e in w.Batch)
        {
            // A flow may exist already (an ICMP connectivity flow named the other way round, a flow reopened).
            if ((e.Flow = FindFlow(e.Spec)) is not null) continue;
            e.Flow = CreateFlow(e.Spec, e.SourceHost, e.DestinationHost);
            if (e.Flow is null) reachable = false;
            else created.Add(e.Flow);
        }
        return InstallCreated(w, created, reachable);
    }

    private FlowRecord? FindFlow(FlowSpec spec) =>
        _flowsById.TryGetValue(spec.Id, out var f) || (ReactiveSetup.ReversedId(spec) is { } other && _flowsById.TryGetValue(other, out f)) ? f : null;

    /// <summary>The batch's rules are confirmed: its held packets go on from where they reached the controller.</summary>
    private int FinishReactive(ReactiveWork w)
    {
        var reactive = _reactive!;
        var bySwitch = new Dictionary<int, ImmutableArray<PacketToRelease>.Builder>();
        var released = 0;
        foreach (var e in w.Batch)
        {
            var flow = e.Flow ?? FindFlow(e.Spec);
            var sent = 0;
            if (e.HeldCount > 0 && AddRelease(flow, e.First, bySwitch)) sent++;
            if (e.More is { } more)
                foreach (var p in more)
                    if (AddRelease(flow, p, bySwitch)) sent++;
            reactive.CountDropped(e.HeldCount - sent);
            released += sent;
            reactive.Installed(e);
        }
        SendReleased(bySwitch);
        return released;
    }

    /// <summary>Adds the packet-out that sends the packet on along its flow's path; false when it has no way on (no path, or its switch is not on it).</summary>
    private bool AddRelease(FlowRecord? flow, in ReactiveSetup.HeldPacket p, Dictionary<int, ImmutableArray<PacketToRelease>.Builder> bySwitch)
    {
        if (flow?.Path is not { } path) return false;
        var k = IndexOfSwitch(path, p.SwitchIndex);
        // Forward unless the packet came from the flow's destination (the reply direction of an ICMP flow).
        var forward = p.SourceHost != flow.DstHost;
        if (k < 0 || (!forward && flow.Reverse is null)) return false;
        var actions = _planner.ActionsFor(p.InPort, forward ? path.OutPorts[k] : path.InPorts[k]);
        if (!bySwitch.TryGetValue(p.SwitchIndex, out var list)) bySwitch[p.SwitchIndex] = list = ImmutableArray.CreateBuilder<PacketToRelease>();
        list.Add(new PacketToRelease(p.Frame, p.InPort, actions));
        return true;
    }

    private void SendReleased(Dictionary<int, ImmutableArray<PacketToRelease>.Builder> bySwitch)
    {
        foreach (var (sw, list) in bySwitch)
            if (_switches[sw] is { } actor && !_disconnected.Contains(sw)) actor.Tell(new ReleasePackets(list.ToImmutable()), Self);
            else _reactive!.CountDropped(list.Count);
    }

    /// <summary>
    /// Sets each flow's Path to its current route. Flows are taken root by root, so each routing tree is
    /// searched once even when the routing service cannot keep every tree, and flows between the same two
    /// hosts share one path object.
    /// </summary>
    /// <summary>Routes the flows (NewPath), each by its metric's service; returns the distinct host pairs routed.</summary>
    private int RoutePaths(List<FlowRecord> flows)
    {
        if (_routings.Count == 1) return RoutePaths(_routing, flows);
        var bySlot = new List<FlowRecord>?[_routings.Count];
        foreach (var f in flows) (bySlot[f.RoutingSlot] ??= new List<FlowRecord>()).Add(f);
        var pairs = 0;
        for (var slot = 0; slot < bySlot.Length; slot++)
            if (bySlot[slot] is { } list) pairs += RoutePaths(_routings[slot], list);
        return pairs;
    }

    /// <summary>Routes the flows (NewPath) with one service; returns the distinct host pairs routed.</summary>
    private int RoutePaths(RoutingService routing, List<FlowRecord> flows)
    {
        // The usual case (a reactive batch, a reroute in a fabric whose trees are all kept): every tree is
        // cached or few are missing. Then the flows are routed in their own order, with no sort by root.
        var missing = MissingRoots(routing, flows, Math.Max(1, routing.MaxCachedTrees / 2));
        if (missing is not null)
        {
            if (missing.Count > 0) routing.PrepareTrees(CollectionsMarshal.AsSpan(missing));
            var inOrder = RouteCall(routing);
            foreach (var f in flows) RouteOne(routing, f, ref inOrder);
            return EndRouteCall(inOrder);
        }
        var order = new int[flows.Count];
        var roots = new int[flows.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
            roots[i] = flows[i].Root;
        }
        Array.Sort(roots, order);
        var state = RouteCall(routing);
        // Trees are prepared a batch of roots at a time (in parallel when large), within the cache bound.
        var batch = Math.Max(1, routing.MaxCachedTrees / 2);
        var distinct = new List<int>();
        var preparedUpTo = 0;
        for (var k = 0; k < order.Length; k++)
        {
            var f = flows[order[k]];
            if (k >= preparedUpTo)
            {
                distinct.Clear();
                var j = k;
                for (; j < order.Length; j++)
                {
                    var r = roots[j];
                    if (distinct.Count > 0 && distinct[^1] == r) continue;
                    if (distinct.Count == batch) break;
                    distinct.Add(r);
                }
                preparedUpTo = j;
                routing.PrepareTrees(CollectionsMarshal.AsSpan(distinct));
            }
            RouteOne(routing, f, ref state);
        }
        return EndRouteCall(state);
    }

    /// <summary>
    /// The distinct roots of the flows whose trees are not cached, or null when there are more than
    /// <paramref name="limit"/> (then the flows are routed root by root, trees prepared in batches).
    /// </summary>
    private List<int>? MissingRoots(RoutingService routing, List<FlowRecord> flows, int limit)
    {
        var missing = new List<int>();
        var stamp = ++_rootStamp;
        if (_rootMarks.Length < _flowsByRoot.Length) _rootMarks = new long[_flowsByRoot.Length];
        foreach (var f in flows)
        {
            var r = f.Root;
            if (_rootMarks[r] == stamp) continue;
            _rootMarks[r] = stamp;
            if (routing.HasTree(r)) continue;
            if (missing.Count == limit) return null;
            missing.Add(r);
        }
        return missing;
    }

    private long[] _rootMarks = [];
    private long _rootStamp;

    /// <summary>One routing call's memo and counters (see <see cref="RouteOne"/>).</summary>
    private struct RouteCallState
    {
        public Dictionary<long, (FlowPath? Path, long Version, long Call)> Memo;
        /// <summary>The memo as an array by (source, destination) host when the network has few hosts; else null.</summary>
        public (FlowPath? Path, long Version, long Call)[]? Dense;
        public int Hosts;
        /// <summary>The routing's link-state version plus one (0 marks an empty dense entry).</summary>
        public long Version;
        public long Call;
        public int Pairs;
    }

    // A host pair has one root, so its route is computed once per call. The memo is kept between calls
    // (reactive batches route the same host pairs again and again), each route with the link-state version
    // it was computed under: a route is reused only while no link changed. Flows of one host pair then share
    // one path object instead of a new one each (five arrays that all outlive the batch).
    private RouteCallState RouteCall(RoutingService routing)
    {
        var main = routing == _routing;
        var hosts = _topology.Hosts.Count;
        // A few hundred hosts: an array of every pair (256 hosts: 1.5 MiB) is one cache miss per lookup, where
        // the dictionary's buckets and entries cost two or three.
        if (main && hosts <= MaxDenseMemoHosts) _denseRouteMemo ??= new (FlowPath?, long, long)[hosts * hosts];
        return new RouteCallState
        {
            Memo = main ? _routeMemo : new Dictionary<long, (FlowPath? Path, long Version, long Call)>(),
            Dense = main ? _denseRouteMemo : null,
            Hosts = hosts,
            Version = routing.LinkStateVersion + 1,
            Call = ++_routeCalls,
        };
    }

    private const int MaxDenseMemoHosts = 256;
    private (FlowPath? Path, long Version, long Call)[]? _denseRouteMemo;

    private static void RouteOne(RoutingService routing, FlowRecord f, ref RouteCallState state)
    {
        ref var memoed = ref state.Dense is { } dense
            ? ref dense[f.SrcHost * state.Hosts + f.DstHost]
            // Mixed by an odd multiply (a bijection, so still one key per pair): a long's own hash folds its
            // halves with xor, which gives every (a, b) with the same a ^ b the same bucket.
            : ref CollectionsMarshal.GetValueRefOrAddDefault(state.Memo, (long)((((ulong)(uint)f.SrcHost << 32) | (uint)f.DstHost) * 0x9E37_79B9_7F4A_7C15UL), out _);
        if (memoed.Version != state.Version) memoed = (routing.Route(f.SrcHost, f.DstHost), state.Version, 0);
        if (memoed.Call != state.Call)
        {
            memoed.Call = state.Call;
            state.Pairs++;
        }
        var path = memoed.Path;
        f.NewPath = path;
        // ECMP off never gets here; on, the DAG is cached per switch pair by the routing service.
        if (f.EcmpEnabled && path is { Length: > 1 }) f.NewEcmp = routing.RouteEcmp(f.SrcHost, f.DstHost);
    }

    /// <summary>The distinct host pairs the call routed.</summary>
    private static int EndRouteCall(in RouteCallState state)
    {
        var memo = state.Memo;
        if (memo.Count > MaxKeptMemo)
        {
            // Bounded: a start-up with 100,000 host pairs gives the routes (and the capacity) back.
            memo.Clear();
            memo.TrimExcess(MaxKeptMemo);
        }
        return state.Pairs;
    }

    /// <summary>Routes (host pair → path and its root's generation) kept between updates, at most this many.</summary>
    private const int MaxKeptMemo = 65_536;
    private readonly Dictionary<long, (FlowPath? Path, long Version, long Call)> _routeMemo = new();
    private long _routeCalls;

    private FlowRecord? CreateFlow(FlowSpec spec) =>
        CreateFlow(spec, _topology.IndexOfHost(spec.SourceHost), _topology.IndexOfHost(spec.DestinationHost));

    /// <summary>A new flow between hosts whose indices the caller already knows (-1: unknown).</summary>
    private FlowRecord? CreateFlow(FlowSpec spec, int src, int dst)
    {
        if (src < 0 || dst < 0)
        {
            _log.Warning("flow '{0}' ignored: unknown host '{1}'", spec.Id, src < 0 ? spec.SourceHost : spec.DestinationHost);
            return null;
        }
        if (_flowCount >= FlowCookie.MaxFlowNumber) throw new InvalidOperationException("flow numbers exhausted");
        var flow = new FlowRecord(spec, ++_flowCount, src, dst, _routing.RootOf(src, dst))
        {
            RoutingSlot = RoutingSlotOf(spec),
            EcmpEnabled = EcmpOf(spec),
            Protected = _protector is not null && IsProtected(spec),
        };
        _flowsByIndex.Add(flow);   // at Number - 1
        if (flow.EcmpEnabled) _ecmpFlows.Add(flow);
        if (flow.Protected) _protector!.Flows.Add(flow);
        var matches = _planner.MatchesFor(spec, src, dst);
        flow.Forward = matches.Forward;
        flow.ForwardId = _rules.InternMatch(matches.Forward);
        flow.ForwardCookie = FlowCookie.Of(flow.Number, FlowDirection.Forward);
        if (matches.Reverse is { } reverse)
        {
            flow.Reverse = reverse;
            flow.ReverseId = _rules.InternMatch(reverse);
            flow.ReverseCookie = FlowCookie.Of(flow.Number, FlowDirection.Reverse);
        }
        _flowsById[spec.Id] = flow;
        _flowsByRoot[flow.Root].Add(flow);
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

    // ---- topology changes -----------------------------------------------------------------------

    private FlowUpdate StartTopologyChange(TopologyWork w)
    {
        var change = w.Change;
        var span = ControllerTelemetry.StartChild(ControllerTelemetry.RouteCompute, change.Trace);
        var virtualStart = _setup.Clock.Now;
        var anyUp = false;
        foreach (var c in change.Changes.IsDefault ? ImmutableArray<LinkChange>.Empty : change.Changes)
            anyUp |= c.Up;
        // Roots' generations in every service before the change: a restore re-checks a flow when its
        // root's tree changed in its own metric's service.
        long[][]? generations = null;
        if (anyUp)
        {
            generations = new long[_routings.Count][];
            for (var slot = 0; slot < generations.Length; slot++)
            {
                var routing = _routings[slot];
                var g = generations[slot] = new long[_flowsByRoot.Length];
                for (var r = 0; r < g.Length; r++) g[r] = routing.Generation(r);
            }
        }
        var treesBefore = _routings.TreesComputed;

        var affectedLinks = new List<int>();
        foreach (var c in change.Changes.IsDefault ? ImmutableArray<LinkChange>.Empty : change.Changes)
        {
            if ((uint)c.LinkIndex >= (uint)_topology.Links.Count)
            {
                _log.Warning("topology change for unknown link #{0} ('{1}') ignored", c.LinkIndex, c.LinkId);
                continue;
            }
            if (_routings.SetLinkState(c.LinkIndex, c.Up) && !c.Up) affectedLinks.Add(c.LinkIndex);
            _protector?.SetLinkState(c.LinkIndex, c.Up);
        }

        // Candidates: flows crossing a failed link, and (after a restore) every flow whose tree root
        // may route differently now. The stamp keeps each flow once.
        var stamp = ++_stamp;
        var candidates = new List<FlowRecord>(affectedLinks.Count == 0 ? 0 : _flowsOnLink[affectedLinks[0]].Count);
        foreach (var l in affectedLinks)
            foreach (var i in FlowsOn(l))
            {
                var f = _flowsByIndex[i];
                if (f.Mark != stamp) { f.Mark = stamp; candidates.Add(f); }
            }
        if (generations is not null)
            for (var slot = 0; slot < generations.Length; slot++)
            {
                var routing = _routings[slot];
                var g = generations[slot];
                for (var r = 0; r < g.Length; r++)
                {
                    if (routing.Generation(r) == g[r]) continue;
                    foreach (var f in _flowsByRoot[r])
                        if (f.RoutingSlot == slot && f.Mark != stamp) { f.Mark = stamp; candidates.Add(f); }
                }
            }
        // A link back may add an equal-cost branch without changing any tree: re-check every spreadable flow.
        if (anyUp)
            foreach (var f in _ecmpFlows)
                if (f.Mark != stamp) { f.Mark = stamp; candidates.Add(f); }
        // Protected flows whose backups crossed a failed link, or that lacked a backup before a restore, get
        // their backups rebuilt even when their path stays (the same stamp keeps each flow once).
        if (_protector is not null) AddBackupCandidates(affectedLinks, anyUp, stamp, candidates);

        // Release every old path before claiming any new one: flows sharing a match move together. Each
        // moved flow takes the ordered update when that is provably consistent, else the two-phase one.
        var moves = new List<(FlowRecord Flow, FlowPath? Path, EcmpRoute? Ecmp, UpdateMethod Method)>(candidates.Count);
        var versioned = _setup.Options.VersionedUpdates;
        var unreachable = ImmutableArray.CreateBuilder<string>();
        var drainMs = 0.0;
        var pairs = RoutePaths(candidates);
        var rebuilt = 0;
        foreach (var f in candidates)
        {
            var path = f.NewPath;
            f.NewPath = null;
            var ecmp = f.NewEcmp;
            f.NewEcmp = null;
            if (path is null) unreachable.Add(f.Spec.Id);
            if (ecmp is null && f.Ecmp is null)
            {
                var same = path is null ? f.Path is null : path.SameRoute(f.Path);
                if (same && !(f.Protected && path is not null && BackupsChanged(f, path))) continue;
                var method = UpdateMethod.Ordered;
                if (f.Protection is { } protection)
                {
                    // A protected flow moves whole, to its other version when versioned updates are on: its detours'
                    // tags carry the version, so old and new detours never share a rule while packets are on both.
                    drainMs = Math.Max(drainMs, Math.Max(LatencyMs(f.Path!), protection.LongestDetourMs));
                    ReleaseProtection(f);
                    ReleaseAll(f, f.Path!);
                    method = versioned ? UpdateMethod.TwoPhase : UpdateMethod.Ordered;
                    if (same) rebuilt++;
                }
                else if (f.Path is { } old)
                {
                    drainMs = Math.Max(drainMs, LatencyMs(old));
                    method = ReleaseMoved(f, old, path, versioned);
                }
                moves.Add((f, same ? f.Path : path, null, method));
                continue;
            }
            // Spread before or after: the same DAG needs nothing; else the flow gives up all its rules and
            // groups and takes the other version's (two-phase: consistent however many switches change).
            if (ecmp is not null && ecmp.SameAs(f.Ecmp)) continue;
            var twoPhaseMove = versioned && f.Path is not null && path is not null;
            if (f.Path is not null)
            {
                drainMs = Math.Max(drainMs, f.Ecmp?.MaxLatencyMs ?? LatencyMs(f.Path));
                ReleaseAllOf(f);
            }
            moves.Add((f, path, ecmp, twoPhaseMove ? UpdateMethod.TwoPhase : UpdateMethod.Ordered));
        }
        var rerouted = 0;
        var twoPhase = 0;
        var spreadMoved = 0;
        foreach (var (f, path, ecmp, method) in moves)
        {
            var old = f.Path;
            var moved = !ReferenceEquals(old, path);
            var wasSpread = f.Ecmp is not null;
            f.Path = path;
            f.Ecmp = path is null ? null : ecmp;
            if (wasSpread) _spreadFlows--;
            if (f.Ecmp is not null)
            {
                _spreadFlows++;
                spreadMoved++;
            }
            if (path is null)
            {
                f.Slots = null;
                f.GroupSlots = null;
                f.Version = 0;
                continue;
            }
            if (f.Protected)
            {
                if (method == UpdateMethod.TwoPhase) f.Version ^= 1;
                ClaimProtected(f, path);
                if (!moved) continue;
                if (method == UpdateMethod.TwoPhase) twoPhase++;
                rerouted++;
                continue;
            }
            if (ecmp is not null || wasSpread)
            {
                // Everything was released above: claim the whole route, in the other version when two-phase.
                if (method == UpdateMethod.TwoPhase)
                {
                    f.Version ^= 1;
                    twoPhase++;
                }
                if (ecmp is not null) ClaimEcmp(f, ecmp);
                else ClaimVersion(f, path);
                rerouted++;
                continue;
            }
            if (method == UpdateMethod.TwoPhase)
            {
                // The other version: its rules are adds (new tagged matches, or untagged ones the flow gave
                // up earlier), except the ingress, whose rule is replaced to stamp the new version.
                f.Version ^= 1;
                ClaimVersion(f, path);
                twoPhase++;
            }
            else
            {
                ClaimMoved(f, old, path);
            }
            rerouted++;
        }
        var ordered = moves.Count - rebuilt - twoPhase;
        var changes = CommitChanges();
        var sources = _routings.TreesComputed - treesBefore;
        var computedAt = _setup.Clock.Now;
        if (span is not null)
        {
            span.SetTag(ControllerTelemetry.Algorithm, _routing.AlgorithmName);
            if (_routings.Count > 1) span.SetTag(ControllerTelemetry.RouteMetrics, _routings.MetricNames);
            span.SetTag(ControllerTelemetry.AffectedFlows, moves.Count);
            span.SetTag(ControllerTelemetry.SourcesRecomputed, sources);
            span.SetTag(ControllerTelemetry.PairsRecomputed, pairs);
            span.SetTag(ControllerTelemetry.ReroutedFlows, rerouted);
            span.SetTag(ControllerTelemetry.UnreachableFlows, unreachable.Count);
            span.SetTag(ControllerTelemetry.UpdateMethod, MethodName(ordered, twoPhase));
            span.SetTag(ControllerTelemetry.OrderedFlows, ordered);
            span.SetTag(ControllerTelemetry.TwoPhaseFlows, twoPhase);
            if (_ecmpFlows.Count > 0) span.SetTag(ControllerTelemetry.EcmpFlows, spreadMoved);
            span.SetTag(ControllerTelemetry.VirtualStartMs, virtualStart.TotalMilliseconds);
            span.SetTag(ControllerTelemetry.VirtualEndMs, computedAt.TotalMilliseconds);
            if (_protector is not null)
            {
                span.SetTag(ControllerTelemetry.ProtectionRebuilt, rebuilt);
                span.SetTag(ControllerTelemetry.ProtectionUnprotectedHops, _unprotectedHops);
            }
            StopSpan(span);
        }
        if (_protector is not null && moves.Exists(static m => m.Flow.Protected)) ReportProtection();
        return new FlowUpdate(w, changes, change.Trace)
        {
            Affected = moves.Count - rebuilt,
            Rerouted = rerouted,
            OrderedFlows = ordered,
            TwoPhaseFlows = twoPhase,
            Drain = drainMs > 0 && _setup.Options.DrainOldPaths ? TimeSpan.FromMilliseconds(drainMs) + DrainMargin : TimeSpan.Zero,
            UnreachableFlows = unreachable.ToImmutable(),
            ComputedAt = computedAt,
            WallComputeMs = Stopwatch.GetElapsedTime(w.WallStart).TotalMilliseconds,
        };
    }

    /// <summary>The rule and group changes since the last commit.</summary>
    private RuleChanges CommitChanges()
    {
        var changes = _rules.Commit();
        if (_groups.PendingCount > 0) _groups.Commit(changes);
        _protector?.EndUpdate();
        return changes;
    }

    /// <summary>The <c>sdn.update.method</c> value of an update with these counts of moved flows.</summary>
    internal static string MethodName(int ordered, int twoPhase) =>
        twoPhase == 0 ? "ordered" : ordered == 0 ? "two-phase" : "mixed";

    /// <summary>Ends the update's <c>update.commit</c> span with its figures (unreachable flows only where the work reroutes on a topology change).</summary>
    private void EndCommitSpan(FlowUpdate u, int unconfirmed, TimeSpan now, bool unreachable)
    {
        if (u.CommitSpan is not { } commit) return;
        commit.SetTag(ControllerTelemetry.RulesAdded, u.Changes.AddCount);
        commit.SetTag(ControllerTelemetry.RulesRemoved, u.Changes.RemoveCount);
        commit.SetTag(ControllerTelemetry.ReroutedFlows, u.Rerouted);
        commit.SetTag(ControllerTelemetry.UpdateMethod, MethodName(u.OrderedFlows, u.TwoPhaseFlows));
        commit.SetTag(ControllerTelemetry.OrderedFlows, u.OrderedFlows);
        commit.SetTag(ControllerTelemetry.TwoPhaseFlows, u.TwoPhaseFlows);
        if (unreachable) commit.SetTag(ControllerTelemetry.UnreachableFlows, u.UnreachableFlows.Length);
        commit.SetTag(ControllerTelemetry.SwitchesTouched, u.Changes.SwitchesTouched);
        commit.SetTag(ControllerTelemetry.SwitchesUnconfirmed, unconfirmed);
        commit.SetTag(ControllerTelemetry.VirtualStartMs, u.InstalledAt.TotalMilliseconds);
        commit.SetTag(ControllerTelemetry.VirtualEndMs, now.TotalMilliseconds);
        StopSpan(commit);
        u.CommitSpan = null;
    }

    private double LatencyMs(FlowPath p)
    {
        var ms = 0.0;
        foreach (var l in p.Links) ms += _linkLatencyMs[l];
        return ms;
    }

    /// <summary>A new flow's rules along its first path.</summary>
    private void Claim(FlowRecord f, FlowPath p)
    {
        var n = p.Length;
        var slots = new RuleSlot[f.Reverse is null ? n : 2 * n];
        for (var k = 0; k < n; k++)
        {
            int sw = p.Switches[k], inPort = p.InPorts[k], outPort = p.OutPorts[k];
            slots[k] = _rules.Claim(sw, f.ForwardId, f.Forward, f.ForwardCookie, inPort, outPort);
            if (f.Reverse is not null) slots[n + k] = _rules.Claim(sw, f.ReverseId, f.Reverse, f.ReverseCookie, outPort, inPort);
        }
        f.Slots = slots;
        ClaimLinks(f, p);
    }

    // A moved flow gives up and takes only the rules that differ between its old and new path: a switch
    // on both with the same output keeps its slot untouched. Release-then-claim of such a slot would be a
    // no-op for the table and the commit (same refs, same rule), so the result is the same, at a third of
    // the table work for a typical detour. The old path's rules are released (first pass, every move) before
    // any new one is claimed (second pass), as when whole paths are released and claimed.

    //
    // Which rules to give up depends on the method, so the method is chosen here, from the same scan.

    /// <summary>Scratch for <see cref="ReleaseMoved"/>: the old path's switches' positions on the new one.</summary>
    private int[] _positions = new int[16];

    private UpdateMethod ReleaseMoved(FlowRecord f, FlowPath old, FlowPath? next, bool versioned)
    {
        var n = old.Length;
        if (_positions.Length < n) _positions = new int[Math.Max(n, 2 * _positions.Length)];
        var positions = _positions.AsSpan(0, n);
        if (next is null) positions.Fill(-1);
        else if (UpdateMethodChooser.MethodFor(UpdateMethodChooser.ChangedSwitches(old, next, f.Reverse is not null, positions)) == UpdateMethod.TwoPhase && versioned)
        {
            ReleaseAll(f, old);
            return UpdateMethod.TwoPhase;
        }
        var slots = f.Slots!;
        for (var k = 0; k < n; k++)
        {
            int inPort = old.InPorts[k], outPort = old.OutPorts[k];
            var j = positions[k];
            if (j < 0 || RulePlanner.OutputPort(inPort, outPort) != RulePlanner.OutputPort(next!.InPorts[j], next.OutPorts[j]))
                _rules.Release(slots[k]);
            if (f.Reverse is not null && (j < 0 || RulePlanner.OutputPort(outPort, inPort) != RulePlanner.OutputPort(next!.OutPorts[j], next.InPorts[j])))
                _rules.Release(slots[n + k]);
        }
        foreach (var l in old.Links) _liveOnLink[l]--;
        return UpdateMethod.Ordered;
    }

    // Ordered update (the flow keeps its version): a switch keeps its role (ingress, transit, egress) on
    // both paths, since both run between the same two hosts, so comparing outputs is enough.
    private void ClaimMoved(FlowRecord f, FlowPath? old, FlowPath next)
    {
        var oldSlots = f.Slots;
        var on = old?.Length ?? 0;
        var n = next.Length;
        var slots = new RuleSlot[f.Reverse is null ? n : 2 * n];
        for (var k = 0; k < n; k++)
        {
            int sw = next.Switches[k], inPort = next.InPorts[k], outPort = next.OutPorts[k];
            var j = old is null ? -1 : IndexOfSwitch(old, sw);
            if (j < 0 && f.Version == 0)
            {
                slots[k] = _rules.Claim(sw, f.ForwardId, f.Forward, f.ForwardCookie, inPort, outPort);
                if (f.Reverse is not null) slots[n + k] = _rules.Claim(sw, f.ReverseId, f.Reverse, f.ReverseCookie, outPort, inPort);
                continue;
            }
            if (j < 0)
            {
                slots[k] = ClaimAt(f, next, k, reverse: false);
                if (f.Reverse is not null) slots[n + k] = ClaimAt(f, next, k, reverse: true);
                continue;
            }
            int oldIn = old!.InPorts[j], oldOut = old.OutPorts[j];
            var slot = slots[k] = oldSlots![j];
            if (RulePlanner.OutputPort(oldIn, oldOut) != RulePlanner.OutputPort(inPort, outPort))
            {
                if (f.Version == 0) _rules.Claim(slot, f.Forward, f.ForwardCookie, _planner.ActionsFor(inPort, outPort));
                else
                {
                    var role = RoleAt(f, n, k, reverse: false, out var tagged);
                    _rules.Claim(slot, tagged ? f.Tagged!.Forward : f.Forward, f.ForwardCookie, _planner.ActionsFor(inPort, outPort, role));
                }
            }
            if (f.Reverse is null) continue;
            slot = slots[n + k] = oldSlots[on + j];
            if (RulePlanner.OutputPort(oldOut, oldIn) != RulePlanner.OutputPort(outPort, inPort))
            {
                var role = RoleAt(f, n, k, reverse: true, out var tagged);
                _rules.Claim(slot, tagged ? f.Tagged!.Reverse! : f.Reverse, f.ReverseCookie, _planner.ActionsFor(outPort, inPort, role));
            }
        }
        f.Slots = slots;
        ClaimLinks(f, next);
    }

    // ---- fast-failover protection ----------------------------------------------------------------

    /// <summary>Hops of protected flows (both directions) without a backup, kept up to date for the spans.</summary>
    private int _unprotectedHops;

    private static bool ProtectionWanted(ControllerOptions options, Topology.Model.Topology topology)
    {
        if (options.Protection) return true;
        foreach (var c in topology.Classes)
            if (c.Protection == true) return true;
        return false;
    }

    /// <summary>A flow's protection: its class's setting, else the controller's.</summary>
    private bool IsProtected(FlowSpec spec) =>
        (spec.Class is { } name ? _topology.FindClass(name)?.Protection : null) ?? _setup.Options.Protection;

    /// <summary>
    /// Every rule of the flow's current version along the path with its backups: at each hop with a backup the
    /// rule points to a fast-failover group (primary port first, the detour second) and the detour's switches get
    /// rules matching the flow's headers and the detour tag (see <see cref="ProtectionPlanner"/>).
    /// </summary>
    private void ClaimProtected(FlowRecord f, FlowPath p)
    {
        if (f.Version != 0) EnsureTagged(f);
        var n = p.Length;
        var slots = new RuleSlot[f.Reverse is null ? n : 2 * n];
        var protection = new FlowProtection { BuiltUnderFailure = _protector!.AnyFailed };
        var unprotected = ImmutableArray.CreateBuilder<UnprotectedHop>();
        protection.Forward = ClaimDirection(f, p, p, reverse: false, slots, protection, unprotected);
        if (f.Reverse is not null) protection.Reverse = ClaimDirection(f, p, p.Reversed(), reverse: true, slots, protection, unprotected);
        protection.Unprotected = unprotected.ToImmutable();
        _unprotectedHops += protection.Unprotected.Length;
        f.Slots = slots;
        f.Protection = protection;
        ClaimLinks(f, p);
    }

    /// <summary>One direction's rules, groups and detours; <paramref name="d"/> is the path in the direction's order.</summary>
    private HopBackup[] ClaimDirection(FlowRecord f, FlowPath p, FlowPath d, bool reverse, RuleSlot[] slots, FlowProtection protection,
        ImmutableArray<UnprotectedHop>.Builder unprotected)
    {
        var protector = _protector!;
        var planner = protector.Planner;
        var n = d.Length;
        var backups = n > 1 ? protector.BackupsOf(f.RoutingSlot, p, d, reverse) : [];
        var cookie = reverse ? f.ReverseCookie : f.ForwardCookie;
        var headers = reverse ? f.Reverse! : f.Forward;
        // The packet carries the version tag at every hop with a link after it (pushed at the ingress) in version 1.
        var packetTagged = f.Version != 0;
        var latencyMs = 0.0;
        for (var j = 0; j < n; j++)
        {
            var k = reverse ? n - 1 - j : j;
            int sw = d.Switches[j], inPort = d.InPorts[j], outPort = d.OutPorts[j];
            var role = RoleAt(f, n, k, reverse, out var tagged);
            ImmutableArray<FlowAction> actions;
            if (j < n - 1 && j < DetourTags.MaxHops && backups[j].Path is { } detour)
            {
                var group = _groups.ClaimSlot(sw, GroupType.FastFailover, planner.FailoverBuckets(inPort, outPort, packetTagged, f.Version, j, detour));
                protection.Groups.Add(group);
                actions = role == RuleRole.PushTag ? ProtectionPlanner.HopActions(role, group.GroupId) : group.Actions;
                var detourMatch = headers with { Vlan = VlanMatch.Id(DetourTags.For(f.Version, j)) };
                var detourId = _rules.InternMatch(detourMatch);
                _detourScratch.Clear();
                planner.DetourRules(detour, d.OutPorts[n - 1], _detourScratch);
                foreach (var rule in _detourScratch)
                    protection.Detours.Add(_rules.Claim(rule.SwitchIndex, detourId, detourMatch, cookie, rule.Actions));
                var detourMs = latencyMs;
                foreach (var l in detour.Links)
                {
                    protection.BackupLinks.Add(l);
                    detourMs += _linkLatencyMs[l];
                }
                protection.LongestDetourMs = Math.Max(protection.LongestDetourMs, detourMs);
                protection.ProtectedHops++;
            }
            else
            {
                actions = _planner.ActionsFor(inPort, outPort, role);
                if (j < n - 1)
                {
                    var reason = j >= DetourTags.MaxHops ? $"hop {j} is beyond the {DetourTags.MaxHops} detour tags" : backups[j].Reason ?? "no backup";
                    unprotected.Add(new UnprotectedHop(f.Spec.Id, reverse ? "reverse" : "forward",
                        reverse ? f.Spec.DestinationHost : f.Spec.SourceHost, reverse ? f.Spec.SourceHost : f.Spec.DestinationHost,
                        $"{_topology.Switches[sw].Id}-{_topology.Switches[d.Switches[j + 1]].Id}", reason));
                }
            }
            if (j < n - 1) latencyMs += _linkLatencyMs[d.Links[j]];
            slots[reverse ? n + k : k] = reverse
                ? tagged ? _rules.Claim(sw, f.Tagged!.ReverseId, f.Tagged.Reverse!, cookie, actions) : _rules.Claim(sw, f.ReverseId, f.Reverse!, cookie, actions)
                : tagged ? _rules.Claim(sw, f.Tagged!.ForwardId, f.Tagged.Forward, cookie, actions) : _rules.Claim(sw, f.ForwardId, f.Forward, cookie, actions);
        }
        return backups;
    }

    /// <summary>The flow gives up its groups and detour rules (its hop rules go with <see cref="ReleaseAll"/>).</summary>
    private void ReleaseProtection(FlowRecord f)
    {
        if (f.Protection is not { } protection) return;
        foreach (var slot in protection.Detours) _rules.Release(slot);
        foreach (var group in protection.Groups) _groups.Release(group);
        _unprotectedHops -= protection.Unprotected.Length;
        f.Protection = null;
    }

    /// <summary>Would the flow's backups along <paramref name="path"/> (its current route) differ from the ones it holds?</summary>
    private bool BackupsChanged(FlowRecord f, FlowPath path)
    {
        if (f.Protection is not { } held) return true;
        if (!SameBackups(held.Forward, _protector!.BackupsOf(f.RoutingSlot, path, path, reverse: false))) return true;
        return f.Reverse is not null && !SameBackups(held.Reverse!, _protector.BackupsOf(f.RoutingSlot, path, path.Reversed(), reverse: true));
    }

    private static bool SameBackups(HopBackup[] a, HopBackup[] b)
    {
        if (a.Length != b.Length) return false;
        for (var i = 0; i < a.Length; i++)
        {
            var (x, y) = (a[i].Path, b[i].Path);
            if (x is null || y is null)
            {
                if (x is not null || y is not null || a[i].Reason != b[i].Reason) return false;
                continue;
            }
            if (!x.Links.AsSpan().SequenceEqual(y.Links)) return false;
        }
        return true;
    }

    /// <summary>
    /// Protected flows whose backups may need rebuilding: after a failure those whose detours cross a failed
    /// link, after a restore those built while links were down (the restore may give them backups, or better ones).
    /// </summary>
    private void AddBackupCandidates(List<int> failedLinks, bool anyUp, long stamp, List<FlowRecord> candidates)
    {
        foreach (var f in _protector!.Flows)
        {
            if (f.Mark == stamp || f.Protection is not { } p) continue;
            var wanted = anyUp && p.BuiltUnderFailure;
            if (!wanted && failedLinks.Count > 0)
                foreach (var l in p.BackupLinks)
                    if (_protector.IsFailed(l) && failedLinks.Contains(l)) { wanted = true; break; }
            if (!wanted) continue;
            f.Mark = stamp;
            candidates.Add(f);
        }
    }

    /// <summary>Tells observers how protection stands (flows, fully protected ones, hops without a backup).</summary>
    private void ReportProtection()
    {
        var flows = _protector!.Flows;
        var full = 0;
        var unprotected = ImmutableArray.CreateBuilder<UnprotectedHop>(_unprotectedHops);
        foreach (var f in flows)
        {
            if (f.Protection is not { } p) continue;
            if (p.Unprotected.IsEmpty) full++;
            else unprotected.AddRange(p.Unprotected);
        }
        _setup.Observer.OnEvent(new ProtectionStatus(_setup.Clock.Now, flows.Count, full, unprotected.DrainToImmutable()));
    }


    /// <summary>Two-phase update: the flow gives up every rule of its old version (the ingress one is claimed again with new actions).</summary>
    private void ReleaseAll(FlowRecord f, FlowPath old)
    {
        foreach (var slot in f.Slots!) _rules.Release(slot);
        foreach (var l in old.Links) _liveOnLink[l]--;
    }

    /// <summary>Every rule of the flow's current version along the path.</summary>
    private void ClaimVersion(FlowRecord f, FlowPath p)
    {
        EnsureTagged(f);
        var n = p.Length;
        var slots = new RuleSlot[f.Reverse is null ? n : 2 * n];
        for (var k = 0; k < n; k++)
        {
            slots[k] = ClaimAt(f, p, k, reverse: false);
            if (f.Reverse is not null) slots[n + k] = ClaimAt(f, p, k, reverse: true);
        }
        f.Slots = slots;
        ClaimLinks(f, p);
    }

    private void EnsureTagged(FlowRecord f)
    {
        if (f.Version == 0 || f.Tagged is not null) return;
        var forward = RulePlanner.Tagged(f.Forward);
        var reverse = f.Reverse is null ? null : RulePlanner.Tagged(f.Reverse);
        f.Tagged = new TaggedMatches(forward, _rules.InternMatch(forward), reverse, reverse is null ? -1 : _rules.InternMatch(reverse));
    }

    /// <summary>Gives up every rule, group and link listing of the flow's current route (single path or DAG).</summary>
    private void ReleaseAllOf(FlowRecord f)
    {
        if (f.Ecmp is not { } e)
        {
            ReleaseAll(f, f.Path!);
            return;
        }
        foreach (var slot in f.Slots!) _rules.Release(slot);
        if (f.GroupSlots is { } groups)
            foreach (var g in groups)
                if (g is not null) _groups.Release(g);
        f.GroupSlots = null;
        foreach (var l in e.Links) _liveOnLink[l]--;
    }

    /// <summary>
    /// Every rule of the flow's current version over the equal-cost DAG: a switch with one next hop outputs
    /// there, one with several points the rule to a select group (shared by content with other flows). The
    /// tagged version's ingress pushes the tag first; its egress pops it before the host port.
    /// </summary>
    private void ClaimEcmp(FlowRecord f, EcmpRoute e)
    {
        EnsureTagged(f);
        var m = e.Length;
        var size = f.Reverse is null ? m : 2 * m;
        var slots = new RuleSlot[size];
        var groups = new GroupSlot?[size];
        for (var i = 0; i < m; i++)
        {
            slots[i] = ClaimEcmpAt(f, e, i, reverse: false, ref groups[i]);
            if (f.Reverse is not null) slots[m + i] = ClaimEcmpAt(f, e, i, reverse: true, ref groups[m + i]);
        }
        f.Slots = slots;
        f.GroupSlots = groups;
        var index = (int)(f.Number - 1);
        foreach (var l in e.Links) ClaimLink(index, l);
    }

    private RuleSlot ClaimEcmpAt(FlowRecord f, EcmpRoute e, int i, bool reverse, ref GroupSlot? group)
    {
        var sw = e.Switches[i];
        var ports = e.OutPorts(i, reverse);
        bool ingress = i == (reverse ? e.EgressPosition : e.IngressPosition), egress = i == (reverse ? e.IngressPosition : e.EgressPosition);
        var role = f.Version == 0 ? RuleRole.Plain : ingress ? RuleRole.PushTag : egress ? RuleRole.PopTag : RuleRole.Plain;
        var tagged = f.Version != 0 && !ingress;
        ImmutableArray<FlowAction> actions;
        if (ports.Length == 1) actions = _planner.ActionsFor(-1, ports[0], role);
        else
        {
            var g = group = _groups.ClaimSlot(sw, GroupType.Select, e.Buckets(i, reverse));
            actions = role == RuleRole.PushTag ? g.ActionsAfter(PushVersion) : g.Actions;
        }
        return reverse
            ? tagged ? _rules.Claim(sw, f.Tagged!.ReverseId, f.Tagged.Reverse!, f.ReverseCookie, actions) : _rules.Claim(sw, f.ReverseId, f.Reverse!, f.ReverseCookie, actions)
            : tagged ? _rules.Claim(sw, f.Tagged!.ForwardId, f.Tagged.Forward, f.ForwardCookie, actions) : _rules.Claim(sw, f.ForwardId, f.Forward, f.ForwardCookie, actions);
    }

    /// <summary>The flow direction's rule of its current version at the path's k-th switch.</summary>
    private RuleSlot ClaimAt(FlowRecord f, FlowPath p, int k, bool reverse)
    {
        int sw = p.Switches[k];
        int inPort = reverse ? p.OutPorts[k] : p.InPorts[k], outPort = reverse ? p.InPorts[k] : p.OutPorts[k];
        var role = RoleAt(f, p.Length, k, reverse, out var tagged);
        var actions = _planner.ActionsFor(inPort, outPort, role);
        return reverse
            ? tagged ? _rules.Claim(sw, f.Tagged!.ReverseId, f.Tagged.Reverse!, f.ReverseCookie, actions) : _rules.Claim(sw, f.ReverseId, f.Reverse!, f.ReverseCookie, actions)
            : tagged ? _rules.Claim(sw, f.Tagged!.ForwardId, f.Tagged.Forward, f.ForwardCookie, actions) : _rules.Claim(sw, f.ForwardId, f.Forward, f.ForwardCookie, actions);
    }

    /// <summary>
    /// Role of a direction's rule at the k-th of n switches in the flow's current version, and whether it
    /// matches the tag: the tagged version's ingress pushes the tag (matching untagged headers), its egress
    /// pops it, every switch after the ingress matches it. The untagged version and one-switch paths are plain.
    /// </summary>
    private static RuleRole RoleAt(FlowRecord f, int n, int k, bool reverse, out bool tagged)
    {
        tagged = false;
        if (f.Version == 0 || n == 1) return RuleRole.Plain;
        var ingress = reverse ? k == n - 1 : k == 0;
        if (ingress) return RuleRole.PushTag;
        tagged = true;
        return (reverse ? k == 0 : k == n - 1) ? RuleRole.PopTag : RuleRole.Plain;
    }

    private static int IndexOfSwitch(FlowPath p, int sw)
    {
        var switches = p.Switches;
        for (var k = 0; k < switches.Length; k++)
            if (switches[k] == sw) return k;
        return -1;
    }

    private void ClaimLinks(FlowRecord f, FlowPath p)
    {
        var index = (int)(f.Number - 1);
        foreach (var l in p.Links) ClaimLink(index, l);
    }

    private void ClaimLink(int index, int l)
    {
        var list = _flowsOnLink[l];
        if (ReferenceEquals(list, NoFlows)) _flowsOnLink[l] = list = new List<int>();
        list.Add(index);
        if (list.Count > 2 * ++_liveOnLink[l] + 16) Compact(l);
    }

    /// <summary>The flows whose current path crosses the link, each once (the list is compacted to them).</summary>
    private List<int> FlowsOn(int link)
    {
        Compact(link);
        return _flowsOnLink[link];
    }

    private void Compact(int link)
    {
        var list = _flowsOnLink[link];
        if (list.Count == 0) return;
        var stamp = ++_linkStamp;
        var kept = 0;
        for (var i = 0; i < list.Count; i++)
        {
            var index = list[i];
            var f = _flowsByIndex[index];
            if (f.LinkMark == stamp || f.Path is not { } p || !(f.Ecmp is { } e ? e.UsesLink(link) : p.Links.Contains(link))) continue;
            f.LinkMark = stamp;
            list[kept++] = index;
        }
        list.RemoveRange(kept, list.Count - kept);
        _liveOnLink[link] = kept;
    }

    // ---- the two phases -------------------------------------------------------------------------

    private void StartPhase(FlowUpdate u, int phase)
    {
        u.Phase = phase;
        u.PhaseId = ++_phaseIds;
        u.Waiting.Clear();
        if (phase == 3 && (u.Work is TopologyWork || (u.Work is CongestionWork && u.Trace != default)))
            u.CommitSpan = ControllerTelemetry.StartChild(ControllerTelemetry.UpdateCommit, u.Trace);
        var lists = phase switch { 1 => u.Changes.Adds, 2 => u.Changes.Replaces, _ => u.Changes.Removes };
        var slotLists = phase switch { 1 => u.Changes.AddSlots, 2 => u.Changes.ReplaceSlots, _ => u.Changes.RemoveSlots };
        var withGroups = phase != 2 && (phase == 1 ? u.Changes.GroupAdds : u.Changes.GroupRemoves) is not null;
        for (var sw = 0; sw < lists.Length; sw++)
        {
            // Groups go with phase 1 (before the rules that point to them) and phase 3 (after the last rule using them).
            var groups = withGroups ? u.Changes.GroupsOf(phase, sw) : null;
            if (lists[sw] is not { Count: > 0 } && groups is not { Count: > 0 }) continue;
            var actor = _switches[sw];
            if (actor is null || _disconnected.Contains(sw))
            {
                u.Unconfirmed.Add(_topology.Switches[sw].Id);
                continue;
            }
            var rules = lists[sw] is { } list ? list.ToImmutableArray() : ImmutableArray<FlowRule>.Empty;
            var slots = slotLists[sw] is { } numbers ? numbers.ToImmutableArray() : ImmutableArray<int>.Empty;
            var apply = phase < 3
                ? new ApplyRules(u.PhaseId, rules, ImmutableArray<FlowRule>.Empty, u.Trace) { AddSlots = slots }
                : new ApplyRules(u.PhaseId, ImmutableArray<FlowRule>.Empty, rules, u.Trace) { RemoveSlots = slots };
            if (groups is { Count: > 0 })
                apply = phase == 1 ? apply with { AddGroups = [.. groups] } : apply with { RemoveGroups = [.. groups] };
            actor.Tell(apply, Self);
            u.Waiting.Add(sw);
        }
        if (u.Waiting.Count == 0)
        {
            PhaseDone(u);
            return;
        }
        var self = Self;
        var phaseId = u.PhaseId;
        u.Timer = _setup.Clock.Schedule(ConfirmationTimeout, () => self.Tell(new ConfirmationTimeout(phaseId)));
    }

    private void Confirmed(string switchId, long? updateId)
    {
        var u = _current;
        if (u is null || (updateId is { } id && id != u.PhaseId)) return;
        var sw = _topology.IndexOfSwitch(switchId);
        if (sw < 0 || !u.Waiting.Remove(sw) || u.Waiting.Count > 0) return;
        PhaseDone(u);
    }

    // A switch that is down confirms nothing; its desired rules (already updated) are what it gets when it
    // reconnects and resyncs, so an update need not wait for it.
    private void OnSwitchConnectionChanged(SwitchConnectionChanged m)
    {
        var sw = _topology.IndexOfSwitch(m.SwitchId);
        if (sw < 0) return;
        if (m.Connected)
        {
            _disconnected.Remove(sw);
            return;
        }
        _disconnected.Add(sw);
        var u = _current;
        if (u is null || !u.Waiting.Remove(sw)) return;
        u.Unconfirmed.Add(m.SwitchId);
        if (u.Waiting.Count == 0) PhaseDone(u);
    }

    private void OnTimeout(ConfirmationTimeout m)
    {
        var u = _current;
        if (u is null || u.PhaseId != m.PhaseId || u.Waiting.Count == 0) return;
        foreach (var sw in u.Waiting) u.Unconfirmed.Add(_topology.Switches[sw].Id);
        _log.Warning("update phase {0}: no confirmation from {1} within {2}; going on", u.Phase, string.Join(", ", u.Unconfirmed), ConfirmationTimeout);
        u.Waiting.Clear();
        PhaseDone(u);
    }

    private void PhaseDone(FlowUpdate u)
    {
        u.Timer?.Cancel();
        u.Timer = null;
        if (u.Phase < 3)
        {
            // New rules first (nothing forwards by them yet), then the replacements that move traffic onto
            // them, then removal of what only the old paths used: no packet meets a switch without its rule
            // when a path detours through new switches. Flows for which that order is not enough (two or
            // more switches on both paths change, see UpdateMethodChooser) moved to their other version:
            // their new rules are all adds and only their ingress rule is a replace, so the same phases
            // make them a two-phase update.
            if (u.Phase == 2)
            {
                u.InstalledAt = _setup.Clock.Now;
                if (u.Drain > TimeSpan.Zero)
                {
                    // Packets already on an old path still need its rules: remove them once those arrived.
                    var self = Self;
                    var phaseId = u.PhaseId;
                    u.Timer = _setup.Clock.Schedule(u.Drain, () => self.Tell(new OldPathsDrained(phaseId)));
                    return;
                }
            }
            StartPhase(u, u.Phase + 1);
            return;
        }
        Finish(u);
    }

    private void Finish(FlowUpdate u)
    {
        var now = _setup.Clock.Now;
        var unconfirmed = u.Unconfirmed.ToImmutableArray();
        _setup.Metrics.RecordRuleChanges(u.Work switch { InstallWork => "install", ConnectivityWork => "connectivity", ReactiveWork => "reactive", CongestionWork => "congestion", _ => "reroute" },
            u.Changes.AddCount, u.Changes.RemoveCount);
        switch (u.Work)
        {
            case InstallWork w:
            {
                var wallMs = Stopwatch.GetElapsedTime(w.WallStart).TotalMilliseconds;
                if (_firstBatchDone)
                    _setup.Observer.OnEvent(new FlowsInstalled(now, u.FlowsCreated, u.Changes.AddCount, wallMs) { UnconfirmedSwitches = unconfirmed });
                else
                {
                    // The start-up burst is over: collections may run again (the idle collection follows shortly).
                    StartupCollectionHold.End();
                    _setup.Observer.OnEvent(new InitialInstallCompleted(now, u.FlowsCreated, u.Changes.AddCount, wallMs)
                        { UnconfirmedSwitches = unconfirmed, EcmpFlows = _spreadFlows, Groups = u.Changes.GroupAddCount });
                }
                _firstBatchDone = true;
                break;
            }
            case ConnectivityWork w:
                _setup.Observer.OnEvent(new ConnectivityReady(now, w.HostA, w.HostB, u.Reachable));
                break;
            case ReactiveWork w:
            {
                var released = FinishReactive(w);
                _setup.Observer.OnEvent(new ReactiveFlowsInstalled(now, u.FlowsCreated, u.Changes.AddCount, released, Stopwatch.GetElapsedTime(w.WallStart).TotalMilliseconds)
                    { UnconfirmedSwitches = unconfirmed });
                break;
            }
            case TopologyWork w:
            {
                var change = w.Change;
                EndCommitSpan(u, unconfirmed.Length, now, unreachable: true);
                w.ReplyTo.Tell(new TopologyChangeHandled(change.Trace, u.Affected, u.Rerouted, u.UnreachableFlows.Length, now), Self);
                foreach (var (other, replyTo) in w.Merged)
                    replyTo.Tell(new TopologyChangeHandled(other.Trace, u.Affected, u.Rerouted, u.UnreachableFlows.Length, now), Self);
                var wallTotal = change.DetectedWallTimestamp != 0
                    ? Stopwatch.GetElapsedTime(change.DetectedWallTimestamp).TotalMilliseconds
                    : Stopwatch.GetElapsedTime(w.WallStart).TotalMilliseconds;
                var completed = new RerouteCompleted(
                    now, change.Changes.IsDefault ? ImmutableArray<LinkChange>.Empty : change.Changes, change.Method,
                    change.DetectedAt, u.ComputedAt, u.InstalledAt, now,
                    u.WallComputeMs, wallTotal,
                    u.Affected, u.Rerouted, u.UnreachableFlows,
                    u.Changes.AddCount, u.Changes.RemoveCount, u.Changes.SwitchesTouched)
                {
                    UnconfirmedSwitches = unconfirmed, Trace = change.Trace, HeldDown = change.HeldDown, SwitchId = change.SwitchId,
                    OrderedFlows = u.OrderedFlows, TwoPhaseFlows = u.TwoPhaseFlows,
                };
                _setup.Observer.OnEvent(completed);
                _setup.Metrics.RecordReroute(completed, _setup.Clock.IsVirtual);
                break;
            }
            case CongestionWork w:
                FinishCongestion(u, w, unconfirmed, now);
                break;
        }
        CongestionSettled(u.Work, now);
        _current = null;
        RunQueued();
    }

    private static void StopSpan(Activity? span)
    {
        if (span is null) return;
        var previous = Activity.Current;
        span.Stop();
        Activity.Current = previous;
    }
}
