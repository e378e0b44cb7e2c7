using System.Collections.Immutable;
using System.Diagnostics;
using Akka.Actor;
using SdnController.Controller.Messages;
using SdnController.Controller.Runtime;
using SdnController.Controller.Observation;
using SdnController.Controller.Protocols;
using SdnController.Controller.Supervision;
using SdnController.Controller.Telemetry;
using SdnController.Controller.TopologyView;
using SdnController.Southbound;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Matching;
using SdnController.Southbound.Messages;
using SdnController.Southbound.Rules;
using SdnController.Southbound.Time;

namespace SdnController.Controller.Switches;

/// <summary>
/// One switch: owns its southbound channel and both its desired rules (what it last asked the switch to hold)
/// and its confirmed rules (what a barrier reply or a resync's flow stats proved), and tracks which updates a
/// barrier has confirmed. After every (re)connect — including after this actor is restarted by
/// supervision — it reconciles the switch's table with the flow manager's desired rules, so neither a crash
/// nor a switch reboot loses or leaks rules. Also sends LLDP probes, answers ARP for known hosts, and passes
/// port and probe events to the topology actor.
/// </summary>
public sealed class SwitchActor : ReceiveActor
{
    private readonly ControllerSetup _setup;
    private readonly NetworkIndex _network;
    private readonly string _switchId;
    private readonly ulong _dpid;
    private readonly IActorRef _flowManager;
    private readonly IActorRef _topology;
    private readonly IClock _clock;
    /// <summary>The base rules of the routing mode (reactive adds the IPv4 table-miss to the controller).</summary>
    private readonly ImmutableArray<FlowRule> _baseRules;
    /// <summary>This switch's index in the topology (-1 if it is not in it), sent with reactive packet-ins.</summary>
    private readonly int _switchIndex;

    private ISwitchChannel? _channel;
    private ChannelSink? _sink;
    private uint _nextXid;
    private bool _connected;
    /// <summary>This actor instance saw the switch connect before (so a connect now is a reconnect).</summary>
    private bool _connectedBefore;

    // Rules by (priority, match), base rules included. Desired changes when the actor asks for rules (an update,
    // the base rules, a resync's desired set); confirmed when a barrier reply proves messages applied, or to
    // the switch's own report at a resync. One dictionary write per rule sent and per rule confirmed.
    private readonly Dictionary<RuleKey, FlowRule> _desired = new(RuleKeyComparer.Instance);
    private readonly ConfirmedRules _confirmed = new();
    /// <summary>Reactive packet-ins of the current burst, not yet passed on (null: none; a flush is queued when it is not).</summary>
    private ImmutableArray<ReactivePacketIn>.Builder? _packetIns;
    /// <summary>Groups the actor last asked the switch to hold, by id (always kept apart: a switch holds few).</summary>
    private readonly Dictionary<uint, GroupEntry> _desiredGroups = new();
    /// <summary>
    /// In sync (connected, no resync, every update sent at once): desired is not kept as its own dictionary
    /// but is confirmed plus the in-flight updates in send order, so an update costs one dictionary write per
    /// rule (at its confirmation) instead of two. Entered only when that sum is checked to equal the
    /// dictionary; left (the dictionary rebuilt) before anything that would make the two differ.
    /// </summary>
    private bool _desiredFromConfirmed;

    private readonly Dictionary<uint, PendingUpdate> _inFlight = new();
    /// <summary>Updates the next resync's desired-rules snapshot includes; confirmed when that resync completes.</summary>
    private readonly List<PendingUpdate> _coveredByResync = new();
    private ResyncState? _resync;
    private int _errors;

    // Port MACs by port number: an array for the usual small numbers (a dictionary per switch cost ~30 bytes
    // a port, tens of MiB at 10,000 switches), a dictionary only for odd large numbers.
    private MacAddress[] _portMacs = [];
    private Dictionary<int, MacAddress>? _farPortMacs;
    private const int MaxArrayPort = 4096;
    private readonly Dictionary<int, (byte[] Frame, ImmutableArray<FlowAction> Out)> _probes = new();
    private ProbeTick? _probeTick;
    private IScheduledWork? _probeTimer;
    /// <summary>The congestion monitor's outstanding counter poll (congestion rerouting only).</summary>
    private Congestion.CounterPoll? _poll;

