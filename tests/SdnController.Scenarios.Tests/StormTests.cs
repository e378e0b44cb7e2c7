using System.Text;
using SdnController.Scenarios.Storms;
using SdnController.Testing;
using SdnController.Verification.Checking;

namespace SdnController.Scenarios.Tests;

/// <summary>
/// The failure storm's reduced, seeded CI form (docs/reliability.md, "Failure storms"; the full one is
/// tools/storm): twelve Zoo networks of 4 to 51 switches, chosen for their quirks too (several disconnected
/// parts, parallel edges), each with one seed's 1–3 link failures and a switch failure.
/// </summary>
[TestFixture]
public class StormTests
{
    private static readonly string[] Networks =
    {
        "Arpanet196912", "Nsfcnet", "Abilene", "Eunetworks", "Airtel", "Aarnet", "Bandcon", "AttMpls",
        "Geant2009", "DeutscheTelekom", "Ntelos", "BtLatinAmerica",
    };

    private static string ZooFile(string name) => Path.Combine(SharedData.RequireDirectory("topologyzoo"), "graphml", name + ".graphml");

    [Test]
    public void Twelve_zoo_networks_have_no_loops_black_holes_or_bypasses_under_a_storm_and_restore_to_a_fresh_start()
    {
        var totals = new StormTotals();
        var report = new StringBuilder();
        foreach (var name in Networks)
        {
            var r = StormRunner.Run(ZooFile(name), seed: 1);
            totals.Add(r);
            report.AppendLine(StormText.Describe(r));
            Assert.That(r.Skipped, Is.Null, name);
            Assert.That(r.Failure, Is.Not.Null, $"{name}: a failure set was picked");
            Assert.That(r.Steady!.Count(Verdict.Delivered), Is.GreaterThan(0), $"{name}: the verifier saw installed traffic\n{report}");
            Assert.That(r.AfterFailure, Is.Not.Null, name);
            // At most 51 switches: far below StormPairs.MaxPairs, so every pair is walked, not a sample.
            Assert.That(r.Steady!.Pairs.Sampled || r.AfterFailure!.Pairs.Sampled || r.AfterRestore!.Pairs.Sampled, Is.False, name);
        }
        TestContext.Out.WriteLine(report);
        TestContext.Out.WriteLine(totals.Summary());
        Assert.That(totals.Findings.Select(f => StormText.Describe(f)), Is.Empty, report.ToString());
        Assert.That(totals.Crashes + totals.Loops + totals.BlackHoles + totals.Bypasses + totals.WrongHost + totals.LostFlows + totals.RestoreMismatches, Is.Zero);
        Assert.That(totals.Networks, Is.EqualTo(Networks.Length));
        // Every packet a drop rule stopped is a chained flow whose firewall the failures cut off: failing closed.
        Assert.That(totals.Blocked, Is.EqualTo(totals.ClosedChains));
        Assert.That(totals.VerifierChecks, Is.EqualTo(3 * Networks.Length));
    }

    [Test]
    public void Pairs_always_walked_are_host_pairs_even_with_flows_to_a_service_address()
    {
        // nfv-rewrite sends traffic to lb1's VIP and nat1's address: those flows name no host at their far end.
        var topology = RunHarness.Sample("nfv-rewrite");
        Assert.That(topology.Traffic.Select(f => f.To), Has.Some.EqualTo("lb1"));
        var pairs = StormPairs.For(topology, 1).Include;
        Assert.That(pairs, Is.Not.Empty);
        Assert.That(pairs.All(p => topology.IndexOfHost(p.From) >= 0 && topology.IndexOfHost(p.To) >= 0), Is.True, string.Join(", ", pairs));
    }

    [Test]
    public void The_steady_state_rules_are_a_separate_fresh_runs_rules()
    {
        // The restore check compares with the storm run's own steady state; this shows that is a fresh start's.
        var network = StormNetwork.Build(ZooFile("Geant2009"), 1, out var error)!;
        Assert.That(network, Is.Not.Null, error);
        var storm = StormRunner.Run(network, 1);
        byte[]? fresh = null;
        var topology = network.Topology;
        using (var run = new ScenarioRun(topology, null, topology.Traffic, new RunOptions { Seed = 7, Duration = TimeSpan.FromMilliseconds(300) }))
        {
            run.OnReady = net => net.Loop.ScheduleAt(net.Loop.Clock.Now + TimeSpan.FromMilliseconds(250), () => fresh = StormRunner.Dump(net));
            run.Execute();
        }
        Assert.That(storm.SteadyRules!.RuleCount, Is.GreaterThan(100));
        Assert.That(RuleSnapshot.Of(fresh!).Differences(storm.SteadyRules), Is.Empty);
    }

