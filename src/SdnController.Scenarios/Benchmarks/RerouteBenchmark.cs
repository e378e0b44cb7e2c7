using System.Diagnostics;
using SdnController.Controller;
using SdnController.Controller.Messages;
using SdnController.Controller.Observation;
using SdnController.Controller.Routing;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Generators;

namespace SdnController.Scenarios.Benchmarks;

/// <summary>
/// Reroute latency of the whole controller: a k-ary fat-tree on the simulated network, flows between
/// seeded host pairs installed proactively, then one link failed and restored again and again. Each
/// failure is timed on the wall clock from <c>SetLinkState</c> to the controller's
/// <see cref="RerouteCompleted"/> (the last barrier of the update acknowledged), on the same loop thread.
/// </summary>
/// <remarks>
/// <para>Flow choice: the link to fail is the switch-to-switch link that the most host pairs route
/// over (computed with the controller's own <see cref="RoutingService"/>, so the choice matches what the
/// controller installs). <c>affected</c> flows are drawn from the host pairs crossing it and as many
/// background flows from the pairs that do not, every flow with its own UDP ports (its own match, so
/// its own rule on each switch). A failure then moves exactly the affected flows.</para>
/// <para>Virtual time between events is drawn from the seed (20–120 ms), so the failures land at
/// varying phases of the controller's 100 ms LLDP keepalive rounds, which run as they would in service.</para>
/// </remarks>
public static class RerouteBenchmark
{
    public static readonly TimeSpan EventLimit = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan TieringPause = TimeSpan.FromMilliseconds(500);

    public static RerouteRun Run(RerouteBenchmarkOptions options, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var diagnostics = new DiagnosticBag();
        var topology = FatTreeGenerator.Create(options.K).Build(diagnostics)
            ?? throw new RunFailedException($"fat-tree k={options.K} did not build: {string.Join("; ", diagnostics.Items)}");
        var controllerOptions = ControllerOptions.For(topology);
        var pairs = FlowPairs.ForBusiestLink(topology, controllerOptions.Metric);
        var sizes = new List<RerouteSizeResult>();
        foreach (var affected in options.Sizes())
        {
            progress?.Invoke($"reroute: {affected} affected flows, {options.Failures} failures");
            sizes.Add(RunSize(topology, controllerOptions, pairs, affected, options));
        }
        return new RerouteRun(topology.Name, topology.Switches.Count, topology.Links.Count, topology.Hosts.Count, pairs.LinkId, options, sizes);
    }

    private static RerouteSizeResult RunSize(Topology.Model.Topology topology, ControllerOptions controllerOptions, FlowPairs pairs, int affected, RerouteBenchmarkOptions options)
    {
        var random = new Random(options.Seed);
        var flows = pairs.Flows(affected, affected, random);
        using var rig = new BenchRig(topology, controllerOptions);
        var setupStart = Stopwatch.GetTimestamp();
        var installed = rig.InstallAndWait(flows, TimeSpan.FromSeconds(30));
        var setupMs = Stopwatch.GetElapsedTime(setupStart).TotalMilliseconds;

        RerouteCompleted? completed = null;
        long completedAt = 0;
        rig.OnEvent = e =>
        {
            if (e is not RerouteCompleted r) return;
            completedAt = Stopwatch.GetTimestamp();
            completed = r;
        };

        RerouteSample Inject(bool up)
        {
            // Idle virtual time first, so every event starts from a settled controller.
            rig.Loop.RunUntil(rig.Loop.Now + TimeSpan.FromMilliseconds(20 + random.Next(100)));
            completed = null;
            var injectedAt = rig.Loop.Now;
            var collections = GC.CollectionCount(0);
            var pause = GC.GetTotalPauseDuration();
            var cpu = Environment.CpuUsage.TotalTime;
            var start = Stopwatch.GetTimestamp();
            rig.Network.SetLinkState(pairs.LinkId, up);
            if (!rig.RunUntil(() => completed is not null, EventLimit))
                throw new RunFailedException($"no reroute completed within {EventLimit.TotalSeconds} s of virtual time after link {pairs.LinkId} went {(up ? "up" : "down")}");
            var r = completed!;
            return new RerouteSample(
                Stopwatch.GetElapsedTime(start, completedAt).TotalMilliseconds, r.WallTotalMs, r.WallComputeMs,
                (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds, GC.CollectionCount(0) - collections, (GC.GetTotalPauseDuration() - pause).TotalMilliseconds,
                (r.DetectedAt - injectedAt).TotalMilliseconds, (r.InstalledAt - injectedAt).TotalMilliseconds, (r.CommittedAt - injectedAt).TotalMilliseconds,
                r.AffectedFlows, r.RulesAdded, r.RulesRemoved, r.SwitchesTouched, r.UnconfirmedSwitches.Length);
        }

        var failures = new List<RerouteSample>(options.Failures);
        var restores = new List<RerouteSample>(options.Failures);
        for (var i = 0; i < options.Warmup; i++)
        {
            Inject(up: false);
            Inject(up: true);
        }
        // The runtime recompiles hot methods optimised in the background once they have run a while: with
        // dynamic PGO a method runs about 30 times unoptimised, then about 30 times instrumented, before its
        // optimised (tier-1) code is installed. Methods that run once per failure or restore get there only
        // after ~30 warm-up pairs (at 10 pairs the timed failures ran unoptimised code for the flow manager's
        // update steps). The pause lets the last background compilations finish, so the timed failures see
        // the code a long-running controller runs.
        if (options.Warmup > 0) Thread.Sleep(TieringPause);
        for (var i = 0; i < options.Failures; i++)
        {
            failures.Add(Inject(up: false));
            restores.Add(Inject(up: true));
        }
        return new RerouteSizeResult(affected, flows.Count, installed.Rules, setupMs, failures, restores);
    }
}

public sealed record RerouteBenchmarkOptions
{
    public int K { get; init; } = 8;
    /// <summary>Affected flows of the largest size; the run also measures a quarter and a half of it.</summary>
    public int AffectedFlows { get; init; } = 5000;
    public int Failures { get; init; } = 20;
    /// <summary>Failures (with their restores) run first and not counted: JIT and caches warm up.</summary>
    public int Warmup { get; init; } = DefaultWarmup;
    public const int DefaultWarmup = 50;
    public int Seed { get; init; } = 1;
    /// <summary>False: only the full size (no linearity series).</summary>
    public bool Series { get; init; } = true;

