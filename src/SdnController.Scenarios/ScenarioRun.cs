using System.Collections.Immutable;
using System.Diagnostics;
using SdnController.Controller;
using SdnController.Controller.Runtime;
using SdnController.Controller.Observation;
using SdnController.Controller.Telemetry;
using SdnController.Scenarios.Capture;
using SdnController.Scenarios.Playback;
using SdnController.Scenarios.Reporting;
using SdnController.Scenarios.Telemetry;
using SdnController.Topology.Scenarios;
using SdnController.Topology.Traffic;
using SdnController.VirtualNetwork;
using SdnController.VirtualNetwork.Simulation;

namespace SdnController.Scenarios;

/// <summary>
/// One run of `sdnctl run`: the virtual network and the Akka.NET controller on one event loop. Setup first
/// (switches connect, declared flows installed and confirmed); that moment is run time 0. Then traffic
/// starts, scenario events happen at their times, traffic stops at the duration, packets in flight drain,
/// and the report correlates injected changes, controller reactions and what the hosts measured.
/// </summary>
public sealed class ScenarioRun : IDisposable
{
    private readonly Topology.Model.Topology _topology;
    private readonly Scenario? _scenario;
    private readonly IReadOnlyList<TrafficFlow> _traffic;
    private readonly RunOptions _options;
    private readonly EventLoop _loop;
    private readonly RecordingObserver _observer = new();
    private readonly List<(TimeSpan At, string SwitchId)> _crashes = new();
    private readonly List<TimeSpan> _restarts = new();
    private readonly List<ControllerRecovery> _recoveries = new();
    private LoopController? _controller;
    private bool _executed;
    private readonly bool _ownsControllerMetrics, _ownsDataPlaneMetrics;
    private StartupCollectionHold.Lease? _collectionHold;
    /// <summary>Classifies what hosts send and labels flows for the controller; only with a <c>policy:</c> section.</summary>
    private Policy.PolicyTap? _policyTap;

    /// <param name="controllerMetrics">Where the controller records metrics; null: the run makes its own and disposes it with itself.
    /// A caller that serves metrics after the run (sdnctl's --metrics-hold) passes its own and disposes it later.</param>
    /// <param name="dataPlaneMetrics">The same for the data plane's packet counters.</param>
    public ScenarioRun(Topology.Model.Topology topology, Scenario? scenario, IReadOnlyList<TrafficFlow> traffic, RunOptions options,
        ControllerMetrics? controllerMetrics = null, DataPlaneMetrics? dataPlaneMetrics = null)
    {
        _ownsControllerMetrics = controllerMetrics is null;
        _ownsDataPlaneMetrics = dataPlaneMetrics is null;
        ControllerMetrics = controllerMetrics ?? new ControllerMetrics();
        DataPlaneMetrics = dataPlaneMetrics ?? new DataPlaneMetrics();
        _topology = topology;
        _scenario = scenario;
        _traffic = traffic;
        _options = options;
        Seed = options.Seed ?? scenario?.Seed ?? 1;
        Duration = options.Duration ?? scenario?.Duration ?? RunOptions.DefaultDuration;
        IReadOnlyList<string>? captureLinks = null;
        if (options.Capture is { } capture)
            captureLinks = capture.Resolve(topology, out var captureError) ?? throw new RunFailedException(captureError!);
        _loop = options.VirtualTime ? EventLoop.CreateVirtual() : EventLoop.CreateRealTime();
        // The network and the controller start in one burst; a large one is held from collections until ready.
        if ((options.Controller ?? ControllerOptions.For(topology)).HoldCollectionsDuringStartup) _collectionHold = StartupCollectionHold.TryBeginFor(topology);
        Network = new SimulatedNetwork(topology, _loop, options.Network with { Seed = Seed, LocalFailureDetection = options.Network.LocalFailureDetection ?? topology.Controller.Detection.Bfd });
        if (captureLinks is not null)
        {
            try
            {
                Capture = LinkCapture.Start(Network, captureLinks, options.Capture!.Directory, wallClock: !options.VirtualTime);
            }
            catch (Exception e) when (e is SdnController.Capture.CaptureException or IOException or UnauthorizedAccessException)
            {
                _collectionHold?.Dispose();
                throw new RunFailedException($"--capture: {e.Message}");
            }
        }
    }

