using SdnController.Controller.Telemetry;
using SdnController.Testing;

namespace SdnController.Scenarios.Tests;

/// <summary>
/// Traffic classes routed by their own metric in a whole run, read from the data plane's hop records:
/// ClassMetricTopology's controller routes by hop, class voice by latency, so flows between the same two
/// hosts take different paths and each moves by its own metric when links fail and come back.
/// </summary>
public sealed class ClassMetricRunTests
{
    private const string Yaml = ClassMetricTopology.Yaml + """
        traffic:
          - {id: voice, from: h1, to: h2, kind: udp, rate: 200pps, size: 128, class: voice}
          - {id: bulk, from: h1, to: h2, kind: udp, rate: 200pps, size: 128, class: bulk}
          - {id: plain, from: h1, to: h2, kind: udp, rate: 200pps, size: 128}
        scenario:
          duration: 4s
          events:
            - {at: 1s, link: a-c, state: down}
            - {at: 2s, link: a-b, state: down}
            - {at: 3s, link: a-b, state: up}
        """;

    [Test]
    public void Flows_of_different_classes_take_and_keep_their_own_metric_paths()
    {
        using var spans = new SpanRecorder(ControllerTelemetry.SourceName);
        var topology = RunHarness.LoadText(Yaml);
        var sent = new Dictionary<string, List<(TimeSpan SentAt, string Path)>>();
        var (report, run) = RunHarness.Execute(topology, topology.Scenario, topology.Traffic, null, r =>
            r.Network.PacketDelivered += (packet, flow) =>
            {
                var hops = packet.Hops;
                var path = new string[hops.Length];
                for (var i = 0; i < hops.Length; i++) path[i] = topology.Switches[hops[i]].Id;
                if (!sent.TryGetValue(flow.Id, out var list)) sent[flow.Id] = list = new();
                list.Add((packet.SentAt, string.Join("-", path)));
            });
        using var _ = run;
        var text = RunHarness.Describe(report);

        // The paths each flow's packets took, in sending order, each run of equal paths once.
        List<string> PathsOf(string id) => sent[id].OrderBy(p => p.SentAt).Select(p => p.Path)
            .Aggregate(new List<string>(), (acc, p) => { if (acc.Count == 0 || acc[^1] != p) acc.Add(p); return acc; });

        // voice (latency): a-c-b, then a-d-e-b when a-c fails; a-b failing and returning is not its business.
        Assert.That(PathsOf("voice"), Is.EqualTo(new[] { "a-c-b", "a-d-e-b" }), text);
        // bulk (class without a metric) and plain (no class): the controller's hop metric.
        foreach (var id in new[] { "bulk", "plain" })
            Assert.That(PathsOf(id), Is.EqualTo(new[] { "a-b", "a-f-b", "a-b" }), $"{id}\n{text}");

        // route.compute names the metrics in use once more than one routes flows.
        var computes = spans.Snapshot().Where(a => a.OperationName == ControllerTelemetry.RouteCompute).ToList();
        Assert.That(computes, Is.Not.Empty);
        Assert.That(computes.Select(a => a.GetTagItem(ControllerTelemetry.RouteMetrics)), Is.All.EqualTo("hop,latency"));
    }
}
