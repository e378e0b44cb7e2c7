using SdnController.Testing;
using SdnController.Topology.Traffic;

namespace SdnController.Scenarios.Tests;

/// <summary>A real network from the Topology Zoo (GtsCe, 149 switches, one host each) under 20 random link failures.</summary>
[TestFixture]
public class ZooRunTests
{
    [Test]
    public void GtsCe_under_twenty_random_link_failures_keeps_connected_pairs_delivering()
    {
        var zoo = SharedData.RequireDirectory("topologyzoo");
        var topology = RunHarness.Load(Path.Combine(zoo, "graphml", "GtsCe.graphml"), hostsPerSwitch: 1);

        // 150 seeded host pairs, 50 packets/s each.
        var random = new Random(5);
        var traffic = new List<TrafficFlow>();
        while (traffic.Count < 150)
        {
            var a = topology.Hosts[random.Next(topology.Hosts.Count)].Id;
            var b = topology.Hosts[random.Next(topology.Hosts.Count)].Id;
            if (a == b || traffic.Exists(f => f.From == a && f.To == b)) continue;
            traffic.Add(new TrafficFlow($"{a}-{b}", a, b, TrafficKind.Udp)
            {
                PacketsPerSecond = 50, FrameBytes = 128, SourcePort = 10000 + traffic.Count,
            });
        }
        // 20 failures, one every 250 ms, each repaired 150 ms later; checks in between.
        var events = new System.Text.StringBuilder();
        for (var i = 0; i < 20; i++)
        {
            var t = 500 + i * 250;
            events.Append($"    - {{at: {t}ms, random-link-failures: 1, seed: {i + 1}, restore-after: 150ms}}\n");
            events.Append($"    - {{at: {t + 100}ms, expect: connected pairs reach}}\n");
        }
        var file = RunHarness.ScenarioText(topology, "scenario:\n  duration: 6s\n  events:\n" + events);
        var options = new RunOptions { MaxExpectPairs = 25 };
        var (report, run) = RunHarness.Execute(topology, file.Scenario, traffic, options);
        using var _ = run;
        var text = RunHarness.Describe(report);

        Assert.That(report.Changes.Count(c => c.Event.IsFailure), Is.EqualTo(20), text);
        Assert.That(report.Totals.Looped, Is.Zero, text);
        Assert.That(report.Expectations.Where(e => !e.Passed).Select(e => $"{e.At} {e.From}->{e.To}: {e.Detail}"), Is.Empty, text);
        foreach (var c in report.Changes.Where(c => c.Event.IsFailure))
            Assert.That(c.Reaction, Is.Not.Null, $"{c.Event.Description}\n{text}");
        // After the last repair every flow delivers again.
        var origin = report.Setup.ReadyAfter;
        foreach (var flow in run.Network.Flows)
            Assert.That(flow.LostBefore(origin + TimeSpan.FromSeconds(6)) - flow.LostBefore(origin + TimeSpan.FromMilliseconds(5700)), Is.Zero, flow.Spec.Id);
    }
}
