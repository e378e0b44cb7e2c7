using System.Buffers.Binary;
using System.Diagnostics;
using SdnController.Controller;
using SdnController.Controller.Observation;
using SdnController.Topology.Diagnostics;
using SdnController.Southbound.Matching;
using SdnController.Topology.Generators;
using SdnController.VirtualNetwork.Simulation;

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
        // Host pairs from the seed; a distinct (source port, destination port) per flow, so each is its own 5-tuple.
        var random = new Random(options.Seed);
        // The warm-up flows come first (own ports, so their own 5-tuples), then the timed ones.
        var pairs = new (int From, int To, ushort SourcePort, ushort DestinationPort)[options.Warmup + options.Flows];
        for (var i = 0; i < pairs.Length; i++)
        {
            var a = random.Next(topology.Hosts.Count);
            var b = random.Next(topology.Hosts.Count - 1);
            if (b >= a) b++;
            pairs[i] = (a, b, (ushort)(1024 + i / 1000 % 60_000), (ushort)(5000 + i % 1000));
        }
        progress?.Invoke($"reactive: fat-tree k={k}: {topology.Switches.Count} switches, {topology.Hosts.Count} hosts; {options.Flows} new flows in bursts of {options.Burst}" +
            (options.Warmup > 0 ? $", after {options.Warmup} warm-up flows (not timed)" : "") +
            (options.EmulatedSwitches ? " (emulated switches)" : ""));
        return options.EmulatedSwitches
            ? RunEmulated(topology, k, controllerOptions, pairs, options)
            : RunOnNetwork(topology, k, controllerOptions, pairs, options);
    }

    private static ReactiveResult RunOnNetwork(Topology.Model.Topology topology, int k, ControllerOptions controllerOptions,
        (int From, int To, ushort SourcePort, ushort DestinationPort)[] pairs, ReactiveBenchmarkOptions options)
    {
        using var rig = new BenchRig(topology, controllerOptions);
        rig.InstallAndWait([], TimeSpan.FromSeconds(30));
        // A switch counts as connected when its channel is up; its base rules (the IPv4 table-miss among them)
        // land a control round trip later, and its resync follows. Let that settle first.
        rig.Loop.RunUntil(rig.Loop.Now + SettleTime);

        // Frames first (not timed).
        var hosts = topology.Hosts;
        var senders = new string[pairs.Length];
        var frames = new byte[pairs.Length][];
        for (var i = 0; i < pairs.Length; i++)
        {
            var (a, b, sport, dport) = pairs[i];
            senders[i] = hosts[a].Id;
            frames[i] = rig.Network.UdpFrame(hosts[a].Id, hosts[b].Id, sport, dport);
        }
        var counts = new Counts();
        rig.OnEvent = counts.OnEvent;
        void Send(int from, int to)
        {
            for (var i = from; i < to; i++) rig.Network.SendFrame(senders[i], frames[i]);
        }
        WarmUp(rig.Loop, counts, options, Send);
        var deliveredBefore = rig.Network.Counters.HostFramesDelivered;
        var toControllerBefore = rig.Network.Counters.ControlMessagesToController;
        var m = Measure(rig.Loop, counts, options, Send);
        // Let the released packets finish their trips (a few link latencies) before counting deliveries.
        rig.Loop.RunUntil(rig.Loop.Now + TimeSpan.FromMilliseconds(10));
        var delivered = rig.Network.Counters.HostFramesDelivered - deliveredBefore;
        return Result(topology, k, options, counts, m, delivered, rig.Network.Counters.ControlMessagesToController - toControllerBefore);
    }

    /// <summary>cbench's way: emulated switches send the packet-ins and answer with no data plane behind them.</summary>
    private static ReactiveResult RunEmulated(Topology.Model.Topology topology, int k, ControllerOptions controllerOptions,
        (int From, int To, ushort SourcePort, ushort DestinationPort)[] pairs, ReactiveBenchmarkOptions options)
    {
        using var loop = EventLoop.CreateVirtual();
        var switches = new EmulatedSwitches(topology, loop);
        var counts = new Counts();
        // No data plane carries LLDP between emulated switches (cbench's do not either): keepalives off.
        using var controller = LoopController.Start(loop, topology, switches, controllerOptions with { LldpInterval = TimeSpan.FromHours(1) },
            counts, "sdnctl-bench");
        loop.RunUntil(loop.Now + SettleTime);
        if (counts.Connected < topology.Switches.Count)
            throw new RunFailedException($"only {counts.Connected} of {topology.Switches.Count} emulated switches connected");

        var hosts = topology.Hosts;
        var dpids = new ulong[pairs.Length];
        var ports = new int[pairs.Length];
        var frames = new byte[pairs.Length][];
        for (var i = 0; i < pairs.Length; i++)
        {
            var (a, b, sport, dport) = pairs[i];
            var at = hosts[a].Attachment;
            dpids[i] = topology.Switches[topology.IndexOfSwitch(at.Node)].DatapathId;
            ports[i] = at.Port;
            frames[i] = UdpFrame(hosts[a], hosts[b], sport, dport);
        }
        void Send(int from, int to)
        {
            for (var i = from; i < to; i++) switches.PacketIn(dpids[i], frames[i], ports[i]);
        }
        WarmUp(loop, counts, options, Send);
        var (packetOuts, flowMods) = (switches.PacketOuts, switches.FlowMods);
        var m = Measure(loop, counts, options, Send);
        return Result(topology, k, options, counts, m, switches.PacketOuts - packetOuts, switches.PacketOuts - packetOuts + switches.FlowMods - flowMods);
    }

    private readonly record struct Measured(double WallMs, double CpuMs, double VirtualMs, int GcCollections, double GcPauseMs,
        int Gen2Collections, long AllocatedBytes, long HeapAfterFullGcBytes);

    /// <summary>
    /// cbench's warm-up loop (its <c>-w</c>): the first <see cref="ReactiveBenchmarkOptions.Warmup"/> flows are set up
    /// the same way but not timed, so the timed flows meet code the runtime has already compiled and optimised
    /// (tiered compilation, dynamic PGO) instead of timing the JIT too. Their flows stay installed.
    /// </summary>
    private static void WarmUp(EventLoop loop, Counts counts, ReactiveBenchmarkOptions options, Action<int, int> send)
    {
        if (options.Warmup == 0) return;
        Offer(loop, counts, 0, options.Warmup, options, send);
        // Let the warm-up's last packets finish their trips, then count only the timed flows.
        loop.RunUntil(loop.Now + TimeSpan.FromMilliseconds(10));
        counts.Reset();
    }

    /// <summary>Offers the timed flows' bursts and runs the loop until every first packet is released; wall and CPU time of that.</summary>
    private static Measured Measure(EventLoop loop, Counts counts, ReactiveBenchmarkOptions options, Action<int, int> send)
    {
        var collections = GC.CollectionCount(0);
        var gen2 = GC.CollectionCount(2);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var pause = GC.GetTotalPauseDuration();
        var cpu = Environment.CpuUsage.TotalTime;
        var virtualStart = loop.Now;
        var start = Stopwatch.GetTimestamp();
        Offer(loop, counts, options.Warmup, options.Flows, options, send);
        var wall = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        var cpuMs = (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds;
        var (collected, collected2) = (GC.CollectionCount(0) - collections, GC.CollectionCount(2) - gen2);
        var (paused, allocatedBytes) = ((GC.GetTotalPauseDuration() - pause).TotalMilliseconds, GC.GetTotalAllocatedBytes(precise: true) - allocated);
        // After the window (so it does not change what was timed): the live state every flow left behind.
        // Runs with different flow counts give the retained bytes per flow as the difference.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return new Measured(wall, cpuMs, (loop.Now - virtualStart).TotalMilliseconds, collected, paused, collected2, allocatedBytes, GC.GetTotalMemory(false));
    }

    /// <summary>Sends flows [first, first + count) in bursts, one per burst interval from now, and runs the loop until all their first packets are released.</summary>
    private static void Offer(EventLoop loop, Counts counts, int first, int count, ReactiveBenchmarkOptions options, Action<int, int> send)
    {
        var virtualStart = loop.Now;
        var released = counts.Released;
        for (var i = 0; i < count; i += options.Burst)
        {
            var (from, to) = (first + i, first + Math.Min(count, i + options.Burst));
            loop.ScheduleAt(virtualStart + options.BurstInterval * (i / options.Burst), () => send(from, to));
        }
        var limit = virtualStart + options.BurstInterval * (count / options.Burst + 1) + TimeSpan.FromSeconds(30);
        var step = TimeSpan.FromMilliseconds(0.25);
        while (counts.Released - released < count && loop.Now < limit) loop.RunUntil(loop.Now + step);
        if (counts.Released - released < count)
            throw new RunFailedException($"only {counts.Released - released} of {count} first packets were released within {(limit - virtualStart).TotalSeconds:0.#} s of virtual time ({counts.Flows} flows installed)");
    }

    private static ReactiveResult Result(Topology.Model.Topology topology, int k, ReactiveBenchmarkOptions options, Counts c, Measured m, long delivered, long controlMessages) =>
        new(topology.Name, k, topology.Switches.Count, topology.Hosts.Count, options.Flows, options.Burst, options.EmulatedSwitches,
            c.Flows, c.Rules, c.Released, delivered, c.Batches, controlMessages, m.WallMs, m.CpuMs, m.VirtualMs, m.GcCollections, m.GcPauseMs)
        {
            Warmup = options.Warmup,
            GcGen2Collections = m.Gen2Collections,
            AllocatedBytes = m.AllocatedBytes,
            HeapAfterFullGcBytes = m.HeapAfterFullGcBytes,
        };

    /// <summary>An Ethernet/IPv4/UDP frame (60 bytes, headers only) from one host to another, as after ARP.</summary>
    private static byte[] UdpFrame(Topology.Model.Host from, Topology.Model.Host to, ushort sourcePort, ushort destinationPort)
    {
        var frame = new byte[60];
        var span = frame.AsSpan();
        to.Mac.GetAddressBytes().CopyTo(span);
        from.Mac.GetAddressBytes().CopyTo(span[6..]);
        BinaryPrimitives.WriteUInt16BigEndian(span[12..], EtherTypes.Ipv4);
        var ip = span[14..];
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], 28);
        ip[8] = 64;
        ip[9] = 17;
        from.IPv4!.Address.GetAddressBytes().CopyTo(ip[12..]);
        to.IPv4!.Address.GetAddressBytes().CopyTo(ip[16..]);
        BinaryPrimitives.WriteUInt16BigEndian(ip[20..], sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(ip[22..], destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(ip[24..], 8);
        return frame;
    }

    /// <summary>Sums the controller's reactive batches; counts connected switches.</summary>
    private sealed class Counts : IControllerObserver
    {
        public int Flows, Rules, Released, Batches, Connected;

        /// <summary>Start counting flows afresh (after the warm-up); connected switches stay counted.</summary>
        public void Reset() => Flows = Rules = Released = Batches = 0;

        public void OnEvent(ControllerEvent e)
        {
            if (e is SwitchConnected) Connected++;
            if (e is not ReactiveFlowsInstalled r) return;
            Flows += r.Flows;
            Rules += r.Rules;
            Released += r.PacketsReleased;
            Batches++;
        }
    }
}