    public int Seed { get; }
    public TimeSpan Duration { get; }
    public SimulatedNetwork Network { get; }
    /// <summary>The pcaps `--capture` writes (null without it); complete once <see cref="Execute"/> returns.</summary>
    public LinkCapture? Capture { get; }
    public IReadOnlyList<ControllerEvent> ControllerEvents => _observer.Events;
    /// <summary>This run's controller metrics (Meter "SdnController.Controller").</summary>
    public ControllerMetrics ControllerMetrics { get; }
    /// <summary>This run's packets per traffic class (Meter "SdnController.DataPlane").</summary>
    public DataPlaneMetrics DataPlaneMetrics { get; }

    /// <summary>How often (run time) the data-plane counters are refreshed while someone observes them.</summary>
    public static readonly TimeSpan MetricsSnapshotInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Called on the loop at run time 0, before traffic starts: the network is ready and the controller done with
    /// its setup (tests add state the controller does not make, e.g. rules steering traffic through functions).
    /// </summary>
    public Action<SimulatedNetwork>? OnReady { get; set; }

    /// <summary>
    /// The real hosts attached to <see cref="Network"/> (set by whoever started them; this project does not make
    /// namespaces), read when the report is built so their frame counts cover the whole run.
    /// </summary>
    public Func<IReadOnlyList<RealHostReport>>? RealHosts { get; set; }

    /// <summary>The controller (null before Execute starts it).</summary>
    public ControllerHost? Controller => _controller?.Host;

    /// <summary>Fault injection for tests: the switch actor throws at run time At (supervision restarts it).</summary>
    public void CrashSwitchActorAt(TimeSpan at, string switchId) => _crashes.Add((at, switchId));

    /// <summary>Kill the controller at run time At and start a new one (as the scenario's <c>controller: restart</c>).</summary>
    public void RestartControllerAt(TimeSpan at) => _restarts.Add(at);

    /// <summary>Every controller restart of the run: what the new controller recovered and what reconciling changed.</summary>
    public IReadOnlyList<ControllerRecovery> Recoveries => _recoveries;

