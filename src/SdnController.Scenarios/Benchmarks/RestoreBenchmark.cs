using System.Diagnostics;
using SdnController.Controller;
using SdnController.Controller.Routing;
using SdnController.Paths.Analysis;
using SdnController.Paths.Graph;
using SdnController.Scenarios.Playback;
using SdnController.Scenarios.Reporting;
using SdnController.Topology.Scenarios;
using SdnController.Topology.Traffic;

namespace SdnController.Scenarios.Benchmarks;

/// <summary>
/// Failure → first packet delivered again, in virtual time, through the real scenario runner
/// (<see cref="ScenarioRun"/>): UDP flows between seeded host pairs, then single link failures, each
/// restored before the next. The run report gives per failure the detection time; <see cref="DeliveryLog"/> gives per
/// flow its packets delivered on another path than before; the figure is the first one's delivery less the detection,
/// over every (failure, moved flow), and "less the trip" the earliest of them once each packet's own one-way trip is
/// taken out (a detoured packet may be overtaken by a later one on the controller's shorter new path).
/// </summary>
/// <remarks>
/// <para>Failed links: seeded draws, without repeats while there are enough, among the switch links that
/// carry at least one flow (by the controller's own <see cref="RoutingService"/> routes) and are not
/// bridges — a bridge's failure leaves its flows no new path, so nothing could be delivered again.</para>
/// <para>With <see cref="RestoreBenchmarkOptions.Protection"/> every flow has fast-failover backups: the first
/// delivery again is the first packet over its backup, taken by the switch itself, usually before the
/// controller's detection (the figure after detection is then negative).</para>
/// <para>Each failure lasts one phase and the link stays restored one phase before the next failure.
/// A phase is 100 ms with port-status failures (detected 0.5 ms after, one control-channel latency)
/// and the keepalive timeout plus two probe intervals and 100 ms with silent failures.</para>
/// </remarks>
public static class RestoreBenchmark
{
    public static RestoreResult Run(Topology.Model.Topology topology, RestoreBenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var wallStart = Stopwatch.GetTimestamp();
        var controllerOptions = ControllerOptions.For(topology) with { Protection = options.Protection };
        var random = new Random(options.Seed);
        var traffic = Traffic(topology, options, random);
        var routes = RoutedLinks(topology, controllerOptions.Metric, traffic);
        var candidates = FailureCandidates(topology, routes);
        if (candidates.Count == 0)
            throw new RunFailedException($"no flow of '{topology.Name}' routes over a link whose failure leaves another path");
        var failed = DrawLinks(topology, candidates, options.Failures, random);

        var phase = options.Silent
            ? controllerOptions.LldpInterval * (controllerOptions.LldpTimeoutMultiplier + 2) + TimeSpan.FromMilliseconds(100)
            : TimeSpan.FromMilliseconds(100);
        var events = new List<ScenarioEvent>(2 * failed.Count);
        var at = RestoreBenchmarkOptions.Settle;
        foreach (var link in failed)
        {
            // A seeded sub-millisecond offset: failures do not all land at the same phase of the flows' sending.
            at += TimeSpan.FromTicks(random.Next((int)TimeSpan.TicksPerMillisecond));
            events.Add(new LinkStateEvent(at, link, Up: false) { Silent = options.Silent });
            events.Add(new LinkStateEvent(at + phase, link, Up: true));
            at += 2 * phase;
        }
        var scenario = new Scenario(events) { Name = "bench-restore", Duration = at, Seed = options.Seed };
        var network = options.Protection && options.Silent ? new VirtualNetwork.NetworkOptions { LocalFailureDetection = options.LocalDetection } : new VirtualNetwork.NetworkOptions();
        using var run = new ScenarioRun(topology, scenario, traffic, new RunOptions { VirtualTime = true, Seed = options.Seed, Controller = controllerOptions, Network = network });
        var deliveries = new DeliveryLog(topology, run.Network);
        var report = run.Execute();
        return Measure(topology, traffic.Count, failed, report, deliveries, Stopwatch.GetElapsedTime(wallStart).TotalMilliseconds)
            with { Protected = options.Protection };
    }

