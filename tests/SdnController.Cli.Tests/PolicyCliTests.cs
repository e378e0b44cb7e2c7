using System.Text.Json;

namespace SdnController.Cli.Tests;

/// <summary>`sdnctl run` on the policy-classes sample: the classifier's labels and the policy's actions in both reports.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class PolicyCliTests
{
    [Test]
    public void Run_on_the_policy_sample_reports_each_label_and_the_action_taken()
    {
        var report = Path.Combine(Path.GetTempPath(), $"sdnctl-run-{Guid.NewGuid():N}-policy.json");
        var r = CliRunner.Run("run", CliRunner.Repo("topologies/policy-classes.yaml"), "--json", report);
        Assert.That(r.ExitCode, Is.Zero, r.Stdout + r.Stderr);
        Assert.That(r.Stdout, Does.Contain("policy: 3 label(s) acted on"));
        Assert.That(r.Stdout, Does.Contain("[voice]: RTP/real-time (inspection) -> metric:latency: moved"));
        Assert.That(r.Stdout, Does.Contain("[torrent]: BitTorrent/bulk (inspection) -> block: blocked, +2/-0 rules"));

        using var doc = JsonDocument.Parse(File.ReadAllText(report));
        File.Delete(report);
        var root = doc.RootElement;
        var policy = root.GetProperty("policy").EnumerateArray().ToList();
        JsonElement Of(string id) => policy.Single(p => p.GetProperty("flow_ids").EnumerateArray().Any(f => f.GetString() == id));

        var voice = Of("voice");
        Assert.That(voice.GetProperty("flow").GetString(), Is.EqualTo("udp 10.0.0.1:10000 > 10.0.0.2:5004"));
        Assert.That(voice.GetProperty("protocol").GetString(), Is.EqualTo("RTP"));
        Assert.That(voice.GetProperty("class").GetString(), Is.EqualTo("real-time"));
        Assert.That(voice.GetProperty("method").GetString(), Is.EqualTo("inspection"));
        Assert.That(voice.GetProperty("rule").GetInt32(), Is.Zero);
        Assert.That(voice.GetProperty("action").GetString(), Is.EqualTo("metric:latency"));
        Assert.That(voice.GetProperty("outcome").GetString(), Is.EqualTo("moved"));
        Assert.That(voice.GetProperty("at_ms").GetDouble(), Is.GreaterThanOrEqualTo(voice.GetProperty("labelled_at_ms").GetDouble()));

        var torrent = Of("torrent");
        Assert.That(torrent.GetProperty("protocol").GetString(), Is.EqualTo("BitTorrent"));
        Assert.That(torrent.GetProperty("action").GetString(), Is.EqualTo("block"));
        Assert.That(torrent.GetProperty("outcome").GetString(), Is.EqualTo("blocked"));
        Assert.That(torrent.GetProperty("block_id").GetInt64(), Is.EqualTo(1));
        Assert.That(torrent.GetProperty("rules_added").GetInt32(), Is.EqualTo(2));

        var plain = Of("plain");
        Assert.That(plain.GetProperty("action").GetString(), Is.EqualTo("none"));
        Assert.That(plain.GetProperty("outcome").GetString(), Is.EqualTo("no-match"));

        // The data plane agrees: the call and the plain flow lose nothing, BitTorrent almost everything.
        var flows = root.GetProperty("flows").EnumerateArray().ToDictionary(f => f.GetProperty("id").GetString()!);
        Assert.That(flows["voice"].GetProperty("lost").GetInt64(), Is.Zero);
        Assert.That(flows["plain"].GetProperty("lost").GetInt64(), Is.Zero);
        Assert.That(flows["torrent"].GetProperty("lost").GetInt64(), Is.GreaterThan(flows["torrent"].GetProperty("sent").GetInt64() * 9 / 10));
    }
}
