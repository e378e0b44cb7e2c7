using SdnController.Controller;
using SdnController.Controller.Observation;
using SdnController.Scenarios;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Yaml;
using SdnController.VirtualNetwork;
using SdnController.VirtualNetwork.Simulation;

namespace SdnController.RealHosts.Tests;

/// <summary>
/// The virtual network and the controller on a real-time loop turning on its own thread, with the topology's real
/// hosts as namespaces, so programs in them can talk across the virtual switches while the test watches.
/// </summary>
internal sealed class RunningNetwork : IDisposable
{
    private readonly EventLoop _loop = EventLoop.CreateRealTime();
    private readonly LoopController _controller;
    private readonly Thread _thread;
    private volatile bool _stop;
    private readonly ConnectionCounter _observer = new();
    private bool _disposed;

    public RunningNetwork(string yaml, RealHostOptions options)
    {
        var bag = new DiagnosticBag();
        var topology = TopologyYamlLoader.LoadText(yaml, "real-hosts-test.yaml", bag)
            ?? throw new InvalidOperationException(string.Join('\n', bag.Items));
        Network = new SimulatedNetwork(topology, _loop, new NetworkOptions());
        _controller = LoopController.Start(_loop, topology, Network, ControllerOptions.For(topology), _observer, "real-hosts-test");
        try
        {
            RealHosts = RealHostSet.Start(Network, options);
        }
        catch
        {
            _controller.Dispose();
            _loop.Dispose();
            throw;
        }
        _thread = new Thread(Turn) { IsBackground = true, Name = "real-hosts-loop" };
        _thread.Start();
    }

    public SimulatedNetwork Network { get; }
    public RealHostSet RealHosts { get; }
    /// <summary>Switches whose control channel came up so far.</summary>
    public int SwitchesConnected => _observer.Connected;

    private void Turn()
    {
        while (!_stop) _loop.RunUntil(_loop.Now + TimeSpan.FromMilliseconds(20));
    }

    /// <summary>Run <paramref name="read"/> on the loop thread and wait for its result (network state is the loop's).</summary>
    public T OnLoop<T>(Func<SimulatedNetwork, T> read)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _loop.Post(() =>
        {
            try
            {
                done.SetResult(read(Network));
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        if (!done.Task.Wait(TimeSpan.FromSeconds(5))) throw new TimeoutException("the loop did not run posted work within 5 s");
        return done.Task.Result;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _stop = true;
        _thread.Join();
        RealHosts.Dispose();
        _controller.Dispose();
        _loop.Dispose();
    }

    private sealed class ConnectionCounter : IControllerObserver
    {
        private int _connected;
        public int Connected => Volatile.Read(ref _connected);

        public void OnEvent(ControllerEvent e)
        {
            if (e is SwitchConnected) Interlocked.Increment(ref _connected);
        }
    }
}
