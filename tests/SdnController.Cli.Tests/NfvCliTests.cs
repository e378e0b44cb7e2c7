using System.Text.Json;

namespace SdnController.Cli.Tests;

/// <summary>`sdnctl run` and `sdnctl shell` on a topology with network functions (topologies/nfv-edge.yaml).</summary>
[TestFixture]
public class NfvCliTests
{
    [Test]
    public void A_run_prints_and_writes_the_functions_section()
    {
        var report = Path.Combine(Path.GetTempPath(), $"sdnctl-nfv-{Guid.NewGuid():N}.json");
        try
        {
            var r = CliRunner.Run("run", CliRunner.Repo("topologies/nfv-edge.yaml"), "--json", report);
            Assert.That(r.ExitCode, Is.Zero, r.Stdout + r.Stderr);
            var o = r.Stdout;
            Assert.That(o, Does.Contain("  functions: 2"));
            // The chain steers f1 through fw1 then ids1; while fw1 is down the chain fails closed (dropped at s1).
            Assert.That(o, Does.Contain("fw1 firewall at s1:5: up, version 1; in 99, out 99, dropped 0; 2 configurations acknowledged, 1 outages, 0 alerts"));
            Assert.That(o, Does.Contain("ids1 ids at s3:5: up, version 1; in 149, out 149, dropped 0"));
            Assert.That(o, Does.Contain("  chained flows: 1\n    f1 (chain h1-to-h2): 3 route(s)\n      t=-3 ms: s1 -> fw1 -> s1 -> s2 -> s3 -> ids1 -> s3\n      t=500.5 ms: fails closed (fw1 down, no standby), dropped at the ingress\n      t=1001.5 ms: s1 -> fw1 -> s1 -> s2 -> s3 -> ids1 -> s3\n"));
            Assert.That(o, Does.Contain("traffic: sent 200, delivered 149, lost 51"));
            Assert.That(o, Does.Contain("down at t=500.5 ms, up at t=1000.5 ms, version 1 again at t=1001.5 ms"));
            Assert.That(o, Does.Contain("ids1 ids at s3:5: up, version 1"));
            Assert.That(o, Does.Contain("the controller heard it up (restarted, version 0) after 0.5 ms; version 1 in force again after 1.5 ms (1 push)"));

            using var doc = JsonDocument.Parse(File.ReadAllText(report));
            var functions = doc.RootElement.GetProperty("functions");
            Assert.That(functions.EnumerateArray().Select(f => (f.GetProperty("id").GetString(), f.GetProperty("state").GetString(), f.GetProperty("applied_version").GetInt64())),
                Is.EqualTo(new[] { ("fw1", "up", 1L), ("ids1", "up", 1L) }));
            Assert.That(functions[0].GetProperty("rules").EnumerateArray().Select(x => x.GetProperty("rule").GetString()), Is.EqualTo(new[] { "rule 1", "rule 2", "default" }));
            var chain = doc.RootElement.GetProperty("chains")[0];
            Assert.That(chain.GetProperty("routes").EnumerateArray().Select(x => x.TryGetProperty("closed", out var c) ? c.GetString() : string.Join(" ", x.GetProperty("path").EnumerateArray().Select(p => p.GetString()))),
                Is.EqualTo(new[] { "s1 fw1 s1 s2 s3 ids1 s3", "fw1 down, no standby", "s1 fw1 s1 s2 s3 ids1 s3" }));
        }
        finally
        {
            File.Delete(report);
        }
    }

    [Test]
    public void A_run_through_rewriting_functions_reports_a_path_per_backend()
    {
        var report = Path.Combine(Path.GetTempPath(), $"sdnctl-nfv-rewrite-{Guid.NewGuid():N}.json");
        try
        {
            var r = CliRunner.Run("run", CliRunner.Repo("topologies/nfv-rewrite.yaml"), "--json", report);
            Assert.That(r.ExitCode, Is.Zero, r.Stdout + r.Stderr);
            var o = r.Stdout;
            Assert.That(o, Does.Contain("    web-h1 (chain web): 4 route(s)\n      t=-3 ms: 3 paths, one per receiving host\n"
                + "        to h3: s1 -> s2 -> fw1 -> s2 -> s5 -> lb1 -> s5 -> s2 -> s3\n"
                + "        to h4: s1 -> s2 -> fw1 -> s2 -> s5 -> lb1 -> s5 -> s6\n"
                + "        to h5: s1 -> s2 -> fw1 -> s2 -> s5 -> lb1 -> s5 -> s4\n"));
            Assert.That(o, Does.Contain("        to h5: s1 -> s2 -> fw1 -> s2 -> s3 -> s6 -> lb2 -> s6 -> s5 -> s4"), "lb2 takes over while lb1 is down");
            Assert.That(o, Does.Contain("    out (chain egress): 1 route(s)\n      t=-3 ms: s1 -> s2 -> fw1 -> s2 -> s1 -> s4 -> nat1 -> s4 -> s1 -> s2 -> s3\n"));

            using var doc = JsonDocument.Parse(File.ReadAllText(report));
            var web = doc.RootElement.GetProperty("chains").EnumerateArray().First(c => c.GetProperty("flow").GetString() == "web-h1");
            var branches = web.GetProperty("routes")[0].GetProperty("branches");
            Assert.That(branches.EnumerateArray().Select(b => b.GetProperty("receiver").GetString()), Is.EqualTo(new[] { "h3", "h4", "h5" }));
            var flows = doc.RootElement.GetProperty("flows").EnumerateArray().ToDictionary(f => f.GetProperty("id").GetString()!, f => f);
            foreach (var id in new[] { "web-h1", "web-h2", "web-h2b", "out" })
                Assert.That(flows[id].GetProperty("delivered").GetInt64(), Is.GreaterThan(flows[id].GetProperty("sent").GetInt64() * 9 / 10), id);
        }
        finally
        {
            File.Delete(report);
        }
    }

