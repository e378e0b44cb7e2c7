using SdnController.Topology.Model;
using SdnController.Topology.Traffic;
using SdnController.Topology.Writing;
using SdnController.Topology.Yaml;
using static SdnController.Topology.Tests.Yaml.YamlTestSupport;

namespace SdnController.Topology.Tests.Yaml;

/// <summary>The <c>policy:</c> section and the traffic <c>payload:</c> key: values, positioned errors with hints, round trip.</summary>
public class PolicySectionTests
{
    private const string Net = """
        switches: [{id: s1}, {id: s2}]
        hosts: [{id: h1, ipv4: 10.0.0.1/24, attach: "s1:1"}, {id: h2, ipv4: 10.0.0.2/24, attach: "s2:1"}]
        links: [{endpoints: ["s1:2", "s2:2"]}]
        nfv:
          ids1: {kind: ids, attach: "s2:5", signatures: [{id: x, pattern: evil}]}
        chains:
          - {id: inspect, match: {class: inspected}, through: [ids1]}
        classes:
          voice: {metric: latency}
          plain: {}

        """;

    private static Model.Topology Valid(string sections)
    {
        var (t, bag) = Load(Net + sections);
        Assert.That(t, Is.Not.Null, Render(bag));
        return t!;
    }

    private static string Errors(string sections)
    {
        var (t, bag) = Load(Net + sections);
        Assert.That(t, Is.Null, "expected the file to be rejected");
        return Render(bag);
    }

    [Test]
    public void Entries_are_read_in_order_with_names_in_the_classifiers_spelling()
    {
        var t = Valid("""
            policy:
              - {class: Real-Time, metric: latency}
              - {protocol: bittorrent, block: true}
              - {class: bulk, metric: bandwidth}
              - {class: interactive, protocol: ssh, metric: voice}
              - {class: suspicious, chain: inspect}
            """);
        Assert.That(t.Policy.Select(r => r with { Source = null }), Is.EqualTo(new[]
        {
            new PolicyRule("real-time", null, PolicyAction.Metric) { Metric = RouteMetric.Latency },
            new PolicyRule(null, "BitTorrent", PolicyAction.Block),
            new PolicyRule("bulk", null, PolicyAction.Metric) { Metric = RouteMetric.Headroom },
            new PolicyRule("interactive", "SSH", PolicyAction.Metric) { Metric = RouteMetric.Latency, MetricClass = "voice" },
            new PolicyRule("suspicious", null, PolicyAction.Chain) { Chain = "inspect" },
        }));
        Assert.That(t.Policy[1].Source!.Line, Is.EqualTo(13));
        Assert.That(t.Policy[3].Matches("SSH", "interactive"), Is.True);
        Assert.That(t.Policy[3].Matches("SSH", "bulk"), Is.False, "both must hold when both are given");
        Assert.That(t.Policy.Select(r => r.ActionText), Is.EqualTo(new[] { "metric:latency", "block", "metric:headroom", "metric:latency", "chain:inspect" }));
        Assert.That(Valid("").Policy, Is.Empty);
        Assert.That(Valid("policy:\n").Policy, Is.Empty, "an empty section means none");
    }

    [TestCase("policy:\n  - {class: realtime, metric: latency}\n", "test.yaml:12:13: error: unknown traffic class 'realtime' in policy entry (did you mean 'real-time'?)")]
    [TestCase("policy:\n  - {protocol: BitTorent, block: true}\n", "test.yaml:12:16: error: unknown protocol 'BitTorent' in policy entry (did you mean 'BitTorrent'?)")]
    [TestCase("policy:\n  - {class: bulk, metric: bandwith}\n", "test.yaml:12:27: error: expected a metric (hop | latency | cost | headroom | bandwidth) or a 'classes' entry's name for 'metric', found 'bandwith' (did you mean 'bandwidth'?)")]
    [TestCase("policy:\n  - {class: bulk, metric: plain}\n", "test.yaml:12:27: error: class 'plain' in 'classes' gives no metric, so a policy entry cannot route by it")]
    [TestCase("policy:\n  - {class: suspicious, chain: inspekt}\n", "test.yaml:12:32: error: unknown chain 'inspekt' in policy entry (did you mean 'inspect'?)")]
    [TestCase("policy:\n  - {class: bulk, block: true, metric: hop}\n", "test.yaml:12:19: error: a policy entry has one action; found 'metric' and 'block'")]
    [TestCase("policy:\n  - {class: bulk}\n", "test.yaml:12:5: error: a policy entry needs one action: 'metric: latency|hop|cost|headroom|bandwidth' (or a classes: name), 'chain: ID' or 'block: true'")]
    [TestCase("policy:\n  - {metric: hop}\n", "test.yaml:12:5: error: a policy entry needs 'class' and/or 'protocol' to say which flows it takes")]
    [TestCase("policy:\n  - {class: bulk, block: false}\n", "test.yaml:12:26: error: 'block: false' is no action; leave the entry out, or give 'metric' or 'chain'")]
    [TestCase("policy: {class: bulk}\n", "test.yaml:11:9: error: expected a sequence of policy entry mappings for 'policy'")]
    public void Bad_entries_are_errors_at_their_position(string sections, string expected) =>
        Assert.That(Errors(sections), Does.StartWith(expected));