    public SwitchActor(ControllerSetup setup, NetworkIndex network, SwitchEndpoint endpoint, IActorRef flowManager, IActorRef topology)
    {
        _setup = setup;
        _network = network;
        _switchId = endpoint.Name;
        _dpid = endpoint.Dpid;
        _flowManager = flowManager;
        _topology = topology;
        _clock = setup.Clock;
        _baseRules = BaseRules.For(setup.Options);
        _switchIndex = network.Topology.IndexOfSwitch(_switchId);

        Receive<SinkEnvelope<SwitchMessage>>(OnChannel);
        Receive<ReleasePackets>(OnReleasePackets);
        Receive<DesiredRules>(OnDesiredRules);
        Receive<ApplyRules>(OnApplyRules);
        Receive<ProbeTick>(OnProbeTick);
        Receive<SwitchRulesRequest>(_ => Sender.Tell(new SwitchRules(_switchId, Sorted((_desiredFromConfirmed ? ConfirmedPlusInFlight() : _desired).Values), Sorted(_confirmed.Rules()))
            { DesiredGroups = Sorted(_desiredGroups), ConfirmedGroups = Sorted(_confirmed.Groups) }, Self));
        Receive<Congestion.PollCounters>(OnPollCounters);
        Receive<FlushPacketIns>(_ => OnFlushPacketIns());
        Receive<CrashSwitchActor>(m => throw new InjectedFaultException($"switch actor {m.SwitchId} crashed on request (fault injection)"));
    }

    // Made by a producer that calls the constructor: Props.Create(() => new ...) evaluates the expression's
    // captured arguments and invokes the constructor by reflection for every actor, ~10,000 times at start-up.
    // A restart asks the same producer again, so supervision behaves as before.
    public static Props Props(ControllerSetup setup, NetworkIndex network, SwitchEndpoint endpoint, IActorRef flowManager, IActorRef topology) =>
        Akka.Actor.Props.CreateBy(new Producer(setup, network, endpoint, flowManager, topology))
            .WithDispatcher(setup.Options.Dispatcher);

    private sealed class Producer(ControllerSetup setup, NetworkIndex network, SwitchEndpoint endpoint, IActorRef flowManager, IActorRef topology)
        : IIndirectActorProducer
    {
        public Type ActorType => typeof(SwitchActor);
        public ActorBase Produce() => new SwitchActor(setup, network, endpoint, flowManager, topology);
        public void Release(ActorBase actor) { }
    }

    /// <summary>Error replies received from the switch; the next resync repairs whatever they left wrong.</summary>
    internal int ErrorCount => _errors;

    protected override void PreStart()
    {
        _sink = new ChannelSink(Self);
        _channel = _setup.Southbound.Open(_dpid, _sink);
    }

    protected override void PostStop()
    {
        StopProbing();
        _sink?.Close();
        _channel?.Dispose();
        _channel = null;
        _resync?.Span?.Dispose();
        foreach (var p in _inFlight.Values) p.Span?.Dispose();
        foreach (var p in _coveredByResync) p.Span?.Dispose();
    }

    protected override void PostRestart(Exception reason)
    {
        _setup.Observer.OnEvent(new SwitchActorRestarted(_clock.Now, _switchId, reason.Message));
        _setup.Metrics.RecordSwitchActorRestart(reason);
        _setup.Metrics.RecordActorRestart("switch", reason);
        base.PostRestart(reason);
    }

    private uint NextXid() => ++_nextXid;

