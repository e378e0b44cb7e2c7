using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using SdnController.Controller.Flows;
using SdnController.Controller.Messages;
using SdnController.Controller.Nfv;
using SdnController.Controller.Observation;
using SdnController.Controller.Persistence;
using SdnController.Controller.Switches;
using SdnController.Controller.TopologyView;

namespace SdnController.Controller.Supervision;

/// <summary>
/// Root of the controller: creates the flow manager ("flows"), the topology actor ("topology"), one
/// switch actor per southbound switch ("switch-&lt;id&gt;") and one function actor per network function
/// instance ("nfv-&lt;id&gt;"), restarts any of them that throws, and routes commands from
/// <see cref="ControllerHost"/> to them.
/// </summary>
public sealed class ControllerSupervisor : ReceiveActor, IWithUnboundedStash
{
    /// <summary>Restarts allowed per child within <see cref="RetryWindow"/> before the child is stopped.</summary>
    public const int MaxRetries = 1000;
    public static readonly TimeSpan RetryWindow = TimeSpan.FromMinutes(1);

    private readonly ControllerSetup _setup;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private IActorRef _flows = ActorRefs.Nobody;
    private IActorRef _topology = ActorRefs.Nobody;
    private ImmutableDictionary<string, IActorRef> _switches = ImmutableDictionary<string, IActorRef>.Empty;
    private ImmutableDictionary<string, IActorRef> _functions = ImmutableDictionary<string, IActorRef>.Empty;

    /// <summary>The intent journal ("intents") when the controller has a state directory; Nobody without.</summary>
    private IActorRef _journal = ActorRefs.Nobody;
    private bool Journaled => _setup.Options.StateDirectory is not null;

    public IStash Stash { get; set; } = null!;

    public ControllerSupervisor(ControllerSetup setup)
    {
        _setup = setup;
        if (Journaled) Recovering();
        else Running();
    }

    /// <summary>
    /// With a state directory the children start only once the journal recovered: the recovered intents reach the flow
    /// manager before any switch actor asks it for its desired rules, so reconciliation compares the switches with
    /// everything declared, never with an empty table. Commands meanwhile wait (stashed) in order.
    /// </summary>
    private void Recovering()
    {
        Receive<IntentsRecovered>(m =>
        {
            StartChildren(m.State);
            Replay(m);
            Become(Running);
            Stash.UnstashAll();
        });
        Receive<IntentRecoveryFailed>(m =>
        {
            _setup.Observer.OnEvent(new IntentStoreFailed(_setup.Clock.Now, m.Reason));
            Context.Stop(Self);
        });
        ReceiveAny(_ => Stash.Stash());
    }

    private void Record(IntentEvent e)
    {
        if (Journaled) _journal.Tell(new RecordIntent(e));
    }

    private double NowMs => _setup.Clock.Now.TotalMilliseconds;

