using System.Text.Json;

namespace SdnController.Cli.Tests;

/// <summary>`sdnctl run` on the protected-ring sample: fast-failover protection end to end through the CLI.</summary>
[TestFixture]
public class ProtectionCliTests
{
    [Test]
    public void Protected_ring_rides_out_the_ring_failure_and_reports_the_bridge_hops_as_unprotected()
    {
        var report = Path.Combine(Path.GetTempPath(), $"sdnctl-protection-{Guid.NewGuid():N}.json");
        var dump = Path.Combine(Path.GetTempPath(), $"sdnctl-protection-{Guid.NewGuid():N}-flows.json");
        var r = CliRunner.Run("run", CliRunner.Repo("topologies/protected-ring.yaml"), "--json", report, "--dump-flows", dump);
        Assert.That(r.ExitCode, Is.Zero, r.Stdout + r.Stderr);
        Assert.That(r.Stdout, Does.Contain("h1-h6 forward h1 -> h6 hop s5-s6: link s5-s6 is a bridge: no other path to s6"));

        using var doc = JsonDocument.Parse(File.ReadAllText(report));
        var root = doc.RootElement;
        Assert.That(root.GetProperty("passed").GetBoolean(), Is.True);
        var protection = root.GetProperty("protection");
        var unprotected = protection.GetProperty("unprotected").EnumerateArray().ToList();
        // h1-h3 and its ICMP check flow are protected at every hop; everything towards h6 crosses the tail.
        Assert.That(protection.GetProperty("flows").GetInt32(), Is.GreaterThanOrEqualTo(2));
        Assert.That(protection.GetProperty("protected").GetInt32(), Is.GreaterThanOrEqualTo(1));
        Assert.That(unprotected.Select(u => u.GetProperty("hop").GetString()).Distinct(), Is.SubsetOf(new[] { "s5-s6", "s6-s5" }));
        var h16 = unprotected.Single(u => u.GetProperty("flow").GetString() == "h1-h6");
        Assert.That(h16.GetProperty("direction").GetString(), Is.EqualTo("forward"));
        Assert.That(h16.GetProperty("from").GetString(), Is.EqualTo("h1"));
        Assert.That(h16.GetProperty("to").GetString(), Is.EqualTo("h6"));
        Assert.That(h16.GetProperty("reason").GetString(), Is.EqualTo("link s5-s6 is a bridge: no other path to s6"));
        Assert.That(unprotected.Any(u => u.GetProperty("flow").GetString() == "h1-h3"), Is.False);

        // The failover groups carried h1-h3 at once: not a packet of it was lost to the failure, none looped.
        var down = root.GetProperty("changes")[0];
        Assert.That(down.GetProperty("kind").GetString(), Is.EqualTo("link-down"));
        Assert.That(down.GetProperty("packets_lost").GetInt64(), Is.LessThanOrEqualTo(2), "only what was on the failed link");
        Assert.That(root.GetProperty("totals").GetProperty("looped").GetInt64(), Is.Zero);

        // The flow dump shows fast-failover groups on the ring.
        Assert.That(File.ReadAllText(dump), Does.Contain("\"fast_failover\""));
        File.Delete(report);
        File.Delete(dump);
    }

    /// <summary>
    /// A silent failure of the ring link: without switch BFD the fast-failover group cannot know the port is
    /// dead, so h1-h3 loses packets until the controller's keepalive timeout (interval × multiplier, 300 ms);
    /// with <c>detection: {bfd: 1ms}</c> the switches notice within a millisecond and the backup takes over.
    /// </summary>
    [TestCase(false)]
    [TestCase(true)]
    public void A_silent_failure_is_bridged_at_once_only_when_the_switches_run_bfd(bool bfd)
    {
        var yaml = File.ReadAllText(CliRunner.Repo("topologies/protected-ring.yaml"))
            .Replace("{at: 1s, link: s2-s3, state: down}", "{at: 1s, link: s2-s3, state: down, silent: true}");
        Assert.That(yaml, Does.Contain("silent: true"), "the sample's failure event changed; update this test");
        if (bfd) yaml = yaml.Replace("  protection: on\n", "  protection: on\n  detection: {bfd: 1ms}\n");
        Assert.That(yaml.Contains("bfd: 1ms"), Is.EqualTo(bfd));
        var topo = Path.Combine(Path.GetTempPath(), $"sdnctl-bfd-{Guid.NewGuid():N}.yaml");
        var report = Path.ChangeExtension(topo, ".json");
        File.WriteAllText(topo, yaml);
        try
        {
            var r = CliRunner.Run("run", topo, "--json", report);
            Assert.That(r.ExitCode, Is.Zero, r.Stdout + r.Stderr);
            using var doc = JsonDocument.Parse(File.ReadAllText(report));
            var down = doc.RootElement.GetProperty("changes")[0];
            Assert.That(down.GetProperty("kind").GetString(), Is.EqualTo("link-down"));
            var lost = down.GetProperty("packets_lost").GetInt64();
            // h1-h3 sends 1000 packets/s: 1 ms of switch detection loses a few, a 300 ms keepalive timeout hundreds.
            if (bfd) Assert.That(lost, Is.LessThanOrEqualTo(5), r.Stdout);
            else Assert.That(lost, Is.GreaterThan(200), r.Stdout);
        }
        finally
        {
            File.Delete(topo);
            File.Delete(report);
        }
    }
}