public sealed record ReactiveBenchmarkOptions
{
    /// <summary>Switches (a fat-tree with at least this many).</summary>
    public int Switches { get; init; } = 80;
    /// <summary>New flows, each opened by one first packet.</summary>
    public int Flows { get; init; } = 100_000;
    /// <summary>New flows set up first and not timed (cbench's warm-up loop, <c>-w</c>): the timed flows then run optimised code.</summary>
    public int Warmup { get; init; } = 5_000;
    /// <summary>First packets sent at the same virtual instant.</summary>
    public int Burst { get; init; } = 1000;
    /// <summary>Virtual time between bursts (the offered load is Burst per BurstInterval).</summary>
    public TimeSpan BurstInterval { get; init; } = TimeSpan.FromMilliseconds(1);
    public int Seed { get; init; } = 1;
    /// <summary>cbench's way: emulated switches send the packet-ins and only answer (no data plane, no flow tables).</summary>
    public bool EmulatedSwitches { get; init; }

    public void Validate()
    {
        if (Switches < 5 || Switches > 20_000) throw new ArgumentException($"switches must be between 5 and 20000, got {Switches}");
        if (Flows < 1 || Flows > 5_000_000) throw new ArgumentException($"flows must be between 1 and 5000000, got {Flows}");
        if (Warmup < 0 || Warmup > 1_000_000) throw new ArgumentException($"the warm-up must be between 0 and 1000000 flows, got {Warmup}");
        if ((long)Warmup + Flows > 60_000_000) throw new ArgumentException("warm-up plus flows must stay below 60,000,000 (distinct UDP port pairs)");
        // More first packets at once than the controller holds would be dropped (their flows are still set up).
        var held = new ControllerOptions().MaxBufferedPackets;
        if (Burst < 1 || Burst > held) throw new ArgumentException($"the burst must be between 1 and {held} (the first packets the controller holds at once), got {Burst}");
        if (BurstInterval <= TimeSpan.Zero) throw new ArgumentException("the burst interval must be positive");
    }
}