    [Test]
    public void A_shell_script_lists_functions_their_rules_and_the_declared_chains()
    {
        var r = CliRunner.RunWithInput("""
            nfv
            nfv fw1 rules
            chains
            nfv fw1 down
            nfv
            chains
            nfv fw1 up
            nfv fw1 rules
            """, "shell", "topologies/nfv-edge.yaml");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        var o = r.Stdout;
        Assert.That(o, Does.Contain("function  kind      attach  state  version  in  out  dropped  alerts\n"));
        Assert.That(o, Does.Contain("fw1       firewall  s1:5    up     1        0   0    0        0\n"));
        Assert.That(o, Does.Contain("ids1      ids       s3:5    up     1        0   0    0        0\n"));
        Assert.That(o, Does.Contain("*** fw1 (firewall at s1:5): up, version 1\nrule     in  out  dropped\nrule 1   "));
        Assert.That(o, Does.Contain("h1-to-h2: from h1 to h2 udp through fw1 -> ids1\n  f1: s1 -> fw1 -> s1 -> s2 -> s3 -> ids1 -> s3\n"));
        Assert.That(o, Does.Match(@"\*\*\* note: it drops everything it receives; its switch port stays up; the controller heard it down after 0\.5 ms"));
        Assert.That(o, Does.Contain("fw1       firewall  s1:5    down   1        -   -    -        0\n"));
        Assert.That(o, Does.Contain("*** fw1: no counters (down)"));
        Assert.That(o, Does.Contain("h1-to-h2: from h1 to h2 udp through fw1 (down) -> ids1\n  f1: fails closed (fw1 down, no standby): dropped at the ingress\n"));
        Assert.That(o, Does.Contain("restarted with no configuration: it drops everything until configured again; the controller re-sent version 1 and it was in force after 1.5 ms"));
        Assert.That(r.Stderr, Is.Empty);
    }

    [Test]
    public void A_shell_script_lists_blocks_and_lifts_them()
    {
        var file = Path.Combine(Path.GetTempPath(), $"sdnctl-blocks-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, """
            switches: [{id: s1}, {id: s2}]
            hosts:
              - {id: h1, attach: "s1:10", ipv4: 10.0.0.1/24}
              - {id: h2, attach: "s2:10", ipv4: 10.0.0.2/24}
            links:
              - {endpoints: ["s1:2", "s2:1"], latency: 1ms, bandwidth: 1Gbps}
            nfv:
              ids1: {kind: ids, attach: "s2:5", block: true, block_for: 10s, signatures: [{id: zeros, hex: "00 00 00 00 00 00 00 00", proto: udp, dport: 6000}]}
            chains:
              - {id: watched, match: {from: h1, to: h2}, through: [ids1]}
            traffic:
              - {id: bad, from: h1, to: h2, kind: udp, port: 6000, rate: 1000pps, size: 100, stop: 20ms}
            """);
        try
        {
            var r = CliRunner.RunWithInput("""
                blocks
                wait 50ms
                blocks
                unblock all
                blocks
                """, "shell", file);
            Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
            var o = r.Stdout;
            Assert.That(o, Does.Contain("*** no blocks: no flow is blocked now\n*** waited 50 ms"));
            Assert.That(o, Does.Match(@"id  flow +ingress  by +since +expires +dropped\n1   udp 10\.0\.0\.1:10000 -> 10\.0\.0\.2:6000  s1,s2    ids1/zeros  t=[0-9.]+ ms +t=100[0-9.]+ ms +\d+\n"));
            Assert.That(o, Does.Match(@"\*\*\* block 1 lifted: udp 10\.0\.0\.1:10000 -> 10\.0\.0\.2:6000 passes again; drop rules removed from s1, s2 after [0-9.]+ ms\n\*\*\* no blocks: no flow is blocked now\n"));
            Assert.That(r.Stderr, Is.Empty);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void The_shell_shows_a_path_per_backend_for_flows_to_a_vip()
    {
        var r = CliRunner.RunWithInput("chains\n", "shell", "topologies/nfv-rewrite.yaml");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(r.Stdout, Does.Contain("web: to lb1 through fw1 -> lb1\n  web-h1: 3 paths\n    to h3: s1 -> s2 -> fw1 -> s2 -> s5 -> lb1 -> s5 -> s2 -> s3\n"
            + "    to h4: s1 -> s2 -> fw1 -> s2 -> s5 -> lb1 -> s5 -> s6\n    to h5: s1 -> s2 -> fw1 -> s2 -> s5 -> lb1 -> s5 -> s4\n"));
        Assert.That(r.Stdout, Does.Contain("egress: to h6 tcp through fw1 -> nat1\n  out: s1 -> s2 -> fw1 -> s2 -> s1 -> s4 -> nat1 -> s4 -> s1 -> s2 -> s3\n"));
    }
}
