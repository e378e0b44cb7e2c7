using static SdnController.Testing.TestFrames;

namespace SdnController.Scenarios.Tests;

/// <summary>
/// The policy tap and the classifier's idle expiry in a whole run: a 5-tuple that goes quiet past the UDP timeout and
/// comes back is a new flow, classified afresh, so a policy entry can act on what it carries now.
/// </summary>
public sealed class PolicyExpiryRunTests
{
    private const string Topology = """
        switches: [{id: s1}, {id: s2}]
        hosts:
          - {id: h1, ipv4: 10.0.0.1/24, attach: "s1:1"}
          - {id: h2, ipv4: 10.0.0.2/24, attach: "s2:1"}
        links:
          - {endpoints: ["s1:2", "s2:2"], latency: 1ms}
        policy:
          - {protocol: WireGuard, block: true}
        scenario: {duration: 65s}
        """;

    [Test]
    public void A_5_tuple_back_after_the_idle_timeout_is_labelled_afresh_and_the_policy_acts_on_its_new_label()
    {
        var topology = RunHarness.LoadText(Topology);
        var (report, run) = RunHarness.Execute(topology, topology.Scenario, topology.Traffic, prepare: r => r.OnReady = network =>
        {
            var h1 = network.Hosts[0];
            var loop = network.Loop;
            var start = loop.Now;
            // 40 datagrams no detector knows (labelled Unknown after 8; inspection gives up after 32), 61 s of silence, then
            // a WireGuard handshake on the same 5-tuple: without expiry it would belong to the finished Unknown flow.
            for (var i = 0; i < 40; i++)
                loop.ScheduleAt(start + TimeSpan.FromMilliseconds(10 * i), () => h1.SendFromNic(UdpFrame("10.0.0.1", 40000, "10.0.0.2", 45000, new byte[40])));
            byte[] initiation = [1, 0, 0, 0, .. new byte[144]];
            for (var i = 0; i < 3; i++)
                loop.ScheduleAt(start + TimeSpan.FromSeconds(62) + TimeSpan.FromMilliseconds(10 * i),
                    () => h1.SendFromNic(UdpFrame("10.0.0.1", 40000, "10.0.0.2", 45000, initiation)));
        });
        run.Dispose();
        var labels = report.Policy.Where(p => p.Flow == "udp 10.0.0.1:40000 > 10.0.0.2:45000").ToList();
        Assert.That(labels.Select(p => (p.Protocol, p.Outcome)), Is.EqualTo(new[] { ("Unknown", "no-match"), ("WireGuard", "blocked") }),
            RunHarness.Describe(report));
        Assert.That(labels[1].LabelledAt, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(62)));
    }
}
