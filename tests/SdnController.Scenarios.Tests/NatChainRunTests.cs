using SdnController.Controller.Observation;

namespace SdnController.Scenarios.Tests;

/// <summary>
/// Chains through a NAT: inside hosts h1 and h3 reach the outside host h2 through fw1 then nat1 (source NAT: h2 sees the
/// public address, its replies to the public address go back through nat1 to the original host); h2 reaches h1's
/// port 80 through nat1's port forward 192.0.2.1:8080 (destination NAT). Checked per packet from the hop record,
/// through seeded random link failures, with nat1 down (fail closed) and with a standby.
/// </summary>
public class NatChainRunTests
{
    // s1 - s2 - s3
    //  |    |    |
    // s4 - s5 - s6      h1 at s1, h3 at s4 (inside 10.0.0.0/24), h2 at s3 (outside); fw1 at s2, nat1 at s5 (nat2, standby, at s6).
    private const string Ladder = $$"""
        {{ChainLadder.Switches}}
        hosts:
          - {id: h1, attach: "s1:10", ipv4: 10.0.0.1/24}
          - {id: h3, attach: "s4:10", ipv4: 10.0.0.3/24}
          - {id: h2, attach: "s3:10", ipv4: 198.51.100.2/24}
        {{ChainLadder.Links}}
        nfv:
          fw1:
            kind: firewall
            attach: "s2:5"
            default: deny
            rules: [{action: allow, proto: tcp, src: 10.0.0.0/24, dport: 80}]
          nat1:
            kind: nat
            attach: "s5:5"
            snat: {inside: 10.0.0.0/24, address: 192.0.2.1, ports: 20000-29999}
            dnat: [{proto: tcp, address: 192.0.2.1, port: 8080, to: "10.0.0.1:80"}]STANDBY
        chains:
          - {id: outbound, match: {to: h2, proto: tcp}, through: [fw1, nat1]}
          - {id: inbound, match: {to: nat1}, through: [nat1]}
        traffic:
          - {id: out1, from: h1, to: h2, kind: tcp, port: 80, source-port: 40001, rate: 500pps, size: 120}
          - {id: out3, from: h3, to: h2, kind: tcp, port: 80, source-port: 40003, rate: 500pps, size: 120}
          - {id: in, from: h2, to: nat1, kind: tcp, port: 8080, source-port: 50000, rate: 500pps, size: 120}
        """;

    private const string Standby = """

            standby: nat2
          nat2:
            kind: nat
            attach: "s6:5"
            snat: {inside: 10.0.0.0/24, address: 192.0.2.1, ports: 20000-29999}
            dnat: [{proto: tcp, address: 192.0.2.1, port: 8080, to: "10.0.0.1:80"}]
        """;

    private static readonly uint Public = RewriteChainWatch.Address("192.0.2.1");
    private static readonly uint H1 = RewriteChainWatch.Address("10.0.0.1");
    private static readonly uint H2 = RewriteChainWatch.Address("198.51.100.2");
    private static readonly uint H3 = RewriteChainWatch.Address("10.0.0.3");

    private static (Scenarios.Reporting.RunReport Report, ScenarioRun Run, RewriteChainWatch Watch) Run(string events, bool standby = false, string duration = "1500ms")
    {
        var topology = RunHarness.LoadText(Ladder.Replace("STANDBY", standby ? Standby.TrimEnd() : "") + $"\nscenario:\n  duration: {duration}\n  events:\n" + events);
        RewriteChainWatch? watch = null;
        var (report, run) = RunHarness.Execute(topology, topology.Scenario, topology.Traffic, prepare: r => watch = new RewriteChainWatch(r.Network));
        return (report, run, watch!);
    }

    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    /// <summary>What every arrival must look like, whatever the failures: the chain's functions in order, rewritten addresses.</summary>
    private static void AssertTranslated(RewriteChainWatch watch)
    {
        var outbound = watch.Delivered.Where(d => d.Flow.StartsWith("out", StringComparison.Ordinal)).ToList();
        Assert.That(outbound.Select(d => d.Source).Distinct(), Is.EqualTo(new[] { Public }), "h2 only ever sees the public address; drops: " + watch);
        Assert.That(outbound.Select(d => d.Host).Distinct(), Is.EqualTo(new[] { "h2" }));
        Assert.That(outbound.Select(d => d.Visits).Distinct().All(v => v == "fw1,nat1" || v == "fw1,nat2"), Is.True, "never bypassed, never reordered");
        var outReplies = watch.Replies.Where(r => r.Flow.StartsWith("out", StringComparison.Ordinal)).ToList();
        Assert.That(outReplies.Select(r => r.Visits).Distinct().All(v => v == "nat1,fw1" || v == "nat2,fw1"), Is.True);
        Assert.That(outReplies.All(r => r.Source == H2 && r.Destination == (r.Flow == "out1" ? H1 : H3)), Is.True, "replies back to the original host");

        var inbound = watch.Delivered.Where(d => d.Flow == "in").ToList();
        Assert.That(inbound.Select(d => (d.Visits, d.Host, d.Source)).Distinct().All(d => d.Visits is "nat1" or "nat2" && d.Host == "h1" && d.Source == H2), Is.True,
            "the port forward delivers to h1");
        Assert.That(watch.Replies.Where(r => r.Flow == "in").All(r => r.Source == Public && r.Destination == H2 && r.Visits is "nat1" or "nat2"), Is.True,
            "h1's replies leave from the public address");
        Assert.That(watch.MisaddressedDrops, Is.Zero, watch.ToString());
        Assert.That(watch.Chain.Mixed, Is.Empty, "each packet under one configuration");
    }

