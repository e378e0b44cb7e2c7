using System.Collections.Immutable;
using System.Diagnostics.Metrics;
using SdnController.Controller.Observation;
using SdnController.Controller.Telemetry;
using SdnController.Scenarios.Reporting;

namespace SdnController.Scenarios.Tests;

/// <summary>
/// The topology's <c>policy:</c> section in whole runs: the classifier (fed by the hosts' access-port tap) labels what
/// the hosts send, and the controller re-routes, blocks or chains the flows by the first matching entry — read from the
/// data plane's hop records and drops, the report's policy section, the flow.policy spans and sdn.policy.actions.
/// </summary>
public sealed class PolicyRunTests
{
    /// <summary>
    /// s1 to s4 through s2 (2 ms, 100 Mbps) or s3 (20 ms, 10 Gbps); the controller routes by headroom, so every flow
    /// starts through s3.
    /// </summary>
    private const string TwoPaths = """
        switches: [{id: s1}, {id: s2}, {id: s3}, {id: s4}]
        hosts:
          - {id: h1, ipv4: 10.0.0.1/24, attach: "s1:1"}
          - {id: h2, ipv4: 10.0.0.2/24, attach: "s4:1"}
          - {id: h3, ipv4: 10.0.0.3/24, attach: "s1:4"}
        links:
          - {id: fast1, endpoints: ["s1:2", "s2:1"], latency: 1ms, bandwidth: 100Mbps}
          - {id: fast2, endpoints: ["s2:2", "s4:2"], latency: 1ms, bandwidth: 100Mbps}
          - {id: wide1, endpoints: ["s1:3", "s3:1"], latency: 10ms, bandwidth: 10Gbps}
          - {id: wide2, endpoints: ["s3:2", "s4:3"], latency: 10ms, bandwidth: 10Gbps}
        controller: {metric: headroom}

        """;

    private const string MetricAndBlock = TwoPaths + """
        policy:
          - {class: real-time, metric: latency}
          - {protocol: BitTorrent, block: true}
          - {class: bulk, metric: bandwidth}
        traffic:
          - {id: voice, from: h1, to: h2, kind: udp, payload: rtp, rate: 100pps, size: 200, port: 5004}
          - {id: torrent, from: h1, to: h2, kind: tcp, payload: bittorrent, rate: 200pps, size: 600, port: 7000}
          - {id: plain, from: h1, to: h2, kind: udp, rate: 100pps, size: 200}
        scenario: {duration: 500ms}
        """;

    private sealed record Delivery(TimeSpan SentAt, string Path);

    private static Dictionary<string, List<Delivery>> RecordDeliveries(ScenarioRun r, Topology.Model.Topology topology)
    {
        var sent = new Dictionary<string, List<Delivery>>();
        r.Network.PacketDelivered += (packet, flow) =>
        {
            var hops = packet.Hops;
            var path = new string[hops.Length];
            for (var i = 0; i < hops.Length; i++) path[i] = topology.Switches[hops[i]].Id;
            if (!sent.TryGetValue(flow.Id, out var list)) sent[flow.Id] = list = new();
            list.Add(new Delivery(packet.SentAt, string.Join("-", path)));
        };
        return sent;
    }

    /// <summary>The paths a flow's packets took in sending order, each run of equal paths once.</summary>
    private static List<string> PathsOf(Dictionary<string, List<Delivery>> sent, string id) =>
        sent[id].OrderBy(p => p.SentAt).Select(p => p.Path)
            .Aggregate(new List<string>(), (acc, p) => { if (acc.Count == 0 || acc[^1] != p) acc.Add(p); return acc; });

