using System.Diagnostics;
using SdnController.Controller;
using SdnController.Controller.Observation;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Generators;

namespace SdnController.Scenarios.Benchmarks;

/// <summary>
/// Reactive flow-setup rate, cbench style: many new flows' first packets hit switches that have no rule for
/// them, and the controller handles the packet-ins (route, install the path, confirm, packet-out) as fast as
/// it can. Unlike cbench, whose emulated switches only send packet-ins and count the answers, the packets
/// here are real frames sent by the fat-tree's hosts into the simulated switches: a packet-in is the
/// switch's table-miss, the flow-mods and barriers are handled by every switch on the path, and each
/// released packet is delivered to its destination host (counted, so a setup that only looks fast fails).
/// </summary>
/// <remarks>
/// Packets are offered in bursts of <see cref="ReactiveBenchmarkOptions.Burst"/> at the same virtual
/// instant, one burst per <see cref="ReactiveBenchmarkOptions.BurstInterval"/> of virtual time (the offered
/// load), each with its own UDP source port, so each opens its own 5-tuple flow. Wall time runs from the
/// first burst to the last packet's release; the network's time is virtual and costs nothing but the
/// simulation's own work, which runs on the same thread and is included (cbench's switches run elsewhere).
/// </remarks>
public static class ReactiveBenchmark
{
    /// <summary>cbench throughput figures people quote: NOX (C++) in its 2010 measurements.</summary>
    public const double NoxPerSecond = 30_000;
    /// <summary>ONOS prototype (2014 paper), path installs per second.</summary>
    public const double OnosPathInstallsPerSecond = 18_832;
    public const double TargetPerSecond = 100_000;
    private static readonly TimeSpan SettleTime = TimeSpan.FromMilliseconds(100);

