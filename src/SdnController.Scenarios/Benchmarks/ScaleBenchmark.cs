using System.Diagnostics;
using SdnController.Controller.Messages;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Generators;

namespace SdnController.Scenarios.Benchmarks;

/// <summary>
/// Start-up at scale: a generated fat-tree of about <c>switches</c> switches, <c>flows</c> UDP flows between
/// seeded random host pairs. Timed on the wall clock to the controller's
/// <see cref="Controller.Observation.InitialInstallCompleted"/> with every switch connected: the controller's
/// start-up from starting it (the simulated switches already running, as a real network's are when its
/// controller starts) — actors, connecting and resynchronising every switch, routing every flow and
/// installing every rule (last barrier acknowledged) — and, end to end, with building the simulated
/// network first (topology already generated). Memory is the
/// process's resident set: after a full blocking GC at the end (steady state) and its peak during the run.
/// </summary>
/// <remarks>
/// Why a fat-tree: a network of 10,000 OpenFlow switches is a data-centre fabric, and the k-ary fat-tree
/// (a three-tier Clos) is the standard shape of one; k = 90 gives 10,125 switches (2,025 core, 90 pods
/// of 45 aggregation + 45 edge), 364,500 links, every switch 90 ports. Hosts per edge switch are a parameter
/// (the standard k/2 = 45 would be 182,250 hosts; a few per edge switch keep the host count at the scale of
/// the flows).
/// </remarks>
public static class ScaleBenchmark
{
    public static ScaleResult Run(ScaleBenchmarkOptions options, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var k = FatTreeK(options.Switches);
        var genStart = Stopwatch.GetTimestamp();
        var diagnostics = new DiagnosticBag();
        var topology = FatTreeGenerator.Create(k, options.HostsPerEdge).Build(diagnostics)
            ?? throw new RunFailedException($"fat-tree k={k} did not build: {string.Join("; ", diagnostics.Items)}");
        var flows = RandomFlows(topology, options.Flows, options.Seed);
        var generateMs = Stopwatch.GetElapsedTime(genStart).TotalMilliseconds;
        progress?.Invoke($"scale: fat-tree k={k}: {topology.Switches.Count} switches, {topology.Links.Count} links, {topology.Hosts.Count} hosts, {flows.Count} flows (generated in {generateMs:F0} ms)");

        Settle();
        var baseline = Process.GetCurrentProcess().WorkingSet64;
        // CPU time of the whole process (all threads: loop, GC, tiered JIT, parallel route searches) over the
        // timed window: unlike wall time, it hardly moves when other jobs share the machine.
        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        var gcBefore = GcFigures.Now();
        var start = Stopwatch.GetTimestamp();
        long controllerStart = 0;
        var controllerCpuStart = TimeSpan.Zero;
        using var rig = new BenchRig(topology, networkBuilt: () =>
        {
            controllerCpuStart = Process.GetCurrentProcess().TotalProcessorTime;
            controllerStart = Stopwatch.GetTimestamp();
        });
        var builtMs = Stopwatch.GetElapsedTime(start, controllerStart).TotalMilliseconds;
        var installed = rig.InstallAndWait(flows, TimeSpan.FromSeconds(60));
        var end = Stopwatch.GetTimestamp();
        var cpuEnd = Process.GetCurrentProcess().TotalProcessorTime;
        var readyMs = Stopwatch.GetElapsedTime(start, end).TotalMilliseconds;
        var controllerMs = Stopwatch.GetElapsedTime(controllerStart, end).TotalMilliseconds;
        var cpuMs = (cpuEnd - cpuStart).TotalMilliseconds;
        var controllerCpuMs = (cpuEnd - controllerCpuStart).TotalMilliseconds;
        var gc = GcFigures.Now() - gcBefore;
        var virtualReady = rig.Loop.Now;

        Settle();
        using var process = Process.GetCurrentProcess();
        var rss = process.WorkingSet64;
        var peak = process.PeakWorkingSet64;
        var managed = GC.GetTotalMemory(forceFullCollection: false);
        GC.KeepAlive(rig);
        return new ScaleResult(topology.Name, k, topology.Switches.Count, topology.Links.Count, topology.Hosts.Count, flows.Count,
            installed.Rules, generateMs, builtMs, readyMs, virtualReady.TotalMilliseconds, installed.WallMs, rss, peak, baseline, managed,
            installed.UnconfirmedSwitches.Length)
        { StartupCpuMs = cpuMs, StartupGc = gc, ControllerStartupMs = controllerMs, ControllerStartupCpuMs = controllerCpuMs };
    }

