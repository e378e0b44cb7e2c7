using System.Diagnostics;
using Akka.Actor;
using SdnController.Controller;
using SdnController.Controller.Observation;
using SdnController.Controller.Telemetry;
using SdnController.Southbound;
using SdnController.VirtualNetwork.Simulation;

namespace SdnController.Scenarios;

/// <summary>
/// The controller's actor system bound to one event loop: every actor runs on the loop thread, so a
/// virtual-time run is deterministic. Used by <see cref="ScenarioRun"/> and the benchmarks. The caller
/// owns the loop; disposing this stops the actor system (turning the loop while it shuts down).
/// </summary>
public sealed class LoopController : IDisposable
{
    /// <summary>Akka's dispatcher that runs actors through SynchronizationContext.Current at creation: our loop.</summary>
    public const string LoopDispatcher = "akka.actor.synchronized-dispatcher";

    private readonly EventLoop _loop;
    private ActorSystem? _system;

    private LoopController(EventLoop loop, ActorSystem system, ControllerHost host)
    {
        _loop = loop;
        _system = system;
        Host = host;
    }

    public ControllerHost Host { get; }

    public static LoopController Start(EventLoop loop, Topology.Model.Topology topology, ISouthbound southbound,
        ControllerOptions options, IControllerObserver observer, string systemName, ControllerMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(loop);
        ArgumentNullException.ThrowIfNull(options);
        // The synchronized dispatcher captures SynchronizationContext.Current when the controller's actors
        // are created, so every actor runs on this loop's thread: deterministic in virtual time.
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(loop.SynchronizationContext);
        try
        {
            var system = ControllerActorSystem.Create(systemName);
            var setup = new ControllerSetup(topology, southbound, options with { Dispatcher = LoopDispatcher }, observer)
            {
                Metrics = metrics ?? ControllerMetrics.Default,
            };
            return new LoopController(loop, system, ControllerHost.Start(system, setup));
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    public void Dispose()
    {
        if (_system is null) return;
        var terminated = _system.Terminate();
        // Actors finish on the loop thread, so keep the loop turning until the system is down (bounded).
        var wall = Stopwatch.StartNew();
        while (!terminated.IsCompleted && wall.Elapsed < TimeSpan.FromSeconds(5))
            _loop.RunUntil(_loop.Clock.Now + TimeSpan.FromMilliseconds(10));
        _system = null;
    }
}
