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

    private readonly ControllerSetup _setup;
    private readonly string _systemName;

    private LoopController(EventLoop loop, ActorSystem system, ControllerHost host, ControllerSetup setup, string systemName)
    {
        _loop = loop;
        _system = system;
        Host = host;
        _setup = setup;
        _systemName = systemName;
    }

    /// <summary>Times the controller was killed and started again.</summary>
    public int Restarts { get; private set; }

    /// <summary>
    /// Kills the controller and starts a new one on the same loop, network and options (so the same state directory):
    /// the actor system stops without finishing any work (channels close as a dead process's would; switches keep their
    /// tables and traffic keeps flowing), then a new system starts. Run time does not move meanwhile: the loop runs only
    /// what is due now. Call between loop runs, never from a loop callback.
    /// </summary>
    public void Restart()
    {
        if (_system is null) throw new ObjectDisposedException(nameof(LoopController));
        var terminated = _system.Terminate();
        PumpNowUntil(() => terminated.IsCompleted);
        _system = null;
        Restarts++;
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_loop.SynchronizationContext);
        try
        {
            var system = ControllerActorSystem.Create($"{_systemName}-{Restarts}");
            _system = system;
            Host.StartAgain(system, _setup);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    /// <summary>Runs what is due at the current run time (no clock advance) until <paramref name="done"/>, for at most 10 s of wall time.</summary>
    public bool PumpNowUntil(Func<bool> done)
    {
        var wall = Stopwatch.StartNew();
        while (!done() && wall.Elapsed < TimeSpan.FromSeconds(10))
        {
            var before = _loop.EventsProcessed;
            _loop.RunUntil(_loop.Clock.Now);
            if (_loop.EventsProcessed == before) Thread.Sleep(1);   // waiting for Akka's own threads
        }
        return done();
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
            return new LoopController(loop, system, ControllerHost.Start(system, setup), setup, systemName);
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
