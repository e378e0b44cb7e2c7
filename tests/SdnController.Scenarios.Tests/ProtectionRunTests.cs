using SdnController.Controller;
using SdnController.Controller.Planning;
using SdnController.Controller.Telemetry;
using SdnController.Scenarios.Reporting;
using SdnController.Southbound.Actions;
using SdnController.Southbound.Rules;
using SdnController.VirtualNetwork;
using SdnController.VirtualNetwork.Packets;
using SdnController.VirtualNetwork.Switching;
using SdnController.VirtualNetwork.Traffic;

namespace SdnController.Scenarios.Tests;

/// <summary>
/// Fast-failover protection end to end, judged on the data plane: silent failures (no port-status; the
/// switches' own detection takes <see cref="LocalDetection"/>, the controller only learns by its keepalive
/// timeout, 300 ms) must not interrupt the flow for more than about a millisecond, before the controller does
/// anything; no packet may loop or mix configurations; and once the controller has rerouted, the new path
/// must be protected in turn.
/// </summary>
public sealed class ProtectionRunTests
{
    /// <summary>The switches' own failure detection (data-plane BFD) in these runs.</summary>
    private static readonly TimeSpan LocalDetection = TimeSpan.FromMilliseconds(0.2);

    // Three rails a, b, c of four switches with rungs. h1-h2 runs a1-a2-a3-a4. The end rungs a1-b1 and a4-b4
    // are slower, so every reroute has one best path: without a2-a3, a1-a2-b2-b3-a3-a4 (5 ms).
    private const string Rails = """
        name: rails
        defaults: {bandwidth: 1Gbps, latency: 1ms}
        controller: {protection: PROTECTION}
        switches: [{id: a1}, {id: a2}, {id: a3}, {id: a4}, {id: b1}, {id: b2}, {id: b3}, {id: b4}, {id: c1}, {id: c2}, {id: c3}, {id: c4}]
        hosts:
          - {id: h1, mac: "00:00:00:00:00:01", ipv4: 10.0.0.1/8, attach: a1}
          - {id: h2, mac: "00:00:00:00:00:02", ipv4: 10.0.0.2/8, attach: a4}
        links:
          - {endpoints: [a1, a2]}
          - {endpoints: [a2, a3]}
          - {endpoints: [a3, a4]}
          - {endpoints: [b1, b2]}
          - {endpoints: [b2, b3]}
          - {endpoints: [b3, b4]}
          - {endpoints: [c1, c2]}
          - {endpoints: [c2, c3]}
          - {endpoints: [c3, c4]}
          - {endpoints: [a1, b1], latency: 2ms}
          - {endpoints: [a2, b2]}
          - {endpoints: [a3, b3]}
          - {endpoints: [a4, b4], latency: 2ms}
          - {endpoints: [b1, c1]}
          - {endpoints: [b2, c2]}
          - {endpoints: [b3, c3]}
          - {endpoints: [b4, c4]}
        traffic:
          - {id: fwd, from: h1, to: h2, kind: udp, rate: 1000pps, size: 128}
          - {id: back, from: h2, to: h1, kind: udp, rate: 1000pps, size: 128}
        scenario:
          duration: 2s
          events:
            - {at: 500ms, link: a2-a3, state: down, silent: true}
            - {at: 1200ms, link: b2-b3, state: down, silent: true}
            - {at: 1800ms, expect: h1 reaches h2}
        """;

