using SdnController.Controller.Observation;
using SdnController.Nfv.LoadBalancing;
using SdnController.Topology.Model.Nfv;

namespace SdnController.Scenarios.Tests;

/// <summary>
/// A chain through a rewriting function: clients send to a load balancer's VIP through fw1 then lb1; the controller
/// installs one route per backend after lb1 (matching the backend's address) and steers the backends' replies back
/// through lb1, so they reach the client from the VIP. Checked per packet from the hop record, through link failures,
/// with lb1 down (fail closed) and with a standby.
/// </summary>
public class LoadBalancerChainRunTests
{
    // s1 - s2 - s3
    //  |    |    |
    // s4 - s5 - s6      clients h1, h2 at s1; fw1 at s2, lb1 at s5 (lb2, its standby, at s6); backends h3 at s3, h4 at s6, h5 at s4.
    private const string Ladder = $$"""
        {{ChainLadder.Switches}}
        hosts:
          - {id: h1, attach: "s1:10", ipv4: 10.0.0.1/16}
          - {id: h2, attach: "s1:11", ipv4: 10.0.0.2/16}
          - {id: h3, attach: "s3:10", ipv4: 10.0.1.3/16}
          - {id: h4, attach: "s6:10", ipv4: 10.0.1.4/16}
          - {id: h5, attach: "s4:10", ipv4: 10.0.1.5/16}
        {{ChainLadder.Links}}
        nfv:
          fw1:
            kind: firewall
            attach: "s2:5"
            default: deny
            rules: [{action: allow, proto: tcp, dst: 10.0.9.1, dport: 80}]
          lb1:
            kind: load-balancer
            attach: "s5:5"
            vip: 10.0.9.1:80
            backends: [h3, h4, h5]STANDBY
        chains:
          - {id: web, match: {to: lb1}, through: [fw1, lb1]}
        """;

    private const string Standby = """

            standby: lb2
          lb2:
            kind: load-balancer
            attach: "s6:5"
            vip: 10.0.9.1:80
            backends: [h3, h4, h5]
        """;

    private static readonly string[] Backends = ["h3", "h4", "h5"];
    private const int FlowsPerBackend = 2;

    /// <summary>
    /// Source ports for the clients' flows such that the VIP's consistent hash gives every backend
    /// <see cref="FlowsPerBackend"/> of them (asked of a load balancer configured like lb1), with the backend each goes to.
    /// </summary>
    private static List<(string Client, int Port, string Backend)> ClientFlows(Topology.Model.Topology topology)
    {
        var lb = new LoadBalancerFunction("probe");
        lb.Configure(1, topology.FindNfv("lb1")!.Config);
        var perBackend = Backends.ToDictionary(b => b, _ => 0);
        var flows = new List<(string, int, string)>();
        foreach (var (client, address) in new[] { ("h1", "10.0.0.1"), ("h2", "10.0.0.2") })
            for (var port = 20000; port < 20400 && perBackend.Values.Any(n => n < FlowsPerBackend); port++)
            {
                var backend = lb.Pick(RewriteChainWatch.Address(address), (ushort)port)!.Name;
                if (perBackend[backend] >= FlowsPerBackend || flows.Count(f => f.Item1 == client) >= Backends.Length) continue;
                perBackend[backend]++;
                flows.Add((client, port, backend));
            }
        Assert.That(perBackend.Values, Is.All.EqualTo(FlowsPerBackend), "ports found for every backend");
        return flows;
    }