    public IReadOnlyList<int> Sizes() =>
        Series && AffectedFlows >= 4 ? [AffectedFlows / 4, AffectedFlows / 2, AffectedFlows] : [AffectedFlows];

    internal void Validate()
    {
        if (K < 4 || K % 2 != 0) throw new ArgumentException($"fat-tree k must be an even number of at least 4 (a core link to fail), got {K}");
        if (AffectedFlows < 1) throw new ArgumentException($"flows must be 1 or more, got {AffectedFlows}");
        if (AffectedFlows > 60_000) throw new ArgumentException($"flows must be at most 60000 (each flow gets its own UDP port pair), got {AffectedFlows}");
        if (Failures < 1) throw new ArgumentException($"failures must be 1 or more, got {Failures}");
        if (Warmup < 0) throw new ArgumentException($"warm-up failures must be 0 or more, got {Warmup}");
    }
}

/// <summary>
/// One failure or restore: wall clock (ms) and virtual times (ms after the injection). ProcessCpuMs is the
/// process's CPU time over the same window (every thread: a load-insensitive companion to the wall clock
/// on a shared machine); Collections and GcPauseMs are the GCs that happened inside the window.
/// </summary>
public sealed record RerouteSample(
    double WallMs,
    double ControllerWallMs,
    double ControllerComputeMs,
    double ProcessCpuMs,
    int Collections,
    double GcPauseMs,
    double VirtualDetectedMs,
    double VirtualInstalledMs,
    double VirtualCommittedMs,
    int AffectedFlows,
    int RulesAdded,
    int RulesRemoved,
    int SwitchesTouched,
    int UnconfirmedSwitches);

public sealed record RerouteSizeResult(int TargetAffected, int TotalFlows, int RulesInstalled, double SetupMs,
    IReadOnlyList<RerouteSample> Failures, IReadOnlyList<RerouteSample> Restores)
{
    public double P50Ms => Percentiles.Of(Failures.Select(s => s.WallMs).ToArray(), 50);
    public double P99Ms => Percentiles.Of(Failures.Select(s => s.WallMs).ToArray(), 99);
    public double RestoreP50Ms => Percentiles.Of(Restores.Select(s => s.WallMs).ToArray(), 50);
    public double RestoreP99Ms => Percentiles.Of(Restores.Select(s => s.WallMs).ToArray(), 99);
    /// <summary>Flows one failure moved (the same every time: the same link fails).</summary>
    public int AffectedFlows => Failures.Count == 0 ? 0 : (int)Percentiles.Median(Failures.Select(s => (double)s.AffectedFlows).ToArray());
    public double MicrosecondsPerFlow => AffectedFlows == 0 ? double.NaN : P50Ms * 1000 / AffectedFlows;
    public double VirtualCommittedP50Ms => Percentiles.Median(Failures.Select(s => s.VirtualCommittedMs).ToArray());
    public double VirtualInstalledP50Ms => Percentiles.Median(Failures.Select(s => s.VirtualInstalledMs).ToArray());
    public double VirtualDetectedP50Ms => Percentiles.Median(Failures.Select(s => s.VirtualDetectedMs).ToArray());
    public double CpuP50Ms => Percentiles.Median(Failures.Select(s => s.ProcessCpuMs).ToArray());
    public double CpuP99Ms => Percentiles.Of(Failures.Select(s => s.ProcessCpuMs).ToArray(), 99);
    /// <summary>Timed failures with a GC inside them, and the pause time those collections took.</summary>
    public int FailuresWithCollection => Failures.Count(s => s.Collections > 0 || s.GcPauseMs > 0);
    public double GcPauseMs => Failures.Sum(s => s.GcPauseMs);
    public double ComputeP50Ms => Percentiles.Median(Failures.Select(s => s.ControllerComputeMs).ToArray());
    public int RulesChangedP50 => (int)Percentiles.Median(Failures.Select(s => (double)(s.RulesAdded + s.RulesRemoved)).ToArray());
    public int Unconfirmed => Failures.Sum(s => s.UnconfirmedSwitches) + Restores.Sum(s => s.UnconfirmedSwitches);
}

public sealed record RerouteRun(string Topology, int Switches, int Links, int Hosts, string FailedLink,
    RerouteBenchmarkOptions Options, IReadOnlyList<RerouteSizeResult> Sizes)
{
    /// <summary>ONOS installs 5,000 intents in 364.6 ms on one node (the issue's published anchor).</summary>
    public const double OnosAnchorMs = 364.6;
    public const int OnosAnchorFlows = 5000;
    public const double TargetP99Ms = 20;
}
