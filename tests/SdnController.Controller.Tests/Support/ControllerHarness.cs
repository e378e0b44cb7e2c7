using Akka.Actor;
using SdnController.Controller.Switches;
using SdnController.Controller.TopologyView;
using SdnController.Controller.Messages;

namespace SdnController.Controller.Tests.Support;

/// <summary>
/// One controller test world: a virtual-time loop, an actor system whose controller actors run on it (the
/// synchronized dispatcher, as in a real run), the fake southbound over a topology, and an observer.
/// </summary>
public sealed class ControllerHarness : IDisposable
{
    public const string Dispatcher = "akka.actor.synchronized-dispatcher";
    private static int _systems;

    public ControllerHarness(Topology.Model.Topology? topology = null, ControllerOptions? options = null)
    {
        Topology = topology ?? TestTopologies.Triangle();
        Loop = new TestLoop();
        System = ControllerActorSystem.Create($"test-{Interlocked.Increment(ref _systems)}");
        Southbound = new FakeSouthbound(Topology, Loop);
        Observer = new RecordingObserver();
        Setup = new ControllerSetup(Topology, Southbound, (options ?? new ControllerOptions()) with { Dispatcher = Dispatcher }, Observer);
        Network = NetworkIndex.Build(Topology);
    }

    public Topology.Model.Topology Topology { get; }
    public TestLoop Loop { get; }
    public ActorSystem System { get; }
    public FakeSouthbound Southbound { get; }
    public RecordingObserver Observer { get; }
    public ControllerSetup Setup { get; }
    public NetworkIndex Network { get; }

    public Recorder Recorder(string name, Func<object, object?>? reply = null) => Support.Recorder.Create(System, Loop, Dispatcher, name, reply);

    /// <summary>A flow-manager stand-in answering DesiredRulesRequest from <paramref name="desired"/> (read at each request).</summary>
    public Recorder FlowManager(Func<string, IEnumerable<Southbound.Rules.FlowRule>> desired) =>
        Recorder("flows", m => m is DesiredRulesRequest r ? new DesiredRules(r.SwitchId, [.. desired(r.SwitchId)]) : null);

    /// <summary>The switch actor of <paramref name="switchId"/> under a parent with the controller's supervision; returns the parent (it forwards).</summary>
    public IActorRef StartSwitch(string switchId, IActorRef flowManager, IActorRef topology)
    {
        var endpoint = Southbound.Switches.Single(e => e.Name == switchId);
        var child = SwitchActor.Props(Setup, Network, endpoint, flowManager, topology);
        return Loop.Run(() => ControllerHost.WaitUntilStarted(System.ActorOf(Props.Create(() => new SupervisingParent(child)).WithDispatcher(Dispatcher), "parent-" + switchId)));
    }

    public IActorRef StartTopology(IActorRef flowManager) =>
        Loop.Run(() => ControllerHost.WaitUntilStarted(System.ActorOf(TopologyActor.Props(Setup, Network, flowManager), "topology")));

    public void Dispose()
    {
        var done = System.Terminate();
        Loop.RunUntil(() => done.IsCompleted, "actor system shutdown");
    }
}