    private static (Scenarios.Reporting.RunReport Report, ScenarioRun Run, RewriteChainWatch Watch, List<(string Client, int Port, string Backend)> Flows)
        Run(string events, bool standby = false, string duration = "1500ms")
    {
        var text = Ladder.Replace("STANDBY", standby ? Standby.TrimEnd() : "");
        var flows = ClientFlows(RunHarness.LoadText(text));
        var traffic = string.Concat(flows.Select(f =>
            $"\n  - {{id: {f.Client}-{f.Port}, from: {f.Client}, to: lb1, kind: tcp, source-port: {f.Port}, rate: 200pps, size: 120}}"));
        var topology = RunHarness.LoadText(text + "\ntraffic:" + traffic + $"\nscenario:\n  duration: {duration}\n  events:\n" + events);
        RewriteChainWatch? watch = null;
        var (report, run) = RunHarness.Execute(topology, topology.Scenario, topology.Traffic, prepare: r => watch = new RewriteChainWatch(r.Network));
        return (report, run, watch!, flows);
    }

    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);
    private static readonly uint Vip = RewriteChainWatch.Address("10.0.9.1");

    [Test]
    public void Every_backend_gets_its_hashed_flows_through_fw1_then_lb1_and_replies_come_back_from_the_vip()
    {
        var (report, run, watch, flows) = Run("    []\n", duration: "600ms");
        using var _ = run;
        Assert.That(watch.Delivered, Has.Count.GreaterThan(flows.Count * 100));
        Assert.That(watch.Delivered.Select(d => d.Visits).Distinct(), Is.EqualTo(new[] { "fw1,lb1" }), "drops: " + watch);
        foreach (var (client, port, backend) in flows)
        {
            var id = $"{client}-{port}";
            Assert.That(watch.Delivered.Where(d => d.Flow == id).Select(d => d.Host).Distinct(), Is.EqualTo(new[] { backend }), $"{id} reaches the backend the hash picks");
            var flow = report.Flows.Single(f => f.Id == id);
            Assert.That(flow.Delivered, Is.GreaterThanOrEqualTo(flow.Sent - 3), $"{id}: only packets in flight at the end are missing");
        }
        // Replies: the backends' ACKs, back through lb1 (which gives them the VIP) then fw1, to the client.
        Assert.That(watch.Replies, Has.Count.GreaterThan(flows.Count * 100));
        Assert.That(watch.Replies.Select(r => r.Visits).Distinct(), Is.EqualTo(new[] { "lb1,fw1" }));
        Assert.That(watch.Replies.Select(r => r.Source).Distinct(), Is.EqualTo(new[] { Vip }), "no reply reaches a client from a backend's own address");
        Assert.That(watch.MisaddressedDrops, Is.Zero, watch.ToString());

        // Every backend's path is in the chain events and the report.
        var route = run.ControllerEvents.OfType<ChainRouteChanged>().First(r => r.FlowId == "h1-" + flows.First(f => f.Client == "h1").Port);
        Assert.That(route.Branches.Select(b => b.Receiver), Is.EquivalentTo(Backends));
        Assert.That(route.Branches.Single(b => b.Receiver == "h3").Path, Is.EqualTo(new[] { "s1", "s2", "fw1", "s2", "s5", "lb1", "s5", "s2", "s3" })
            .Or.EqualTo(new[] { "s1", "s2", "fw1", "s2", "s5", "lb1", "s5", "s6", "s3" }));
        Assert.That(route.Branches.Single(b => b.Receiver == "h5").Path, Is.EqualTo(new[] { "s1", "s2", "fw1", "s2", "s5", "lb1", "s5", "s4" }));
        var chained = report.Chains.First();
        Assert.That(chained.Routes[0].Branches.Select(b => b.Receiver), Is.EquivalentTo(Backends));
        var text = new StringWriter();
        Scenarios.Reporting.RunReportText.Write(text, report);
        Assert.That(text.ToString(), Does.Contain("to h5: s1 -> s2 -> fw1 -> s2 -> s5 -> lb1 -> s5 -> s4"));
        Assert.That(RunHarness.DeterministicJson(report), Does.Contain("\"receiver\": \"h4\""));
    }

    [Test]
    public void Through_link_failures_no_packet_bypasses_lb1_or_arrives_unrewritten()
    {
        var (report, run, watch, flows) = Run("""
                - {at: 300ms, link: s2-s5, state: down}
                - {at: 600ms, link: s5-s6, state: down}
                - {at: 900ms, link: s2-s5, state: up}
                - {at: 1000ms, link: s4-s5, state: down}
                - {at: 1200ms, link: s5-s6, state: up}
            """);
        using var _ = run;
        Assert.That(watch.Delivered.Select(d => d.Visits).Distinct(), Is.EqualTo(new[] { "fw1,lb1" }), "never bypassed, never reordered; drops: " + watch);
        Assert.That(watch.Replies.Select(r => r.Visits).Distinct(), Is.EqualTo(new[] { "lb1,fw1" }));
        Assert.That(watch.Replies.Select(r => r.Source).Distinct(), Is.EqualTo(new[] { Vip }));
        Assert.That(watch.Chain.Mixed, Is.Empty, "each packet under one configuration");
        Assert.That(watch.MisaddressedDrops, Is.Zero, watch.ToString());
        foreach (var (client, port, backend) in flows)
        {
            var flow = report.Flows.Single(f => f.Id == $"{client}-{port}");
            Assert.That(flow.Delivered, Is.GreaterThan(flow.Sent * 8 / 10), $"{flow.Id}: only packets on a failed link are lost");
            Assert.That(watch.Delivered.Where(d => d.Flow == flow.Id).Select(d => d.Host).Distinct(), Is.EqualTo(new[] { backend }));
        }
        // Delivered after each change.
        foreach (var t in new[] { 450, 750, 1100, 1400 })
            Assert.That(watch.Delivered.Count(d => d.SentAt > Ms(t) && d.SentAt < Ms(t + 50)), Is.GreaterThan(flows.Count * 5), $"delivered around {t} ms");
        Assert.That(run.ControllerEvents.OfType<ChainRouteChanged>().Count(), Is.GreaterThan(flows.Count * 2), "moved at the failures");
        Assert.That(run.ControllerEvents.OfType<ChainClosedAlert>(), Is.Empty);
    }

    [Test]
    public void With_lb1_down_and_no_standby_the_vip_traffic_fails_closed()
    {
        var (_, run, watch, flows) = Run("""
                - {at: 300ms, nfv: lb1, state: down}
                - {at: 700ms, nfv: lb1, state: up}
            """, duration: "1000ms");
        using var __ = run;
        Assert.That(watch.Delivered.Select(d => d.Visits).Distinct(), Is.EqualTo(new[] { "fw1,lb1" }));
        Assert.That(watch.Delivered.Count(d => d.SentAt > Ms(302) && d.SentAt < Ms(700)), Is.Zero, "fail closed while lb1 is down");
        Assert.That(watch.Delivered.Count(d => d.SentAt > Ms(760)), Is.GreaterThan(flows.Count * 30), "restored once lb1 is back and configured");
        Assert.That(watch.Replies.Select(r => r.Source).Distinct(), Is.EqualTo(new[] { Vip }));
        Assert.That(watch.MisaddressedDrops, Is.Zero, watch.ToString());
        var alerts = run.ControllerEvents.OfType<ChainClosedAlert>().ToList();
        Assert.That(alerts, Has.Count.EqualTo(flows.Count));
        Assert.That(alerts.All(a => a.Reason.Contains("lb1 down") && a.Reason.Contains("no standby")), Is.True);
    }

    [Test]
    public void With_a_standby_load_balancer_the_chain_moves_to_it_and_every_backend_still_answers_from_the_vip()
    {
        var (_, run, watch, flows) = Run("""
                - {at: 300ms, nfv: lb1, state: down}
                - {at: 700ms, nfv: lb1, state: up}
            """, standby: true, duration: "1000ms");
        using var __ = run;
        Assert.That(watch.Delivered.Select(d => d.Visits).Distinct(), Is.EquivalentTo(new[] { "fw1,lb1", "fw1,lb2" }));
        var during = watch.Delivered.Where(d => d.SentAt > Ms(305) && d.SentAt < Ms(695)).ToList();
        Assert.That(during.Select(d => d.Visits).Distinct(), Is.EqualTo(new[] { "fw1,lb2" }));
        Assert.That(during.Select(d => d.Host).Distinct(), Is.EquivalentTo(Backends), "lb2 hashes like lb1: every backend still served");
        Assert.That(during, Has.Count.GreaterThan(flows.Count * 60));
        Assert.That(watch.Replies.Where(r => r.SentAt > Ms(305) && r.SentAt < Ms(695)).Select(r => r.Visits).Distinct(), Is.EqualTo(new[] { "lb2,fw1" }));
        Assert.That(watch.Replies.Select(r => r.Source).Distinct(), Is.EqualTo(new[] { Vip }));
        Assert.That(watch.MisaddressedDrops, Is.Zero, watch.ToString());
        Assert.That(run.ControllerEvents.OfType<ChainClosedAlert>(), Is.Empty);
    }
}