    public RunReport Execute()
    {
        if (_executed) throw new InvalidOperationException("a run executes once");
        _executed = true;
        var wallStart = Stopwatch.GetTimestamp();

        var controller = StartController();
        var flowSpecs = ImmutableArray.CreateBuilder<Controller.Messages.FlowSpec>(_traffic.Count);
        foreach (var f in _traffic) flowSpecs.Add(TrafficMapping.ToFlowSpec(f));

        InitialInstallCompleted? installed = null;
        var connected = new HashSet<string>(StringComparer.Ordinal);
        // Traffic steered through a function before it holds its rules would be dropped: run time 0 waits for them.
        var configured = new HashSet<string>(StringComparer.Ordinal);
        _observer.OnEventHook = e =>
        {
            if (e is InitialInstallCompleted done) installed = done;
            else if (e is SwitchConnected c) connected.Add(c.SwitchId);
            else if (e is FunctionConfigurationApplied f) configured.Add(f.FunctionId);
        };
        if (flowSpecs.Count > 0) controller.InstallFlows(flowSpecs.ToImmutable());
        var switchCount = _topology.Switches.Count;
        var functionCount = _topology.Nfv.Count;
        bool Ready() => (flowSpecs.Count == 0 || installed is not null) && connected.Count >= switchCount && configured.Count >= functionCount;
        var step = TimeSpan.FromMilliseconds(1);
        while (!Ready() && _loop.Clock.Now < _options.SetupLimit) _loop.RunUntil(_loop.Clock.Now + step);
        if (!Ready())
            throw new RunFailedException(
                $"the controller was not ready after {_options.SetupLimit.TotalSeconds:0.#} s: {connected.Count} of {switchCount} switches connected" +
                (flowSpecs.Count > 0 && installed is null ? ", declared flows not confirmed" : "") +
                (configured.Count < functionCount ? $", {configured.Count} of {functionCount} network functions configured" : ""));

        _collectionHold?.Dispose();   // ready (the controller ends it too, but not when no flow was declared)
        var connectivity = new LiveConnectivity(Network);
        var unroutable = UnroutableFlows(connectivity);
        // Run time 0 = the next whole millisecond after the network became ready.
        var origin = TimeSpan.FromMilliseconds(Math.Ceiling(_loop.Clock.Now.TotalMilliseconds));
        var setupWallMs = Stopwatch.GetElapsedTime(wallStart).TotalMilliseconds;
        var runEnd = origin + Duration;

        var slowestRoundTrip = SlowestRoundTrip(_topology);
        var drain = slowestRoundTrip > _options.Drain ? slowestRoundTrip : _options.Drain;
        // A ping gets its usual time on top of the slowest path's round trip (ARP on the way included in the margin).
        var checkOptions = _options with { PingTimeout = _options.PingTimeout + slowestRoundTrip };
        var checker = new ExpectationChecker(Network, controller, connectivity, checkOptions, origin, Seed);
        _observer.OnEventHook = checker.OnControllerEvent;
        var player = new ScenarioPlayer(Network, controller, checker, origin, Seed);
        if (OnReady is { } onReady) _loop.ScheduleAt(origin, () => onReady(Network));
        if (_topology.Policy.Count > 0) _policyTap = new Policy.PolicyTap(Network, _loop, controller, _topology.Policy);
        foreach (var f in _traffic)
        {
            try
            {
                DataPlaneMetrics.Track(Network.StartFlow(TrafficMapping.ToHostFlowSpec(f, origin, Duration)), f.Class);
            }
            catch (ArgumentException e)
            {
                throw new RunFailedException($"flow '{f.Id}'{(f.Source is { } at ? $" ({at})" : "")} cannot start: {e.Message}");
            }
        }
        if (_scenario is not null) player.Schedule(_scenario);
        foreach (var (at, sw) in _crashes) player.CrashSwitchActorAt(at, sw);

        ScheduleMetricsSnapshots(origin, runEnd + drain, drain);
        var restartTimes = new List<TimeSpan>(_restarts);
        if (_scenario is not null)
            foreach (var e in _scenario.Events)
                if (e is ControllerRestartEvent r) restartTimes.Add(r.At);
        restartTimes.Sort();
        var pending = new List<PendingRecovery>();
        foreach (var t in restartTimes)
        {
            if (origin + t > runEnd + drain) break;
            _loop.RunUntil(origin + t);
            pending.Add(RestartController(origin));
        }
        _loop.RunUntil(runEnd + drain);
        foreach (var p in pending) _recoveries.Add(p.Finish(_observer.Events, origin, _topology.Switches.Count));
        DataPlaneMetrics.Snapshot(runEnd + drain);   // the report's figures, served after the run too
        checker.FailOutstanding();
        CollectFunctionCounters(controller);
        Capture?.Dispose();   // the files end where the report's counters do

        var rules = installed?.Rules ?? 0;
        var setup = new SetupSummary(_topology.Switches.Count, _topology.Links.Count, _topology.Hosts.Count, _traffic.Count,
            rules, origin, installed?.WallMs ?? setupWallMs) { UnroutableFlows = unroutable, EcmpFlows = installed?.EcmpFlows ?? 0, Groups = installed?.Groups ?? 0 };
        var builder = new ReportBuilder(Network, origin, runEnd + drain);
        var report = builder.Build(new RunReportHeader(_topology.Name, _options.VirtualTime, Seed, Duration), setup,
            player.Injected, _observer.Events, checker.Results, FunctionCountersRequest) with { Recoveries = _recoveries.ToArray() };
        if (RealHosts is { } realHosts) report = report with { RealHosts = realHosts() };
        RestorationSpans.Emit(report, _traffic);
        return report;
    }

    /// <summary>The request id of the run's final function counters collection (the report's per-rule counters).</summary>
    private const long FunctionCountersRequest = 1;

    /// <summary>
    /// After the traffic: every function actor asks its instance for its counters; runs until each answered (a
    /// down instance is answered for at once, a silent one after the actor's timeout).
    /// </summary>
    private void CollectFunctionCounters(ControllerHost controller)
    {
        var expected = _topology.Nfv.Count;
        if (expected == 0) return;
        var from = _observer.Events.Count;
        controller.CollectFunctionCounters(FunctionCountersRequest);
        var limit = _loop.Clock.Now + (_options.Controller ?? ControllerOptions.For(_topology)).Nfv.CountersTimeout + TimeSpan.FromMilliseconds(10);
        int Answered()
        {
            var n = 0;
            var events = _observer.Events;
            for (var i = from; i < events.Count; i++)
                if (events[i] is FunctionCountersCollected { RequestId: FunctionCountersRequest }) n++;
            return n;
        }
        while (Answered() < expected && _loop.Clock.Now < limit) _loop.RunUntil(_loop.Clock.Now + TimeSpan.FromMilliseconds(0.25));
    }

    /// <summary>Live data-plane counters while an exporter listens (realtime runs are scraped as they go).</summary>
    private void ScheduleMetricsSnapshots(TimeSpan from, TimeSpan end, TimeSpan lossAllowance)
    {
        if (!DataPlaneMetrics.Observed) return;
        void Tick()
        {
            var now = _loop.Clock.Now;
            DataPlaneMetrics.Snapshot(now - lossAllowance);
            if (now + MetricsSnapshotInterval < end) _loop.ScheduleAt(now + MetricsSnapshotInterval, Tick);
        }
        _loop.ScheduleAt(from, Tick);
    }

