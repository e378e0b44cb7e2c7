using System.Text.Json;

namespace SdnController.Verification.Tests;

/// <summary><c>sdnctl verify</c> end to end: text, JSON and exit codes.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class VerifyCliTests
{
    [Test]
    public void A_real_dump_is_clean_and_a_failed_link_shows_black_holes()
    {
        var dump = Sdnctl.DumpOf("topologies/ring-6.yaml");
        var ok = Sdnctl.Run("verify", Sdnctl.Repo("topologies/ring-6.yaml"), "--flows", dump);
        Assert.That(ok.ExitCode, Is.Zero, ok.Stdout + ok.Stderr);
        Assert.That(ok.Stdout, Does.Contain("33 packets checked (33 delivered").And.Contain("ok: no violations"));

        var bad = Sdnctl.Run("verify", Sdnctl.Repo("topologies/ring-6.yaml"), "--flows", dump, "--down", "s1-s2", "--json");
        Assert.That(bad.ExitCode, Is.EqualTo(1), bad.Stderr);
        using var doc = JsonDocument.Parse(bad.Stdout);
        var root = doc.RootElement;
        Assert.That(root.GetProperty("format").GetString(), Is.EqualTo("sdnctl-verify/1"));
        Assert.That(root.GetProperty("clean").GetBoolean(), Is.False);
        var summary = root.GetProperty("summary");
        Assert.That(summary.GetProperty("black_hole").GetInt32(), Is.EqualTo(summary.GetProperty("violations").GetInt32()));
        var first = root.GetProperty("violations")[0];
        Assert.That(first.GetProperty("kind").GetString(), Is.EqualTo("black_hole"));
        Assert.That(first.GetProperty("where").GetString(), Does.Contain("s1-s2"));
    }

    [Test]
    public void Bad_input_exits_2_with_a_location()
    {
        var broken = Fixtures.TempFile("{\n \"format\": \"sdnctl-flow-dump/1\",\n \"switches\": [}\n", ".json");
        var r = Sdnctl.Run("verify", Sdnctl.Repo("topologies/ring-6.yaml"), "--flows", broken);
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.StartWith($"{broken}:3:"));
        Assert.That(r.Stderr, Does.Not.Contain("   at "));

        var down = Sdnctl.Run("verify", Sdnctl.Repo("topologies/ring-6.yaml"), "--flows", Sdnctl.DumpOf("topologies/ring-6.yaml"), "--down", "s9-s1");
        Assert.That(down.ExitCode, Is.EqualTo(2));
        Assert.That(down.Stderr, Does.Contain("no link 's9-s1'"));
    }

    [Test]
    public void Sample_walks_a_seeded_sample_and_says_so_in_text_and_json()
    {
        var topo = Sdnctl.Repo("topologies/ring-6.yaml");
        var dump = Sdnctl.DumpOf("topologies/ring-6.yaml");
        var text = Sdnctl.Run("verify", topo, "--flows", dump, "--sample", "10", "--seed", "3");
        Assert.That(text.ExitCode, Is.Zero, text.Stdout + text.Stderr);
        Assert.That(text.Stdout, Does.Contain("13 packets checked").And.Contain("sampled: 10 of 30 host pairs walked (seed 3, 0 always included)"));

        var json = Sdnctl.Run("verify", topo, "--flows", dump, "--sample", "10", "--seed", "3", "--json");
        Assert.That(json.ExitCode, Is.Zero, json.Stderr);
        using var doc = JsonDocument.Parse(json.Stdout);
        var pairs = doc.RootElement.GetProperty("pairs");
        Assert.That((pairs.GetProperty("total").GetInt64(), pairs.GetProperty("walked").GetInt32(), pairs.GetProperty("sampled").GetBoolean(),
            pairs.GetProperty("included").GetInt32(), pairs.GetProperty("seed").GetInt32()), Is.EqualTo((30L, 10, true, 0, 3)));
        Assert.That(doc.RootElement.GetProperty("summary").GetProperty("checked").GetInt32(), Is.EqualTo(13));
        Assert.That(Sdnctl.Run("verify", topo, "--flows", dump, "--sample", "10", "--seed", "3", "--json").Stdout, Is.EqualTo(json.Stdout), "deterministic");

        // A sample as large as the network is every pair: no "sampled" line, and the JSON says not sampled.
        var whole = Sdnctl.Run("verify", topo, "--flows", dump, "--sample", "30");
        Assert.That(whole.Stdout, Does.Contain("33 packets checked").And.Not.Contain("sampled:"));
        using var all = JsonDocument.Parse(Sdnctl.Run("verify", topo, "--flows", dump, "--json").Stdout);
        Assert.That(all.RootElement.GetProperty("pairs").GetProperty("sampled").GetBoolean(), Is.False);
        Assert.That(all.RootElement.GetProperty("pairs").GetProperty("seed").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [TestCase("--sample", "0", "--sample takes a whole number of host pairs >= 1, found '0'")]
    [TestCase("--sample", "ten", "--sample takes a whole number of host pairs >= 1, found 'ten'")]
    [TestCase("--sample", "-5", "--sample takes a whole number of host pairs >= 1, found '-5'")]
    [TestCase("--sample", "99999999999", "--sample takes a whole number of host pairs >= 1, found '99999999999'")]
    [TestCase("--seed", "4", "--seed only applies with --sample N")]
    public void Bad_sample_arguments_exit_2_with_one_line(string option, string value, string message)
    {
        var r = Sdnctl.Run("verify", Sdnctl.Repo("topologies/ring-6.yaml"), "--flows", Sdnctl.DumpOf("topologies/ring-6.yaml"), option, value);
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stdout);
        Assert.That(r.Stderr.TrimEnd(), Is.EqualTo("sdnctl: error: " + message));
    }

    // A negative seed would pick its positive twin's pairs (the random source drops the sign): refused.
    [TestCase("x1")]
    [TestCase("-7")]
    public void A_bad_seed_exits_2_with_one_line(string seed)
    {
        var r = Sdnctl.Run("verify", Sdnctl.Repo("topologies/ring-6.yaml"), "--flows", Sdnctl.DumpOf("topologies/ring-6.yaml"), "--sample", "5", "--seed", seed);
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr.TrimEnd(), Is.EqualTo($"sdnctl: error: --seed takes a whole number from 0 up, found '{seed}'"));
    }
}
