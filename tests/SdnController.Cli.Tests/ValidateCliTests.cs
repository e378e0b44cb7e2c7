namespace SdnController.Cli.Tests;

/// <summary><c>sdnctl validate</c> on real files: exit codes and compiler-style errors, never a stack trace.</summary>
public class ValidateCliTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), "sdnctl-validate-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void Every_sample_topology_is_valid()
    {
        var samples = Directory.GetFiles(CliRunner.Repo("topologies"), "*.yaml").OrderBy(f => f).ToArray();
        Assert.That(samples, Has.Length.GreaterThanOrEqualTo(5));
        var r = CliRunner.Run(["validate", .. samples]);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        foreach (var s in samples) Assert.That(r.Stdout, Does.Contain(Path.GetFileName(s)));
    }

    [Test]
    public void A_broken_file_exits_2_with_every_error_as_file_line_col()
    {
        var bad = Path.Combine(_dir, "bad.yaml");
        File.WriteAllText(bad, """
            switches:
              - id: s1
              - id: s2
                dpdi: 7
            links:
              - endpoints: [s1, s3]
                latency: fast
            """);
        var good = CliRunner.Repo("topologies/linear-3.yaml");
        var r = CliRunner.Run("validate", good, bad);
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain($"{bad}:4:5: error:").And.Contain("did you mean 'dpid'"));
        Assert.That(r.Stderr, Does.Contain($"{bad}:6:21: error:").And.Contain("unknown switch 's3' (did you mean"));
        Assert.That(r.Stderr, Does.Contain($"{bad}:7:14: error:"));
        Assert.That(r.Stderr, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(r.Stdout, Does.Contain("linear-3.yaml: ok"), "the valid file is still reported");
    }

    [Test]
    public void A_missing_file_and_an_unknown_format_are_clear_errors()
    {
        var r = CliRunner.Run("validate", Path.Combine(_dir, "nope.yaml"), Path.Combine(_dir, "x.txt"));
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("nope.yaml").And.Contain("x.txt"));
        Assert.That(r.Stderr, Does.Not.Contain("   at "));
    }

    [Test]
    public void Topology_zoo_files_validate_and_report_disconnected_parts()
    {
        var zoo = SdnController.Testing.SharedData.RequireDirectory("topologyzoo");
        var r = CliRunner.Run("validate", Path.Combine(zoo, "graphml", "Kdl.graphml"), Path.Combine(zoo, "gml", "DialtelecomCz.gml"));
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(r.Stdout, Does.Contain("754 switches").And.Contain("899 links"));
        Assert.That(r.Stdout, Does.Match(@"DialtelecomCz\.gml: ok: .*193 switches.*151 links; \d+ disconnected parts"));
    }

    [Test]
    public void Bad_arguments_exit_2_with_a_message()
    {
        var r = CliRunner.Run("routes", CliRunner.Repo("topologies/ring-6.yaml"), "--metric", "speed");
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("--metric"));
        r = CliRunner.Run("frobnicate");
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Not.Contain("   at "));
    }
}