    private static RestoreResult Measure(Topology.Model.Topology topology, int flows, List<string> failed, RunReport report, DeliveryLog deliveries, double wallMs)
    {
        var samples = new List<double>();
        var withoutTrip = new List<double>();
        var detections = new List<double>();
        var confirmed = new List<double>();
        var methods = new List<string>();
        int notRestored = 0, undetected = 0;
        var fromFailureMax = 0.0;
        for (var c = 0; c < report.Changes.Count; c++)
        {
            var change = report.Changes[c];
            if (change.Event.Kind != InjectedKind.LinkDown) continue;
            if (change.Reaction is not { } reaction)
            {
                undetected++;
                continue;
            }
            var detection = reaction.Detection.TotalMilliseconds;
            detections.Add(detection);
            confirmed.Add((reaction.Computation + reaction.Installation).TotalMilliseconds);
            var method = RunReportJson.DetectionName(reaction.Method);
            if (!methods.Contains(method)) methods.Add(method);
            // Loop time of the failure and of the next change (the restore): the window of this failure's packets.
            var from = report.Setup.ReadyAfter + change.Event.At;
            var until = c + 1 < report.Changes.Count ? report.Setup.ReadyAfter + report.Changes[c + 1].Event.At : TimeSpan.MaxValue;
            foreach (var flow in change.PerFlow)
            {
                if (flow.FirstDeliveryOnNewPath is null || deliveries.RestoreAfter(flow.FlowId, from, until) is not { } restore)
                {
                    if (flow.PacketsLost > 0) notRestored++;
                    continue;
                }
                var first = (restore.FirstAt - from).TotalMilliseconds;
                samples.Add(first - detection);
                // Per packet, not the first one's: a detoured packet overtaken by a later one on a shorter path was
                // still delivered again, earlier once each packet's own propagation is taken out (docs/benchmarks.md).
                withoutTrip.Add((restore.EarliestLessTrip - from).TotalMilliseconds - detection);
                fromFailureMax = Math.Max(fromFailureMax, first);
            }
        }
        return new RestoreResult(topology.Name, topology.Switches.Count, topology.Links.Count, topology.Hosts.Count, flows, failed, methods,
            Percentiles.Median(detections), detections.Count > 0 ? detections.Max() : double.NaN,
            samples.Count, notRestored, undetected,
            Percentiles.Of(samples, 50), Percentiles.Of(samples, 99), samples.Count > 0 ? samples.Max() : double.NaN,
            Percentiles.Of(withoutTrip, 50), Percentiles.Of(withoutTrip, 99), withoutTrip.Count > 0 ? withoutTrip.Max() : double.NaN,
            fromFailureMax, Percentiles.Median(confirmed), confirmed.Count > 0 ? confirmed.Max() : double.NaN, report.Totals.Sent, report.Totals.Lost, report.Totals.Looped, wallMs);
    }

    /// <summary>Seeded host pairs on different switches (a flow within one switch crosses no link), UDP, one-way.</summary>
    private static List<TrafficFlow> Traffic(Topology.Model.Topology topology, RestoreBenchmarkOptions options, Random random)
    {
        var hosts = topology.Hosts;
        var attachedTo = new HashSet<string>(StringComparer.Ordinal);
        foreach (var h in hosts) attachedTo.Add(h.Attachment.Node);
        if (attachedTo.Count < 2) throw new RunFailedException($"'{topology.Name}' needs hosts on at least two switches");
        var flows = new List<TrafficFlow>(options.Flows);
        while (flows.Count < options.Flows)
        {
            var a = hosts[random.Next(hosts.Count)];
            var b = hosts[random.Next(hosts.Count)];
            if (a.Attachment.Node == b.Attachment.Node) continue;
            var i = flows.Count;
            flows.Add(new TrafficFlow($"f{i}", a.Id, b.Id, TrafficKind.Udp)
            {
                PacketsPerSecond = options.PacketsPerSecond,
                FrameBytes = RestoreBenchmarkOptions.FrameBytes,
                SourcePort = TrafficFlow.DefaultSourcePort(i),
                // Staggered within one packet gap, so the flows' packets meet the new rules at every phase.
                Start = TimeSpan.FromTicks((long)(random.NextDouble() * TimeSpan.TicksPerSecond / options.PacketsPerSecond)),
            });
        }
        return flows;
    }

    /// <summary>Per link index, how many of the flows the controller's routing sends over it.</summary>
    private static int[] RoutedLinks(Topology.Model.Topology topology, PathMetric metric, List<TrafficFlow> traffic)
    {
        var routing = new RoutingService(topology, metric);
        var load = new int[topology.Links.Count];
        foreach (var f in traffic)
        {
            if (routing.Route(topology.IndexOfHost(f.From), topology.IndexOfHost(f.To)) is not { } path) continue;
            foreach (var l in path.Links) load[l]++;
        }
        return load;
    }

    private static List<int> FailureCandidates(Topology.Model.Topology topology, int[] load)
    {
        var bridges = new HashSet<int>();
        foreach (var b in SinglePointsOfFailure.Analyze(topology, CompactGraph.FromTopology(topology, PathMetric.Hop)).Bridges) bridges.Add(b.Link);
        var result = new List<int>();
        for (var l = 0; l < load.Length; l++)
            if (load[l] > 0 && !bridges.Contains(l)) result.Add(l);
        return result;
    }

    /// <summary>Seeded draws without repeats; once every candidate was drawn, another round in a new order.</summary>
    private static List<string> DrawLinks(Topology.Model.Topology topology, List<int> candidates, int count, Random random)
    {
        var result = new List<string>(count);
        var order = candidates.ToArray();
        while (result.Count < count)
        {
            random.Shuffle(order);
            for (var i = 0; i < order.Length && result.Count < count; i++) result.Add(topology.Links[order[i]].Id);
        }
        return result;
    }
}