    private void Running()
    {
        Receive<RecordIntent>(m => _journal.Forward(m));
        Receive<IntentRecoveryFailed>(m => _setup.Observer.OnEvent(new IntentStoreFailed(_setup.Clock.Now, m.Reason)));
        Receive<CrashSwitchActor>(m =>
        {
            if (_switches.TryGetValue(m.SwitchId, out var sw)) sw.Forward(m);
        });
        Receive<InstallFlows>(m =>
        {
            if (Journaled && !m.Flows.IsDefaultOrEmpty)
            {
                var flows = ImmutableArray.CreateBuilder<DeclaredFlow>(m.Flows.Length);
                foreach (var f in m.Flows) flows.Add(DeclaredFlow.Of(f));
                Record(new FlowsDeclared(NowMs, flows.MoveToImmutable()));
            }
            _flows.Forward(m);
        });
        Receive<EnsureConnectivity>(m =>
        {
            Record(new ConnectivityDeclared(NowMs, m.HostA, m.HostB));
            _flows.Forward(m);
        });
        Receive<ReplaceFunctionConfig>(m =>
        {
            if (_functions.TryGetValue(m.FunctionId, out var f)) f.Forward(m);
        });
        // Journalled by the function actor, like a replaced configuration: both then reach the journal in the order the
        // actor applied them (a health change the supervisor recorded could overtake a replacement still in the actor's
        // mailbox, and the replacement, read back, would wipe it). A rejected change is not recorded at all.
        Receive<SetBackendHealth>(m =>
        {
            if (_functions.TryGetValue(m.FunctionId, out var f)) f.Forward(m);
        });
        Receive<FunctionAvailability>(m => _flows.Forward(m));
        Receive<BlockFlow>(m => _flows.Forward(m));
        Receive<FlowClassified>(m =>
        {
            if (_setup.Topology.Policy.Count > 0) Record(new FlowLabelled(NowMs, m.Tuple, m.Protocol, m.Class, m.Method));
            _flows.Forward(m);
        });
        Receive<LiftBlocks>(m => _flows.Forward(m));
        Receive<LiftFunctionBlock>(m =>
        {
            if (_functions.TryGetValue(m.FunctionId, out var f)) f.Forward(m);
        });
        Receive<CrashFunctionActor>(m =>
        {
            if (_functions.TryGetValue(m.FunctionId, out var f)) f.Forward(m);
        });
        Receive<CollectFunctionCounters>(m =>
        {
            if (m.FunctionId is null)
                foreach (var f in _functions.Values) f.Forward(m);
            else if (_functions.TryGetValue(m.FunctionId, out var f)) f.Forward(m);
        });
    }

    public static Props Props(ControllerSetup setup) =>
        Akka.Actor.Props.Create(() => new ControllerSupervisor(setup)).WithDispatcher(setup.Options.Dispatcher);

    /// <summary>
    /// Restart whatever threw: every actor rebuilds its state from the switches and the flow manager on
    /// start. Only a failure to start at all stops the child (restarting would fail the same way). Akka's
    /// own failure logging is off: restarts reach the user through the observer, never as stack traces.
    /// </summary>
    public static SupervisorStrategy CreateStrategy() =>
        new OneForOneStrategy(MaxRetries, (int)RetryWindow.TotalMilliseconds,
            Decider.From(e => e is ActorInitializationException ? Directive.Stop : Directive.Restart),
            loggingEnabled: false);

    protected override SupervisorStrategy SupervisorStrategy() => CreateStrategy();

    protected override void PreStart()
    {
        if (Journaled) _journal = Context.ActorOf(IntentJournalActor.Props(_setup.Options.Dispatcher), "intents");
        else StartChildren();
    }

    /// <summary>
    /// Makes the recovered intents true again, in the order they were made: blocks first (same ids, same expiry; claimed at
    /// once so the flows' install carries them), then declared flows and connectivity in order (flow numbers, and so rule
    /// cookies, come out as before), labels and backend health. Replaced function configurations are already in force:
    /// the function actors started on them (<see cref="StartChildren"/>), so a backend change replayed here builds on them.
    /// </summary>
    private void Replay(IntentsRecovered m)
    {
        var state = m.State;
        var now = _setup.Clock.Now;
        // A store written under another clock (a new process starts at 0) is read as if the controller had been
        // down for no time: block times move by the difference.
        var shift = now.TotalMilliseconds < state.LastAtMs ? now.TotalMilliseconds - state.LastAtMs : 0;
        if (state.LastBlockId > 0) _flows.Tell(new RestoreBlockIds(state.LastBlockId));
        foreach (var b in state.Blocks.Values)
        {
            _flows.Tell(new BlockFlow(b.FunctionId, b.SignatureId, b.Flow, b.Tuple)
            {
                BlockFor = b.BlockForMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
                Recovered = new RecoveredBlock(b.BlockId, TimeSpan.FromMilliseconds(b.SinceMs + shift),
                    b.ExpiresAtMs is { } end ? TimeSpan.FromMilliseconds(end + shift) : null),
            });
        }
        foreach (var e in state.Flows)
        {
            if (e is FlowsDeclared d)
            {
                var specs = ImmutableArray.CreateBuilder<FlowSpec>(d.Flows.Length);
                foreach (var f in d.Flows) specs.Add(f.ToSpec());
                _flows.Tell(new InstallFlows(specs.MoveToImmutable()));
            }
            else if (e is ConnectivityDeclared c) _flows.Tell(new EnsureConnectivity(c.HostA, c.HostB));
        }
        foreach (var l in state.Labels) _flows.Tell(new FlowClassified(l.Tuple, l.Protocol, l.Class, l.Method));
        foreach (var h in state.Backends)
            if (_functions.TryGetValue(h.FunctionId, out var f)) f.Tell(new SetBackendHealth(h.FunctionId, h.Backend, h.Healthy) { Recovered = true });
        var metrics = _setup.Metrics;
        metrics.RecordIntentsRecovered("flows", state.FlowCount);
        metrics.RecordIntentsRecovered("labels", state.Labels.Count);
        metrics.RecordIntentsRecovered("blocks", state.Blocks.Count);
        metrics.RecordIntentsRecovered("backends", state.Backends.Count);
        // Only the replacements the function actors started on: one whose function the topology file no longer declares
        // with that kind was dropped (the file wins), and is not reported as recovered.
        var configs = FunctionActors.Applicable(_setup, state.Configs);
        if (configs < state.Configs.Count)
            _log.Warning("{0} recovered NFV configuration(s) ignored: the topology no longer declares their function with that kind", state.Configs.Count - configs);
        metrics.RecordIntentsRecovered("configs", configs);
        _setup.Observer.OnEvent(new IntentsRecoveredEvent(now, state.Count - (state.Configs.Count - configs), state.FlowCount, state.Blocks.Count, state.Backends.Count,
            state.Labels.Count, m.EventsReplayed, m.FromSnapshot) { Configs = configs });
    }