    private List<string> UnroutableFlows(LiveConnectivity connectivity)
    {
        var component = connectivity.HostComponents();
        var result = new List<string>();
        foreach (var f in _traffic)
        {
            int a = _topology.IndexOfHost(f.From), b = _topology.IndexOfHost(f.To);
            // A flow to a function's service address is received by the hosts behind it: routable if one is reachable.
            if (b < 0 && Topology.Model.Nfv.ServiceAddress.Find(_topology, f.To, f.DestinationPort) is { } service)
            {
                var any = false;
                foreach (var r in service.Receivers) any |= component[a] >= 0 && component[a] == component[_topology.IndexOfHost(r)];
                if (!any) result.Add(f.Id);
                continue;
            }
            if (component[a] < 0 || component[a] != component[b]) result.Add(f.Id);
        }
        return result;
    }

    /// <summary>
    /// Twice the latency of the slowest shortest path between two switches (plus 1 ms): after traffic
    /// stops the run drains at least this long, so packets in flight on slow links are not counted lost.
    /// </summary>
    internal static TimeSpan SlowestRoundTrip(Topology.Model.Topology topology)
    {
        var graph = Paths.Graph.CompactGraph.FromTopology(topology, Paths.Graph.PathMetric.Latency);
        if (graph.NodeCount == 0 || graph.NodeCount > 2000) return TimeSpan.Zero; // all-pairs memory grows with n²
        var distances = Paths.Algorithms.AllPairs.Distances(graph).Distances; // distances only: no parent trees needed
        var longest = 0.0;
        foreach (var d in distances) if (double.IsFinite(d) && d > longest) longest = d;
        return TimeSpan.FromMilliseconds(2 * longest + 1);
    }

    private ControllerHost StartController()
    {
        var options = _options.Controller ?? ControllerOptions.For(_topology);
        try
        {
            _controller = LoopController.Start(_loop, _topology, Network, options, _observer, "sdnctl-run", ControllerMetrics);
        }
        catch (Controller.Persistence.IntentStoreException e)
        {
            throw new RunFailedException(e.Message);
        }
        if (options.StateDirectory is not null) AwaitRecovery(0);
        return _controller.Host;
    }

    /// <summary>
    /// With a state directory the controller starts its switch actors only once its journal recovered; run time waits
    /// for that (the loop runs only what is due now), so a virtual-time run stays deterministic.
    /// </summary>
    private IntentsRecoveredEvent AwaitRecovery(int fromEvent)
    {
        IntentsRecoveredEvent? recovered = null;
        IntentStoreFailed? failed = null;
        var scanned = fromEvent;
        bool Done()
        {
            var events = _observer.Events;
            for (; scanned < events.Count; scanned++)
            {
                if (events[scanned] is IntentsRecoveredEvent r) recovered = r;
                else if (events[scanned] is IntentStoreFailed f) failed = f;
            }
            return recovered is not null || failed is not null;
        }
        _controller!.PumpNowUntil(Done);
        if (failed is not null) throw new RunFailedException($"the controller cannot start on its intent store: {failed.Reason}");
        return recovered ?? throw new RunFailedException("the controller did not recover its intent store within 10 s");
    }

    /// <summary>Kills the controller now and starts a new one; what it recovered and reconciled is read after the run.</summary>
    private PendingRecovery RestartController(TimeSpan origin)
    {
        var killedAt = _loop.Clock.Now;
        var from = _observer.Events.Count;
        var span = ControllerTelemetry.StartRoot(PendingRecovery.SpanName);
        _controller!.Restart();
        var recovered = (_options.Controller ?? ControllerOptions.For(_topology)).StateDirectory is not null ? AwaitRecovery(from) : null;
        return new PendingRecovery(killedAt - origin, from, recovered, span);
    }

    public void Dispose()
    {
        Capture?.Dispose();
        _collectionHold?.Dispose();
        _policyTap?.Dispose();
        if (_ownsControllerMetrics) ControllerMetrics.Dispose();
        if (_ownsDataPlaneMetrics) DataPlaneMetrics.Dispose();
        if (_controller is null) return;
        _controller.Dispose();
        _controller = null;
        _loop.Dispose();
    }
}

/// <summary>The run could not proceed (reported to the user without a stack trace).</summary>
public sealed class RunFailedException(string message) : Exception(message);
