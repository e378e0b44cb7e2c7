using System.Text.Json.Nodes;
using SdnController.Verification.Checking;

namespace SdnController.Verification.Tests;

/// <summary>Real dumps broken by hand: each fault is found, with the right witness.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class BrokenDumpTests
{
    private static JsonNode Ring() => JsonNode.Parse(File.ReadAllText(Sdnctl.DumpOf("topologies/ring-6.yaml")))!;
    private static Topology.Model.Topology RingTopology() => Fixtures.LoadTopology(Sdnctl.Repo("topologies/ring-6.yaml"));

    [Test]
    public void A_deleted_transit_rule_is_a_black_hole_at_that_switch()
    {
        var dump = Ring();
        // h1-h4 (UDP to 5001) crosses s1 s2 s3 s4; take its rule off s3.
        var flows = Fixtures.Switch(dump, "s3")["flows"]!.AsArray();
        var rule = Fixtures.RulesFor(dump, "s3", "10.0.0.1", "10.0.0.4", 5001).Single();
        flows.Remove(rule);
        Assert.That(Fixtures.Verify(RingTopology(), Ring()).IsClean, "unbroken baseline");

        var report = Fixtures.Verify(RingTopology(), dump);
        var v = report.Violations.Single();
        Assert.That(v.Verdict, Is.EqualTo(Verdict.BlackHole));
        Assert.That(v.Probe.FlowId, Is.EqualTo("h1-h4"));
        Assert.That(v.Path, Is.EqualTo(new[] { "s1:1>2", "s2:3>2", "s3:3>x" }));
        Assert.That(v.Where, Does.Contain("no rule at s3"));
    }

    [Test]
    public void A_transit_rule_turned_into_a_drop_is_blocked_but_one_sending_back_in_is_a_black_hole()
    {
        var dropped = Ring();
        Fixtures.RulesFor(dropped, "s3", "10.0.0.1", "10.0.0.4", 5001).Single()["actions"] = new JsonArray();
        var report = Fixtures.Verify(RingTopology(), dropped);
        Assert.That(report.Violations, Is.Empty, "an explicit drop is a decision");
        Assert.That(report.Unchecked.Single(f => f.Verdict == Verdict.Blocked).Probe.FlowId, Is.EqualTo("h1-h4"));

        var backIn = Ring();
        var rule = Fixtures.RulesFor(backIn, "s3", "10.0.0.1", "10.0.0.4", 5001).Single();
        // The flow enters s3 from s2 on port 3 (path s1:1>2 s2:3>2 s3:3>...); its rule matches headers only.
        rule["actions"] = new JsonArray(new JsonObject { ["type"] = "output", ["port"] = 3 });
        var v = Fixtures.Verify(RingTopology(), backIn).Violations.Single();
        Assert.That(v.Verdict, Is.EqualTo(Verdict.BlackHole), "output to the in port goes nowhere: lost, not decided");
        Assert.That(v.Probe.FlowId, Is.EqualTo("h1-h4"));
    }

    [Test]
    public void Rules_sending_a_flow_round_the_ring_are_a_loop()
    {
        var dump = Ring();
        // s4 sends h1-h4 on to s5 instead of h4; s5 and s6 pass it along to s1, whose rule sends it to s2 again.
        foreach (var sw in new[] { "s4", "s5", "s6" })
        {
            var rules = Fixtures.RulesFor(dump, sw, "10.0.0.1", "10.0.0.4", 5001);
            if (rules.Count == 0)
                Fixtures.Switch(dump, sw)["flows"]!.AsArray().Add(new JsonObject
                {
                    ["priority"] = 1000,
                    ["match"] = new JsonObject { ["eth_type"] = 2048, ["ipv4_src"] = "10.0.0.1/32", ["ipv4_dst"] = "10.0.0.4/32", ["ip_proto"] = 17, ["l4_dst"] = 5001 },
                    ["actions"] = Fixtures.Output(2),
                });
            else
                foreach (var r in rules) r["actions"] = Fixtures.Output(2);
        }
        var report = Fixtures.Verify(RingTopology(), dump);
        var v = report.Violations.Single();
        Assert.That(v.Verdict, Is.EqualTo(Verdict.Loop));
        Assert.That(v.Probe.FlowId, Is.EqualTo("h1-h4"));
        Assert.That(v.Path.Take(6), Is.EqualTo(new[] { "s1:1>2", "s2:3>2", "s3:3>2", "s4:3>2", "s5:3>2", "s6:3>2" }));
        Assert.That(v.Where, Does.Contain("back at s2 port 3"));
    }

    [Test]
    public void A_chain_rule_that_skips_the_firewall_is_a_bypass()
    {
        var t = Fixtures.LoadTopology(Sdnctl.Repo("topologies/nfv-edge.yaml"));
        var dump = JsonNode.Parse(File.ReadAllText(Sdnctl.DumpOf("topologies/nfv-edge.yaml")))!;
        // s1's steering rule sends h1's UDP into fw1 (port 5) tagged 3072; make it go straight on to s2 with the
        // tag s2 expects after fw1.
        var steer = Fixtures.RulesFor(dump, "s1", "10.0.0.1", "10.0.0.2").Single(r => r["match"]!["in_port"] is null);
        steer["actions"] = new JsonArray(new JsonObject { ["type"] = "push_vlan", ["vlan_id"] = 3073 }, new JsonObject { ["type"] = "output", ["port"] = 2 });

        var v = Fixtures.Verify(t, dump).Violations.Single();
        Assert.That(v.Verdict, Is.EqualTo(Verdict.ChainBypass));
        Assert.That(v.Where, Does.Contain("did not cross fw1"));
        Assert.That(v.Functions, Is.EqualTo(new[] { "ids1" }));
        Assert.That(v.Path[^1], Is.EqualTo("h2"));
    }

    private const string OneSwitch = """
        name: one-switch-chain
        switches: [{id: s1}]
        hosts:
          - {id: h1, ipv4: 10.0.0.1/24, mac: "00:00:00:00:00:01", attach: "s1:1"}
          - {id: h2, ipv4: 10.0.0.2/24, mac: "00:00:00:00:00:02", attach: "s1:2"}
        links: []
        nfv:
          fw1: {kind: firewall, attach: "s1:5", default: allow}
          ids1: {kind: ids, attach: "s1:6", signatures: [{id: evil, hex: "de ad be ef"}]}
        chains:
          - {id: c1, match: {from: h1, to: h2, proto: udp}, through: [fw1, ids1]}
        traffic:
          - {id: f1, from: h1, to: h2, kind: udp}
        """;

    private static JsonNode OneSwitchDump(string rules, string groups = "[]") => JsonNode.Parse($$$"""
        {"format": "sdnctl-flow-dump/1", "topology": "one-switch-chain", "at_ms": 0,
         "switches": [{"id": "s1", "up": true,
           "ports": [{"port": 1, "up": true, "neighbor": {"host": "h1"}}, {"port": 2, "up": true, "neighbor": {"host": "h2"}},
                     {"port": 5, "up": true}, {"port": 6, "up": true}],
           "flows": {{{rules}}}, "groups": {{{groups}}} }],
         "hosts": [{"id": "h1", "mac": "00:00:00:00:00:01", "ipv4": "10.0.0.1", "switch": "s1", "port": 1},
                   {"id": "h2", "mac": "00:00:00:00:00:02", "ipv4": "10.0.0.2", "switch": "s1", "port": 2}]}
        """)!;

    private static string Udp(int inPort, string actions) =>
        $$"""{"priority": 1000, "match": {"in_port": {{inPort}}, "eth_type": 2048, "ipv4_src": "10.0.0.1/32", "ipv4_dst": "10.0.0.2/32", "ip_proto": 17}, "actions": {{actions}} }""";

    private static Topology.Model.Topology OneSwitchTopology() => Fixtures.LoadTopology(Fixtures.TempFile(OneSwitch, ".yaml"));

    [Test]
    public void Swapped_chain_stages_are_reordered_and_the_right_order_is_clean()
    {
        var t = OneSwitchTopology();
        var right = OneSwitchDump($"[{Udp(1, "[{\"type\":\"output\",\"port\":5}]")}, {Udp(5, "[{\"type\":\"output\",\"port\":6}]")}, {Udp(6, "[{\"type\":\"output\",\"port\":2}]")}]");
        var ok = Fixtures.Verify(t, right);
        Assert.That(ok.IsClean, string.Join("\n", ok.Violations));
        Assert.That(ok.Count(Verdict.Delivered), Is.EqualTo(1));

        var swapped = OneSwitchDump($"[{Udp(1, "[{\"type\":\"output\",\"port\":6}]")}, {Udp(6, "[{\"type\":\"output\",\"port\":5}]")}, {Udp(5, "[{\"type\":\"output\",\"port\":2}]")}]");
        var v = Fixtures.Verify(t, swapped).Violations.Single();
        Assert.That(v.Verdict, Is.EqualTo(Verdict.ChainReordered));
        Assert.That(v.Functions, Is.EqualTo(new[] { "ids1", "fw1" }));
        Assert.That(v.Path, Is.EqualTo(new[] { "s1:1>6", "s1:6>5", "s1:5>2", "h2" }));
    }

    [Test]
    public void Every_live_bucket_of_a_select_group_is_walked()
    {
        var t = OneSwitchTopology();
        // The first bucket takes the chain; the second goes straight to h2 and so bypasses it.
        var groups = """[{"group_id": 1, "type": "select", "buckets": [{"weight": 1, "actions": [{"type": "output", "port": 5}]}, {"weight": 1, "actions": [{"type": "output", "port": 2}]}]}]""";
        var dump = OneSwitchDump($"[{Udp(1, "[{\"type\":\"group\",\"group_id\":1}]")}, {Udp(5, "[{\"type\":\"output\",\"port\":6}]")}, {Udp(6, "[{\"type\":\"output\",\"port\":2}]")}]", groups);
        var v = Fixtures.Verify(t, dump).Violations.Single();
        Assert.That(v.Verdict, Is.EqualTo(Verdict.ChainBypass));
        Assert.That(v.Path, Is.EqualTo(new[] { "s1:1>2", "h2" }));
    }

    [Test]
    public void A_fast_failover_group_whose_ports_are_all_down_is_a_black_hole()
    {
        var t = OneSwitchTopology();
        var groups = """[{"group_id": 1, "type": "fast_failover", "buckets": [{"weight": 1, "watch_port": 7, "actions": [{"type": "output", "port": 2}]}]}]""";
        var dump = OneSwitchDump($"[{Udp(1, "[{\"type\":\"group\",\"group_id\":1}]")}]", groups);
        var v = Fixtures.Verify(t, dump).Violations.Single();
        Assert.That(v.Verdict, Is.EqualTo(Verdict.BlackHole));
        Assert.That(v.Where, Does.Contain("fast-failover group 1 on s1 has no live bucket"));
    }
}