    private void OnChannel(SinkEnvelope<SwitchMessage> e)
    {
        if (!ReferenceEquals(e.Sink, _sink)) return;
        switch (e.Message)
        {
            case ChannelStateChanged { Connected: true }: OnConnected(); break;
            case ChannelStateChanged { Connected: false }: OnDisconnected(); break;
            case BarrierReply b: OnBarrierReply(b); break;
            case FlowStatsReply s when _poll?.Accept(s, _switchId, _clock.Now, Self) != true: OnFlowStats(s); break;
            case PortStatsReply s: _poll?.Accept(s, _switchId, _clock.Now, Self); break;
            case GroupDescReply g: OnGroupDesc(g); break;
            case PacketIn p: OnPacketIn(p); break;
            case PortStatus ps:
                _topology.Tell(new PortStatusObserved(_switchId, ps.Port, _clock.Now));
                break;
            case FeaturesReply f: OnFeatures(f); break;
            case FlowRemoved:
                break;   // the flow manager's desired set is the truth; the next resync repairs any gap
            case ErrorReply:
                _errors++;
                break;
        }
    }

    private void OnPollCounters(Congestion.PollCounters m)
    {
        if (!_connected || _channel is null) return;   // a switch that is down has no counters to read
        _poll = Congestion.CounterPoll.Start(m.PollId, NextXid(), NextXid(), Sender, out var requests);
        _channel.Send(requests);
    }

    // ---- connection and resynchronisation ----

    private void OnConnected()
    {
        if (_connected) return;
        _connected = true;
        var now = _clock.Now;
        _setup.Observer.OnEvent(new SwitchConnected(now, _switchId));
        _topology.Tell(new SwitchConnectionChanged(_switchId, true, now));
        _flowManager.Tell(new SwitchConnectionChanged(_switchId, true, now));

        var span = ControllerTelemetry.StartRoot(ControllerTelemetry.SwitchResync);
        span?.SetTag(ControllerTelemetry.SwitchId, _switchId);
        span?.SetTag(ControllerTelemetry.VirtualStartMs, now.TotalMilliseconds);
        var statsXid = NextXid();
        var groupsXid = NextXid();
        _resync = new ResyncState(statsXid, groupsXid, now, span);

        // Base rules go before the stats request, so the stats already show them and reconciliation leaves them be.
        var messages = new List<ControllerMessage>(5) { new FeaturesRequest(NextXid()) };
        // A new session has proved nothing yet (the switch may have rebooted); the stats reply will.
        _confirmed.Clear();
        foreach (var rule in _baseRules)
        {
            _desired[RuleKey.Of(rule)] = rule;
            messages.Add(new FlowMod(NextXid(), FlowModCommand.Add, rule));
        }
        messages.Add(new FlowStatsRequest(statsXid));
        messages.Add(new GroupDescRequest(groupsXid));
        _channel!.Send(messages);
        _flowManager.Tell(new DesiredRulesRequest(_switchId));

        // At the first connect the topology is taken as given (links start up), so the first probe round can
        // wait an interval: a large network then does not flood itself with probes while it installs
        // flows. After a reconnect probes go at once, because links come back only once probes crossed them.
        StartProbing(immediately: _connectedBefore);
        _connectedBefore = true;
    }

    private void OnDisconnected()
    {
        if (!_connected) return;
        StopDesiredFromConfirmed();
        _connected = false;
        var now = _clock.Now;
        StopProbing();
        _topology.Tell(new SwitchConnectionChanged(_switchId, false, now));
        _flowManager.Tell(new SwitchConnectionChanged(_switchId, false, now));
        _setup.Observer.OnEvent(new SwitchDisconnected(now, _switchId));

        // Nothing in flight will be acknowledged now. The desired rules the flow manager sends after the
        // reconnect include every one of these updates, so the resync then confirms them.
        foreach (var xid in _inFlight.Keys.Order()) _coveredByResync.Add(_inFlight[xid]);
        _inFlight.Clear();
        if (_resync is { } r)
        {
            foreach (var (update, requester) in r.Deferred) _coveredByResync.Add(Pending(update, requester, now));
            r.Span?.Dispose();
            _resync = null;
        }
    }

