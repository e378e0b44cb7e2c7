namespace SdnController.Cli.Tests;

/// <summary>`sdnctl run --capture`: files per link in the chosen directory, clear errors for bad link ids.</summary>
public class CaptureCliTests
{
    [Test]
    public void Capture_writes_one_pcap_per_named_link_and_says_how_many_frames()
    {
        var dir = Directory.CreateTempSubdirectory("sdnctl-capture-").FullName;
        try
        {
            var r = CliRunner.Run("run", CliRunner.Repo("topologies/linear-3.yaml"), "--duration", "300ms",
                "--capture", "s1-s2,h3", "--capture-dir", dir);
            Assert.That(r.ExitCode, Is.Zero, r.Stderr);
            Assert.That(Directory.GetFiles(dir).Select(Path.GetFileName).Order(), Is.EqualTo(new[] { "h3.pcap", "s1-s2.pcap" }));
            Assert.That(r.Stderr, Does.Match(@"capture: .*s1-s2\.pcap: [1-9]\d* frames on link s1-s2"));
            Assert.That(r.Stdout, Does.Contain("run linear-3"), "the report is still printed");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void Unknown_link_is_bad_input_with_a_suggestion_and_no_run()
    {
        var r = CliRunner.Run("run", CliRunner.Repo("topologies/linear-3.yaml"), "--capture", "s1-s3");
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("unknown link 's1-s3'").And.Contain("did you mean 's1-s2'").And.Contain("'all'"));
        Assert.That(r.Stdout, Is.Empty);
    }

    [Test]
    public void Capture_dir_without_capture_is_refused()
    {
        var r = CliRunner.Run("run", CliRunner.Repo("topologies/linear-3.yaml"), "--capture-dir", "x");
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("--capture-dir needs --capture"));
    }
}
