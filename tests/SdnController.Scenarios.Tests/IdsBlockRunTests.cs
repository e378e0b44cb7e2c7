using System.Text;
using System.Text.Json;
using SdnController.Controller.Observation;
using SdnController.Scenarios.Reporting;
using SdnController.Controller.Planning;
using SdnController.VirtualNetwork.Switching;

namespace SdnController.Scenarios.Tests;

/// <summary>
/// A blocking IDS's alert becomes controller drop rules at the flow's ingress switches: the flow's later packets
/// die at the ingress (rule drop, no function crossed) while another flow between the same hosts still passes.
/// </summary>
public class IdsBlockRunTests
{
    private const string Network = """
        switches: [{id: s1}, {id: s2}]
        hosts:
          - {id: h1, attach: "s1:10", ipv4: 10.0.0.1/24}
          - {id: h2, attach: "s2:10", ipv4: 10.0.0.2/24}
        links:
          - {endpoints: ["s1:2", "s2:1"], latency: 1ms, bandwidth: 1Gbps}
        nfv:
          fw1:
            kind: firewall
            attach: "s1:5"
            default: deny
            rules: [{action: allow, proto: udp}]
          ids1:
            kind: ids
            attach: "s2:5"
            block: true
            signatures: [{id: zeros, hex: "00 00 00 00 00 00 00 00", proto: udp, dport: 6000}]
        chains:
          - {id: guarded, match: {from: h1, to: h2}, through: [fw1, ids1]}
        traffic:
          - {id: bad, from: h1, to: h2, kind: udp, port: 6000, rate: 1000pps, size: 100}
          - {id: good, from: h1, to: h2, kind: udp, port: 6001, rate: 1000pps, size: 100}
        scenario: {duration: 300ms}
        """;

    private sealed record Drop(string Flow, DropReason Reason, string Where, int Hops, int Visits);

    [Test]
    public void A_blocking_alert_installs_drop_rules_at_the_ingress_and_the_flow_dies_there()
    {
        var topology = RunHarness.LoadText(Network);
        var drops = new List<Drop>();
        var (report, run) = RunHarness.Execute(topology, topology.Scenario, topology.Traffic, prepare: r =>
            r.Network.PacketDropped += (p, reason, where) =>
            {
                if (p.FlowIndex >= 0)
                    drops.Add(new Drop(r.Network.Flows[p.FlowIndex].Id, reason, where, p.Hops.Length, p.FunctionVisits.Length));
            });

        var blocked = run.ControllerEvents.OfType<FlowBlocked>().ToList();
        Assert.That(blocked, Has.Count.EqualTo(1), "one block however many packets alerted before it took effect");
        var b = blocked[0];
        Assert.That((b.FunctionId, b.SignatureId), Is.EqualTo(("ids1", "zeros")));
        Assert.That(b.Switches, Is.EqualTo(new[] { "s1", "s2" }), "the sender's ingress, and the receiver's for the replies");
        Assert.That(b.Reason, Is.Null);

        // The rules as the switch holds them: in_port = the host's port, the exact 5-tuple, no actions, above every flow rule.
        var s1 = run.Network.Switches[topology.IndexOfSwitch("s1")].Flows.Snapshot();
        var block = s1.Where(e => BlockCookie.IsBlock(e.Rule.Cookie)).Select(e => e.Rule).ToList();
        Assert.That(block, Has.Count.EqualTo(1));
        var rule = block[0];
        Assert.That(rule.Actions, Is.Empty);
        Assert.That(rule.Match.InPort, Is.EqualTo(10));
        Assert.That((rule.Match.IpProto, rule.Match.L4Dst), Is.EqualTo(((byte?)17, (ushort?)6000)));
        Assert.That(rule.Priority, Is.GreaterThan(s1.Where(e => !BlockCookie.IsBlock(e.Rule.Cookie) && e.Rule.Cookie >> 56 == 0).Max(e => e.Rule.Priority)));
        var s2 = run.Network.Switches[topology.IndexOfSwitch("s2")].Flows.Snapshot();
        var reverse = s2.Single(e => BlockCookie.IsBlock(e.Rule.Cookie)).Rule.Match;
        Assert.That((reverse.InPort, reverse.L4Src, reverse.Ipv4Src!.Value.ToString()), Is.EqualTo(((int?)10, (ushort?)6000, "10.0.0.2/32")));

        var bad = report.Flows.Single(f => f.Id == "bad");
        var good = report.Flows.Single(f => f.Id == "good");
        Assert.That(bad.Delivered, Is.Zero, "every packet of the flow carries the pattern: none gets through");
        var atIds = drops.Count(d => d.Flow == "bad" && d.Where == "ids1");
        var atIngress = drops.Where(d => d.Flow == "bad" && d.Where == "s1").ToList();
        Assert.That(atIds, Is.GreaterThan(0).And.LessThan(10), "only the packets in flight before the rule went in reach the IDS");
        Assert.That(atIngress, Has.Count.GreaterThan(bad.Sent / 2));
        Assert.That(atIngress.Select(d => (d.Reason, d.Hops, d.Visits)).Distinct(), Is.EqualTo(new[] { (DropReason.DropAction, 1, 0) }),
            "dropped by a rule at the ingress, never crossing a function");

        Assert.That(drops.Where(d => d.Flow == "good"), Is.Empty, "the same hosts on another port still pass");
        Assert.That(good.Delivered, Is.GreaterThan(good.Sent - 5));
        Assert.That(run.ControllerEvents.OfType<FunctionAlertRaised>().All(a => a.Blocked && a.FunctionId == "ids1"));

        // The run report: the block under its IDS, in JSON and text.
        var ids = report.Functions.Single(f => f.Id == "ids1");
        Assert.That(ids.Blocks.Select(x => (x.Signature, string.Join(",", x.Switches))), Is.EqualTo(new[] { ("zeros", "s1,s2") }));
        Assert.That(report.Functions.Single(f => f.Id == "fw1").Blocks, Is.Empty);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream)) RunReportJson.Write(w, report);
        using var doc = JsonDocument.Parse(stream.ToArray());
        var json = doc.RootElement.GetProperty("functions").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "ids1").GetProperty("blocks")[0];
        Assert.That(json.GetProperty("switches").EnumerateArray().Select(x => x.GetString()), Is.EqualTo(new[] { "s1", "s2" }));
        Assert.That(json.GetProperty("flow").GetString(), Does.Contain("10.0.0.1").And.Contain(":6000"));
        var text = new StringWriter();
        RunReportText.Write(text, report);
        Assert.That(text.ToString(), Does.Contain("zeros").And.Contain("by drop rules at s1, s2"));
    }
}