    private void OnDesiredRules(DesiredRules m)
    {
        if (_resync is not { Desired: null } r) return;   // an answer to an earlier request; a newer one is coming or done
        r.Desired = m.Rules;
        r.DesiredGroups = m.Groups.IsDefault ? ImmutableArray<GroupEntry>.Empty : m.Groups;
        _desiredGroups.Clear();
        foreach (var g in r.DesiredGroups) _desiredGroups[g.GroupId] = g;
        // The snapshot includes every update that reached this actor before it; later ones apply on top.
        _desired.Clear();
        _desired.EnsureCapacity(_baseRules.Length + m.Rules.Length);
        foreach (var rule in _baseRules) _desired[RuleKey.Of(rule)] = rule;
        foreach (var rule in m.Rules) _desired[RuleKey.Of(rule)] = rule;
        TryReconcile(r);
    }

    private void OnFlowStats(FlowStatsReply m)
    {
        if (_resync is not { } r || m.Xid != r.StatsXid) return;
        r.Stats = m.Flows;
        _confirmed.ClearRules();
        var confirmed = _confirmed.Keyed;
        confirmed.EnsureCapacity(m.Flows.Length);
        foreach (var s in m.Flows) confirmed[RuleKey.Of(s.Rule)] = s.Rule;
        _confirmed.EndKeyedEdit(_baseRules);
        TryReconcile(r);
    }

    private void OnGroupDesc(GroupDescReply m)
    {
        if (_resync is not { } r || m.Xid != r.GroupsXid) return;
        var groups = m.Groups.IsDefault ? ImmutableArray<GroupEntry>.Empty : m.Groups;
        r.SwitchGroups = groups;
        _confirmed.Groups.Clear();
        foreach (var g in groups) _confirmed.Groups[g.GroupId] = g;
        TryReconcile(r);
    }

    private void TryReconcile(ResyncState r)
    {
        if (r.Desired is not { } desired || r.Stats is not { } stats || r.SwitchGroups is not { } switchGroups || r.BarrierXid != 0) return;

        // With no update deferred since the snapshot, _desired is the base rules followed by the snapshot, keyed
        // the same way and in the same order (base rules are skipped by the plan), so it serves as the snapshot
        // by key and a second dictionary of every rule is not built.
        var desiredByKey = _desired;
        if (r.Deferred.Count > 0)
        {
            desiredByKey = new Dictionary<RuleKey, FlowRule>(desired.Length, RuleKeyComparer.Instance);
            foreach (var rule in desired) desiredByKey[RuleKey.Of(rule)] = rule;
        }
        var onSwitch = new List<FlowRule>(stats.Length);
        foreach (var s in stats) onSwitch.Add(s.Rule);
        var plan = RuleReconciler.Plan(desiredByKey, onSwitch, _baseRules);
        var groupPlan = r.DesiredGroups.IsEmpty && switchGroups.IsEmpty ? null : GroupReconciler.Plan(r.DesiredGroups, switchGroups);

        // Same order as an update: groups the rules need first, groups nobody uses last.
        var messages = new List<ControllerMessage>(plan.Add.Count + plan.Delete.Count + (groupPlan?.Count ?? 0) + 1);
        if (groupPlan is not null)
        {
            foreach (var g in groupPlan.Add) messages.Add(new GroupMod(NextXid(), GroupModCommand.Add, g));
            foreach (var g in groupPlan.Modify) messages.Add(new GroupMod(NextXid(), GroupModCommand.Modify, g));
        }
        foreach (var rule in plan.Add) messages.Add(new FlowMod(NextXid(), FlowModCommand.Add, rule));
        foreach (var rule in plan.Delete) messages.Add(new FlowMod(NextXid(), FlowModCommand.DeleteStrict, rule) { CookieMask = 0 });
        if (groupPlan is not null)
            foreach (var g in groupPlan.Delete) messages.Add(new GroupMod(NextXid(), GroupModCommand.Delete, g));
        r.GroupPlan = groupPlan;
        r.BarrierXid = NextXid();
        messages.Add(new BarrierRequest(r.BarrierXid));
        _channel!.Send(messages);
        r.Added = plan.Add.Count;
        r.Removed = plan.Delete.Count;
        r.Plan = plan;

        // Later updates follow the reconciling messages on the channel, so they apply on top of them.
        foreach (var (update, requester) in r.Deferred) Send(update, requester);
        r.Deferred.Clear();
    }

