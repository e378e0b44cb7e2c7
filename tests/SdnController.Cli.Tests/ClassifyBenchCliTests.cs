using System.Text.Json;
using SdnController.Testing;

namespace SdnController.Cli.Tests;

/// <summary><c>bench classify</c> on tiny inputs: the output's shape and counts, never a timing.</summary>
public class ClassifyBenchCliTests
{
    [Test]
    public void Times_a_given_pcap_written_by_run_capture_next_to_ndpiReader_when_installed()
    {
        var dir = Directory.CreateTempSubdirectory("sdnctl-bench-classify-").FullName;
        try
        {
            var run = CliRunner.Run("run", CliRunner.Repo("topologies/protected-ring.yaml"), "--capture", "s1-s2", "--capture-dir", dir);
            Assert.That(run.ExitCode, Is.Zero, run.Stderr);
            var frames = long.Parse(System.Text.RegularExpressions.Regex.Match(run.Stderr, @"s1-s2\.pcap: (\d+) frames").Groups[1].Value);

            var r = CliRunner.Run("bench", "classify", "--pcap", Path.Combine(dir, "s1-s2.pcap"), "--runs", "1", "--json");
            Assert.That(r.ExitCode, Is.Zero, r.Stderr);
            var root = JsonDocument.Parse(r.Stdout).RootElement;
            Assert.That(root.GetProperty("built_with").GetString(), Is.EqualTo("given"));
            Assert.That(root.GetProperty("packets").GetInt64(), Is.EqualTo(frames));
            var ours = root.GetProperty("sdnctl");
            Assert.That(ours.GetProperty("flows").GetInt32(), Is.GreaterThan(1), "the ring's UDP traffic and LLDP");
            Assert.That(ours.GetProperty("read_classify_packets_per_second").GetDouble(), Is.GreaterThan(0));
            Assert.That(ours.GetProperty("classify_packets_per_second").GetDouble(), Is.GreaterThan(0));
            var ndpi = root.GetProperty("ndpi_reader");
            if (ndpi.ValueKind == JsonValueKind.Null)
            {
                Assert.That(root.GetProperty("ndpi_reader_missing").GetString(), Does.Contain("not installed"));
                return;
            }
            Assert.That(ndpi.GetProperty("packets").GetInt64(), Is.EqualTo(frames), "both sides read the same file");
            Assert.That(ndpi.GetProperty("wall_packets_per_second").GetDouble(), Is.GreaterThan(0));
            Assert.That(root.GetProperty("target").GetString(), Is.AnyOf("met", "NOT met"));
            Assert.That(root.GetProperty("ratio_read_classify").GetDouble(), Is.GreaterThan(0));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void Merges_the_ndpi_dev_captures_the_asked_number_of_times()
    {
        var source = SharedData.RequireDirectory("pcap/ndpi-dev/pcap");
        var once = Json(CliRunner.Run("bench", "classify", "--source", source, "--repeat", "1", "--runs", "1", "--no-ndpi", "--json"));
        var twice = Json(CliRunner.Run("bench", "classify", "--source", source, "--repeat", "2", "--runs", "1", "--no-ndpi", "--json"));
        Assert.That(once.GetProperty("sources").GetInt32(), Is.EqualTo(Directory.GetFiles(source).Length));
        Assert.That(twice.GetProperty("copies").GetInt32(), Is.EqualTo(2));
        Assert.That(twice.GetProperty("packets").GetInt64(), Is.EqualTo(2 * once.GetProperty("packets").GetInt64()));
        // Replayed traffic: the second copy's flows are the first's.
        Assert.That(twice.GetProperty("sdnctl").GetProperty("flows").GetInt32(), Is.EqualTo(once.GetProperty("sdnctl").GetProperty("flows").GetInt32()));
        Assert.That(twice.GetProperty("ndpi_reader").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(twice.GetProperty("ndpi_reader_missing").GetString(), Is.EqualTo("--no-ndpi"));
    }

    [Test]
    public void Text_output_names_both_sides()
    {
        var source = SharedData.RequireDirectory("pcap/ndpi-dev/pcap");
        var r = CliRunner.Run("bench", "classify", "--source", source, "--repeat", "1", "--runs", "1");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(r.Stdout, Does.Contain("sdnctl: read (SharpPcap) + classify").And.Contain("sdnctl: classify alone"));
        Assert.That(r.Stdout, Does.Contain("ndpiReader"));
    }

    [Test]
    public void Bad_options_are_exit_2()
    {
        Assert.That(CliRunner.Run("bench", "classify", "--repeat", "0").ExitCode, Is.EqualTo(2));
        var missing = CliRunner.Run("bench", "classify", "--pcap", "/nonexistent/x.pcap");
        Assert.That(missing.ExitCode, Is.EqualTo(2));
        Assert.That(missing.Stderr, Does.Contain("no such file"));
    }

    private static JsonElement Json(CliRunner.Result r)
    {
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        return JsonDocument.Parse(r.Stdout).RootElement;
    }
}
