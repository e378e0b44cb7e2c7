using System.Text.Json;
using SdnController.Telemetry.Tests.Otlp;

namespace SdnController.Cli.Tests;

/// <summary>`sdnctl run --traces` / `--otlp-endpoint` and `sdnctl traces` end to end on real files.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class TracesCliTests
{
    private static string Temp(string name) => Path.Combine(Path.GetTempPath(), $"sdnctl-traces-{Guid.NewGuid():N}-{name}");

    private static readonly Lazy<string> RingTraces = new(() =>
    {
        var path = Temp("ring.jsonl");
        var r = CliRunner.Run("run", CliRunner.Repo("topologies/ring-6.yaml"), "--traces", path);
        Assert.That(r.ExitCode, Is.Zero, r.Stdout + r.Stderr);
        return path;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly string[] RerouteChildren = ["failure.detect", "route.compute", "switch.install", "update.commit", "traffic.restored"];

    [Test]
    public void Waterfall_of_the_first_failure_shows_the_reroute_under_link_failure()
    {
        var r = CliRunner.Run("traces", RingTraces.Value, "--failure", "1");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Does.Contain("link.failure s2-s3 · failure 1 of 1"));
        Assert.That(lines[1], Does.Contain("virtual time"));
        Assert.That(lines.Any(l => l.StartsWith("link.failure ")), Is.True, r.Stdout);
        foreach (var child in RerouteChildren)
            Assert.That(lines.Any(l => l.StartsWith("  " + child + " ") && l.Contains('█')), Is.True, $"{child} drawn one level below the root\n{r.Stdout}");
        Assert.That(r.Stdout, Does.Contain("detection.method=keepalive-timeout"));
        Assert.That(r.Stdout, Does.Contain("route.algorithm=dijkstra "));
        Assert.That(r.Stdout, Does.Contain("wall_time.detect_to_commit_ms="));
        Assert.That(r.Stdout, Does.Contain("packets.lost="));
        // ring-6's flows: h1-h4 and h4-h1 unclassified, h2-h5 voice; the silent failure of s2-s3 hits both classes.
        Assert.That(r.Stdout, Does.Contain("flow.class=unclassified").And.Contain("flow.class=voice"));
        Assert.That(r.Stdout, Does.Contain("barrier.rtt_ms="));
        Assert.That(r.Stdout, Does.Not.Contain("orphan"));
        Assert.That(lines.All(l => l.Length <= 100), Is.True, "fits 100 columns");
    }

    [Test]
    public void Json_tree_has_link_failure_at_the_root_and_no_orphans()
    {
        var r = CliRunner.Run("traces", RingTraces.Value, "--failure", "1", "--json");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.That(doc.RootElement.GetProperty("failures").GetInt32(), Is.EqualTo(1));
        var trace = doc.RootElement.GetProperty("traces").EnumerateArray().Single();
        Assert.That(trace.GetProperty("root").GetString(), Is.EqualTo("link.failure"));
        Assert.That(trace.GetProperty("failure").GetInt32(), Is.EqualTo(1));
        Assert.That(trace.GetProperty("clock").GetString(), Is.EqualTo("virtual"));
        Assert.That(trace.GetProperty("orphans").GetInt32(), Is.Zero);
        var root = trace.GetProperty("tree").EnumerateArray().Single();
        Assert.That(root.GetProperty("name").GetString(), Is.EqualTo("link.failure"));
        Assert.That(root.GetProperty("parent_span_id").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(root.GetProperty("attributes").GetProperty("sdn.link.ids").GetString(), Is.EqualTo("s2-s3"));
        Assert.That(root.GetProperty("attributes").GetProperty("sdn.flows.affected").GetInt32(), Is.EqualTo(3));
        var children = root.GetProperty("children").EnumerateArray().ToList();
        Assert.That(children.Select(c => c.GetProperty("name").GetString()).Distinct(), Is.EquivalentTo(RerouteChildren));
        Assert.That(children.All(c => c.GetProperty("parent_span_id").GetString() == root.GetProperty("span_id").GetString()), Is.True);
        Assert.That(children.All(c => !c.GetProperty("orphan").GetBoolean()), Is.True);
        Assert.That(trace.GetProperty("spans").GetInt32(), Is.EqualTo(1 + children.Count));
    }

    [Test]
    public void Without_a_selection_every_trace_is_listed_then_the_first_failure_drawn()
    {
        var r = CliRunner.Run("traces", RingTraces.Value);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(r.Stdout, Does.Contain(": 8 traces,").And.Contain("1 failures"));
        Assert.That(r.Stdout.Split('\n').Count(l => l.Contains("switch.resync")), Is.EqualTo(6), "one resync trace per switch");
        Assert.That(r.Stdout, Does.Contain("link.restore"));
        Assert.That(r.Stdout, Does.Contain("· failure 1 of 1"));

        var all = CliRunner.Run("traces", RingTraces.Value, "--json");
        using var doc = JsonDocument.Parse(all.Stdout);
        Assert.That(doc.RootElement.GetProperty("traces").GetArrayLength(), Is.EqualTo(8));
    }

    [Test]
    public void Trace_id_prefix_selects_and_misses_are_usage_errors()
    {
        using var doc = JsonDocument.Parse(CliRunner.Run("traces", RingTraces.Value, "--failure", "1", "--json").Stdout);
        var id = doc.RootElement.GetProperty("traces")[0].GetProperty("trace_id").GetString()!;
        var r = CliRunner.Run("traces", RingTraces.Value, "--trace", id[..12].ToUpperInvariant());
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(r.Stdout, Does.StartWith($"trace {id}  link.failure"));

        var miss = CliRunner.Run("traces", RingTraces.Value, "--failure", "2");
        Assert.That(miss.ExitCode, Is.EqualTo(2));
        Assert.That(miss.Stderr, Does.Contain("--failure 2:").And.Contain("has 1 failure trace"));
        var unknown = CliRunner.Run("traces", RingTraces.Value, "--trace", "ffffffffffffffffffffffffffffffff");
        Assert.That(unknown.ExitCode, Is.EqualTo(2));
        Assert.That(unknown.Stderr, Does.Contain("no such trace"));
        var notHex = CliRunner.Run("traces", RingTraces.Value, "--trace", "xyz");
        Assert.That(notHex.ExitCode, Is.EqualTo(2));
        Assert.That(notHex.Stderr, Does.Not.Contain("   at "));
    }

    [Test]
    public void Malformed_file_gives_file_line_col_and_exit_2()
    {
        var path = Temp("bad.jsonl");
        File.WriteAllLines(path, [File.ReadLines(RingTraces.Value).First(), "{\"resourceSpans\": [}"]);
        var r = CliRunner.Run("traces", path);
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr.Trim(), Does.StartWith($"{path}:2:20: error: invalid JSON"));
        Assert.That(r.Stdout, Is.Empty);
        var missing = CliRunner.Run("traces", path + ".none");
        Assert.That(missing.ExitCode, Is.EqualTo(2));
        Assert.That(missing.Stderr, Does.Contain("no such file"));
        File.Delete(path);
    }

    [Test]
    public void Run_exports_over_otlp_http_configured_by_the_standard_environment_variables()
    {
        using var receiver = new OtlpHttpReceiver();
        var env = new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.BaseUrl,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            // The receiver is local and always answers, so no export may be given up on: with the 10 s default a
            // heavily loaded machine (the first export also JIT-compiles the whole HTTP stack, in both processes)
            // made this fail with a timeout warning. CliRunner's 120 s bounds the run anyway.
            ["OTEL_EXPORTER_OTLP_TIMEOUT"] = "100000",
        };
        var r = CliRunner.RunWithEnvironment(env, "run", CliRunner.Repo("topologies/ring-6.yaml"));
        Assert.That(r.ExitCode, Is.Zero, r.Stdout + r.Stderr);
        Assert.That(r.Stderr, Is.Empty);
        Assert.That(receiver.Problems, Is.Empty);
        Assert.That(receiver.Paths, Is.Not.Empty.And.All.EqualTo("/v1/traces"));
        var spans = receiver.Spans;
        var root = spans.Single(s => s.Name == "link.failure");
        Assert.That(root.Resource["service.name"], Is.EqualTo("sdnctl"));
        var children = spans.Where(s => s.ParentSpanId == root.SpanId).Select(s => s.Name).Distinct();
        Assert.That(children, Is.EquivalentTo(RerouteChildren));
    }

    [Test]
    public void Bad_otlp_settings_are_usage_errors_and_an_unreachable_collector_only_warns()
    {
        var ring = CliRunner.Repo("topologies/ring-6.yaml");
        var badUrl = CliRunner.Run("run", ring, "--otlp-endpoint", "localhost:4317");
        Assert.That(badUrl.ExitCode, Is.EqualTo(2));
        Assert.That(badUrl.Stderr.Trim(), Is.EqualTo("sdnctl: error: --otlp-endpoint must be an http:// or https:// URL such as http://localhost:4317, found 'localhost:4317'"));
        var badProtocol = CliRunner.Run("run", ring, "--otlp-endpoint", "http://127.0.0.1:1", "--otlp-protocol", "udp");
        Assert.That(badProtocol.ExitCode, Is.EqualTo(2));
        Assert.That(badProtocol.Stderr, Does.Contain("--otlp-protocol must be 'grpc' or 'http/protobuf', found 'udp'"));
        var badEnv = CliRunner.RunWithEnvironment(new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] = "nope" }, "run", ring);
        Assert.That(badEnv.ExitCode, Is.EqualTo(2));
        Assert.That(badEnv.Stderr, Does.Contain("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT must be an http://"));
        var badTimeout = CliRunner.RunWithEnvironment(new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_TIMEOUT"] = "5s" },
            "run", ring, "--otlp-endpoint", "http://127.0.0.1:1");
        Assert.That(badTimeout.ExitCode, Is.EqualTo(2));
        Assert.That(badTimeout.Stderr.Trim(), Does.StartWith("sdnctl: error: OTEL_EXPORTER_OTLP_TIMEOUT must be a whole number of milliseconds"));

        var port = OtlpHttpReceiver.FreePort(); // nothing listens there any more
        var down = CliRunner.Run("run", ring, "--otlp-endpoint", $"http://127.0.0.1:{port}", "--otlp-protocol", "http/protobuf");
        Assert.That(down.ExitCode, Is.Zero, down.Stderr);
        Assert.That(down.Stdout, Does.Contain("link s2-s3 down"));
        Assert.That(down.Stderr, Does.StartWith($"sdnctl: warning: spans could not be exported to http://127.0.0.1:{port}/v1/traces"));
        Assert.That(down.Stderr, Does.Not.Contain("   at "));
    }

    [Test]
    public void A_collector_that_never_answers_is_given_up_on_at_the_standard_timeout_variable_and_only_warns()
    {
        using var collector = new SilentCollector();
        var env = new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_TRACES_TIMEOUT"] = "400" };
        var r = CliRunner.RunWithEnvironment(env, "run", CliRunner.Repo("topologies/ring-6.yaml"),
            "--otlp-endpoint", collector.BaseUrl, "--otlp-protocol", "http/protobuf");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(r.Stdout, Does.Contain("link s2-s3 down"));
        Assert.That(collector.RequestBytes, Is.GreaterThan(0), "the export reached the collector");
        Assert.That(r.Stderr, Does.StartWith($"sdnctl: warning: spans could not be exported to {collector.BaseUrl}/v1/traces (http/protobuf, from --otlp-endpoint)"));
        Assert.That(r.Stderr, Does.Contain("0.4 seconds"), "the variable set the exporter's timeout");
        Assert.That(r.Stderr, Does.Not.Contain("   at "));
    }
}