    /// <param name="recovered">With a store: the recovered intents (the function actors start on the replaced configurations).</param>
    private void StartChildren(IntentState? recovered = null)
    {
        var network = NetworkIndex.Build(_setup.Topology);
        _flows = Context.ActorOf(FlowManagerActor.Props(_setup), "flows");
        _topology = Context.ActorOf(TopologyActor.Props(_setup, network, _flows), "topology");
        var switches = ImmutableDictionary.CreateBuilder<string, IActorRef>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in _setup.Southbound.Switches)
        {
            var name = ActorNameFor(endpoint.Name, switches.Count, names);
            switches[endpoint.Name] = Context.ActorOf(SwitchActor.Props(_setup, network, endpoint, _flows, _topology), name);
        }
        _switches = switches.ToImmutable();
        var ready = new SwitchActorsReady(_switches);
        _flows.Tell(ready);
        _topology.Tell(ready);
        _functions = FunctionActors.Start(Context, _setup, recovered?.Configs);
        // Congestion rerouting only: nothing polls counters while it is off.
        if (_setup.Options.Congestion is not null)
            Context.ActorOf(Congestion.CongestionMonitorActor.Props(_setup, _flows, _switches), "congestion");
    }

    // The children outlive a restart of the supervisor itself (their state is the controller's state);
    // the new instance finds them again by name.
    protected override void PreRestart(Exception reason, object message) { }

    protected override void PostRestart(Exception reason)
    {
        _flows = Context.Child("flows");
        _journal = Context.Child("intents");
        _topology = Context.Child("topology");
        var switches = ImmutableDictionary.CreateBuilder<string, IActorRef>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in _setup.Southbound.Switches)
        {
            var child = Context.Child(ActorNameFor(endpoint.Name, switches.Count, names));
            if (!child.IsNobody()) switches[endpoint.Name] = child;
        }
        _switches = switches.ToImmutable();
        _functions = FunctionActors.Find(Context, _setup);
    }

    /// <summary>"switch-&lt;id&gt;" when the id is a valid, unused actor name; otherwise "switch-#&lt;n&gt;".</summary>
    internal static string ActorNameFor(string switchId, int position, HashSet<string> used)
    {
        var name = "switch-" + switchId;
        if (!ActorPath.IsValidPathElement(name) || !used.Add(name))
        {
            name = $"switch-{position}";
            for (var n = 2; !used.Add(name); n++) name = $"switch-{position}-{n}";
        }
        return name;
    }
}
