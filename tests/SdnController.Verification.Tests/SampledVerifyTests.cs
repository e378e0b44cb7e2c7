using System.Text;
using System.Text.Json.Nodes;
using SdnController.Verification.Checking;
using SdnController.Verification.Dump;

namespace SdnController.Verification.Tests;

/// <summary>The verifier with a pair sample: what it walks, what it reports, and faults on an included pair.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class SampledVerifyTests
{
    private static JsonNode Ring() => JsonNode.Parse(File.ReadAllText(Sdnctl.DumpOf("topologies/ring-6.yaml")))!;
    private static Topology.Model.Topology RingTopology() => Fixtures.LoadTopology(Sdnctl.Repo("topologies/ring-6.yaml"));

    private static VerificationReport Verify(JsonNode dump, VerifyOptions options) =>
        Verifier.Verify(RingTopology(), FlowDumpReader.Read(Encoding.UTF8.GetBytes(dump.ToJsonString()), "dump.json"), [], options);

    /// <summary>The pair probes the report went through, in order: violations and unchecked ones are not all of them, so rebuild.</summary>
    private static List<string> PairsWalked(JsonNode dump, VerifyOptions options)
    {
        var probes = ProbeBuilder.Build(FlowDumpReader.Read(Encoding.UTF8.GetBytes(dump.ToJsonString()), "dump.json"),
            RingTopology().Traffic, options, out _, out _);
        return probes.Where(p => p.Kind == ProbeKind.Pair).Select(p => $"{p.From}->{p.To}").ToList();
    }

    /// <summary>The ICMP rules (host reachability's) of a switch for one source and destination.</summary>
    private static List<JsonObject> EchoRules(JsonNode dump, string sw, string src, string dst) =>
        Fixtures.RulesFor(dump, sw, src, dst).Where(r => (int?)r["match"]!["ip_proto"] == 1).ToList();

    [Test]
    public void All_pairs_stays_the_default_and_says_so()
    {
        var r = Fixtures.Verify(RingTopology(), Ring());
        Assert.That(r.Pairs, Is.EqualTo(new PairCoverage(30, 30, 0, null)));
        Assert.That(r.Pairs.Sampled, Is.False);
        Assert.That(r.Checked, Is.EqualTo(33), "30 pairs and 3 flows");
    }

    [Test]
    public void A_sample_walks_that_many_pairs_the_included_ones_first_and_every_flow()
    {
        var options = new VerifyOptions { MaxPairs = 8, Seed = 4, Include = [new("h1", "h4"), new("h4", "h1")] };
        var r = Verify(Ring(), options);
        Assert.That(r.Pairs, Is.EqualTo(new PairCoverage(30, 8, 2, 4)));
        Assert.That(r.Pairs.Sampled);
        Assert.That(r.Checked, Is.EqualTo(8 + 3), "the declared flows are walked whatever the sample");
        Assert.That(r.IsClean);

        var walked = PairsWalked(Ring(), options);
        Assert.That(walked, Has.Count.EqualTo(8).And.Contain("h1->h4").And.Contain("h4->h1"));
        Assert.That(PairsWalked(Ring(), options), Is.EqualTo(walked), "the same seed walks the same pairs");
        Assert.That(Enumerable.Range(1, 10).Select(s => string.Join(",", PairsWalked(Ring(), options with { Seed = s }))).Distinct().Count(),
            Is.GreaterThan(5), "seeds pick different pairs");

        // As many as there are or more: every pair, not sampled.
        Assert.That(Verify(Ring(), options with { MaxPairs = 30 }).Pairs.Sampled, Is.False);
        Assert.That(Verify(Ring(), options with { MaxPairs = 1000 }).Checked, Is.EqualTo(33));
    }

    [Test]
    public void A_black_hole_on_an_included_pair_is_found_in_a_tiny_sample()
    {
        var dump = Ring();
        // h1->h4's echo crosses s1 s2 s3 s4; take its rule off s3.
        var rule = EchoRules(dump, "s3", "10.0.0.1", "10.0.0.4").Single();
        Fixtures.Switch(dump, "s3")["flows"]!.AsArray().Remove(rule);

        var r = Verify(dump, new VerifyOptions { MaxPairs = 1, Seed = 9, Include = [new("h1", "h4")] });
        Assert.That(r.Pairs.Walked, Is.EqualTo(1));
        var v = r.Violations.Single();
        Assert.That((v.Verdict, v.Probe.Kind, v.Probe.From, v.Probe.To), Is.EqualTo((Verdict.BlackHole, ProbeKind.Pair, "h1", "h4")));
        Assert.That(v.Where, Does.Contain("no rule at s3"));

        // A sample without it does not see it: the counts cover the sample only.
        Assert.That(Verify(dump, new VerifyOptions { MaxPairs = 1, Include = [new("h2", "h3")] }).IsClean);
    }

    [Test]
    public void A_loop_on_an_included_pair_is_found_in_a_tiny_sample()
    {
        var dump = Ring();
        // s4, s5 and s6 send h1->h4's echo on round the ring (port 2) instead of to h4; s1 sends it to s2 again.
        foreach (var sw in new[] { "s4", "s5", "s6" })
        {
            var rules = EchoRules(dump, sw, "10.0.0.1", "10.0.0.4");
            if (rules.Count == 0)
                Fixtures.Switch(dump, sw)["flows"]!.AsArray().Add(new JsonObject
                {
                    ["priority"] = 1000,
                    ["match"] = new JsonObject { ["eth_type"] = 2048, ["ipv4_src"] = "10.0.0.1/32", ["ipv4_dst"] = "10.0.0.4/32", ["ip_proto"] = 1 },
                    ["actions"] = Fixtures.Output(2),
                });
            else
                foreach (var r in rules) r["actions"] = Fixtures.Output(2);
        }
        var report = Verify(dump, new VerifyOptions { MaxPairs = 3, Seed = 2, Include = [new("h1", "h4")] });
        var v = report.Violations.Single();
        Assert.That((v.Verdict, v.Probe.Kind, v.Probe.Name), Is.EqualTo((Verdict.Loop, ProbeKind.Pair, "h1->h4")));
        Assert.That(v.Where, Does.Contain("back at s2 port 3"));
    }

    [Test]
    public void Included_pairs_naming_an_unknown_host_are_refused_and_a_host_to_itself_is_left_out()
    {
        var e = Assert.Throws<ArgumentException>(() => Verify(Ring(), new VerifyOptions { MaxPairs = 5, Include = [new("h1", "h99")] }));
        Assert.That(e!.Message, Does.Contain("'h99'"));
        var r = Verify(Ring(), new VerifyOptions { MaxPairs = 5, Include = [new("h2", "h2")] });
        Assert.That(r.Pairs, Is.EqualTo(new PairCoverage(30, 5, 0, 1)));
    }
}