    /// <summary>Smallest even k whose fat-tree has at least the requested switches (5k²/4 of them).</summary>
    public static int FatTreeK(int switches)
    {
        var k = 4;
        while (5L * k * k / 4 < switches) k += 2;
        return k;
    }

    /// <summary>
    /// Full blocking compacting collections; the last one in aggressive mode, which also returns the free
    /// regions the GC keeps committed after a peak (without it the resident set stays at the run's peak
    /// until later collections trim it gradually, so it would measure the GC's retention, not what the
    /// controller and network hold). The peak is reported separately.
    /// </summary>
    private static void Settle()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    private static List<FlowSpec> RandomFlows(Topology.Model.Topology topology, int count, int seed)
    {
        var random = new Random(seed);
        var hosts = topology.Hosts;
        var flows = new List<FlowSpec>(count);
        for (var i = 0; i < count; i++)
        {
            int s = random.Next(hosts.Count), d = random.Next(hosts.Count - 1);
            if (d >= s) d++;
            flows.Add(new FlowSpec($"f{i}", hosts[s].Id, hosts[d].Id, 17, (ushort)(1024 + i % 60000), (ushort)(5000 + i / 60000), Bidirectional: false));
        }
        return flows;
    }
}

public sealed record ScaleBenchmarkOptions
{
    public int Switches { get; init; } = 10_000;
    public int Flows { get; init; } = 100_000;
    public int HostsPerEdge { get; init; } = 4;
    public int Seed { get; init; } = 1;

    internal void Validate()
    {
        if (Switches < 5) throw new ArgumentException($"switches must be 5 or more (the smallest fat-tree, k=2), got {Switches}");
        if (Switches > 200_000) throw new ArgumentException($"switches must be at most 200000, got {Switches}");
        if (Flows < 0) throw new ArgumentException($"flows must be 0 or more, got {Flows}");
        if (HostsPerEdge < 1) throw new ArgumentException($"hosts per edge switch must be 1 or more, got {HostsPerEdge}");
    }
}

public sealed record ScaleResult(string Topology, int K, int Switches, int Links, int Hosts, int Flows, int Rules,
    double GenerateMs, double NetworkBuiltMs, double StartupMs, double VirtualStartupMs, double InstallWallMs,
    long ResidentBytes, long PeakResidentBytes, long BaselineResidentBytes, long ManagedBytes, int UnconfirmedSwitches)
{
    /// <summary>Process CPU time (all threads) over the same window as <see cref="StartupMs"/>.</summary>
    public double StartupCpuMs { get; init; }
    /// <summary>Collections, pause time and allocation over the same window.</summary>
    public GcFigures StartupGc { get; init; }
    /// <summary>
    /// The controller's start-up: from starting the controller, with the switches already running (as OVS
    /// switches are when a controller starts under Mininet), to every switch connected and every flow's
    /// rules confirmed. <see cref="StartupMs"/> adds building the simulated network before it.
    /// </summary>
    public double ControllerStartupMs { get; init; }
    public double ControllerStartupCpuMs { get; init; }

    public const double TargetStartupMs = 5000;
    public const long TargetResidentBytes = 1L << 30;
}

/// <summary>Garbage-collector counters of the process: collections by generation, total pause time, bytes allocated.</summary>
public readonly record struct GcFigures(int Gen0, int Gen1, int Gen2, double PauseMs, long AllocatedBytes)
{
    public static GcFigures Now() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
        GC.GetTotalPauseDuration().TotalMilliseconds, GC.GetTotalAllocatedBytes(precise: false));

    public static GcFigures operator -(GcFigures a, GcFigures b) =>
        new(a.Gen0 - b.Gen0, a.Gen1 - b.Gen1, a.Gen2 - b.Gen2, a.PauseMs - b.PauseMs, a.AllocatedBytes - b.AllocatedBytes);
}
