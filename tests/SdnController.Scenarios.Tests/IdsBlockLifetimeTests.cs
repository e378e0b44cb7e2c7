using System.Diagnostics.Metrics;
using System.Text;
using System.Text.Json;
using SdnController.Controller.Observation;
using SdnController.Controller.Planning;
using SdnController.Controller.Telemetry;
using SdnController.Scenarios.Interactive;
using SdnController.Scenarios.Reporting;

namespace SdnController.Scenarios.Tests;

/// <summary>
/// IDS blocks that end: a block_for lifetime (the controller's rules go, the IDS forgets its own block, the switch's
/// hard timeout backs it up), the operator's unblock, a resync after the end that must not bring the rules back, and
/// a new offence that blocks again — all checked on the packets the virtual network delivers.
/// </summary>
public class IdsBlockLifetimeTests
{
    /// <summary>The app flow's payload is harmless; the test sends one offending datagram on the app flow's own 5-tuple.</summary>
    private const string Network = """
        switches: [{id: s1}, {id: s2}]
        hosts:
          - {id: h1, attach: "s1:10", ipv4: 10.0.0.1/24}
          - {id: h2, attach: "s2:10", ipv4: 10.0.0.2/24}
        links:
          - {endpoints: ["s1:2", "s2:1"], latency: 1ms, bandwidth: 1Gbps}
        nfv:
          ids1:
            kind: ids
            attach: "s2:5"
            block: true
            BLOCKFOR
            signatures: [{id: evil, pattern: EVIL, proto: udp, dport: 6000}]
        chains:
          - {id: watched, match: {from: h1, to: h2}, through: [ids1]}
        traffic:
          - {id: app, from: h1, to: h2, kind: udp, port: 6000, rate: 1000pps, size: 100}
        """;

    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    private static NetworkSession Start(string blockFor) =>
        NetworkSession.Start(RunHarness.LoadText(Network.Replace("BLOCKFOR", blockFor)));

    /// <summary>One UDP datagram on the app flow's 5-tuple whose payload carries the signature.</summary>
    private static void Offend(NetworkSession session)
    {
        var app = session.Network.Flows.Single(f => f.Spec.Id == "app");
        var frame = session.Network.UdpFrame("h1", "h2", app.Spec.SourcePort, 6000);
        const int payload = 14 + 20 + 8;
        Assert.That(frame.Length, Is.GreaterThanOrEqualTo(payload + 4));
        "EVIL"u8.CopyTo(frame.AsSpan(payload));
        frame[40] = frame[41] = 0;   // no UDP checksum (IPv4 allows it), as the payload changed
        session.Network.SendFrame("h1", frame);
    }

    private static long Delivered(NetworkSession s) => s.Network.Flows.Single(f => f.Spec.Id == "app").Delivered;

    /// <summary>Packets the app flow delivers over the next <paramref name="window"/>.</summary>
    private static long DeliveredDuring(NetworkSession s, TimeSpan window)
    {
        var before = Delivered(s);
        s.Wait(window);
        return Delivered(s) - before;
    }

    private static List<SdnController.Southbound.Rules.FlowRule> BlockRules(NetworkSession s, string sw) =>
        s.Network.Switches[s.Topology.IndexOfSwitch(sw)].Flows.Snapshot().Where(e => BlockCookie.IsBlock(e.Rule.Cookie)).Select(e => e.Rule).ToList();

