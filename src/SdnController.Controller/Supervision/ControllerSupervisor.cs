using System.Collections.Immutable;
using Akka.Actor;
using SdnController.Controller.Flows;
using SdnController.Controller.Messages;
using SdnController.Controller.Nfv;
using SdnController.Controller.Switches;
using SdnController.Controller.TopologyView;

namespace SdnController.Controller.Supervision;

/// <summary>
/// Root of the controller: creates the flow manager ("flows"), the topology actor ("topology"), one
/// switch actor per southbound switch ("switch-&lt;id&gt;") and one function actor per network function
/// instance ("nfv-&lt;id&gt;"), restarts any of them that throws, and routes commands from
/// <see cref="ControllerHost"/> to them.
/// </summary>
public sealed class ControllerSupervisor : ReceiveActor
{
    /// <summary>Restarts allowed per child within <see cref="RetryWindow"/> before the child is stopped.</summary>
    public const int MaxRetries = 1000;
    public static readonly TimeSpan RetryWindow = TimeSpan.FromMinutes(1);

    private readonly ControllerSetup _setup;
    private IActorRef _flows = ActorRefs.Nobody;
    private IActorRef _topology = ActorRefs.Nobody;
    private ImmutableDictionary<string, IActorRef> _switches = ImmutableDictionary<string, IActorRef>.Empty;
    private ImmutableDictionary<string, IActorRef> _functions = ImmutableDictionary<string, IActorRef>.Empty;

    public ControllerSupervisor(ControllerSetup setup)
    {
        _setup = setup;
        Receive<CrashSwitchActor>(m =>
        {
            if (_switches.TryGetValue(m.SwitchId, out var sw)) sw.Forward(m);
        });
        Receive<InstallFlows>(m => _flows.Forward(m));
        Receive<EnsureConnectivity>(m => _flows.Forward(m));
        Receive<ReplaceFunctionConfig>(m =>
        {
            if (_functions.TryGetValue(m.FunctionId, out var f)) f.Forward(m);
        });
        Receive<SetBackendHealth>(m =>
        {
            if (_functions.TryGetValue(m.FunctionId, out var f)) f.Forward(m);
        });
        Receive<FunctionAvailability>(m => _flows.Forward(m));
        Receive<BlockFlow>(m => _flows.Forward(m));
        Receive<FlowClassified>(m => _flows.Forward(m));
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
        _functions = FunctionActors.Start(Context, _setup);
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
