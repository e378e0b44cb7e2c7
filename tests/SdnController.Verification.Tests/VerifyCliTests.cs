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
}