    private void CompleteResync(ResyncState r)
    {
        var now = _clock.Now;
        _resync = null;
        if (r.Plan is { } plan)
        {
            var confirmed = _confirmed.Keyed;
            foreach (var rule in plan.Delete) confirmed.Remove(RuleKey.Of(rule));
            confirmed.EnsureCapacity(confirmed.Count + plan.Add.Count);
            foreach (var rule in plan.Add) confirmed[RuleKey.Of(rule)] = rule;
            _confirmed.EndKeyedEdit(_baseRules);
        }
        if (r.GroupPlan is { } groupPlan)
        {
            var groups = _confirmed.Groups;
            foreach (var g in groupPlan.Delete) groups.Remove(g.GroupId);
            foreach (var g in groupPlan.Add) groups[g.GroupId] = g;
            foreach (var g in groupPlan.Modify) groups[g.GroupId] = g;
        }

        // The resync's snapshot already holds these updates (confirmed above), so only their requesters hear.
        foreach (var p in _coveredByResync) Confirm(p, now, applied: false);
        _coveredByResync.Clear();
        TryDesiredFromConfirmed();

        _flowManager.Tell(new SwitchResynchronized(_switchId, r.Added, r.Removed, now));
        _setup.Observer.OnEvent(new SwitchResynced(now, _switchId, r.Added, r.Removed));
        _setup.Metrics.RecordRuleChanges("resync", r.Added, r.Removed);
        if (r.Span is { } span)
        {
            span.SetTag(ControllerTelemetry.RulesAdded, r.Added);
            span.SetTag(ControllerTelemetry.RulesRemoved, r.Removed);
            span.SetTag(ControllerTelemetry.VirtualEndMs, now.TotalMilliseconds);
            span.Dispose();
        }
    }

    // ---- rule updates ----

    private void OnApplyRules(ApplyRules m)
    {
        // In sync the update goes out at once below, and its place in the in-flight updates is its desired effect.
        if (!_desiredFromConfirmed) RuleTableUpdate.Apply(_desired, m);
        if (m.HasGroups) RuleTableUpdate.ApplyGroups(_desiredGroups, m);
        if (!_connected || _resync is { Desired: null })
            _coveredByResync.Add(Pending(m, Sender, _clock.Now));   // the coming desired-rules snapshot includes it
        else if (_resync is { BarrierXid: 0 } r)
            r.Deferred.Add((m, Sender));                            // after the snapshot: apply once reconciled
        else
            Send(m, Sender);
    }

    private PendingUpdate Pending(ApplyRules m, IActorRef requester, TimeSpan now) =>
        new(m, requester, m.Add.IsDefault ? 0 : m.Add.Length, m.Remove.IsDefault ? 0 : m.Remove.Length, now, StartInstallSpan(m.Trace));

    /// <summary>
    /// Group adds, flow adds, flow deletes (strict, any cookie), group deletes, then a barrier; removals of an
    /// entry re-added in the same update are dropped, since an Add already replaces it.
    /// </summary>
    private void Send(ApplyRules m, IActorRef requester)
    {
        var add = m.Add.IsDefault ? ImmutableArray<FlowRule>.Empty : m.Add;
        var remove = m.Remove.IsDefault ? ImmutableArray<FlowRule>.Empty : m.Remove;
        var hasGroups = m.HasGroups;
        var addGroups = m.AddGroups.IsDefault ? ImmutableArray<GroupEntry>.Empty : m.AddGroups;
        var removeGroups = m.RemoveGroups.IsDefault ? ImmutableArray<GroupEntry>.Empty : m.RemoveGroups;
        var messages = new List<ControllerMessage>(add.Length + remove.Length + addGroups.Length + removeGroups.Length + 1);
        if (hasGroups)
            foreach (var g in addGroups) messages.Add(new GroupMod(NextXid(), GroupModCommand.Add, g));
        HashSet<RuleKey>? added = add.Length > 0 && remove.Length > 0 ? new HashSet<RuleKey>() : null;
        foreach (var rule in add)
        {
            added?.Add(RuleKey.Of(rule));
            messages.Add(new FlowMod(NextXid(), FlowModCommand.Add, rule));
        }
        var removed = 0;
        foreach (var rule in remove)
        {
            if (added is not null && added.Contains(RuleKey.Of(rule))) continue;
            messages.Add(new FlowMod(NextXid(), FlowModCommand.DeleteStrict, rule) { CookieMask = 0 });
            removed++;
        }
        if (hasGroups)
            foreach (var g in removeGroups) messages.Add(new GroupMod(NextXid(), GroupModCommand.Delete, g));
        var barrier = NextXid();
        messages.Add(new BarrierRequest(barrier));
        _channel!.Send(messages);
        _inFlight[barrier] = new PendingUpdate(m, requester, add.Length, removed, _clock.Now, StartInstallSpan(m.Trace));
    }

