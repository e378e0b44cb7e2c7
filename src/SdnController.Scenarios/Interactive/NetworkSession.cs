using System.Collections.Immutable;
using SdnController.Controller;
using SdnController.Controller.Messages;
using SdnController.Controller.Observation;
using SdnController.Scenarios.Playback;
using SdnController.Telemetry.TraceFiles;
using SdnController.Topology.Model.Nfv;
using SdnController.VirtualNetwork;
using SdnController.VirtualNetwork.Hosts;
using SdnController.VirtualNetwork.Simulation;
using SdnController.VirtualNetwork.Traffic;

namespace SdnController.Scenarios.Interactive;

/// <summary>
/// The live network behind `sdnctl shell`: the virtual network and the Akka.NET controller on one
/// virtual-time event loop, built as `sdnctl run` builds them, with the topology's declared traffic
/// running in the background. Time moves only inside the commands: each runs the loop until its outcome
/// is known (the controller's reaction to a change, a ping's reply or timeout), so a script gives the same
/// output every time. Session time 0 is the moment the network was ready. Single-threaded: call it from
/// one thread.
/// </summary>
public sealed class NetworkSession : IDisposable
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(1);
    /// <summary>Declared traffic without a stop runs for the whole session; this is "the whole session".</summary>
    private static readonly TimeSpan TrafficHorizon = TimeSpan.FromDays(3650);

    private readonly EventLoop _loop;
    private readonly LoopController _controller;
    private readonly SessionObserver _observer;
    private readonly SpanRecorder _spans;
    private readonly TableWalker _walker;
    private readonly TimeSpan _pingTimeout;
    /// <summary>Reactive routing: pings just go; their first packet reaches the controller, which routes them.</summary>
    private readonly bool _reactive;
    /// <summary>Classifies what hosts send and labels flows for the controller; only with a <c>policy:</c> section, as in `sdnctl run`.</summary>
    private readonly Policy.PolicyTap? _policyTap;
    private bool _disposed;

    private NetworkSession(Topology.Model.Topology topology, SessionOptions options)
    {
        Topology = topology;
        Options = options;
        _spans = new SpanRecorder();
        _observer = new SessionObserver();
        _loop = EventLoop.CreateVirtual();
        Network = new SimulatedNetwork(topology, _loop, options.Network with { Seed = options.Seed, LocalFailureDetection = options.Network.LocalFailureDetection ?? topology.Controller.Detection.Bfd });
        _walker = new TableWalker(Network);
        _pingTimeout = options.PingTimeout + ScenarioRun.SlowestRoundTrip(topology);
        var controller = options.Controller ?? ControllerOptions.For(topology);
        _reactive = controller.Reactive;
        _controller = LoopController.Start(_loop, topology, Network, controller, _observer, "sdnctl-shell");
        if (topology.Policy.Count > 0) _policyTap = new Policy.PolicyTap(Network, _loop, _controller.Host, topology.Policy);
    }

    public Topology.Model.Topology Topology { get; }
    public SessionOptions Options { get; }
    public SimulatedNetwork Network { get; }
    /// <summary>Network-clock time of session time 0.</summary>
    public TimeSpan Origin { get; private set; }
    /// <summary>Session time: how long the network has run since it was ready.</summary>
    public TimeSpan Now => _loop.Now - Origin;
    /// <summary>Every controller event so far, in order.</summary>
    public IReadOnlyList<ControllerEvent> ControllerEvents => _observer.Events;
    /// <summary>The declared traffic flows running in the background.</summary>
    public IReadOnlyList<HostFlow> Traffic => Network.Flows;

    /// <summary>
    /// Builds the network and the controller, installs the topology's declared flows, waits until every
    /// switch is connected and the flows are confirmed, then starts the declared traffic.
    /// </summary>
    /// <exception cref="RunFailedException">The controller was not ready within the setup limit, or a flow cannot start.</exception>
    public static NetworkSession Start(Topology.Model.Topology topology, SessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var session = new NetworkSession(topology, options ?? new SessionOptions());
        try
        {
            session.Setup();
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private void Setup()
    {
        var traffic = Topology.Traffic;
        var specs = ImmutableArray.CreateBuilder<FlowSpec>(traffic.Count);
        foreach (var f in traffic) specs.Add(TrafficMapping.ToFlowSpec(f));
        if (specs.Count > 0) _controller.Host.InstallFlows(specs.ToImmutable());
        var switches = Topology.Switches.Count;
        var functions = Topology.Nfv.Count;
        bool Ready() => (specs.Count == 0 || _observer.Installed is not null) && _observer.ConnectedSwitches >= switches && _observer.ConfiguredFunctions >= functions;
        while (!Ready() && _loop.Now < Options.SetupLimit) _loop.RunUntil(_loop.Now + Step);
        if (!Ready())
            throw new RunFailedException(
                $"the controller was not ready after {Options.SetupLimit.TotalSeconds:0.#} s: {_observer.ConnectedSwitches} of {switches} switches connected" +
                (specs.Count > 0 && _observer.Installed is null ? ", declared flows not confirmed" : "") +
                (_observer.ConfiguredFunctions < functions ? $", {_observer.ConfiguredFunctions} of {functions} network functions configured" : ""));
        Origin = TimeSpan.FromMilliseconds(Math.Ceiling(_loop.Now.TotalMilliseconds));
        _loop.RunUntil(Origin);
        foreach (var f in traffic)
        {
            try
            {
                Network.StartFlow(TrafficMapping.ToHostFlowSpec(f, Origin, TrafficHorizon));
            }
            catch (ArgumentException e)
            {
                throw new RunFailedException($"flow '{f.Id}'{(f.Source is { } at ? $" ({at})" : "")} cannot start: {e.Message}");
            }
        }
    }

    // ---- looking -------------------------------------------------------------------------------

    /// <summary>Every switch, then every host, each with its ports and what they connect to (`net`, `nodes`).</summary>
    public IReadOnlyList<NodeView> Nodes()
    {
        var t = Topology;
        var ports = new Dictionary<string, List<PortView>>(StringComparer.Ordinal);
        foreach (var s in t.Switches) ports[s.Id] = [];
        foreach (var l in t.Links)
        {
            var up = LinkCarries(l.Id, l.A.Node, l.B.Node);
            ports[l.A.Node].Add(new PortView(l.A.Port, l.B.Node, l.B.Port, l.Id, up));
            ports[l.B.Node].Add(new PortView(l.B.Port, l.A.Node, l.A.Port, l.Id, up));
        }
        var hosts = new List<NodeView>(t.Hosts.Count);
        foreach (var h in t.Hosts)
        {
            var up = Network.IsSwitchUp(h.Attachment.Node);
            ports[h.Attachment.Node].Add(new PortView(h.Attachment.Port, h.Id, 0, null, up));
            hosts.Add(new NodeView(h.Id, true, true, [new PortView(0, h.Attachment.Node, h.Attachment.Port, null, up)]));
        }
        var nodes = new List<NodeView>(t.Switches.Count + t.Hosts.Count);
        foreach (var s in t.Switches)
        {
            var list = ports[s.Id];
            list.Sort((a, b) => a.Port.CompareTo(b.Port));
            nodes.Add(new NodeView(s.Id, false, Network.IsSwitchUp(s.Id), list));
        }
        nodes.AddRange(hosts);
        return nodes;
    }

    /// <summary>Every switch-to-switch link with its state (`links`).</summary>
    public IReadOnlyList<LinkView> Links()
    {
        var result = new List<LinkView>(Topology.Links.Count);
        foreach (var l in Topology.Links)
        {
            var up = Network.IsLinkUp(l.Id);
            bool aUp = Network.IsSwitchUp(l.A.Node), bUp = Network.IsSwitchUp(l.B.Node);
            result.Add(new LinkView(l.Id, l.A.Node, l.A.Port, l.B.Node, l.B.Port, up, up && aUp && bUp, up && aUp && bUp));
        }
        return result;
    }

    /// <summary>The switch's rules and groups as it holds them now, with their counters (`flows s1`).</summary>
    public FlowTableView Flows(string switchId)
    {
        var index = SwitchIndex(switchId);
        var sw = Network.Switches[index];
        var up = Network.IsSwitchUp(switchId);
        return new FlowTableView(switchId, up, up ? sw.Flows.Snapshot() : [], up ? sw.Groups.Snapshot() : [], Now, _loop.Now);
    }

    /// <summary>
    /// Every flow the classifier labelled for the policy (`policy`), one row per 5-tuple with its latest label and what the
    /// controller made of it, in the order the flows were first labelled. Empty without a <c>policy:</c> section.
    /// </summary>
    public IReadOnlyList<PolicyFlowView> PolicyFlows()
    {
        var rows = new List<PolicyFlowView>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in _observer.Events)
        {
            if (e is not FlowPolicyApplied p) continue;
            var rule = p.Rule < 0 || p.Rule >= Topology.Policy.Count ? "-" : $"#{p.Rule + 1} {Topology.Policy[p.Rule].MatchText}";
            if (index.TryGetValue(p.Flow, out var i))
            {
                var labels = rows[i].Labels + 1;
                rows[i] = new PolicyFlowView(p.Flow, p.Protocol, p.Method, p.Class, rule, p.Action, p.Outcome, p.At - Origin, labels);
            }
            else
            {
                index[p.Flow] = rows.Count;
                rows.Add(new PolicyFlowView(p.Flow, p.Protocol, p.Method, p.Class, rule, p.Action, p.Outcome, p.At - Origin, 1));
            }
        }
        return rows;
    }

    /// <summary>Whether the topology declares a <c>policy:</c> section (the classifier runs only then).</summary>
    public bool HasPolicy => _policyTap is not null;

    // ---- changing --------------------------------------------------------------------------------

    /// <summary>
    /// Fails or restores every link between two switches (`link s1 s2 down|up`), then runs until the
    /// controller has finished reacting. <paramref name="silent"/>: a failure without port-status (only
    /// the LLDP keepalive notices).
    /// </summary>
    public ChangeOutcome SetLink(string a, string b, bool up, bool silent = false)
    {
        var ids = LinksBetween(a, b);
        var state = up ? "up" : silent ? "down (silent)" : "down";
        var description = $"{(ids.Count == 1 ? "link" : "links")} {string.Join(", ", ids)} {state}";
        var at = Now;
        var changing = new List<string>();
        foreach (var id in ids) if (Network.IsLinkUp(id) != up) changing.Add(id);
        if (changing.Count == 0) return new ChangeOutcome(description, at, false, [], at) { Note = $"already {(up ? "up" : "down")}" };

        // The controller hears of a link only when both of its switches are up.
        var watched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in changing)
        {
            var l = Topology.Links[LinkIndexOf(id)];
            if (Network.IsSwitchUp(l.A.Node) && Network.IsSwitchUp(l.B.Node)) watched.Add(id);
        }
        var before = _observer.Events.Count;
        foreach (var id in changing) Network.SetLinkState(id, up, silent && !up);
        var note = watched.Count == 0 ? "a switch at its end is down: the controller sees nothing until it is back" : null;
        return AwaitReaction(description, at, before, watched, switchToConnect: null, note);
    }

    /// <summary>Powers a switch off or on (`switch s1 down|up`), then runs until the controller has finished reacting.</summary>
    public ChangeOutcome SetSwitch(string switchId, bool up)
    {
        SwitchIndex(switchId);
        var description = $"switch {switchId} {(up ? "up" : "down")}";
        var at = Now;
        if (Network.IsSwitchUp(switchId) == up) return new ChangeOutcome(description, at, false, [], at) { Note = $"already {(up ? "up" : "down")}" };
        // Its links whose far switch is up change state for the controller (down now, or up once it is back).
        var watched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var l in Topology.Links)
        {
            if (l.A.Node != switchId && l.B.Node != switchId) continue;
            var far = l.OtherEnd(switchId);
            if (far != switchId && Network.IsSwitchUp(far) && Network.IsLinkUp(l.Id)) watched.Add(l.Id);
        }
        var before = _observer.Events.Count;
        Network.SetSwitchState(switchId, up);
        return AwaitReaction(description, at, before, watched, up ? switchId : null, null);
    }

    /// <summary>
    /// Fails a network function or brings it back restarted and unconfigured (`nfv fw1 down|up`). Only the data
    /// plane changes: its switch port stays up, so no reroute follows.
    /// </summary>
    public ChangeOutcome SetFunction(string functionId, bool up)
    {
        if (Topology.FindNfv(functionId) is null)
        {
            var names = new List<string>(Topology.Nfv.Count);
            foreach (var f in Topology.Nfv) names.Add(f.Id);
            throw new SessionInputException(NearNames.Unknown("network function", "network functions", functionId, names));
        }
        var description = $"nfv {functionId} {(up ? "up" : "down")}";
        var at = Now;
        if (Network.IsFunctionUp(functionId) == up) return new ChangeOutcome(description, at, false, [], at) { Note = $"already {(up ? "up" : "down")}" };
        var before = _observer.Events.Count;
        Network.SetFunctionState(functionId, up);
        // The controller's function actor hears the new state; after an up it pushes the rules again.
        var hasConfig = Topology.FindNfv(functionId)!.Config is not null;
        FunctionStateChanged? heard = null;
        FunctionConfigurationApplied? again = null;
        bool Reacted()
        {
            for (var i = before; i < _observer.Events.Count; i++)
            {
                if (_observer.Events[i] is FunctionStateChanged s && s.FunctionId == functionId && s.Up == up) heard ??= s;
                else if (_observer.Events[i] is FunctionConfigurationApplied c && c.FunctionId == functionId && heard is not null) again ??= c;
            }
            return heard is not null && (!up || !hasConfig || again is not null);
        }
        var reacted = RunUntil(Reacted, Options.ReactionLimit);
        string note;
        if (!up)
            note = "it drops everything it receives; its switch port stays up" +
                   (heard is { } d ? $"; the controller heard it down after {ShellText.Ms(d.At - Origin - at)} ms" : "");
        else
            note = "restarted with no configuration: it drops everything until configured again" +
                   (again is { } c ? $"; the controller re-sent version {c.Version} and it was in force after {ShellText.Ms(c.At - Origin - at)} ms" : "");
        return new ChangeOutcome(description, at, true, [], Now) { Note = note, TimedOut = !reacted };
    }

    private long _countersRequest;

    /// <summary>
    /// The network functions as the controller sees them (`nfv`, `nfv F rules`): state and applied version from
    /// its events, counters from a counters request each function actor sends now (a down one has none).
    /// </summary>
    public IReadOnlyList<FunctionView> Functions(string? onlyId = null)
    {
        if (onlyId is not null) FunctionIndex(onlyId);
        var request = ++_countersRequest;
        var from = _observer.Events.Count;
        _controller.Host.CollectFunctionCounters(request, onlyId);
        var expected = onlyId is null ? Topology.Nfv.Count : 1;
        int Answered()
        {
            var n = 0;
            for (var i = from; i < _observer.Events.Count; i++)
                if (_observer.Events[i] is FunctionCountersCollected k && k.RequestId == request) n++;
            return n;
        }
        RunUntil(() => Answered() >= expected, Options.ReactionLimit);
        var result = new List<FunctionView>(expected);
        foreach (var f in Topology.Nfv)
        {
            if (onlyId is not null && f.Id != onlyId) continue;
            var state = "unknown";
            long version = 0;
            var alerts = 0;
            FunctionCountersCollected? counters = null;
            foreach (var e in _observer.Events)
                switch (e)
                {
                    case FunctionStateChanged s when s.FunctionId == f.Id:
                        state = s.Up ? "up" : "down";
                        version = s.AppliedVersion;
                        break;
                    case FunctionConfigurationApplied c when c.FunctionId == f.Id:
                        version = c.Version;
                        break;
                    case FunctionAlertRaised a when a.FunctionId == f.Id:
                        alerts++;
                        break;
                    case FunctionCountersCollected k when k.FunctionId == f.Id && k.RequestId == request:
                        counters = k;
                        if (k.Total is not null) version = k.AppliedVersion;
                        break;
                }
            result.Add(new FunctionView(f.Id, NfvKinds.Name(f.Kind), f.Attachment.ToString(), state, version, counters?.Total,
                counters is { Total: not null } ? counters.Rules : [], alerts) { Standby = f.Standby, CountersNote = counters is null ? "no answer" : counters.Reason });
        }
        return result;
    }

    /// <summary>The declared service chains (`chains`): what they match and their functions in order, with the functions' states.</summary>
    public IReadOnlyList<ChainView> Chains()
    {
        // The latest route of each chained flow, from the flow manager's events.
        var latest = new Dictionary<string, ChainRouteChanged>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var e in ControllerEvents)
            if (e is ChainRouteChanged r)
            {
                if (!latest.ContainsKey(r.FlowId)) order.Add(r.FlowId);
                latest[r.FlowId] = r;
            }
        var result = new List<ChainView>(Topology.Chains.Count);
        foreach (var c in Topology.Chains)
        {
            var through = new List<(string, bool)>(c.Through.Count);
            foreach (var f in c.Through) through.Add((f, Network.IsFunctionUp(f)));
            var flows = new List<ChainFlowPath>();
            foreach (var id in order)
                if (latest[id] is { } r && r.ChainId == c.Id)
                    flows.Add(new ChainFlowPath(id, r.Path, r.ClosedReason)
                    {
                        Branches = r.Branches.Length > 1 ? r.Branches : ImmutableArray<ChainBranchPath>.Empty,
                    });
            result.Add(new ChainView(c.Id, ChainMatchText(c.Match), through) { Flows = flows });
        }
        return result;
    }

    private static string ChainMatchText(ChainMatch m)
    {
        var parts = new List<string>();
        if (m.From is { } from) parts.Add($"from {from}");
        if (m.To is { } to) parts.Add($"to {to}");
        if (m.Protocol != TransportProtocol.Any) parts.Add(m.Protocol.ToString().ToLowerInvariant());
        if (!m.SourcePorts.IsAny) parts.Add($"sport {Ports(m.SourcePorts)}");
        if (!m.DestinationPorts.IsAny) parts.Add($"dport {Ports(m.DestinationPorts)}");
        if (m.Class is { } cls) parts.Add($"class {cls}");
        return parts.Count == 0 ? "all traffic" : string.Join(' ', parts);
    }

    private static string Ports(PortRange r) => r.Low == r.High ? $"{r.Low}" : $"{r.Low}-{r.High}";

    private int FunctionIndex(string id)
    {
        for (var i = 0; i < Topology.Nfv.Count; i++)
            if (Topology.Nfv[i].Id == id) return i;
        var names = new List<string>(Topology.Nfv.Count);
        foreach (var f in Topology.Nfv) names.Add(f.Id);
        if (names.Count == 0) throw new SessionInputException("this topology has no network functions (its nfv: section is empty)");
        throw new SessionInputException(NearNames.Unknown("network function", "network functions", id, names));
    }

    /// <summary>
    /// The IDS blocks in force (`blocks`), oldest first, from the controller's events; the packets each dropped are
    /// its rules' counters in the switches now (a rule a switch no longer holds, or a switch that is down, counts 0).
    /// </summary>
    public IReadOnlyList<BlockView> Blocks()
    {
        var open = new Dictionary<long, FlowBlocked>();
        foreach (var e in _observer.Events)
            if (e is FlowBlocked { BlockId: > 0 } b && !b.Switches.IsEmpty) open[b.BlockId] = b;
            else if (e is FlowUnblocked u) open.Remove(u.BlockId);
        var result = new List<BlockView>(open.Count);
        foreach (var b in open.Values)
        {
            long? dropped = null;
            var cookie = Controller.Planning.BlockCookie.Of(b.BlockId);
            foreach (var sw in b.Switches)
            {
                if (!Network.IsSwitchUp(sw)) continue;
                dropped ??= 0;
                foreach (var entry in Network.Switches[SwitchIndex(sw)].Flows.Snapshot())
                    if (entry.Rule.Cookie == cookie) dropped += (long)entry.Packets;
            }
            result.Add(new BlockView(b.BlockId, b.Flow, b.Switches, b.FunctionId, b.SignatureId, b.Since - Origin, b.ExpiresAt - Origin, dropped));
        }
        result.Sort((x, y) => x.Id.CompareTo(y.Id));
        return result;
    }

    /// <summary>
    /// `unblock ID` / `unblock all`: asks the controller to lift the block(s), then runs until the switches confirmed
    /// each removal. An id that is no block in force is an error naming the ones that are.
    /// </summary>
    public UnblockOutcome Unblock(string which)
    {
        var blocks = Blocks();
        var at = Now;
        var lifting = new List<BlockView>();
        if (which == "all") lifting.AddRange(blocks);
        else
        {
            var ids = string.Join(", ", blocks.Select(b => b.Id));
            if (!long.TryParse(which, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
                throw new SessionInputException($"unblock: expected a block id or 'all', found '{which}'{(blocks.Count > 0 ? $"; blocks in force: {ids}" : "")}");
            var found = blocks.FirstOrDefault(b => b.Id == id)
                ?? throw new SessionInputException(blocks.Count == 0 ? $"no block {id}: no flow is blocked now" : $"no block {id} in force; blocks in force: {ids}");
            lifting.Add(found);
        }
        if (lifting.Count == 0) return new UnblockOutcome([], at);
        var before = _observer.Events.Count;
        if (which == "all") _controller.Host.UnblockAll();
        else _controller.Host.Unblock(lifting[0].Id);
        var confirmed = new Dictionary<long, TimeSpan>();
        bool Done()
        {
            for (var i = before; i < _observer.Events.Count; i++)
                if (_observer.Events[i] is FlowUnblocked u) confirmed.TryAdd(u.BlockId, u.At - Origin);
            return lifting.All(b => confirmed.ContainsKey(b.Id));
        }
        RunUntil(Done, Options.ReactionLimit);
        var lifted = new List<(BlockView, TimeSpan?)>(lifting.Count);
        foreach (var b in lifting) lifted.Add((b, confirmed.TryGetValue(b.Id, out var t) ? t : null));
        return new UnblockOutcome(lifted, at);
    }

    /// <summary>Lets network time pass (`wait 500ms`): traffic flows, keepalives time out, the controller reacts.</summary>
    public TimeSpan Wait(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero) throw new SessionInputException("a wait cannot be negative");
        _loop.RunUntil(_loop.Now + duration);
        return Now;
    }

    private ChangeOutcome AwaitReaction(string description, TimeSpan at, int before, HashSet<string> watched, string? switchToConnect, string? note)
    {
        bool Reacted()
        {
            if (switchToConnect is not null && !_observer.IsConnected(switchToConnect)) return false;
            if (watched.Count == 0) return true;
            for (var i = before; i < _observer.Events.Count; i++)
                if (_observer.Events[i] is RerouteCompleted r)
                    foreach (var c in r.Changes)
                        if (watched.Contains(c.LinkId)) return true;
            return false;
        }
        var reacted = RunUntil(Reacted, Options.ReactionLimit);
        if (reacted) Settle();
        var reactions = new List<RerouteCompleted>();
        for (var i = before; i < _observer.Events.Count; i++)
            if (_observer.Events[i] is RerouteCompleted r) reactions.Add(r);
        var settled = reactions.Count > 0 ? reactions[^1].At - Origin : Now;
        return new ChangeOutcome(description, at, true, reactions, settled) { TimedOut = !reacted, Note = note };
    }

    /// <summary>Runs until the controller reported nothing for a quiet period (bounded by the reaction limit).</summary>
    private void Settle()
    {
        var end = _loop.Now + Options.ReactionLimit;
        while (_loop.Now < end)
        {
            var seen = _observer.Events.Count;
            _loop.RunUntil(_loop.Now + Options.QuietPeriod);
            if (_observer.Events.Count == seen) return;
        }
    }

    private bool RunUntil(Func<bool> done, TimeSpan limit)
    {
        var end = _loop.Now + limit;
        while (!done())
        {
            if (_loop.Now >= end) return false;
            _loop.RunUntil(_loop.Now + Step);
        }
        return true;
    }

    // ---- traffic ---------------------------------------------------------------------------------

    /// <summary>
    /// `ping a b [-c N]`: asks the controller for ICMP rules between the two hosts (it installs them on first
    /// use and reroutes them like any flow), waits for its confirmation, then sends N real echo requests
    /// <see cref="SessionOptions.PingInterval"/> apart and runs until each is answered or timed out. Under
    /// reactive routing nothing is asked: the first echo request reaches the controller as a packet-in.
    /// </summary>
    public PingOutcome Ping(string from, string to, int count = 1)
    {
        if (count < 1 || count > 1000) throw new SessionInputException($"the count must be between 1 and 1000, found {count}");
        var a = PingableHost(from);
        var b = PingableHost(to);
        if (a == b) throw new SessionInputException($"'{from}' cannot ping itself here: pick another host");
        var at = Now;
        var reachable = _reactive ? [true] : EnsureConnectivity([(a.Id, b.Id)]);
        var replies = new EchoReply?[count];
        var start = _loop.Now;
        for (var i = 0; i < count; i++)
        {
            var seq = i;
            _loop.ScheduleAt(start + Options.PingInterval * i, () =>
                Network.Ping(a.Id, b.Id, _pingTimeout, r => replies[seq] = new EchoReply(seq + 1, r.Replied, r.RoundTrip)));
        }
        RunUntil(() => Array.TrueForAll(replies, r => r is not null), Options.PingInterval * count + _pingTimeout + Options.ReactionLimit);
        var list = new List<EchoReply>(count);
        for (var i = 0; i < count; i++) list.Add(replies[i] ?? new EchoReply(i + 1, false, _pingTimeout));
        return new PingOutcome(a.Id, b.Id, FormatIpv4(b.Ipv4!.Value), reachable[0], list, at);
    }

    /// <summary>`pingall`: one echo request between every ordered pair of hosts with an IPv4 address, all at once.</summary>
    public PingAllOutcome PingAll()
    {
        var at = Now;
        var hosts = new List<VirtualHost>();
        var skipped = new List<string>();
        foreach (var h in Network.Hosts)
            if (h.Ipv4 is null) skipped.Add(h.Id);
            else hosts.Add(h);
        var pairs = new List<(string, string)>();
        for (var i = 0; i < hosts.Count; i++)
            for (var j = i + 1; j < hosts.Count; j++) pairs.Add((hosts[i].Id, hosts[j].Id));
        if (!_reactive) EnsureConnectivity(pairs);

        var replied = new bool?[hosts.Count, hosts.Count];
        var ordered = new List<(int, int)>();
        for (var i = 0; i < hosts.Count; i++)
            for (var j = 0; j < hosts.Count; j++)
                if (i != j) ordered.Add((i, j));
        for (var first = 0; first < ordered.Count; first += Options.MaxPingsInFlight)
        {
            var last = Math.Min(ordered.Count, first + Options.MaxPingsInFlight);
            var outstanding = last - first;
            for (var k = first; k < last; k++)
            {
                var (i, j) = ordered[k];
                Network.Ping(hosts[i].Id, hosts[j].Id, _pingTimeout, r =>
                {
                    replied[i, j] = r.Replied;
                    outstanding--;
                });
            }
            RunUntil(() => outstanding == 0, _pingTimeout + Options.ReactionLimit);
        }

        var rows = new List<PingAllRow>(hosts.Count);
        var received = 0;
        for (var i = 0; i < hosts.Count; i++)
        {
            var results = new List<(string, bool)>(hosts.Count - 1);
            for (var j = 0; j < hosts.Count; j++)
            {
                if (i == j) continue;
                var ok = replied[i, j] == true;
                if (ok) received++;
                results.Add((hosts[j].Id, ok));
            }
            rows.Add(new PingAllRow(hosts[i].Id, results));
        }
        return new PingAllOutcome(rows, ordered.Count, received, skipped, at);
    }

    /// <summary>
    /// `routes a b`: the path an ICMP echo from a to b (and its reply) takes by the rules installed in the
    /// switches now, found by walking the tables (the controller is asked for the pair's ICMP rules first,
    /// as a ping would).
    /// </summary>
    public RouteOutcome Routes(string from, string to)
    {
        var a = PingableHost(from);
        var b = PingableHost(to);
        if (a == b) throw new SessionInputException($"'{from}' and '{to}' are the same host");
        var at = Now;
        var reachable = EnsureConnectivity([(a.Id, b.Id)]);
        return new RouteOutcome(_walker.Walk(a, b), _walker.Walk(b, a), reachable[0], at) { EqualCostPaths = EqualCostPaths(a, b) };
    }

    /// <summary>The equal-cost paths ECMP spreads a's traffic to b over, by the controller's metric and the links up now.</summary>
    private IReadOnlyList<string[]> EqualCostPaths(VirtualHost a, VirtualHost b)
    {
        var topology = Network.Topology;
        if (!topology.Controller.Ecmp) return [];
        var graph = Paths.Graph.CompactGraph.FromTopology(topology, Controller.ControllerOptions.For(topology).Metric);
        var down = new Paths.Graph.LinkSet(topology.Links.Count);
        for (var l = 0; l < topology.Links.Count; l++)
            if (!LinkCarries(topology.Links[l].Id, topology.Links[l].A.Node, topology.Links[l].B.Node)) down.Add(l);
        int s = a.SwitchIndex, t = b.SwitchIndex;
        var dag = Paths.Algorithms.EqualCostDag.Between(graph, s, t, down);
        if (dag is null || !dag.HasBranches) return [];
        var result = new List<string[]>();
        foreach (var p in dag.Paths(MaxEqualCostPaths)) result.Add(Array.ConvertAll(p, i => topology.Switches[i].Id));
        return result;
    }

    private const int MaxEqualCostPaths = 64;

    /// <summary>Asks the controller for ICMP rules between each pair and runs until it confirmed each (or the limit passed).</summary>
    private bool[] EnsureConnectivity(IReadOnlyList<(string A, string B)> pairs)
    {
        foreach (var (a, b) in pairs)
        {
            _observer.ForgetReady(a, b);
            _controller.Host.EnsureConnectivity(a, b);
        }
        var next = 0;
        bool AllReady()
        {
            while (next < pairs.Count && _observer.Ready(pairs[next].A, pairs[next].B) is not null) next++;
            return next == pairs.Count;
        }
        RunUntil(AllReady, Options.ReactionLimit + TimeSpan.FromMilliseconds(10) * pairs.Count);
        var result = new bool[pairs.Count];
        for (var i = 0; i < pairs.Count; i++) result[i] = _observer.Ready(pairs[i].A, pairs[i].B)?.Reachable ?? false;
        return result;
    }

    // ---- traces ----------------------------------------------------------------------------------

    /// <summary>The trace of the last topology change the controller handled (`trace last`).</summary>
    public TraceOutcome TraceLast()
    {
        if (_observer.LastReroute is not { } reroute)
            throw new SessionInputException("no topology change yet: the controller has rerouted nothing (try 'link s1 s2 down' first)");
        if (reroute.Trace == default || _spans.Spans(reroute.Trace.TraceId).Count == 0)
            throw new SessionInputException("the last change's spans were not recorded");
        // Every reroute trace of the session in one forest, so the waterfall can say "failure 3 of 4".
        var all = new List<System.Diagnostics.Activity>();
        var seen = new HashSet<System.Diagnostics.ActivityTraceId>();
        foreach (var t in _observer.RerouteTraces)
            if (t != default && seen.Add(t.TraceId)) all.AddRange(_spans.Spans(t.TraceId));
        var forest = ActivitySpans.ToForest(all);
        var trace = forest.Find(reroute.Trace.TraceId.ToHexString(), out _)!;
        return new TraceOutcome(trace, reroute, forest.Failures.Count);
    }

    // ---- names -----------------------------------------------------------------------------------

    /// <summary>Every link id between two switches, in topology order; clear errors for unknown or unconnected names.</summary>
    private List<string> LinksBetween(string a, string b)
    {
        NodeKind(a);
        NodeKind(b);
        foreach (var (x, y) in new[] { (a, b), (b, a) })
        {
            if (Topology.FindHost(x) is not { } host) continue;
            if (host.Attachment.Node == y)
                throw new SessionInputException($"{x}–{y} is a host's access link; the shell changes switch-to-switch links (try 'switch {y} down')");
            throw new SessionInputException($"{x} is a host; it is attached to {host.Attachment.Node}, and links join switches");
        }
        if (a == b) throw new SessionInputException($"a link needs two different switches, found '{a}' twice");
        var ids = new List<string>();
        var neighbours = new SortedSet<string>(Comparer<string>.Create(NaturalOrder.Compare));
        foreach (var l in Topology.Links)
        {
            if (l.Connects(a, b)) ids.Add(l.Id);
            if (l.A.Node == a) neighbours.Add(l.B.Node);
            else if (l.B.Node == a) neighbours.Add(l.A.Node);
        }
        if (ids.Count == 0)
            throw new SessionInputException($"no link between {a} and {b}; {a} links to {(neighbours.Count == 0 ? "nothing" : string.Join(", ", neighbours))}");
        return ids;
    }

    private void NodeKind(string name)
    {
        if (Topology.IndexOfSwitch(name) >= 0 || Topology.IndexOfHost(name) >= 0) return;
        var all = new List<string>(Topology.Switches.Count + Topology.Hosts.Count);
        foreach (var s in Topology.Switches) all.Add(s.Id);
        foreach (var h in Topology.Hosts) all.Add(h.Id);
        throw new SessionInputException(NearNames.Unknown("node", "nodes", name, all));
    }

    private int SwitchIndex(string id)
    {
        var i = Topology.IndexOfSwitch(id);
        if (i >= 0) return i;
        if (Topology.FindHost(id) is { } h)
            throw new SessionInputException($"'{id}' is a host (attached to {h.Attachment.Node}); this command takes a switch");
        var names = new List<string>(Topology.Switches.Count);
        foreach (var s in Topology.Switches) names.Add(s.Id);
        throw new SessionInputException(NearNames.Unknown("switch", "switches", id, names));
    }

    private VirtualHost PingableHost(string id)
    {
        var i = Topology.IndexOfHost(id);
        if (i < 0)
        {
            if (Topology.IndexOfSwitch(id) >= 0)
                throw new SessionInputException($"'{id}' is a switch; ping and routes take hosts");
            var names = new List<string>(Topology.Hosts.Count);
            foreach (var h in Topology.Hosts) names.Add(h.Id);
            throw new SessionInputException(NearNames.Unknown("host", "hosts", id, names));
        }
        var host = Network.Hosts[i];
        if (host.Ipv4 is null) throw new SessionInputException($"host '{id}' has no IPv4 address, so it cannot ping (give it ipv4: in the topology)");
        return host;
    }

    private Dictionary<string, int>? _linkIndex;

    private int LinkIndexOf(string id)
    {
        if (_linkIndex is null)
        {
            _linkIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < Topology.Links.Count; i++) _linkIndex[Topology.Links[i].Id] = i;
        }
        return _linkIndex[id];
    }

    private bool LinkCarries(string id, string a, string b) => Network.IsLinkUp(id) && Network.IsSwitchUp(a) && Network.IsSwitchUp(b);

    private static string FormatIpv4(uint a) => $"{a >> 24}.{(a >> 16) & 255}.{(a >> 8) & 255}.{a & 255}";

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _policyTap?.Dispose();
        _controller.Dispose();
        _loop.Dispose();
        _spans.Dispose();
    }
}
