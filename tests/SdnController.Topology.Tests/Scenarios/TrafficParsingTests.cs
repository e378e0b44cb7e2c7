using SdnController.Topology.Diagnostics;
using SdnController.Topology.Traffic;
using static SdnController.Topology.Tests.Scenarios.ScenarioTestSupport;

namespace SdnController.Topology.Tests.Scenarios;

public class TrafficParsingTests
{
    [Test]
    public void A_bare_flow_takes_every_default()
    {
        var t = LoadValid("traffic:\n  - from: h1\n    to: h2\n");
        var f = t.Traffic.Single();
        Assert.That(f, Is.EqualTo(new TrafficFlow("h1-h2", "h1", "h2", TrafficKind.Udp)
        {
            PacketsPerSecond = 100,
            FrameBytes = 512,
            Start = TimeSpan.Zero,
            Stop = null,
            SourcePort = 10000,
            DestinationPort = 5001,
            Class = null,
            Source = new SourceLocation("test.yaml", 12, 5),
        }));
    }

    [Test]
    public void Every_key_is_read()
    {
        var t = LoadValid("""
            traffic:
              - id: web1
                from: h1
                to: h3
                kind: TCP
                rate: 250pps
                size: 1500
                start: 500ms
                stop: 10s
                port: 80
                source-port: 40000
                class: web

            """);
        Assert.That(NoSource(t.Traffic.Single()), Is.EqualTo(new TrafficFlow("web1", "h1", "h3", TrafficKind.Tcp)
        {
            PacketsPerSecond = 250,
            FrameBytes = 1500,
            Start = TimeSpan.FromMilliseconds(500),
            Stop = TimeSpan.FromSeconds(10),
            SourcePort = 40000,
            DestinationPort = 80,
            Class = "web",
        }));
    }

    [TestCase("10Mbps", 1250, 1000.0)]
    [TestCase("1Gbps", 1000, 125000.0)]
    [TestCase("64kbps", 64, 125.0)]
    [TestCase("1.5 Mbit/s", 512, 1.5e6 / 4096)]
    [TestCase("12.5pps", 512, 12.5)]
    [TestCase("1e3 PPS", 100, 1000.0)]
    public void Rate_is_packets_per_second_or_bandwidth_over_frame_bits(string rate, int size, double pps)
    {
        var t = LoadValid($"traffic:\n  - {{from: h1, to: h2, rate: {rate}, size: {size}}}\n");
        Assert.That(t.Traffic.Single().PacketsPerSecond, Is.EqualTo(pps));
    }

    [Test]
    public void Star_to_star_on_three_hosts_gives_the_six_ordered_pairs()
    {
        var t = LoadValid("traffic:\n  - {from: \"*\", to: \"*\", rate: 5pps}\n");
        Assert.That(t.Traffic.Select(f => $"{f.Id} {f.From}>{f.To} {f.SourcePort}"), Is.EqualTo(new[]
        {
            "flow:h1-h2 h1>h2 10000", "flow:h1-h3 h1>h3 10001",
            "flow:h2-h1 h2>h1 10002", "flow:h2-h3 h2>h3 10003",
            "flow:h3-h1 h3>h1 10004", "flow:h3-h2 h3>h2 10005",
        }));
        Assert.That(t.Traffic.All(f => f.PacketsPerSecond == 5 && f.Source == t.Traffic[0].Source), Is.True, "expanded flows share the entry's settings");
    }

    [Test]
    public void Lists_expand_with_the_id_or_class_as_prefix_and_ports_follow_the_expanded_index()
    {
        var t = LoadValid("""
            traffic:
              - {from: h1, to: h2}
              - {id: probe, from: [h1, h2], to: h3, class: ignored-for-prefix}
              - {from: "*", to: [h1], class: web, kind: icmp}
              - {from: [h3], to: [h1, h3]}

            """);
        Assert.That(t.Traffic.Select(f => $"{f.Id} {f.SourcePort}"), Is.EqualTo(new[]
        {
            "h1-h2 10000", "probe:h1-h3 10001", "probe:h2-h3 10002", "web:h2-h1 10003", "web:h3-h1 10004", "flow:h3-h1 10005",
        }));
        Assert.That(t.Traffic[3].Kind, Is.EqualTo(TrafficKind.Icmp));
        Assert.That(t.Traffic[3].DestinationPort, Is.EqualTo(0), "icmp has no ports");
        Assert.That(t.Traffic[3].Class, Is.EqualTo("web"));
    }

    [Test]
    public void Generated_ids_number_repeats_and_skip_stated_ids()
    {
        var t = LoadValid("""
            traffic:
              - {from: h1, to: h2}
              - {from: h1, to: h2}
              - {from: h1, to: h2, id: "h1-h2#2"}
              - {from: h2, to: h1, id: "a:b#c"}

            """);
        Assert.That(t.Traffic.Select(f => f.Id), Is.EqualTo(new[] { "h1-h2", "h1-h2#3", "h1-h2#2", "a:b#c" }));
    }

    [Test]
    public void Flow_times_parse_every_latency_unit_and_a_bare_zero()
    {
        var t = LoadValid("traffic:\n  - {from: h1, to: h2, start: 0, stop: 1500us}\n  - {from: h1, to: h2, start: 100ns, stop: 2.5s}\n");
        Assert.That(t.Traffic.Select(f => (f.Start, f.Stop)), Is.EqualTo(new (TimeSpan, TimeSpan?)[]
        {
            (TimeSpan.Zero, TimeSpan.FromTicks(15000)),
            (TimeSpan.FromTicks(1), TimeSpan.FromMilliseconds(2500)),
        }));
    }

    [Test]
    public void Without_traffic_the_list_is_empty()
    {
        Assert.That(NetworkOnly().Traffic, Is.Empty);
        Assert.That(NetworkOnly().Scenario, Is.Null);
    }
}