    private Activity? StartInstallSpan(ActivityContext trace)
    {
        // Updates without a trace (nothing to attach to) get no span rather than a stray root.
        if (trace == default) return null;
        var span = ControllerTelemetry.StartChild(ControllerTelemetry.SwitchInstall, trace);
        span?.SetTag(ControllerTelemetry.SwitchId, _switchId);
        span?.SetTag(ControllerTelemetry.VirtualStartMs, _clock.Now.TotalMilliseconds);
        return span;
    }

    private void OnBarrierReply(BarrierReply m)
    {
        if (_resync is { } r && r.BarrierXid == m.Xid)
        {
            CompleteResync(r);
            return;
        }
        if (!_inFlight.ContainsKey(m.Xid)) return;
        // Confirmed plus in-flight equals desired only while barriers come back in send order.
        if (_desiredFromConfirmed && !IsOldestInFlight(m.Xid)) StopDesiredFromConfirmed();
        _inFlight.Remove(m.Xid, out var p);
        Confirm(p!, _clock.Now, applied: true);
    }

    private bool IsOldestInFlight(uint xid)
    {
        foreach (var other in _inFlight.Keys)
            if (other < xid) return false;
        return true;
    }

    /// <summary>Confirmed with the in-flight updates applied in send order (xids grow with each message sent).</summary>
    private Dictionary<RuleKey, FlowRule> ConfirmedPlusInFlight()
    {
        var rules = _confirmed.Snapshot();
        if (_inFlight.Count == 0) return rules;
        var xids = new List<uint>(_inFlight.Keys);
        xids.Sort();
        foreach (var xid in xids) RuleTableUpdate.Apply(rules, _inFlight[xid].Update);
        return rules;
    }

    /// <summary>After a resync: stop keeping desired apart if confirmed plus in flight already equals it.</summary>
    private void TryDesiredFromConfirmed()
    {
        if (_desiredFromConfirmed || !_connected || _resync is not null || _coveredByResync.Count > 0) return;
        var sum = ConfirmedPlusInFlight();
        if (sum.Count != _desired.Count) return;
        foreach (var (key, rule) in _desired)
            if (!sum.TryGetValue(key, out var other) || !(ReferenceEquals(rule, other) || rule.Equals(other))) return;
        _desired.Clear();
        _desired.TrimExcess();
        _desiredFromConfirmed = true;
    }

    /// <summary>Desired becomes its own dictionary again, equal to what it stood for.</summary>
    private void StopDesiredFromConfirmed()
    {
        if (!_desiredFromConfirmed) return;
        _desiredFromConfirmed = false;
        foreach (var (key, rule) in ConfirmedPlusInFlight()) _desired[key] = rule;
    }

    /// <summary>An update's requester hears it is done; <paramref name="applied"/>: its own barrier proved its rules.</summary>
    private void Confirm(PendingUpdate p, TimeSpan now, bool applied)
    {
        if (applied)
        {
            _confirmed.Apply(p.Update);
            _setup.Metrics.RecordBarrierRoundTrip(now - p.SentAt, _clock.IsVirtual);
        }
        p.Requester.Tell(new RulesConfirmed(_switchId, p.Update.UpdateId, p.Added, p.Removed, p.SentAt, now), Self);
        if (p.Span is not { } span) return;
        span.SetTag(ControllerTelemetry.RulesAdded, p.Added);
        span.SetTag(ControllerTelemetry.RulesRemoved, p.Removed);
        span.SetTag(ControllerTelemetry.BarrierRttMs, (now - p.SentAt).TotalMilliseconds);
        span.SetTag(ControllerTelemetry.VirtualEndMs, now.TotalMilliseconds);
        span.Dispose();
    }

