using SdnController.Scenarios.Benchmarks;

namespace SdnController.Scenarios.Tests;

/// <summary>
/// <c>bench restore</c>'s measure on a network built so that detoured packets are overtaken: the figure "less the
/// trip" must credit the packet the switch detoured at the failure, not the first packet of the controller's new
/// path that arrived before it.
/// </summary>
public sealed class RestoreBenchmarkTests
{
    // A ring s1-s2-s3-s4-s5-s1; h1 on s1, h4 on s4. The primary s1-s2-s3-s4 (7 ms) is 1 ms shorter than s1-s5-s4.
    // When s3-s4 fails, s3's only backup turns back over s2 and s1 (6 ms more) before s5, while the controller's
    // new path starts at s1: its first packet, sent about 2 ms after the failure, arrives before the packets s3
    // detoured at once. None is lost; the first delivered again was sent 2 ms after the failure, the first
    // restored 6 ms before it.
    private const string Ring = """
        name: overtaking-ring
        defaults: {bandwidth: 1Gbps, latency: 1ms}
        controller: {metric: latency}
        switches: [{id: s1}, {id: s2}, {id: s3}, {id: s4}, {id: s5}]
        hosts:
          - {id: h1, mac: "00:00:00:00:00:01", ipv4: 10.0.0.1/8, attach: s1}
          - {id: h4, mac: "00:00:00:00:00:04", ipv4: 10.0.0.4/8, attach: s4}
        links:
          - {endpoints: [s1, s2], latency: 3ms}
          - {endpoints: [s2, s3], latency: 3ms}
          - {endpoints: [s3, s4], latency: 1ms}
          - {endpoints: [s4, s5], latency: 4ms}
          - {endpoints: [s5, s1], latency: 4ms}
        """;

    [Test]
    public void Protected_restore_less_the_trip_counts_the_detoured_packets_a_new_path_overtook()
    {
        var topology = RunHarness.LoadText(Ring);
        var result = RestoreBenchmark.Run(topology, new RestoreBenchmarkOptions { Protection = true, Failures = 3, Flows = 4 });

        Assert.That(result.FailedLinks, Is.EquivalentTo(new[] { "s1-s2", "s2-s3", "s3-s4" }), "every link the flows cross fails once");
        Assert.That(result.NotRestored, Is.Zero);
        Assert.That(result.PacketsOverHopLimit, Is.Zero);
        // Raw, the overtaking packet's arrival: the new path's propagation from the source (8 ms) after it was sent.
        Assert.That(result.MaxMs, Is.GreaterThan(8));
        // Less each packet's own trip: the detoured packets were on their way before the controller knew.
        Assert.That(result.WithoutTripMaxMs, Is.LessThanOrEqualTo(RestoreResult.ProtectedTargetMs));
        Assert.That(result.WithoutTripP50Ms, Is.LessThan(0), "most restored packets were sent before the detection");
    }

    [Test]
    public void Unprotected_restore_less_the_trip_is_when_the_new_path_took_packets()
    {
        var topology = RunHarness.LoadText(Ring);
        var result = RestoreBenchmark.Run(topology, new RestoreBenchmarkOptions { Protection = false, Failures = 3, Flows = 4 });

        Assert.That(result.NotRestored, Is.Zero);
        // Without backups nothing is delivered again before the controller's new rules are in: after detection.
        Assert.That(result.WithoutTripP50Ms, Is.GreaterThan(0));
        Assert.That(result.WithoutTripMaxMs, Is.LessThanOrEqualTo(result.MaxMs));
        Assert.That(result.WithoutTripMaxMs, Is.LessThanOrEqualTo(RestoreResult.UnprotectedTargetMs));
    }
}