    [Test]
    public void A_block_ends_after_its_lifetime_a_resync_does_not_restore_it_and_a_new_offence_blocks_again()
    {
        using var session = Start("block_for: 100ms");
        Assert.That(DeliveredDuring(session, 20 * Ms), Is.GreaterThan(15), "the app flow passes the IDS");

        Offend(session);
        session.Wait(5 * Ms);
        var blocked = session.ControllerEvents.OfType<FlowBlocked>().Single();
        Assert.That((blocked.BlockId, blocked.FunctionId, blocked.SignatureId), Is.EqualTo((1L, "ids1", "evil")));
        Assert.That(blocked.ExpiresAt - blocked.Since, Is.EqualTo(100 * Ms));
        var rules = BlockRules(session, "s1");
        Assert.That(rules.Select(r => r.HardTimeout), Is.EqualTo(new[] { 100 * Ms }), "the lifetime rides on the rule as its hard timeout");
        Assert.That(BlockRules(session, "s2").Select(r => r.HardTimeout), Is.EqualTo(new[] { 100 * Ms }));
        Assert.That(DeliveredDuring(session, 50 * Ms), Is.LessThanOrEqualTo(2), "only packets already past the ingress");
        var view = session.Blocks().Single();
        Assert.That((view.Id, view.FunctionId, view.Signature, string.Join(",", view.Switches)), Is.EqualTo((1L, "ids1", "evil", "s1,s2")));
        Assert.That(view.PacketsDropped, Is.GreaterThan(45), "the ingress rule's counter: the app flow's packets");

        // The lifetime ends 100 ms after the block was decided.
        session.Wait(blocked.Since + 100 * Ms - (session.Now + session.Origin) + 5 * Ms);
        var unblocked = session.ControllerEvents.OfType<FlowUnblocked>().Single();
        Assert.That((unblocked.BlockId, unblocked.Reason, unblocked.FunctionId), Is.EqualTo((1L, BlockLiftReasons.Expired, "ids1")));
        Assert.That(unblocked.LiftedAt, Is.EqualTo(blocked.Since + 100 * Ms));
        Assert.That(BlockRules(session, "s1"), Is.Empty);
        Assert.That(BlockRules(session, "s2"), Is.Empty);
        Assert.That(session.Blocks(), Is.Empty);
        Assert.That(DeliveredDuring(session, 30 * Ms), Is.GreaterThan(25), "the flow passes again, through the IDS");

        // s1 restarts empty and the controller resynchronises it from its desired state: the block is not in it.
        session.SetSwitch("s1", false);
        session.SetSwitch("s1", true);
        session.Wait(20 * Ms);
        Assert.That(session.ControllerEvents.OfType<SwitchResynced>().Any(r => r.SwitchId == "s1" && r.At > unblocked.At), "s1 was resynchronised");
        Assert.That(BlockRules(session, "s1"), Is.Empty, "the ended block stays gone");
        Assert.That(DeliveredDuring(session, 30 * Ms), Is.GreaterThan(25));

        // Offending again is a new block.
        Offend(session);
        session.Wait(5 * Ms);
        var again = session.ControllerEvents.OfType<FlowBlocked>().ToList();
        Assert.That(again.Select(b => b.BlockId), Is.EqualTo(new[] { 1L, 2L }));
        Assert.That(BlockRules(session, "s1").Select(r => r.Cookie), Is.EqualTo(new[] { BlockCookie.Of(2) }));
        Assert.That(DeliveredDuring(session, 50 * Ms), Is.LessThanOrEqualTo(2));
    }

    [Test]
    public void A_resync_before_the_end_keeps_the_block()
    {
        using var session = Start("block_for: 300ms");
        session.Wait(10 * Ms);
        Offend(session);
        session.Wait(5 * Ms);
        session.SetSwitch("s1", false);
        session.SetSwitch("s1", true);
        session.Wait(20 * Ms);
        Assert.That(BlockRules(session, "s1"), Has.Count.EqualTo(1), "re-installed from the desired state");
        Assert.That(DeliveredDuring(session, 50 * Ms), Is.LessThanOrEqualTo(2));
        Assert.That(session.ControllerEvents.OfType<FlowUnblocked>(), Is.Empty);
    }

    [Test]
    public void Unblock_lifts_a_permanent_block_in_the_switches_and_in_the_ids()
    {
        using var session = Start("");
        session.Wait(10 * Ms);
        Offend(session);
        session.Wait(5 * Ms);
        var blocked = session.ControllerEvents.OfType<FlowBlocked>().Single();
        Assert.That(blocked.ExpiresAt, Is.Null, "no block_for: for good");
        session.Wait(TimeSpan.FromSeconds(1));
        Assert.That(DeliveredDuring(session, 50 * Ms), Is.Zero, "still blocked a second later");

        var outcome = session.Unblock("1");
        var (view, confirmed) = outcome.Lifted.Single();
        Assert.That((view.Id, confirmed.HasValue), Is.EqualTo((1L, true)));
        var unblocked = session.ControllerEvents.OfType<FlowUnblocked>().Single();
        Assert.That(unblocked.Reason, Is.EqualTo(BlockLiftReasons.Operator));
        Assert.That(BlockRules(session, "s1"), Is.Empty);
        // The app flow crosses ids1, which blocked the flow itself too: only its lifting lets the packets through.
        Assert.That(DeliveredDuring(session, 30 * Ms), Is.GreaterThan(25));
    }

