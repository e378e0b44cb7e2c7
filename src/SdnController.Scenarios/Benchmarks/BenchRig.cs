using SdnController.Controller;
using SdnController.Controller.Runtime;
using SdnController.Controller.Messages;
using SdnController.Controller.Observation;
using SdnController.VirtualNetwork;
using SdnController.VirtualNetwork.Simulation;

namespace SdnController.Scenarios.Benchmarks;

/// <summary>
/// The real pieces a benchmark drives: a virtual-time loop, the simulated network and the controller on
/// that loop (exactly as <see cref="ScenarioRun"/> builds them), with no traffic. Controller events reach
/// <see cref="OnEvent"/> on the loop thread, so a handler can take a wall-clock timestamp the moment the
/// controller reports something.
/// </summary>
internal sealed class BenchRig : IControllerObserver, IDisposable
{
    private readonly LoopController _controller;
    private int _connected;
    private StartupCollectionHold.Lease? _collectionHold;

    /// <param name="networkBuilt">Called between building the network and starting the controller (a timestamp for start-up figures).</param>
    public BenchRig(Topology.Model.Topology topology, ControllerOptions? options = null, Action? networkBuilt = null)
    {
        Topology = topology;
        Loop = EventLoop.CreateVirtual();
        options ??= ControllerOptions.For(topology);
        // The network and the controller start in one burst; a large one is held from collections until ready.
        if (options.HoldCollectionsDuringStartup) _collectionHold = StartupCollectionHold.TryBeginFor(topology);
        Network = new SimulatedNetwork(topology, Loop, new NetworkOptions());
        networkBuilt?.Invoke();
        _controller = LoopController.Start(Loop, topology, Network, options, this, "sdnctl-bench");
    }

    public Topology.Model.Topology Topology { get; }
    public EventLoop Loop { get; }
    public SimulatedNetwork Network { get; }
    public ControllerHost Controller => _controller.Host;
    public Action<ControllerEvent>? OnEvent { get; set; }
    public InitialInstallCompleted? Installed { get; private set; }

    void IControllerObserver.OnEvent(ControllerEvent e)
    {
        if (e is SwitchConnected) _connected++;
        else if (e is InitialInstallCompleted done) Installed = done;
        OnEvent?.Invoke(e);
    }

    /// <summary>Installs the flows and runs until every switch is connected and the flows are confirmed.</summary>
    public InitialInstallCompleted InstallAndWait(IReadOnlyList<FlowSpec> flows, TimeSpan limit)
    {
        Controller.InstallFlows(flows);
        if (!RunUntil(() => Installed is not null && _connected >= Topology.Switches.Count, limit))
            throw new RunFailedException(
                $"the controller was not ready after {limit.TotalSeconds:0.#} s of virtual time: {_connected} of {Topology.Switches.Count} switches connected" +
                (Installed is null ? ", flows not confirmed" : ""));
        _collectionHold?.Dispose();
        return Installed!;
    }

    /// <summary>Turns the loop in small virtual steps until the condition holds; false at the virtual-time limit.</summary>
    public bool RunUntil(Func<bool> done, TimeSpan limit)
    {
        var end = Loop.Now + limit;
        var step = TimeSpan.FromMilliseconds(0.25);
        while (!done())
        {
            if (Loop.Now >= end) return false;
            Loop.RunUntil(Loop.Now + step);
        }
        return true;
    }

    public void Dispose()
    {
        _collectionHold?.Dispose();
        _controller.Dispose();
        Loop.Dispose();
    }
}