    [Test]
    public void A_misspelt_action_key_gets_a_hint_as_well_as_the_missing_action()
    {
        var errors = Errors("policy:\n  - {class: bulk, blocked: true}\n");
        Assert.That(errors, Does.Contain("test.yaml:12:19: error: unknown key 'blocked' in policy entry (did you mean 'block'?)"));
        Assert.That(errors, Does.Contain("test.yaml:12:5: error: a policy entry needs one action"));
    }

    [Test]
    public void A_chain_entry_in_a_topology_without_chains_says_so()
    {
        var (t, bag) = Load("switches: [{id: s1}]\npolicy:\n  - {class: suspicious, chain: ids}\n");
        Assert.That(t, Is.Null);
        Assert.That(Render(bag), Is.EqualTo("test.yaml:3:32: error: unknown chain 'ids': the topology has no 'chains' section"));
    }

    [Test]
    public void The_section_survives_a_round_trip()
    {
        var first = Valid("""
            policy:
              - {class: real-time, metric: latency}
              - {protocol: BitTorrent, block: true}
              - {class: interactive, protocol: SSH, metric: voice}
              - {class: suspicious, chain: inspect}
            """);
        var yaml = TopologyYamlWriter.ToYaml(first);
        Assert.That(yaml, Does.Contain("policy:\n  - {class: real-time, metric: latency}\n  - {protocol: BitTorrent, block: true}\n"));
        var (second, bag) = Load(yaml, "again.yaml");
        Assert.That(second, Is.Not.Null, Render(bag) + "\n" + yaml);
        Assert.That(second!.Policy.Select(r => r with { Source = null }), Is.EqualTo(first.Policy.Select(r => r with { Source = null })), yaml);
        Assert.That(TopologyYamlWriter.ToYaml(Valid("")), Does.Not.Contain("policy:"));
    }

    [Test]
    public void Traffic_payloads_are_read_checked_against_the_kind_and_written_back()
    {
        var t = Valid("""
            traffic:
              - {id: a, from: h1, to: h2, kind: udp, payload: rtp}
              - {id: b, from: h1, to: h2, kind: tcp, payload: BitTorrent}
              - {id: c, from: h1, to: h2}
            """);
        Assert.That(t.Traffic.Select(f => f.Payload), Is.EqualTo(new[] { TrafficPayload.Rtp, TrafficPayload.BitTorrent, TrafficPayload.None }));
        var yaml = TopologyYamlWriter.ToYaml(t);
        var (again, bag) = Load(yaml, "again.yaml");
        Assert.That(again, Is.Not.Null, Render(bag) + "\n" + yaml);
        Assert.That(again!.Traffic.Select(f => f.Payload), Is.EqualTo(t.Traffic.Select(f => f.Payload)));

        Assert.That(Errors("traffic:\n  - {from: h1, to: h2, payload: ssh}\n"),
            Does.StartWith("test.yaml:12:33: error: payload 'ssh' runs over tcp, but the flow's kind is udp; add 'kind: tcp'"));
        Assert.That(Errors("traffic:\n  - {from: h1, to: h2, payload: rpt}\n"),
            Does.StartWith("test.yaml:12:33: error: expected one of none | rtp | dns | ssh | bittorrent for 'payload', found 'rpt' (did you mean 'rtp'?)"));
        Assert.That(Errors("traffic:\n  - {from: h1, to: h2, kind: tcp, size: 100, payload: bittorrent}\n"),
            Does.StartWith("test.yaml:12:55: error: payload 'bittorrent' needs frames of at least 138 bytes; the flow's 'size' is 100"));
    }

    [Test]
    public void Loader_keys_cover_the_documented_contract()
    {
        Assert.That(TopologyYamlKeys.TopLevel, Does.Contain("policy"));
        Assert.That(TopologyYamlKeys.PolicyEntry, Is.EqualTo(new[] { "class", "protocol", "metric", "chain", "block" }));
        Assert.That(TopologyYamlKeys.Flow, Does.Contain("payload"));
    }
}
