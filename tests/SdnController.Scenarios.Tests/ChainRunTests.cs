using System.Diagnostics.Metrics;
using SdnController.Controller.Observation;
using SdnController.Controller.Telemetry;
using SdnController.Scenarios.Reporting;
using SdnController.VirtualNetwork;
using SdnController.VirtualNetwork.Traffic;

namespace SdnController.Scenarios.Tests;

/// <summary>
/// Chain steering by the controller: traffic matching <c>chains:</c> crosses fw1 then ids1 (on different switches of
/// a ladder) per packet, through link failures (two-phase, tags of one version per packet), fails closed when the
/// firewall is down with no standby, and moves to the standby when there is one.
/// </summary>
public class ChainRunTests
{
    // s1 - s2 - s3
    //  |    |    |
    // s4 - s5 - s6      h1 at s1, h2 at s3; fw1 at s2, ids1 at s5, fw2 (standby, when declared) at s4.
    private const string Ladder = $$"""
        {{ChainLadder.Switches}}
        hosts:
          - {id: h1, attach: "s1:10", ipv4: 10.0.0.1/24}
          - {id: h2, attach: "s3:10", ipv4: 10.0.0.2/24}
        {{ChainLadder.Links}}
        nfv:
          fw1:
            kind: firewall
            attach: "s2:5"
            default: deny
            rules: [{action: allow, proto: udp, dport: 6000}]STANDBY
          ids1:
            kind: ids
            attach: "s5:5"
            signatures: [{id: zeros, hex: "00 00 00 00 00 00 00 00", proto: udp, dport: 6000}]
        chains:
          - {id: guarded, match: {from: h1, to: h2, proto: udp}, through: [fw1, ids1]}
        traffic:
          - {id: chained, from: h1, to: h2, kind: udp, port: 6000, rate: 1000pps, size: 100}
        """;

    private const string Standby = """

            standby: fw2
          fw2:
            kind: firewall
            attach: "s4:5"
            default: deny
            rules: [{action: allow, proto: udp, dport: 6000}]
        """;

    private static (RunReport Report, ScenarioRun Run, ChainPacketWatch Watch) Run(string events, bool standby = false)
    {
        var topology = RunHarness.LoadText(Ladder.Replace("STANDBY", standby ? Standby.TrimEnd() : "") + "\nscenario:\n  duration: 1500ms\n  events:\n" + events);
        ChainPacketWatch? watch = null;
        var (report, run) = RunHarness.Execute(topology, topology.Scenario, topology.Traffic, prepare: r => watch = new ChainPacketWatch(r.Network));
        return (report, run, watch!);
    }

    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    [Test]
    public void Every_packet_crosses_the_firewall_then_the_ids_across_link_failures()
    {
        var (report, run, watch) = Run("""
                - {at: 300ms, link: s2-s5, state: down}
                - {at: 600ms, link: s5-s6, state: down}
                - {at: 900ms, link: s2-s5, state: up}
                - {at: 1200ms, link: s5-s6, state: up}
            """);
        using var _ = run;
        var flow = report.Flows.Single(f => f.Id == "chained");
        Assert.That(flow.Sent, Is.GreaterThan(1400));
        Assert.That(watch.Delivered.Select(d => d.Visits).Distinct(), Is.EqualTo(new[] { "fw1,ids1" }), "never bypassed, never reordered; drops: " + watch);
        Assert.That(watch.Mixed, Is.Empty, "each packet under one configuration");
        Assert.That(flow.Delivered, Is.GreaterThan(flow.Sent * 9 / 10), "only packets on a failed link are lost");
        foreach (var t in new[] { 450, 750, 1050, 1400 })
            Assert.That(watch.Delivered.Count(d => d.SentAt > Ms(t) && d.SentAt < Ms(t + 50)), Is.GreaterThan(40), $"delivered around {t} ms");

        var routes = run.ControllerEvents.OfType<ChainRouteChanged>().ToList();
        Assert.That(routes.First().Switches, Is.EqualTo(new[] { "s1", "s2", "s2", "s5", "s5", "s2", "s3" }).Or.EqualTo(new[] { "s1", "s2", "s2", "s5", "s5", "s6", "s3" }));
        Assert.That(routes.All(r => r.Functions.SequenceEqual(new[] { "fw1", "ids1" }) && !r.Closed), Is.True);
        Assert.That(routes.Count, Is.GreaterThanOrEqualTo(3), "moved at the failures");
        var reroutes = run.ControllerEvents.OfType<RerouteCompleted>().ToList();
        Assert.That(reroutes.Sum(r => r.TwoPhaseFlows), Is.GreaterThanOrEqualTo(2), "a chained flow moves by the two-phase update");
        Assert.That(run.ControllerEvents.OfType<ChainClosedAlert>(), Is.Empty);
        // Each move left the flow on version 1 and the untagging pass took it back to version 0 200 ms later, under
        // the same per-packet checks (above); the pass changes tags, not the route, so it reports no new route.
        var untagged = run.ControllerEvents.OfType<FlowsUntagged>().ToList();
        Assert.That(untagged.Sum(u => u.Flows), Is.EqualTo(reroutes.Sum(r => r.TwoPhaseFlows)), "every move was followed by a pass");
        Assert.That(routes.Count, Is.EqualTo(1 + reroutes.Sum(r => r.TwoPhaseFlows)));
        Assert.That(watch.Delivered.Any(d => d.SentAt > untagged[0].At), Is.True);
    }