    private static ImmutableArray<GroupEntry> Sorted(Dictionary<uint, GroupEntry> groups)
    {
        var list = new List<GroupEntry>(groups.Values);
        list.Sort(static (a, b) => a.GroupId.CompareTo(b.GroupId));
        return [.. list];
    }

    private static ImmutableArray<FlowRule> Sorted(IEnumerable<FlowRule> rules)
    {
        var list = new List<FlowRule>(rules);
        list.Sort(static (a, b) =>
        {
            var c = b.Priority.CompareTo(a.Priority);
            return c != 0 ? c : string.CompareOrdinal(a.Match.ToString(), b.Match.ToString());
        });
        return [.. list];
    }

    // ---- packet-in: LLDP probes, proxy ARP, reactive flow setup ----

    private void OnPacketIn(PacketIn p)
    {
        var frame = p.Frame.Span;
        if (LldpFrame.TryParse(frame, out var probe))
        {
            if (_network.TryGetSwitchId(probe.Dpid, out var from))
                _topology.Tell(new LldpObserved(_switchId, p.InPort, from, probe.Port, _clock.Now));
            return;
        }
        if (ArpFrame.TryParse(frame, out var arp) && arp.Operation == ArpPacket.Request &&
            arp.SenderIp != arp.TargetIp && _network.TryGetHostMac(arp.TargetIp, out var owner))
        {
            var reply = ArpFrame.BuildReply(owner, arp.TargetIp, arp.SenderMac, arp.SenderIp);
            _channel!.Send(new PacketOut(NextXid(), reply, PortNumbers.Controller, [new OutputAction(p.InPort)]));
            return;
        }
        // Reactive routing: an IPv4 packet no flow rule matched opens a flow (the flow manager routes it and
        // releases the packet). Proactive routing has no table-miss rule, so such packets do not arrive here.
        if (_setup.Options.Reactive && Ipv4FlowKey.TryParse(frame, out var key))
        {
            // Packet-ins come in bursts (many new flows at once); they go to the flow manager as one message per
            // burst: the flush is queued behind the channel messages already in this actor's mailbox.
            if (_packetIns is null)
            {
                _packetIns = ImmutableArray.CreateBuilder<ReactivePacketIn>();
                Self.Tell(FlushPacketIns.Instance);
            }
            _packetIns.Add(new ReactivePacketIn(_switchId, p.InPort, p.Frame, key) { SwitchIndex = _switchIndex });
        }
    }

    private void OnFlushPacketIns()
    {
        var batch = _packetIns;
        _packetIns = null;
        if (batch is null || batch.Count == 0) return;
        _flowManager.Tell(batch.Count == 1 ? batch[0] : new ReactivePacketIns(batch.ToImmutable()), Self);
    }

    /// <summary>The flow manager releases packets it held while their flows' rules were installed.</summary>
    private void OnReleasePackets(ReleasePackets m)
    {
        if (!_connected || m.Packets.IsDefaultOrEmpty) return;   // the switch is gone; so are the packets
        var messages = new List<ControllerMessage>(m.Packets.Length);
        foreach (var p in m.Packets) messages.Add(new PacketOut(NextXid(), p.Frame, p.InPort, p.Actions));
        _channel!.Send(messages);
    }

    // ---- LLDP probing ----

    private void OnFeatures(FeaturesReply f)
    {
        var max = 0;
        foreach (var port in f.Ports)
            if (port.PortNo is > 0 and <= MaxArrayPort && port.PortNo > max) max = port.PortNo;
        if (max >= _portMacs.Length) Array.Resize(ref _portMacs, max + 1);
        foreach (var port in f.Ports)
        {
            if (port.PortNo is >= 0 and <= MaxArrayPort) _portMacs[port.PortNo] = port.HardwareAddress;
            else (_farPortMacs ??= new Dictionary<int, MacAddress>())[port.PortNo] = port.HardwareAddress;
        }
        _probes.Clear();   // rebuild with the ports' own MACs
    }

