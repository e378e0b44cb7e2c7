using System.Collections.Immutable;
using Akka.Actor;
using SdnController.Controller.Messages;
using SdnController.Controller.Runtime;
using SdnController.Controller.Supervision;

namespace SdnController.Controller;

/// <summary>
/// The controller as the rest of the program sees it: start it on an actor system, then send it commands.
/// Every method only queues a message (no waiting); results arrive through the setup's observer.
/// </summary>
public sealed class ControllerHost
{
    private ControllerHost(IActorRef supervisor) => Supervisor = supervisor;

    /// <summary>The root actor ("controller"); its children are "flows", "topology" and "switch-&lt;id&gt;".</summary>
    public IActorRef Supervisor { get; private set; }

    /// <summary>
    /// After the controller's previous actor system died (killed: <c>controller: restart</c>): the controller again on
    /// <paramref name="system"/>. The same host object goes on, so whatever holds it (scenario player, checks, policy
    /// tap) talks to the new controller. With a state directory it recovers its intents before switches connect.
    /// </summary>
    public void StartAgain(ActorSystem system, ControllerSetup setup) => Supervisor = Start(system, setup).Supervisor;

    /// <summary>
    /// Creates the controller's actors. For a virtual-time run, call this on the run's event loop with
    /// setup.Options.Dispatcher naming the synchronized dispatcher, so every actor runs on that loop.
    /// </summary>
    public static ControllerHost Start(ActorSystem system, ControllerSetup setup)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(setup);
        if (setup.Options.StateDirectory is { } state)
        {
            // Checked here, synchronously: a store the controller cannot read is a one-line error, never a half-started controller.
            if (Persistence.IntentStore.Prepare(state) is { } error) throw new Persistence.IntentStoreException(error);
            system.Settings.InjectTopLevelFallback(Persistence.IntentJournalActor.PluginConfig(state, setup.Options.Dispatcher));
        }
        if (setup.Options.HoldCollectionsDuringStartup) StartupCollectionHold.TryBeginFor(setup.Topology);
        return new ControllerHost(WaitUntilStarted(system.ActorOf(ControllerSupervisor.Props(setup), "controller")));
    }

    /// <summary>
    /// Akka starts a top-level actor through the user guardian on its own thread pool. Waiting for that here
    /// means the actor's start is already queued on the caller's dispatcher (the run's loop) when Start
    /// returns, so a virtual-time loop cannot move the clock before the controller exists.
    /// </summary>
    internal static IActorRef WaitUntilStarted(IActorRef actor)
    {
        if (actor is RepointableActorRef r && !SpinWait.SpinUntil(() => r.IsStarted, TimeSpan.FromSeconds(30)))
            throw new TimeoutException($"actor {actor.Path} did not start within 30 s");
        return actor;
    }

    public void InstallFlows(IEnumerable<FlowSpec> flows) => Supervisor.Tell(new InstallFlows(flows.ToImmutableArray()));

    public void EnsureConnectivity(string hostA, string hostB) => Supervisor.Tell(new EnsureConnectivity(hostA, hostB));

    /// <summary>Replace a network function's desired configuration: pushed at once as its next version.</summary>
    public void ReplaceFunctionConfig(string functionId, Topology.Model.Nfv.NfvConfig config) =>
        Supervisor.Tell(new Nfv.ReplaceFunctionConfig(functionId, config));

    /// <summary>
    /// Marks a load balancer's backend down (its connections hash again over the others) or up, as a new configuration
    /// version pushed and acknowledged like <see cref="ReplaceFunctionConfig"/>. An unknown backend or a function that is
    /// no load balancer → <see cref="Observation.FunctionConfigurationRejected"/>.
    /// </summary>
    public void SetBackendHealth(string functionId, string backend, bool healthy) =>
        Supervisor.Tell(new Nfv.SetBackendHealth(functionId, backend, healthy));

    /// <summary>Every function (or one) reports its counters as a FunctionCountersCollected event carrying <paramref name="requestId"/>.</summary>
    public void CollectFunctionCounters(long requestId, string? functionId = null) =>
        Supervisor.Tell(new Nfv.CollectFunctionCounters(requestId, functionId));

    /// <summary>
    /// Lifts an IDS block (<see cref="Observation.FlowBlocked.BlockId"/>) before it expires: its drop rules go from the
    /// switches, the IDS instance forgets its own block of the flow, and <see cref="Observation.FlowUnblocked"/> (reason
    /// operator) follows once the switches confirmed. An unknown or already lifted id changes nothing.
    /// </summary>
    public void Unblock(long blockId) => Supervisor.Tell(new Nfv.LiftBlocks(blockId));

    /// <summary>Lifts every IDS block in force, as <see cref="Unblock"/> does one.</summary>
    public void UnblockAll() => Supervisor.Tell(new Nfv.LiftBlocks(null));

    /// <summary>Fault injection: the function's actor throws and is restarted (then re-opens the channel and re-syncs).</summary>
    /// <summary>
    /// A classifier labelled a flow (or changed its label): the flow manager applies the topology's <c>policy:</c> section
    /// to it. Ignored when the topology declares no policy.
    /// </summary>
    public void FlowClassified(Messages.FlowClassified label) => Supervisor.Tell(label);

    public void CrashFunctionActor(string functionId) => Supervisor.Tell(new Nfv.CrashFunctionActor(functionId));

    /// <summary>Fault injection: the switch's actor throws and is restarted (then resynchronises the switch).</summary>
    public void CrashSwitchActor(string switchId) => Supervisor.Tell(new CrashSwitchActor(switchId));
}