    [Test]
    public void The_report_shows_expiry_and_end_and_telemetry_records_the_lift()
    {
        using var spans = new SpanRecorder(ControllerTelemetry.SourceName);
        var metrics = new ControllerMetrics();
        var lifted = new List<(long Value, string? Reason)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (i, l) => { if (ReferenceEquals(i.Meter, metrics.Meter) && i.Name == NfvMetrics.BlocksLifted) l.EnableMeasurementEvents(i); };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? reason = null;
            foreach (var t in tags)
                if (t.Key == NfvMetrics.BlockReasonTag) reason = (string?)t.Value;
            lock (lifted) lifted.Add((value, reason));
        });
        listener.Start();
        // Every packet of "bad" offends: blocked, expired after 120 ms, blocked again by its next packet at the IDS.
        var topology = RunHarness.LoadText("""
            switches: [{id: s1}, {id: s2}]
            hosts:
              - {id: h1, attach: "s1:10", ipv4: 10.0.0.1/24}
              - {id: h2, attach: "s2:10", ipv4: 10.0.0.2/24}
            links:
              - {endpoints: ["s1:2", "s2:1"], latency: 1ms, bandwidth: 1Gbps}
            nfv:
              ids1: {kind: ids, attach: "s2:5", block: true, block_for: 120ms, signatures: [{id: zeros, hex: "00 00 00 00 00 00 00 00", proto: udp, dport: 6000}]}
            chains:
              - {id: guarded, match: {from: h1, to: h2}, through: [ids1]}
            traffic:
              - {id: bad, from: h1, to: h2, kind: udp, port: 6000, rate: 1000pps, size: 100}
            scenario: {duration: 300ms}
            """);
        using var run = new ScenarioRun(topology, topology.Scenario, topology.Traffic, new RunOptions(), metrics);
        var report = run.Execute();

        var blocks = report.Functions.Single(f => f.Id == "ids1").Blocks;
        // The run goes on a little past its duration (it lets the traffic drain), so the last block may have ended too.
        Assert.That(blocks.Select(b => b.Id), Is.EqualTo(new[] { 1L, 2L, 3L }), "a new block each time the lifetime ended");
        Assert.That(blocks.Take(2).Select(b => b.LiftedReason), Is.EqualTo(new[] { "expired", "expired" }));
        for (var i = 1; i < blocks.Count; i++)
            Assert.That(blocks[i].At, Is.GreaterThan(blocks[i - 1].LiftedAt), "each new offence after the previous end");
        Assert.That(blocks[0].ExpiresAt!.Value - blocks[0].At, Is.LessThan(120 * Ms).And.GreaterThan(115 * Ms), "from the decision, the confirmation a few µs later");
        Assert.That(blocks[0].LiftedAt, Is.GreaterThanOrEqualTo(blocks[0].ExpiresAt));
        Assert.That(report.Flows.Single().Delivered, Is.Zero, "every packet offends: the IDS drops the first after each end, the rules the rest");

        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream)) RunReportJson.Write(w, report);
        using var doc = JsonDocument.Parse(stream.ToArray());
        var json = doc.RootElement.GetProperty("functions")[0].GetProperty("blocks");
        Assert.That(json[0].GetProperty("id").GetInt64(), Is.EqualTo(1));
        Assert.That(json[0].GetProperty("expires_at_ms").GetDouble(), Is.GreaterThan(100));
        Assert.That(json[0].GetProperty("lifted").GetProperty("reason").GetString(), Is.EqualTo("expired"));
        var text = new StringWriter();
        RunReportText.Write(text, report);
        Assert.That(text.ToString(), Does.Contain("by drop rules at s1, s2; lifted (expired) t="));

        lock (lifted) Assert.That(lifted, Is.EqualTo(Enumerable.Repeat((1L, (string?)"expired"), blocks.Count(b => b.LiftedAt is not null))));
        var liftedSpans = spans.Snapshot().Where(s => s.OperationName == NfvTelemetry.BlockLifted && s.GetTagItem(NfvTelemetry.FunctionId) as string == "ids1").ToList();
        Assert.That(liftedSpans, Has.Count.GreaterThanOrEqualTo(2));
        var ev = liftedSpans[0].Events.Single();
        Assert.That(ev.Name, Is.EqualTo(NfvTelemetry.BlockLiftedEvent));
        var tags = ev.Tags.ToDictionary(t => t.Key, t => t.Value);
        Assert.That((tags[NfvTelemetry.BlockReason], tags[NfvTelemetry.Signature]), Is.EqualTo(("expired", "zeros")));
        Assert.That((double)tags[NfvTelemetry.BlockDurationMs]!, Is.EqualTo(120).Within(0.001));
        metrics.Dispose();
    }
}