    private void StartProbing(bool immediately)
    {
        StopProbing();
        _probeTick = new ProbeTick();
        if (immediately)
        {
            SendProbes();
            ScheduleProbe(_probeTick, _setup.Options.LldpInterval);
        }
        else
        {
            ScheduleProbe(_probeTick, _setup.Options.LldpInterval + ProbePhase(_dpid, _setup.Options.LldpInterval));
        }
    }

    /// <summary>
    /// Where in the interval this switch's rounds fall. Switches that connect together (start-up) would
    /// otherwise all probe at the same instant: hundreds of packet-outs, their trips and packet-ins in one
    /// burst, which then lands whole inside whatever else the controller is doing (a reroute's p99). A hash
    /// of the dpid spreads the rounds evenly and deterministically (virtual-time runs repeat exactly). The
    /// first round still comes less than two intervals after the connect, well inside the keepalive timeout.
    /// </summary>
    internal static TimeSpan ProbePhase(ulong dpid, TimeSpan interval)
    {
        if (interval <= TimeSpan.Zero) return TimeSpan.Zero;
        var mixed = dpid * 0x9E3779B97F4A7C15UL;
        mixed ^= mixed >> 29;
        mixed *= 0xBF58476D1CE4E5B9UL;
        mixed ^= mixed >> 32;
        // Whole microseconds, so a phase never lands between the ticks of a coarser virtual clock.
        var slots = (ulong)Math.Max(1, interval.Ticks / TimeSpan.TicksPerMicrosecond);
        return TimeSpan.FromTicks((long)(mixed % slots) * TimeSpan.TicksPerMicrosecond);
    }

    private void StopProbing()
    {
        _probeTimer?.Cancel();
        _probeTimer = null;
        _probeTick = null;
    }

    private void OnProbeTick(ProbeTick tick)
    {
        if (!ReferenceEquals(tick, _probeTick) || !_connected) return;
        SendProbes();
        ScheduleProbe(tick, _setup.Options.LldpInterval);
    }

    private void ScheduleProbe(ProbeTick tick, TimeSpan delay)
    {
        var self = Self;
        _probeTimer = _clock.Schedule(delay, () => self.Tell(tick));
    }

    private void SendProbes()
    {
        var ports = _network.LinkPorts(_switchId);
        if (ports.IsEmpty) return;
        var messages = new List<ControllerMessage>(ports.Length);
        foreach (var port in ports)
        {
            if (!_probes.TryGetValue(port, out var probe))
                _probes[port] = probe = (LldpFrame.Build(_dpid, port, PortMac(port), ProbeTtlSeconds()), OutputActions.To(port));
            // A copy per send: the data plane owns the frame it is given and may rewrite it in place.
            messages.Add(new PacketOut(NextXid(), probe.Frame.AsSpan().ToArray(), PortNumbers.Controller, probe.Out));
        }
        _channel!.Send(messages);
    }

    private MacAddress PortMac(int port) =>
        KnownPortMac(port) is { Value: not 0 } mac
            ? mac
            // Locally administered, unique per (dpid, port), until the features reply names the real one.
            : new MacAddress(0x02_0000_0000_00UL | ((_dpid & 0xFF_FFFF) << 16) | ((uint)port & 0xFFFF));

    private MacAddress KnownPortMac(int port) =>
        port is >= 0 and <= MaxArrayPort
            ? port < _portMacs.Length ? _portMacs[port] : default
            : _farPortMacs is not null && _farPortMacs.TryGetValue(port, out var mac) ? mac : default;

    private ushort ProbeTtlSeconds()
    {
        var o = _setup.Options;
        var seconds = Math.Ceiling((o.LldpInterval * o.LldpTimeoutMultiplier).TotalSeconds);
        return (ushort)Math.Clamp(seconds, 1, ushort.MaxValue);
    }
}