    [Test]
    public void Source_nat_delivers_from_the_public_address_and_replies_return_to_each_inside_host_and_the_port_forward_reaches_h1()
    {
        var (report, run, watch) = Run("    []\n", duration: "500ms");
        using var _ = run;
        AssertTranslated(watch);
        foreach (var id in new[] { "out1", "out3", "in" })
        {
            var flow = report.Flows.Single(f => f.Id == id);
            Assert.That(flow.Delivered, Is.GreaterThanOrEqualTo(flow.Sent - 3), id);
            Assert.That(watch.Replies.Count(r => r.Flow == id), Is.GreaterThan(200), $"{id}: replies came back");
        }
        Assert.That(watch.Delivered.Where(d => d.Flow == "out1").Select(d => d.Visits).Distinct(), Is.EqualTo(new[] { "fw1,nat1" }));
        Assert.That(watch.Replies.Where(r => r.Flow == "out3").Select(d => d.Visits).Distinct(), Is.EqualTo(new[] { "nat1,fw1" }));
        var inbound = run.ControllerEvents.OfType<ChainRouteChanged>().First(r => r.FlowId == "in");
        Assert.That(inbound.Branches.Single().Receiver, Is.EqualTo("h1"));
    }

    [Test]
    public void Through_seeded_random_link_failures_every_packet_is_translated_and_crosses_the_chain_in_order()
    {
        var links = new[] { "s1-s2", "s2-s3", "s4-s5", "s5-s6", "s1-s4", "s2-s5", "s3-s6" };
        for (var seed = 1; seed <= 3; seed++)
        {
            var random = new Random(seed);
            var down = new HashSet<string>();
            var events = new System.Text.StringBuilder();
            for (var t = 150; t < 1400; t += 100 + random.Next(100))
            {
                var link = links[random.Next(links.Length)];
                var up = down.Contains(link) || down.Count >= 2;
                if (up && !down.Contains(link)) link = down.First();
                if (up) down.Remove(link); else down.Add(link);
                events.Append($"    - {{at: {t}ms, link: {link}, state: {(up ? "up" : "down")}}}\n");
            }
            var (report, run, watch) = Run(events.ToString());
            using var _ = run;
            Assert.Multiple(() =>
            {
                AssertTranslated(watch);
                // (Sequence order may change where a shorter new path overtakes packets on the old one; the chain's order may not.)
                foreach (var flow in report.Flows) Assert.That(flow.Delivered, Is.GreaterThan(flow.Sent / 2), $"seed {seed}: {flow.Id}");
                Assert.That(watch.Delivered, Has.Count.GreaterThan(1000), $"seed {seed}: drops {watch}");
            });
        }
    }

    [Test]
    public void Flows_behind_one_source_nat_move_together_so_their_shared_reply_ingress_serves_both()
    {
        // Only h3's way to fw1 changes (s4-s1-s2 or s4-s5-s2); out1 and out3 share their post-NAT rules, among them the
        // untagged ingress of h2's replies to the public address: out1 moves with out3 or loses its replies.
        var (_, run, watch) = Run("""
                - {at: 300ms, link: s1-s4, state: down}
                - {at: 600ms, link: s1-s4, state: up}
                - {at: 600ms, link: s4-s5, state: down}
            """, duration: "900ms");
        using var _ = run;
        AssertTranslated(watch);
        var moves = run.ControllerEvents.OfType<ChainRouteChanged>().Where(r => r.FlowId.StartsWith("out", StringComparison.Ordinal)).GroupBy(r => r.FlowId)
            .ToDictionary(g => g.Key, g => g.Count());
        Assert.That(moves["out3"], Is.GreaterThan(1), "h3's segment changed");
        Assert.That(moves["out1"], Is.EqualTo(moves["out3"]), "out1 moved along");
        foreach (var t in new[] { 400, 700, 850 })
            Assert.That(watch.Replies.Count(r => r.Flow == "out1" && r.SentAt > Ms(t) && r.SentAt < Ms(t + 40)), Is.GreaterThan(15), $"out1's replies around {t} ms");
    }