    [Test]
    public void Real_time_moves_to_the_lowest_latency_path_and_BitTorrent_is_blocked_at_the_ingress()
    {
        using var spans = new SpanRecorder(ControllerTelemetry.SourceName);
        var metrics = new ControllerMetrics();
        var actions = new List<(long Value, string? Action, string? Outcome)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (i, l) => { if (ReferenceEquals(i.Meter, metrics.Meter) && i.Name == ControllerMetrics.PolicyActions) l.EnableMeasurementEvents(i); };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? action = null, outcome = null;
            foreach (var t in tags)
            {
                if (t.Key == ControllerMetrics.PolicyActionTag) action = (string?)t.Value;
                if (t.Key == ControllerMetrics.PolicyOutcomeTag) outcome = (string?)t.Value;
            }
            lock (actions) actions.Add((value, action, outcome));
        });
        listener.Start();

        var topology = RunHarness.LoadText(MetricAndBlock);
        Dictionary<string, List<Delivery>> sent = null!;
        using var run = new ScenarioRun(topology, topology.Scenario, topology.Traffic, new RunOptions(), metrics);
        sent = RecordDeliveries(run, topology);
        var report = run.Execute();
        var text = RunHarness.Describe(report);
        var origin = report.Setup.ReadyAfter;

        // The report's policy section: one entry per label, with the entry taken and what came of it.
        var voice = report.Policy.Single(p => p.FlowIds.Contains("voice"));
        Assert.That((voice.Protocol, voice.Class, voice.Method, voice.Rule, voice.Action, voice.Outcome),
            Is.EqualTo(("RTP", "real-time", "inspection", 0, "metric:latency", PolicyOutcomes.Moved)), text);
        var torrent = report.Policy.Single(p => p.FlowIds.Contains("torrent"));
        Assert.That((torrent.Protocol, torrent.Method, torrent.Rule, torrent.Action, torrent.Outcome),
            Is.EqualTo(("BitTorrent", "inspection", 1, "block", PolicyOutcomes.Blocked)), text);
        Assert.That(torrent.Flow, Is.EqualTo("tcp 10.0.0.1:10001 > 10.0.0.2:7000"));
        Assert.That(torrent.RulesAdded, Is.EqualTo(2), "a drop rule at each end's ingress");
        var plain = report.Policy.Single(p => p.FlowIds.Contains("plain"));
        Assert.That((plain.Rule, plain.Action, plain.Outcome), Is.EqualTo((-1, "none", PolicyOutcomes.NoMatch)));
        Assert.That(report.Policy, Has.Count.EqualTo(3), "one label per flow: a label repeated is not acted on again");

        // The hop records: the call leaves the wide path for the fast one; unlabelled traffic stays.
        Assert.That(PathsOf(sent, "voice"), Is.EqualTo(new[] { "s1-s3-s4", "s1-s2-s4" }), text);
        Assert.That(PathsOf(sent, "plain"), Is.EqualTo(new[] { "s1-s3-s4" }), text);
        var movedAt = origin + voice.At;
        Assert.That(sent["voice"].Where(d => d.SentAt > movedAt).Select(d => d.Path), Is.All.EqualTo("s1-s2-s4"));

        // The block: nothing sent after the drop rules were confirmed is delivered; the rest is dropped at s1.
        var blockedAt = origin + torrent.At;
        var torrentFlow = run.Network.FindFlow("torrent")!;
        Assert.That(sent.GetValueOrDefault("torrent", new()).Where(d => d.SentAt >= blockedAt), Is.Empty, text);
        Assert.That(torrentFlow.Sent, Is.GreaterThan(50));
        Assert.That(torrentFlow.Delivered, Is.LessThan(10), "only what left before the block");
        var blocked = run.ControllerEvents.OfType<FlowBlocked>().Single();
        Assert.That((blocked.FunctionId, blocked.Switches), Is.EqualTo(("policy", new[] { "s1", "s4" }.ToImmutableArray())));
        Assert.That(report.Flows.Single(f => f.Id == "torrent").Lost, Is.GreaterThan(50));

        // The span and the counter.
        var policySpans = spans.Snapshot().Where(s => s.OperationName == PolicyTelemetry.FlowPolicy).ToList();
        var moved = policySpans.Single(s => (string?)s.GetTagItem(PolicyTelemetry.Protocol) == "RTP");
        Assert.That(moved.GetTagItem(PolicyTelemetry.Class), Is.EqualTo("real-time"));
        Assert.That(moved.GetTagItem(PolicyTelemetry.Action), Is.EqualTo("metric:latency"));
        Assert.That(moved.GetTagItem(PolicyTelemetry.Outcome), Is.EqualTo(PolicyOutcomes.Moved));
        Assert.That((int)moved.GetTagItem(ControllerTelemetry.RulesAdded)! + (int)moved.GetTagItem(ControllerTelemetry.RulesRemoved)!, Is.GreaterThan(0));
        var block = policySpans.Single(s => (string?)s.GetTagItem(PolicyTelemetry.Protocol) == "BitTorrent");
        Assert.That(block.GetTagItem(PolicyTelemetry.Action), Is.EqualTo("block"));
        Assert.That(block.GetTagItem(ControllerTelemetry.RulesAdded), Is.EqualTo(2));
        lock (actions)
            Assert.That(actions.OrderBy(a => a.Action), Is.EqualTo(new[] { (1L, (string?)"block", (string?)PolicyOutcomes.Blocked), (1L, "metric", PolicyOutcomes.Moved) }));
    }

    [Test]
    public void A_label_that_changes_nothing_sends_nothing()
    {
        // Real-time already on the latency path (the controller's metric): the entry applies, the route is the same.
        var topology = RunHarness.LoadText(MetricAndBlock.Replace("controller: {metric: headroom}", "controller: {metric: latency}"));
        Dictionary<string, List<Delivery>> sent = null!;
        var (report, run) = RunHarness.Execute(topology, topology.Scenario, topology.Traffic, prepare: r => sent = RecordDeliveries(r, topology));
        using var _ = run;
        var voice = report.Policy.Single(p => p.FlowIds.Contains("voice"));
        Assert.That((voice.Outcome, voice.RulesAdded, voice.RulesRemoved), Is.EqualTo((PolicyOutcomes.Unchanged, 0, 0)));
        Assert.That(PathsOf(sent, "voice"), Is.EqualTo(new[] { "s1-s2-s4" }));
        Assert.That(sent["voice"], Has.Count.EqualTo(run.Network.FindFlow("voice")!.Sent), "nothing lost");
    }

    [Test]
    public void The_same_label_twice_changes_nothing_and_a_label_taking_no_entry_leaves_the_action()
    {
        // The plain flow (no payload: never labelled by inspection before 8 packets) is labelled real-time by hand at
        // 30 ms, again at 60 ms, then "other" at 90 ms: one move, nothing more.
        var topology = RunHarness.LoadText(MetricAndBlock);
        Dictionary<string, List<Delivery>> sent = null!;
        var tuple = new Southbound.Nfv.FunctionFlowTuple(0x0A000001, 0x0A000002, 10002, 5001, 17);
        var (report, run) = RunHarness.Execute(topology, topology.Scenario, topology.Traffic, prepare: r =>
        {
            sent = RecordDeliveries(r, topology);
            r.OnReady = network =>
            {
                var now = network.Loop.Now;
                void Label(double ms, string cls) => network.Loop.ScheduleAt(now + TimeSpan.FromMilliseconds(ms),
                    () => r.Controller!.FlowClassified(new Controller.Messages.FlowClassified(tuple, "RTP", cls, "inspection")));
                Label(30, "real-time");
                Label(60, "real-time");
                Label(90, "other");
            };
        });
        using var _ = run;
        var plain = report.Policy.Where(p => p.FlowIds.Contains("plain")).ToList();
        Assert.That(plain.Select(p => (p.Action, p.Outcome)), Is.EqualTo(new[] { ("metric:latency", PolicyOutcomes.Moved) }), RunHarness.Describe(report));
        Assert.That(PathsOf(sent, "plain"), Is.EqualTo(new[] { "s1-s3-s4", "s1-s2-s4" }), "moved once, and kept there");
    }

    [Test]
    public void Without_a_policy_section_the_run_has_no_tap_and_no_policy_report()
    {
        var withPolicy = RunHarness.LoadText(MetricAndBlock);
        var without = RunHarness.LoadText(MetricAndBlock[..MetricAndBlock.IndexOf("policy:", StringComparison.Ordinal)] +
            MetricAndBlock[MetricAndBlock.IndexOf("traffic:", StringComparison.Ordinal)..]);
        Assert.That(without.Policy, Is.Empty);
        var (report, run) = RunHarness.Execute(without, without.Scenario, without.Traffic);
        using var _ = run;
        Assert.That(report.Policy, Is.Empty);
        Assert.That(run.ControllerEvents.OfType<FlowPolicyApplied>(), Is.Empty);
        Assert.That(run.ControllerEvents.OfType<FlowBlocked>(), Is.Empty);
        Assert.That(report.Flows.Single(f => f.Id == "torrent").Lost, Is.Zero, "nothing blocks BitTorrent without a policy");
        Assert.That(RunHarness.DeterministicJson(report), Does.Not.Contain("\"policy\""));
        Assert.That(withPolicy.Policy, Has.Count.EqualTo(3));
    }

    private const string Chained = TwoPaths + """
        nfv:
          ids1:
            kind: ids
            attach: "s2:5"
            signatures: [{id: never, hex: "ff ee dd cc bb aa 99 88", proto: udp}]
        chains:
          - {id: inspect, match: {class: inspected}, through: [ids1]}
        policy:
          - {class: suspicious, chain: inspect}
          - {protocol: SSH, chain: inspect}
        traffic:
          - {id: scanner-flow, from: h3, to: h2, kind: udp, rate: 200pps, size: 200, port: 6000}
          - {id: shell, from: h1, to: h2, kind: tcp, payload: ssh, rate: 100pps, size: 200, port: 2222}
          - {id: plain, from: h1, to: h2, kind: udp, rate: 100pps, size: 200}
        scenario: {duration: 600ms}
        """;

    [Test]
    public void A_scanning_source_and_an_SSH_flow_are_steered_through_the_IDS_chain()
    {
        var topology = RunHarness.LoadText(Chained);
        var visits = new Dictionary<string, (int Through, int Total)>();
        var (report, run) = RunHarness.Execute(topology, topology.Scenario, topology.Traffic, prepare: r =>
        {
            r.Network.PacketDelivered += (packet, flow) =>
            {
                visits.TryGetValue(flow.Id, out var v);
                visits[flow.Id] = (v.Through + (packet.FunctionVisits.Length > 0 ? 1 : 0), v.Total + 1);
            };
            // At 100 ms h3 probes 20 ports of h2 (lone UDP datagrams nobody answers): a port scan.
            r.OnReady = network => network.Loop.ScheduleAt(network.Loop.Now + TimeSpan.FromMilliseconds(100), () =>
            {
                for (var port = 1; port <= 20; port++) network.SendFrame("h3", network.UdpFrame("h3", "h2", 40000, (ushort)port));
            });
        });
        using var _ = run;
        var text = RunHarness.Describe(report);

        // The scanner's own flow: unremarkable at first, suspicious once its source is found probing (the label changed).
        var labels = report.Policy.Where(p => p.FlowIds.Contains("scanner-flow")).ToList();
        Assert.That(labels.Select(p => (p.Class, p.Outcome)), Is.EqualTo(new[] { ("other", PolicyOutcomes.NoMatch), ("suspicious", PolicyOutcomes.Chained) }), text);
        var scan = labels[1];
        Assert.That((scan.Rule, scan.Action), Is.EqualTo((0, "chain:inspect")));
        Assert.That(scan.LabelledAt, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(100)), "not before the probes");
        var shell = report.Policy.Single(p => p.FlowIds.Contains("shell"));
        Assert.That((shell.Protocol, shell.Class, shell.Action, shell.Outcome), Is.EqualTo(("SSH", "interactive", "chain:inspect", PolicyOutcomes.Chained)), text);
        // The probes are suspicious too, but no controller flow carries them.
        Assert.That(report.Policy.Where(p => p.Class == "suspicious" && p.FlowIds.Count == 0).Select(p => p.Outcome), Is.All.EqualTo(PolicyOutcomes.NoFlow));

        // The chain report and the data plane: both end up crossing the IDS, the plain flow never does.
        Assert.That(report.Chains.Select(c => (c.Chain, c.Flow)), Is.EquivalentTo(new[] { ("inspect", "scanner-flow"), ("inspect", "shell") }), text);
        Assert.That(visits["scanner-flow"].Through, Is.GreaterThan(0), text);
        Assert.That(visits["shell"].Through, Is.GreaterThan(0), text);
        Assert.That(visits["plain"].Through, Is.Zero);
        var scanner = run.Network.FindFlow("scanner-flow")!;
        Assert.That(scanner.Sent - scanner.Delivered, Is.LessThanOrEqualTo(2), "steered without losing the flow");
    }
}