    [Test]
    public void With_the_firewall_down_and_no_standby_chained_traffic_is_dropped_and_an_alert_raised()
    {
        var (report, run, watch) = Run("""
                - {at: 400ms, nfv: fw1, state: down}
                - {at: 900ms, nfv: fw1, state: up}
            """);
        using var _ = run;
        Assert.That(watch.Delivered.Select(d => d.Visits).Distinct(), Is.EqualTo(new[] { "fw1,ids1" }), "nothing delivered around the firewall");
        Assert.That(watch.Delivered.Count(d => d.SentAt > Ms(402) && d.SentAt < Ms(900)), Is.Zero, "fail closed while fw1 is down");
        var alert = run.ControllerEvents.OfType<ChainClosedAlert>().Single();
        Assert.That((alert.ChainId, alert.FlowId), Is.EqualTo(("guarded", "chained")));
        Assert.That(alert.Reason, Does.Contain("fw1 down").And.Contain("no standby"));
        Assert.That(watch.FunctionDropped, Is.LessThan(5), "the ingress drops; only packets already on the way reach the dead firewall");
        // Restored once fw1 is back and configured.
        Assert.That(watch.Delivered.Count(d => d.SentAt > Ms(950)), Is.GreaterThan(500));
        var last = run.ControllerEvents.OfType<ChainRouteChanged>().Last();
        Assert.That((last.Closed, string.Join(",", last.Functions)), Is.EqualTo((false, "fw1,ids1")));
        Assert.That(report.Flows.Single().Delivered, Is.EqualTo(watch.Delivered.Count));
    }

    [Test]
    public void With_the_firewall_cut_off_by_link_failures_and_no_standby_chained_traffic_is_dropped_not_sent_around_it()
    {
        // s2 (fw1's switch) loses all its links: h1 and h2 still reach each other over s4-s5-s6, but never through fw1.
        var (report, run, watch) = Run("""
                - {at: 400ms, link: s1-s2, state: down}
                - {at: 400ms, link: s2-s3, state: down}
                - {at: 400ms, link: s2-s5, state: down}
                - {at: 900ms, link: s1-s2, state: up}
                - {at: 900ms, link: s2-s3, state: up}
                - {at: 900ms, link: s2-s5, state: up}
            """);
        using var _ = run;
        Assert.That(watch.Delivered.Select(d => d.Visits).Distinct(), Is.EqualTo(new[] { "fw1,ids1" }), "nothing delivered around the firewall; drops: " + watch);
        Assert.That(watch.Delivered.Count(d => d.SentAt > Ms(400) && d.SentAt < Ms(900)), Is.Zero, "fail closed while fw1 is cut off");
        var alert = run.ControllerEvents.OfType<ChainClosedAlert>().Single();
        Assert.That((alert.ChainId, alert.FlowId, alert.Cause), Is.EqualTo(("guarded", "chained", ChainClosedCause.FunctionUnreachable)));
        Assert.That(alert.Reason, Does.Contain("fw1 unreachable").And.Contain("no standby"));
        Assert.That(watch.Delivered.Count(d => d.SentAt > Ms(950)), Is.GreaterThan(400), "restored once fw1 is reachable again");
        var last = run.ControllerEvents.OfType<ChainRouteChanged>().Last();
        Assert.That((last.Closed, string.Join(",", last.Functions)), Is.EqualTo((false, "fw1,ids1")));
        Assert.That(report.Flows.Single().Delivered, Is.EqualTo(watch.Delivered.Count));
    }