    [Test]
    public void Rule_snapshots_ignore_counters_cookies_and_group_ids_but_not_forwarding_or_version_tags()
    {
        const string A = """
            {"switches":[{"id":"s1","up":true,"flows":[
              {"priority":10,"cookie":"0x1","match":{"vlan":3073},"actions":[{"type":"group","group_id":4}],"packets":5,"bytes":9},
              {"priority":20,"cookie":"0x2","match":{"eth_type":2048},"actions":[{"type":"push_vlan","vlan_id":3072},{"type":"output","port":2}]}],
             "groups":[{"group_id":4,"type":"select","buckets":[{"weight":1,"actions":[{"type":"output","port":1}]}]}]}]}
            """;
        // Same forwarding: other cookies, counters, group id, another rule order.
        const string B = """
            {"switches":[{"id":"s1","up":true,"flows":[
              {"priority":20,"cookie":"0x9","match":{"eth_type":2048},"actions":[{"type":"push_vlan","vlan_id":3072},{"type":"output","port":2}]},
              {"priority":10,"cookie":"0x7","match":{"vlan":3073},"actions":[{"type":"group","group_id":11}],"packets":0,"bytes":0}],
             "groups":[{"group_id":11,"type":"select","buckets":[{"weight":1,"actions":[{"type":"output","port":1}]}]}]}]}
            """;
        var a = RuleSnapshot.Of(Encoding.UTF8.GetBytes(A));
        Assert.That(RuleSnapshot.Of(Encoding.UTF8.GetBytes(B)).Differences(a), Is.Empty);
        // Another output port, a group bucket elsewhere, the other chain version's tags (the untagging pass must have
        // taken the flow back to version 0), a duplicated (stale) rule, a down switch: all differences.
        foreach (var (from, to) in new[] { ("\"port\":2", "\"port\":3"), ("\"weight\":1,\"actions\":[{\"type\":\"output\",\"port\":1", "\"weight\":1,\"actions\":[{\"type\":\"output\",\"port\":5"),
                     ("\"vlan_id\":3072", "\"vlan_id\":3136"), ("\"vlan\":3073", "\"vlan\":3137"), ("\"up\":true", "\"up\":false") })
            Assert.That(RuleSnapshot.Of(Encoding.UTF8.GetBytes(B.Replace(from, to))).Differences(a), Is.Not.Empty, to);
        var stale = B.Replace("\"flows\":[", "\"flows\":[{\"priority\":20,\"cookie\":\"0x3\",\"match\":{\"eth_type\":2048},\"actions\":[{\"type\":\"push_vlan\",\"vlan_id\":3072},{\"type\":\"output\",\"port\":2}]},");
        Assert.That(RuleSnapshot.Of(Encoding.UTF8.GetBytes(stale)).Differences(a), Has.Count.EqualTo(1).And.Some.Contains("extra"));
    }

    [Test]
    public void Failure_sets_are_seeded_within_bounds_and_spare_the_firewall()
    {
        var network = StormNetwork.Build(ZooFile("Geant2009"), 1, out var error)!;
        Assert.That(network, Is.Not.Null, error);
        Assert.That(network.FirewallSwitch, Is.Not.Null);
        Assert.That(network.Topology.Traffic, Has.Count.EqualTo(StormNetwork.MaxFlows));
        Assert.That(network.Topology.Traffic.Count(f => f.To == network.Server), Is.GreaterThanOrEqualTo(StormNetwork.ChainedSources));
        var sets = new HashSet<string>();
        for (var seed = 1; seed <= 40; seed++)
        {
            var f = StormFailure.Pick(network, seed)!;
            Assert.That(f.Links.Count, Is.InRange(1, 3));
            Assert.That(f.Links.Distinct().Count(), Is.EqualTo(f.Links.Count));
            Assert.That(f.Switch, Is.Not.EqualTo(network.FirewallSwitch));
            Assert.That(f.ToString(), Is.EqualTo(StormFailure.Pick(network, seed)!.ToString()), "same seed, same set");
            sets.Add(f.ToString());
        }
        Assert.That(sets.Count, Is.GreaterThan(30), "seeds give different sets");

        // A small network gets every ordered pair.
        var abilene = StormNetwork.Build(ZooFile("Abilene"), 1, out error)!;
        Assert.That(abilene.Topology.Traffic, Has.Count.EqualTo(11 * 10));
    }

    [Test]
    public void A_large_network_is_checked_on_a_sample_that_holds_every_declared_flows_pair()
    {
        // Kdl: 754 switches, 567,762 pairs, far above StormPairs.MaxPairs.
        var network = StormNetwork.Build(ZooFile("Kdl"), 2, out var error)!;
        Assert.That(network, Is.Not.Null, error);
        var options = StormPairs.For(network.Topology, 2);
        Assert.That((options.MaxPairs, options.Seed), Is.EqualTo(((int?)StormPairs.MaxPairs, 2)));
        var flowPairs = network.Topology.Traffic.Select(f => new HostPair(f.From, f.To)).ToList();
        Assert.That(flowPairs, Has.Count.EqualTo(StormNetwork.MaxFlows));
        // The storm's flows are UDP: one way, so exactly the flows' pairs, none reversed.
        Assert.That(options.Include, Is.EquivalentTo(flowPairs));

        // The sample over Kdl's hosts holds them, has the size asked, and reaches every host as a source.
        var index = network.Topology.Hosts.Select((h, i) => (h.Id, i)).ToDictionary(p => p.Id, p => p.i);
        var include = flowPairs.Select(p => (index[p.From], index[p.To])).ToList();
        var sample = PairSampler.Pick(network.Topology.Hosts.Count, include, StormPairs.MaxPairs, 2);
        Assert.That(sample, Has.Count.EqualTo(StormPairs.MaxPairs));
        Assert.That(sample, Is.SupersetOf(include));
        Assert.That(sample.Select(p => p.From).Distinct().Count(), Is.EqualTo(network.Topology.Hosts.Count));
    }
}
