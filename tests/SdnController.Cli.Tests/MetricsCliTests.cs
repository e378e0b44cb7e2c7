using SdnController.Testing;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace SdnController.Cli.Tests;

/// <summary>
/// `sdnctl run --metrics-port`: a real Prometheus (Debian's package, installed by tools/setup.sh) scrapes
/// the run on loopback and its query API returns the reroute metric; plus the option's errors.
/// </summary>
[TestFixture]
public class MetricsCliTests
{
    private static readonly TimeSpan QueryDeadline = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Prometheus_scrapes_the_reroute_metric_of_a_run()
    {
        var prometheus = FindOnPath("prometheus");
        if (prometheus is null) Assert.Ignore("the prometheus binary is not installed (tools/setup.sh installs Debian's 'prometheus' package)");

        var dir = Directory.CreateTempSubdirectory("sdnctl-prometheus-");
        Child? sdnctl = null, server = null;
        try
        {
            var metricsPort = LoopbackPorts.Free();
            var prometheusPort = LoopbackPorts.Free();
            var config = Path.Combine(dir.FullName, "prometheus.yml");
            File.WriteAllText(config, $"""
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: sdnctl
                    scrape_interval: 1s
                    static_configs:
                      - targets: ['127.0.0.1:{metricsPort}']
                """);

            // ring-6's scenario: one silent failure of s2-s3 and its restore.
            sdnctl = Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "sdnctl.dll"), "run", CliRunner.Repo("topologies/ring-6.yaml"),
                "--metrics-port", metricsPort.ToString(CultureInfo.InvariantCulture), "--metrics-hold", "90s"]);
            server = Start(prometheus!, [$"--config.file={config}", $"--storage.tsdb.path={Path.Combine(dir.FullName, "data")}",
                $"--web.listen-address=127.0.0.1:{prometheusPort}"]);

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var failures = await QueryUntilSample(http, prometheusPort, sdnctl, server,
                "sdn_reroute_duration_milliseconds_count{job=\"sdnctl\",sdn_change_kind=\"link.failure\"}");
            Assert.That(failures.Value, Is.EqualTo(1), "ring-6 fails one link once");
            Assert.That(failures.Labels["sdn_detection_method"], Is.EqualTo("keepalive-timeout"), "the failure is silent");
            Assert.That(failures.Labels["sdn_clock"], Is.EqualTo("virtual"));

            var restores = await QueryUntilSample(http, prometheusPort, sdnctl, server,
                "sdn_reroute_duration_milliseconds_count{job=\"sdnctl\",sdn_change_kind=\"link.restore\"}");
            Assert.That(restores.Value, Is.EqualTo(1), "and restores it once");
            var voiceSent = await QueryUntilSample(http, prometheusPort, sdnctl, server,
                "sdn_packets_sent_total{job=\"sdnctl\",sdn_flow_class=\"voice\"}");
            Assert.That(voiceSent.Value, Is.EqualTo(400), "h2-h5 (voice) sends 100 pps for the 4 s run");
        }
        finally
        {
            Stop(sdnctl);
            Stop(server);
            dir.Delete(recursive: true);
        }
    }

    [Test]
    public void Metrics_are_served_during_the_hold_and_the_run_exits_when_it_ends()
    {
        var port = LoopbackPorts.Free();
        var wall = Stopwatch.StartNew();
        var r = CliRunner.Run("run", CliRunner.Repo("topologies/linear-3.yaml"), "--duration", "200ms",
            "--metrics-port", port.ToString(CultureInfo.InvariantCulture), "--metrics-hold", "1s");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Stderr);
        Assert.That(r.Stderr, Does.Contain($"serving metrics at http://127.0.0.1:{port}/metrics").And.Contain("for 1s more"));
        Assert.That(wall.Elapsed, Is.GreaterThan(TimeSpan.FromSeconds(1)), "held for the second asked");
        Assert.That(r.Stdout, Does.Contain("linear-3"), "the report comes first");
    }

    [Test]
    public void A_metrics_port_in_use_is_bad_input_without_a_stack_trace()
    {
        var taken = LoopbackPorts.Occupy(out var port);
        try
        {
            var r = CliRunner.Run("run", CliRunner.Repo("topologies/linear-3.yaml"), "--metrics-port", port.ToString(CultureInfo.InvariantCulture));
            Assert.That(r.ExitCode, Is.EqualTo(2), r.Stderr);
            Assert.That(r.Stderr, Does.Contain($"sdnctl: error: --metrics-port: cannot serve metrics on 127.0.0.1:{port}").And.Contain("in use"));
            Assert.That(r.Stderr, Does.Not.Contain("   at "));
        }
        finally
        {
            taken.Stop();
        }
    }

    [TestCase(new[] { "--metrics-hold", "5s" }, "--metrics-hold needs --metrics-port")]
    [TestCase(new[] { "--metrics-port", "9", "--metrics-hold", "soon" }, "--metrics-hold expected a time")]
    [TestCase(new[] { "--metrics-port", "0" }, "between 1 and 65535")]
    [TestCase(new[] { "--metrics-port", "19999", "--metrics-host", "nowhere" }, "'nowhere'")]
    public void Bad_metrics_options_are_rejected(string[] options, string message)
    {
        var r = CliRunner.Run(["run", CliRunner.Repo("topologies/linear-3.yaml"), .. options]);
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stderr);
        Assert.That(r.Stderr, Does.Contain(message));
    }

    private sealed record Sample(double Value, Dictionary<string, string> Labels);

    /// <summary>Polls Prometheus's instant-query API until the query returns a sample (bounded).</summary>
    private static async Task<Sample> QueryUntilSample(HttpClient http, int port, Child sdnctl, Child server, string query)
    {
        var url = $"http://127.0.0.1:{port}/api/v1/query?query={Uri.EscapeDataString(query)}";
        var wall = Stopwatch.StartNew();
        string last = "(no answer)";
        while (wall.Elapsed < QueryDeadline)
        {
            if (server.Process.HasExited) Assert.Fail($"prometheus exited with {server.Process.ExitCode}: {server.Log}");
            if (sdnctl.Process.HasExited) Assert.Fail($"sdnctl exited with {sdnctl.Process.ExitCode} before Prometheus got the metric: {sdnctl.Log}");
            try
            {
                last = await http.GetStringAsync(url);
                using var doc = JsonDocument.Parse(last);
                var result = doc.RootElement.GetProperty("data").GetProperty("result");
                if (result.GetArrayLength() > 0)
                {
                    var first = result[0];
                    var labels = new Dictionary<string, string>();
                    foreach (var l in first.GetProperty("metric").EnumerateObject()) labels[l.Name] = l.Value.GetString()!;
                    var value = double.Parse(first.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
                    return new Sample(value, labels);
                }
            }
            catch (HttpRequestException e)
            {
                last = e.Message;   // Prometheus still starting
            }
            await Task.Delay(250);
        }
        Assert.Fail($"no sample for {query} within {QueryDeadline.TotalSeconds} s; last answer: {last}\nsdnctl: {sdnctl.Log}\nprometheus: {server.Log}");
        return null!;
    }

    /// <summary>A process of the test with its stderr collected (read continuously, so no pipe fills up).</summary>
    private sealed class Child(Process process)
    {
        private readonly System.Text.StringBuilder _log = new();
        public Process Process { get; } = process;
        public string Log { get { lock (_log) return _log.ToString(); } }
        public void Append(string? line) { if (line is not null) lock (_log) _log.AppendLine(line); }
    }

    private static Child Start(string file, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = SdnController.Testing.SharedData.RepositoryRoot,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_NOLOGO"] = "1";
        var child = new Child(Process.Start(psi)!);
        child.Process.OutputDataReceived += (_, _) => { };
        child.Process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        child.Process.BeginOutputReadLine();
        child.Process.BeginErrorReadLine();
        return child;
    }

    private static void Stop(Child? child)
    {
        if (child is null) return;
        using var p = child.Process;
        if (!p.HasExited) p.Kill(entireProcessTree: true);
        p.WaitForExit(10_000);
    }


    private static string? FindOnPath(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