    [Test]
    public void The_fail_closed_alert_is_also_a_span_with_its_event_and_a_metric_by_reason()
    {
        using var spans = new SpanRecorder(ControllerTelemetry.SourceName);
        var metrics = new ControllerMetrics();
        var closed = new List<(long Value, string? Reason)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (i, l) => { if (ReferenceEquals(i.Meter, metrics.Meter) && i.Name == NfvMetrics.ChainClosed) l.EnableMeasurementEvents(i); };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? reason = null;
            foreach (var t in tags)
                if (t.Key == NfvMetrics.ChainReasonTag) reason = (string?)t.Value;
            lock (closed) closed.Add((value, reason));
        });
        listener.Start();
        var topology = RunHarness.LoadText(Ladder.Replace("STANDBY", "") + """

            scenario:
              duration: 800ms
              events:
                - {at: 300ms, nfv: fw1, state: down}
                - {at: 600ms, nfv: fw1, state: up}
            """);
        using var run = new ScenarioRun(topology, topology.Scenario, topology.Traffic, new RunOptions(), metrics);
        run.Execute();

        var alert = run.ControllerEvents.OfType<ChainClosedAlert>().Single();
        Assert.That(alert.Cause, Is.EqualTo(ChainClosedCause.FunctionDown));
        lock (closed) Assert.That(closed, Is.EqualTo(new[] { (1L, (string?)ChainClosedCause.FunctionDown) }));
        var span = spans.Snapshot().Single(s => s.OperationName == NfvTelemetry.ChainClosed);
        Assert.That(span.Parent, Is.Null, "a root of its own, like an IDS alert");
        Assert.That(span.GetTagItem(NfvTelemetry.ChainReason), Is.EqualTo(ChainClosedCause.FunctionDown));
        Assert.That((double)span.GetTagItem(ControllerTelemetry.VirtualStartMs)!, Is.EqualTo(alert.At.TotalMilliseconds));
        var ev = span.Events.Single();
        Assert.That(ev.Name, Is.EqualTo(NfvTelemetry.ChainClosedEvent));
        var tags = ev.Tags.ToDictionary(t => t.Key, t => t.Value);
        Assert.That((tags[NfvTelemetry.ChainId], tags[NfvTelemetry.ChainFlow], tags[NfvTelemetry.ChainDetail]), Is.EqualTo(("guarded", "chained", alert.Reason)));
        Assert.That(alert.Reason, Does.Contain("fw1 down"));
        metrics.Dispose();
    }

    [Test]
    public void With_a_standby_the_chain_moves_to_it_and_back()
    {
        var (report, run, watch) = Run("""
                - {at: 400ms, nfv: fw1, state: down}
                - {at: 900ms, nfv: fw1, state: up}
            """, standby: true);
        using var _ = run;
        Assert.That(watch.Delivered.Select(d => d.Visits).Distinct(), Is.EquivalentTo(new[] { "fw1,ids1", "fw2,ids1" }));
        Assert.That(watch.Delivered.Where(d => d.SentAt > Ms(405) && d.SentAt < Ms(895)).Select(d => d.Visits).Distinct(), Is.EqualTo(new[] { "fw2,ids1" }));
        Assert.That(watch.Delivered.Count(d => d.SentAt > Ms(405) && d.SentAt < Ms(895)), Is.GreaterThan(480), "the standby takes over within a few ms");
        Assert.That(watch.Delivered.Where(d => d.SentAt > Ms(905)).Select(d => d.Visits).Distinct(), Is.EqualTo(new[] { "fw1,ids1" }));
        Assert.That(watch.Mixed, Is.Empty);
        Assert.That(run.ControllerEvents.OfType<ChainClosedAlert>(), Is.Empty);
        var functions = run.ControllerEvents.OfType<ChainRouteChanged>().Select(r => string.Join(",", r.Functions)).ToList();
        Assert.That(functions, Is.EqualTo(new[] { "fw1,ids1", "fw2,ids1", "fw1,ids1" }));

        // The run report lists the chained flow's routes.
        var chained = report.Chains.Single();
        Assert.That((chained.Chain, chained.Flow), Is.EqualTo(("guarded", "chained")));
        Assert.That(chained.Routes.Select(r => string.Join(" ", r.Path)), Is.EqualTo(new[]
        {
            "s1 s2 fw1 s2 s5 ids1 s5 s2 s3", "s1 s4 fw2 s4 s5 ids1 s5 s2 s3", "s1 s2 fw1 s2 s5 ids1 s5 s2 s3",
        }).Or.EqualTo(new[] { "s1 s2 fw1 s2 s5 ids1 s5 s6 s3", "s1 s4 fw2 s4 s5 ids1 s5 s6 s3", "s1 s2 fw1 s2 s5 ids1 s5 s6 s3" }));
        var text = new StringWriter();
        RunReportText.Write(text, report);
        Assert.That(text.ToString(), Does.Contain("chained flows: 1").And.Contain("chained (chain guarded): 3 route(s)").And.Contain("s1 -> s4 -> fw2 -> s4 -> s5 -> ids1"));
        Assert.That(RunHarness.DeterministicJson(report), Does.Contain("\"chains\"").And.Contain("\"fw2\""));
    }

    [Test]
    public void Traffic_no_chain_matches_is_routed_as_before()
    {
        var topology = RunHarness.LoadText(Ladder.Replace("STANDBY", "").Replace("proto: udp}", "proto: tcp}") + "\nscenario: {duration: 200ms}\n");
        ChainPacketWatch? watch = null;
        var (report, run) = RunHarness.Execute(topology, topology.Scenario, topology.Traffic, prepare: r => watch = new ChainPacketWatch(r.Network));
        using var _ = run;
        Assert.That(report.Flows.Single().Delivered, Is.EqualTo(report.Flows.Single().Sent));
        Assert.That(watch!.Delivered.Select(d => d.Visits).Distinct(), Is.EqualTo(new[] { "" }), "shortest path, no function");
        Assert.That(run.ControllerEvents.OfType<ChainRouteChanged>(), Is.Empty);
    }
}
