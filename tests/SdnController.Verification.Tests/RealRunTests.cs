using System.Text.Json.Nodes;
using SdnController.Verification.Checking;
using SdnController.Verification.Dump;

namespace SdnController.Verification.Tests;

/// <summary>What the controller really installs, dumped at the end of real runs, passes the verifier.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class RealRunTests
{
    [TestCase("topologies/ring-6.yaml", null, 33)]
    [TestCase("topologies/nfv-edge.yaml", null, 1)]
    [TestCase("topologies/protected-ring.yaml", null, 8)]
    [TestCase("topologies/fat-tree-4-ecmp.yaml", "topologies/scenarios/fat-tree-4-core-failure.yaml", 240)]
    public void A_real_run_has_no_violations(string topology, string? scenario, int delivered)
    {
        var t = Fixtures.LoadTopology(Sdnctl.Repo(topology));
        var report = Verifier.Verify(t, FlowDumpReader.ReadFile(Sdnctl.DumpOf(topology, scenario)), []);
        Assert.That(report.Violations, Is.Empty, string.Join("\n", report.Violations));
        Assert.That(report.Count(Verdict.Delivered), Is.EqualTo(delivered), "every installed pair and flow walked to its host");
    }

    [Test]
    public void The_chained_flow_of_nfv_edge_crosses_its_chain()
    {
        var t = Fixtures.LoadTopology(Sdnctl.Repo("topologies/nfv-edge.yaml"));
        var dump = JsonNode.Parse(File.ReadAllText(Sdnctl.DumpOf("topologies/nfv-edge.yaml")))!;
        var report = Fixtures.Verify(t, dump);
        Assert.That(report.IsClean);
        Assert.That(report.Count(Verdict.Delivered), Is.EqualTo(1));
        Assert.That(report.Count(Verdict.NotInstalled), Is.EqualTo(2), "h1<->h2 pings were never asked for: counted apart, not black holes");
    }

    [Test]
    public void Fast_failover_protects_the_protected_ring_but_not_the_plain_ring()
    {
        var pr = Fixtures.LoadTopology(Sdnctl.Repo("topologies/protected-ring.yaml"));
        var prDump = FlowDumpReader.ReadFile(Sdnctl.DumpOf("topologies/protected-ring.yaml"));
        Assert.That(Verifier.Verify(pr, prDump, ["s1-s2"]).Violations, Is.Empty);

        var ring = Fixtures.LoadTopology(Sdnctl.Repo("topologies/ring-6.yaml"));
        var ringDump = FlowDumpReader.ReadFile(Sdnctl.DumpOf("topologies/ring-6.yaml"));
        var report = Verifier.Verify(ring, ringDump, ["s1-s2"]);
        Assert.That(report.Count(Verdict.BlackHole), Is.GreaterThan(0));
        Assert.That(report.Violations.All(v => v.Verdict == Verdict.BlackHole && v.Where.Contains("s1-s2")), string.Join("\n", report.Violations));
    }

    [Test]
    public void A_flow_blocked_by_policy_is_counted_blocked_not_a_black_hole()
    {
        // policy-classes blocks its BitTorrent flow with explicit drop rules at both ingresses: a decision, not a loss.
        var t = Fixtures.LoadTopology(Sdnctl.Repo("topologies/policy-classes.yaml"));
        var report = Verifier.Verify(t, FlowDumpReader.ReadFile(Sdnctl.DumpOf("topologies/policy-classes.yaml")), []);
        Assert.That(report.Violations, Is.Empty, string.Join("\n", report.Violations));
        var blocked = report.Unchecked.Where(f => f.Verdict == Verdict.Blocked).ToList();
        Assert.That(blocked.Select(f => f.Probe.FlowId), Is.EqualTo(new[] { "torrent" }));
        Assert.That(blocked[0].Where, Does.Contain("dropped on purpose"));
        Assert.That(report.Count(Verdict.Blocked), Is.EqualTo(1));
    }
}
