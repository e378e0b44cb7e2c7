using System.Text.Json;

namespace SdnController.Cli.Tests;

/// <summary>`sdnctl run` on the surge sample: congestion rerouting in the JSON and text reports.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class CongestionCliTests
{
    [Test]
    public void Run_on_the_surge_sample_reports_the_move_off_the_short_side_and_the_move_back()
    {
        var report = Path.Combine(Path.GetTempPath(), $"sdnctl-run-{Guid.NewGuid():N}-surge.json");
        var r = CliRunner.Run("run", CliRunner.Repo("topologies/surge.yaml"), "--json", report);
        Assert.That(r.ExitCode, Is.Zero, r.Stdout + r.Stderr);
        Assert.That(r.Stdout, Does.Contain("congestion: 1 event(s)"));
        Assert.That(r.Stdout, Does.Contain("link s1-s2 (s1>s2)"));
        Assert.That(r.Stdout, Does.Contain("moved back at t="));

        using var doc = JsonDocument.Parse(File.ReadAllText(report));
        File.Delete(report);
        var root = doc.RootElement;
        Assert.That(root.GetProperty("passed").GetBoolean(), Is.True);
        var events = root.GetProperty("congestion");
        Assert.That(events.GetArrayLength(), Is.EqualTo(1));
        var e = events[0];
        Assert.That(e.GetProperty("link").GetString(), Is.EqualTo("s1-s2"));
        Assert.That(e.GetProperty("direction").GetString(), Is.EqualTo("s1>s2"));
        Assert.That(e.GetProperty("threshold_pct").GetDouble(), Is.EqualTo(80));
        Assert.That(e.GetProperty("utilisation_pct").GetDouble(), Is.GreaterThan(80));
        Assert.That(e.GetProperty("at_ms").GetDouble(), Is.InRange(2000, 2300));
        Assert.That(e.GetProperty("moved_at_ms").GetDouble(), Is.GreaterThanOrEqualTo(e.GetProperty("at_ms").GetDouble()));
        Assert.That(e.GetProperty("moved_flows").EnumerateArray().Select(f => f.GetString()), Is.EqualTo(new[] { "surge" }));
        Assert.That(e.GetProperty("unmovable_flows").GetArrayLength(), Is.Zero);
        Assert.That(e.GetProperty("undone_at_ms").GetDouble(), Is.InRange(5000, 5400));
        Assert.That(e.GetProperty("undo_utilisation_pct").GetDouble(), Is.LessThanOrEqualTo(70));

        var totals = root.GetProperty("totals");
        Assert.That(totals.GetProperty("looped").GetInt64(), Is.Zero);
        var surge = root.GetProperty("flows").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "surge");
        Assert.That(surge.GetProperty("lost").GetInt64(), Is.Zero);
    }
}