    public static ReactiveResult Run(ReactiveBenchmarkOptions options, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var k = ScaleBenchmark.FatTreeK(options.Switches);
        var diagnostics = new DiagnosticBag();
        var topology = FatTreeGenerator.Create(k).Build(diagnostics)
            ?? throw new RunFailedException($"fat-tree k={k} did not build: {string.Join("; ", diagnostics.Items)}");
        var controllerOptions = ControllerOptions.For(topology) with { Reactive = true };

        using var rig = new BenchRig(topology, controllerOptions);
        rig.InstallAndWait([], TimeSpan.FromSeconds(30));
        // A switch counts as connected when its channel is up; its base rules (the IPv4 table-miss among them)
        // land a control round trip later, and its resync follows. Let that settle first.
        rig.Loop.RunUntil(rig.Loop.Now + SettleTime);
        progress?.Invoke($"reactive: fat-tree k={k}: {topology.Switches.Count} switches, {topology.Hosts.Count} hosts; {options.Flows} new flows in bursts of {options.Burst}");

        // Frames first (not timed): host pairs from the seed, a distinct source port per flow.
        var random = new Random(options.Seed);
        var hosts = topology.Hosts;
        var senders = new string[options.Flows];
        var frames = new byte[options.Flows][];
        for (var i = 0; i < options.Flows; i++)
        {
            var a = random.Next(hosts.Count);
            var b = random.Next(hosts.Count - 1);
            if (b >= a) b++;
            senders[i] = hosts[a].Id;
            frames[i] = rig.Network.UdpFrame(hosts[a].Id, hosts[b].Id, (ushort)(1024 + i / 1000 % 60_000), (ushort)(5000 + i % 1000));
        }

        var flows = 0;
        var released = 0;
        var rules = 0;
        var batches = 0;
        rig.OnEvent = e =>
        {
            if (e is not ReactiveFlowsInstalled r) return;
            flows += r.Flows;
            released += r.PacketsReleased;
            rules += r.Rules;
            batches++;
        };
        var deliveredBefore = rig.Network.Counters.HostFramesDelivered;
        var toControllerBefore = rig.Network.Counters.ControlMessagesToController;

        var collections = GC.CollectionCount(0);
        var pause = GC.GetTotalPauseDuration();
        var cpu = Environment.CpuUsage.TotalTime;
        var virtualStart = rig.Loop.Now;
        var start = Stopwatch.GetTimestamp();
        for (var first = 0; first < options.Flows; first += options.Burst)
        {
            var last = Math.Min(options.Flows, first + options.Burst);
            var from = first;
            rig.Loop.ScheduleAt(virtualStart + options.BurstInterval * (first / options.Burst), () =>
            {
                for (var i = from; i < last; i++) rig.Network.SendFrame(senders[i], frames[i]);
            });
        }
        // Keepalive probes keep running meanwhile, as in service.
        var limit = options.BurstInterval * (options.Flows / options.Burst + 1) + TimeSpan.FromSeconds(30);
        if (!rig.RunUntil(() => released >= options.Flows, limit))
            throw new RunFailedException($"only {released} of {options.Flows} first packets were released within {limit.TotalSeconds:0.#} s of virtual time ({flows} flows installed)");
        var wallMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        var cpuMs = (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds;
        var virtualMs = (rig.Loop.Now - virtualStart).TotalMilliseconds;
        var gcCollections = GC.CollectionCount(0) - collections;
        var gcPauseMs = (GC.GetTotalPauseDuration() - pause).TotalMilliseconds;
        // Let the released packets finish their trips (a few link latencies) before counting deliveries.
        rig.Loop.RunUntil(rig.Loop.Now + TimeSpan.FromMilliseconds(10));
        var delivered = rig.Network.Counters.HostFramesDelivered - deliveredBefore;
        return new ReactiveResult(topology.Name, k, topology.Switches.Count, topology.Hosts.Count, options.Flows, options.Burst,
            flows, rules, released, delivered, batches, rig.Network.Counters.ControlMessagesToController - toControllerBefore,
            wallMs, cpuMs, virtualMs, gcCollections, gcPauseMs);
    }
}

public sealed record ReactiveBenchmarkOptions
{
    /// <summary>Switches (a fat-tree with at least this many).</summary>
    public int Switches { get; init; } = 80;
    /// <summary>New flows, each opened by one first packet.</summary>
    public int Flows { get; init; } = 100_000;
    /// <summary>First packets sent at the same virtual instant.</summary>
    public int Burst { get; init; } = 1000;
    /// <summary>Virtual time between bursts (the offered load is Burst per BurstInterval).</summary>
    public TimeSpan BurstInterval { get; init; } = TimeSpan.FromMilliseconds(1);
    public int Seed { get; init; } = 1;

    public void Validate()
    {
        if (Switches < 5 || Switches > 20_000) throw new ArgumentException($"switches must be between 5 and 20000, got {Switches}");
        if (Flows < 1 || Flows > 5_000_000) throw new ArgumentException($"flows must be between 1 and 5000000, got {Flows}");
        if (Burst < 1) throw new ArgumentException($"the burst must be 1 or more, got {Burst}");
        if (BurstInterval <= TimeSpan.Zero) throw new ArgumentException("the burst interval must be positive");
    }
}

/// <param name="ControlToController">Every switch→controller message during the run (packet-ins, barrier replies, LLDP).</param>
public sealed record ReactiveResult(string Topology, int K, int Switches, int Hosts, int Offered, int Burst,
    int FlowsInstalled, int RulesAdded, int PacketsReleased, long PacketsDelivered, int Batches, long ControlToController,
    double WallMs, double CpuMs, double VirtualMs, int GcCollections, double GcPauseMs)
{
    /// <summary>Packet-ins handled (flow opened, path installed and confirmed, packet released) per wall-clock second.</summary>
    public double PacketInsPerSecond => WallMs > 0 ? PacketsReleased / (WallMs / 1000) : 0;
    public double PathInstallsPerSecond => WallMs > 0 ? FlowsInstalled / (WallMs / 1000) : 0;
}