    [Test]
    public void Silent_failures_are_bridged_by_the_failover_groups_before_the_controller_reacts_and_the_new_path_is_protected_again()
    {
        var (report, watch, text) = RunRails(protection: true);

        var failures = report.Changes.Where(c => c.Event.Kind == Playback.InjectedKind.LinkDown).ToList();
        Assert.That(failures, Has.Count.EqualTo(2), text);
        foreach (var change in failures)
        {
            var failedAt = report.Setup.ReadyAfter + change.Event.At;
            // The controller hears of it only by its keepalive timeout...
            Assert.That(change.Reaction, Is.Not.Null, text);
            Assert.That(change.Reaction!.Detection, Is.GreaterThan(TimeSpan.FromMilliseconds(200)), text);
            foreach (var flow in new[] { "fwd", "back" })
            {
                // ...but every packet sent once the switches noticed (plus the link it was on) is delivered:
                // at most 1 ms of traffic is lost, and it is back via the backup long before the controller moves.
                var firstBack = watch.FirstSentAndDeliveredAfter(flow, failedAt);
                TestContext.Out.WriteLine($"{change.Event.Description} {flow}: first packet sent {(firstBack - failedAt).TotalMilliseconds:0.###} ms after the failure delivered; {watch.DetouredBetween(flow, failedAt, failedAt + change.Reaction.Detection)} detoured before detection at {change.Reaction.Detection.TotalMilliseconds} ms");
                Assert.That(firstBack - failedAt, Is.LessThanOrEqualTo(LocalDetection + TimeSpan.FromMilliseconds(1)), $"{flow} at {change.Event.Description}\n{text}");
                Assert.That(watch.LostSentBetween(flow, failedAt + LocalDetection, failedAt + TimeSpan.FromMilliseconds(400)), Is.Zero, $"{flow}\n{text}");
                Assert.That(watch.DetouredBetween(flow, failedAt, failedAt + change.Reaction.Detection), Is.GreaterThan(150), $"{flow} used its backup until the controller reacted\n{text}");
            }
        }
        // The second failure hit the path the controller chose after the first: its backups were built for it.
        Assert.That(watch.Detoured.Keys, Is.EquivalentTo(new[] { "fwd", "back" }));
        Assert.That(watch.Mixed, Is.Empty, text);
        Assert.That(watch.Looped, Is.Zero, text);
        Assert.That(report.Totals.Looped, Is.Zero, text);
        Assert.That(report.ExpectationsPassed, Is.True, text);
        Assert.That(report.Totals.Lost, Is.LessThanOrEqualTo(8), text);
    }

    [Test]
    public void Without_protection_the_same_silent_failures_cost_the_keepalive_timeout_and_no_group_is_installed()
    {
        var (report, watch, text) = RunRails(protection: false);

        var first = report.Changes.First(c => c.Event.Kind == Playback.InjectedKind.LinkDown);
        Assert.That(first.PacketsLost, Is.GreaterThan(400), "two flows stall for the 300 ms keepalive timeout: the protected run's figures are the groups' doing");
        Assert.That(watch.Detoured, Is.Empty);
        Assert.That(watch.Groups, Is.Zero, "protection off installs no group");
        Assert.That(report.Protection, Is.Null);
        Assert.That(RunHarness.DeterministicJson(report), Does.Not.Contain("\"protection\""));
        Assert.That(watch.Mixed, Is.Empty, text);
    }

    [Test]
    public void Protected_hops_point_to_fast_failover_groups_whose_backup_bucket_tags_the_detour()
    {
        var (_, watch, _) = RunRails(protection: true, until: TimeSpan.FromMilliseconds(100));
        // Before any failure: fwd's rules at a1, a2, a3 (three hops) and back's at a4, a3, a2 point to groups.
        Assert.That(watch.Groups, Is.GreaterThanOrEqualTo(6));
        var a2 = watch.GroupsAt["a2"];
        Assert.That(a2.All(g => g.Type == GroupType.FastFailover && g.Buckets.Length == 2), Is.True);
        Assert.That(a2.All(g => g.Buckets[0].Actions.Length == 1 && g.Buckets[1].Actions[0] is PushVlanAction { VlanId: var tag } && DetourTags.IsDetour(tag)), Is.True,
            string.Join("\n", a2));
    }

    [Test]
    public void Route_compute_span_counts_hops_without_backup()
    {
        using var spans = new SpanRecorder(ControllerTelemetry.SourceName);
        var (report, _, text) = RunRails(protection: true);
        var compute = spans.Snapshot().Where(a => a.OperationName == ControllerTelemetry.RouteCompute).ToList();
        Assert.That(compute, Is.Not.Empty);
        Assert.That(compute.All(a => a.GetTagItem(ControllerTelemetry.ProtectionUnprotectedHops) is int), Is.True);
        Assert.That(report.Protection, Is.Not.Null, text);
        Assert.That(report.Protection!.Flows, Is.GreaterThanOrEqualTo(2));
    }

    private static (RunReport Report, DataPlaneWatch Watch, string Text) RunRails(bool protection, TimeSpan? until = null)
    {
        var topology = RunHarness.LoadText(Rails.Replace("PROTECTION", protection ? "on" : "off"));
        var options = new RunOptions { Controller = ControllerOptions.For(topology), Network = new NetworkOptions { LocalFailureDetection = LocalDetection } };
        DataPlaneWatch? watch = null;
        var scenario = until is { } end ? topology.Scenario! with { Duration = end, Events = [] } : topology.Scenario;
        var (report, run) = RunHarness.Execute(topology, scenario, topology.Traffic, options, r => watch = new DataPlaneWatch(r.Network));
        using var _ = run;
        watch!.CountGroups(run.Network);
        var sw = new StringWriter();
        RunReportText.Write(sw, report);
        return (report, watch, sw.ToString());
    }
}