    [Test]
    public void Pings_behind_one_source_nat_also_move_together()
    {
        // ICMP has no source port, so the NAT's translated headers equal for both inside hosts' pings: they share the
        // untagged ingress of h2's echo replies to the public address just as TCP flows to one port do.
        var topology = RunHarness.LoadText(Ladder.Replace("STANDBY", "")
            .Replace("rules: [{action: allow, proto: tcp, src: 10.0.0.0/24, dport: 80}]", "rules: [{action: allow, proto: icmp, src: 10.0.0.0/24}]")
            .Replace("{id: outbound, match: {to: h2, proto: tcp}, through: [fw1, nat1]}", "{id: outbound, match: {to: h2, proto: icmp}, through: [fw1, nat1]}")
            .Replace("{id: out1, from: h1, to: h2, kind: tcp, port: 80, source-port: 40001, rate: 500pps, size: 120}", "{id: out1, from: h1, to: h2, kind: icmp, rate: 500pps, size: 120}")
            .Replace("{id: out3, from: h3, to: h2, kind: tcp, port: 80, source-port: 40003, rate: 500pps, size: 120}", "{id: out3, from: h3, to: h2, kind: icmp, rate: 500pps, size: 120}")
            + """

            scenario:
              duration: 900ms
              events:
                - {at: 300ms, link: s1-s4, state: down}
                - {at: 600ms, link: s1-s4, state: up}
                - {at: 600ms, link: s4-s5, state: down}
            """);
        RewriteChainWatch? watch = null;
        var (_, run) = RunHarness.Execute(topology, topology.Scenario, topology.Traffic, prepare: r => watch = new RewriteChainWatch(r.Network));
        using var _ = run;
        var outbound = watch!.Delivered.Where(d => d.Flow.StartsWith("out", StringComparison.Ordinal)).ToList();
        Assert.That(outbound.Select(d => d.Source).Distinct(), Is.EqualTo(new[] { Public }), "h2 only ever sees the public address; " + watch);
        Assert.That(watch.Chain.Mixed, Is.Empty, "each packet under one configuration");
        foreach (var flow in new[] { "out1", "out3" })
            foreach (var t in new[] { 100, 400, 700, 850 })
                Assert.That(watch.Replies.Count(r => r.Flow == flow && r.SentAt > Ms(t) && r.SentAt < Ms(t + 40)), Is.GreaterThan(15),
                    $"{flow}'s echo replies around {t} ms; {watch}");
    }

    [Test]
    public void With_nat1_down_and_no_standby_both_chains_fail_closed()
    {
        var (_, run, watch) = Run("""
                - {at: 300ms, nfv: nat1, state: down}
                - {at: 700ms, nfv: nat1, state: up}
            """, duration: "1000ms");
        using var __ = run;
        AssertTranslated(watch);
        Assert.That(watch.Delivered.Count(d => d.SentAt > Ms(302) && d.SentAt < Ms(700)), Is.Zero, "fail closed while nat1 is down");
        Assert.That(watch.Delivered.Count(d => d.SentAt > Ms(760) && d.Flow == "out1"), Is.GreaterThan(50), "restored once nat1 is back");
        Assert.That(watch.Delivered.Count(d => d.SentAt > Ms(760) && d.Flow == "in"), Is.GreaterThan(50));
        var alerts = run.ControllerEvents.OfType<ChainClosedAlert>().ToList();
        Assert.That(alerts.Select(a => a.FlowId), Is.EquivalentTo(new[] { "out1", "out3", "in" }));
        Assert.That(alerts.All(a => a.Reason.Contains("nat1 down")), Is.True);
    }

    [Test]
    public void With_a_standby_nat_the_chains_move_to_it_and_stay_translated()
    {
        var (_, run, watch) = Run("""
                - {at: 300ms, nfv: nat1, state: down}
                - {at: 700ms, nfv: nat1, state: up}
            """, standby: true, duration: "1000ms");
        using var __ = run;
        AssertTranslated(watch);
        var during = watch.Delivered.Where(d => d.SentAt > Ms(305) && d.SentAt < Ms(695)).ToList();
        Assert.That(during.Where(d => d.Flow != "in").Select(d => d.Visits).Distinct(), Is.EqualTo(new[] { "fw1,nat2" }));
        Assert.That(during.Where(d => d.Flow == "in").Select(d => d.Visits).Distinct(), Is.EqualTo(new[] { "nat2" }));
        Assert.That(during, Has.Count.GreaterThan(3 * 150));
        Assert.That(watch.Replies.Where(r => r.SentAt > Ms(305) && r.SentAt < Ms(695) && r.Flow == "out1").Select(r => r.Visits).Distinct(), Is.EqualTo(new[] { "nat2,fw1" }));
        Assert.That(run.ControllerEvents.OfType<ChainClosedAlert>(), Is.Empty);
    }
}