/// <param name="ControlToController">Simulated network: every switch→controller message during the run (packet-ins, barrier
/// replies, LLDP). Emulated switches: every flow-mod and packet-out the controller sent them.</param>
/// <param name="PacketsDelivered">Released first packets that reached their host (emulated switches: packet-outs received).</param>
public sealed record ReactiveResult(string Topology, int K, int Switches, int Hosts, int Offered, int Burst, bool EmulatedSwitches,
    int FlowsInstalled, int RulesAdded, int PacketsReleased, long PacketsDelivered, int Batches, long ControlToController,
    double WallMs, double CpuMs, double VirtualMs, int GcCollections, double GcPauseMs)
{
    /// <summary>Flows set up before the timed ones and not counted (the warm-up).</summary>
    public int Warmup { get; init; }
    /// <summary>Full (generation 2) collections inside the timed window (also counted in <see cref="GcCollections"/>).</summary>
    public int GcGen2Collections { get; init; }
    /// <summary>Bytes allocated by the whole process inside the timed window.</summary>
    public long AllocatedBytes { get; init; }
    /// <summary>Managed heap after a full compacting collection right after the timed window: the state the run left behind.</summary>
    public long HeapAfterFullGcBytes { get; init; }
    /// <summary>Packet-ins handled (flow opened, path installed and confirmed, packet released) per wall-clock second.</summary>
    public double PacketInsPerSecond => WallMs > 0 ? PacketsReleased / (WallMs / 1000) : 0;
    public double PathInstallsPerSecond => WallMs > 0 ? FlowsInstalled / (WallMs / 1000) : 0;
}
