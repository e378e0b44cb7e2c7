using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;
using SdnController.Telemetry.Tests.Otlp;
using SdnController.Telemetry.Tracing;

namespace SdnController.Telemetry.Tests;

/// <summary>
/// The OTLP exporter end to end: spans go through the real .NET exporter to a receiver in the test that decodes
/// the protobuf wire format by hand. Each test uses its own ActivitySource, so no other span leaks in.
/// </summary>
[TestFixture]
[NonParallelizable] // the export-failure listener hears every OTLP exporter in the process
public class OtlpExportTests
{
    private static (string TraceId, string RootId, string ChildId) EmitTwoSpans(ActivitySource source)
    {
        using var root = source.StartActivity("link.failure", ActivityKind.Internal, default(ActivityContext))!;
        root.SetTag("sdn.link.ids", "s2-s3");
        root.SetTag("sdn.flows.affected", 3);
        root.SetTag("sdn.barrier.rtt_ms", 1.5);
        root.SetTag("sdn.flag", true);
        using var child = source.StartActivity("route.compute", ActivityKind.Internal, root.Context)!;
        child.Stop();
        root.Stop();
        return (root.TraceId.ToHexString(), root.SpanId.ToHexString(), child.SpanId.ToHexString());
    }

    private static TracingSession Start(string source, OtlpTarget target, TimeSpan? timeout = null) =>
        TracingPipeline.Start(new TracingOptions { Sources = [source], Otlp = target, ExportTimeout = timeout ?? TimeSpan.FromSeconds(10) });

    private static void AssertTwoSpans(IReadOnlyList<WireSpan> spans, (string TraceId, string RootId, string ChildId) ids, string scope)
    {
        Assert.That(spans.Select(s => s.Name), Is.EquivalentTo(new[] { "link.failure", "route.compute" }));
        var root = spans.Single(s => s.Name == "link.failure");
        var child = spans.Single(s => s.Name == "route.compute");
        Assert.That(root.TraceId, Is.EqualTo(ids.TraceId));
        Assert.That(root.SpanId, Is.EqualTo(ids.RootId));
        Assert.That(root.ParentSpanId, Is.Empty);
        Assert.That(child.SpanId, Is.EqualTo(ids.ChildId));
        Assert.That(child.ParentSpanId, Is.EqualTo(ids.RootId), "the child names its parent on the wire");
        Assert.That(child.TraceId, Is.EqualTo(ids.TraceId));
        Assert.That(root.Kind, Is.EqualTo(1), "SPAN_KIND_INTERNAL");
        Assert.That(root.EndUnixNano, Is.GreaterThanOrEqualTo(root.StartUnixNano));
        Assert.That(root.StartUnixNano, Is.GreaterThan(1_600_000_000UL * 1_000_000_000UL), "Unix nanoseconds");
        Assert.That(root.Attributes["sdn.link.ids"], Is.EqualTo("s2-s3"));
        Assert.That(root.Attributes["sdn.flows.affected"], Is.EqualTo(3L));
        Assert.That(root.Attributes["sdn.barrier.rtt_ms"], Is.EqualTo(1.5));
        Assert.That(root.Attributes["sdn.flag"], Is.EqualTo(true));
        Assert.That(root.Resource["service.name"], Is.EqualTo("sdnctl"));
        Assert.That(root.Resource.ContainsKey("service.version"), Is.True);
        Assert.That(root.ScopeName, Is.EqualTo(scope));
    }

    [Test]
    public void Http_protobuf_posts_to_v1_traces_and_the_receiver_decodes_both_spans()
    {
        using var receiver = new OtlpHttpReceiver();
        var name = "Test.OtlpHttp." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(name);
        var target = OtlpTargetResolver.Resolve(receiver.BaseUrl, "http/protobuf", _ => null)!;
        var session = Start(name, target);
        var ids = EmitTwoSpans(source);
        session.Dispose();

        Assert.That(receiver.Problems, Is.Empty);
        Assert.That(receiver.Paths, Is.Not.Empty.And.All.EqualTo("/v1/traces"));
        AssertTwoSpans(receiver.Spans, ids, name);
        Assert.That(session.Warnings, Is.Empty);
    }

    [Test]
    public void Environment_base_endpoint_also_reaches_v1_traces()
    {
        using var receiver = new OtlpHttpReceiver();
        var name = "Test.OtlpEnv." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(name);
        var env = new Dictionary<string, string> { [OtlpTargetResolver.EndpointVariable] = receiver.BaseUrl + "/", [OtlpTargetResolver.ProtocolVariable] = "http/protobuf" };
        var session = Start(name, OtlpTargetResolver.Resolve(null, null, env.GetValueOrDefault)!);
        var ids = EmitTwoSpans(source);
        session.Dispose();

        Assert.That(receiver.Paths, Is.Not.Empty.And.All.EqualTo("/v1/traces"));
        AssertTwoSpans(receiver.Spans, ids, name);
    }

    [Test]
    public async Task Grpc_export_reaches_an_h2c_trace_service()
    {
        await using var receiver = await OtlpGrpcReceiver.StartAsync();
        var name = "Test.OtlpGrpc." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(name);
        var session = Start(name, OtlpTargetResolver.Resolve(receiver.BaseUrl, "grpc", _ => null)!);
        var ids = EmitTwoSpans(source);
        session.Dispose();

        Assert.That(receiver.Problems, Is.Empty);
        AssertTwoSpans(receiver.Spans, ids, name);
        Assert.That(session.Warnings, Is.Empty);
    }

    [TestCase("http/protobuf", "/v1/traces")]
    [TestCase("grpc", "/")]
    public void Unreachable_collector_ends_the_session_with_a_warning_not_an_exception(string protocol, string path)
    {
        var port = OtlpHttpReceiver.FreePort(); // released again: nothing listens there
        var name = "Test.OtlpDown." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(name);
        var session = Start(name, OtlpTargetResolver.Resolve($"http://127.0.0.1:{port}", protocol, _ => null)!, TimeSpan.FromSeconds(3));
        EmitTwoSpans(source);
        Assert.DoesNotThrow(session.Dispose);
        Assert.That(session.Warnings, Has.Count.EqualTo(1));
        Assert.That(session.Warnings[0], Does.StartWith($"spans could not be exported to http://127.0.0.1:{port}{path} ({protocol}, from --otlp-endpoint)"));
        Assert.That(session.Warnings[0], Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public void Collector_that_never_answers_is_given_up_on_at_the_export_timeout_and_reported()
    {
        using var collector = new SilentCollector();
        var name = "Test.OtlpSilent." + Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(name);
        var target = OtlpTargetResolver.Resolve(collector.BaseUrl, "http/protobuf", _ => null)!;
        var session = Start(name, target, TimeSpan.FromMilliseconds(300));
        EmitTwoSpans(source);
        Assert.DoesNotThrow(session.Dispose);

        Assert.That(collector.RequestBytes, Is.GreaterThan(0), "the request reached the collector, which never answered");
        Assert.That(session.Warnings, Has.Some.StartWith($"spans could not be exported to {collector.BaseUrl}/v1/traces (http/protobuf, from --otlp-endpoint)")
            .And.Some.Contain("0.3 seconds"), "the exporter's own timeout is the one set");
    }

    /// <summary>Exports only once <see cref="Gate"/> opens: a collector slower than the flush budget, deterministically.</summary>
    private sealed class GatedExporter : BaseExporter<Activity>
    {
        public readonly ManualResetEventSlim Gate = new(false);
        private int _exported;
        public int Exported => Volatile.Read(ref _exported);

        public override ExportResult Export(in Batch<Activity> batch)
        {
            Gate.Wait();
            foreach (var _ in batch) Interlocked.Increment(ref _exported);
            return ExportResult.Success;
        }
    }

    private static (TracingSession Session, ActivitySource Source) GatedSession(GatedExporter exporter, int flushBudgetMs)
    {
        var name = "Test.OtlpGated." + Guid.NewGuid().ToString("N");
        var source = new ActivitySource(name);
        // A scheduled delay far beyond the test: nothing is exported before the session's final flush.
        var processor = new BatchActivityExportProcessor(exporter, 2048, 600_000, 1000, 512);
        var provider = Sdk.CreateTracerProviderBuilder().AddSource(name).AddProcessor(processor).Build();
        var target = new OtlpTarget(new Uri("http://127.0.0.1:4318/v1/traces"), OtlpProtocol.HttpProtobuf, "--otlp-endpoint");
        return (new TracingSession(provider, null, processor, new OtlpExportFailureListener(), target, null, flushBudgetMs), source);
    }

    [Test]
    public void A_final_flush_cut_short_by_its_budget_is_reported_not_silently_lost()
    {
        var exporter = new GatedExporter();
        var (session, source) = GatedSession(exporter, flushBudgetMs: 200);
        using (source)
        {
            EmitTwoSpans(source);
            try
            {
                session.Dispose();
            }
            finally
            {
                exporter.Gate.Set(); // let the abandoned export thread end
            }
        }
        Assert.That(session.Warnings, Has.Count.EqualTo(1));
        Assert.That(session.Warnings[0], Is.EqualTo("spans could not be exported to http://127.0.0.1:4318/v1/traces (http/protobuf, from --otlp-endpoint): "
            + "the final export did not finish within 0.2 s, the spans still queued are lost (allow longer with OTEL_EXPORTER_OTLP_TRACES_TIMEOUT or OTEL_EXPORTER_OTLP_TIMEOUT, in milliseconds; the first wins)"));
    }

    [Test]
    public void Dispose_waits_for_the_final_flush_so_every_span_of_the_run_is_exported()
    {
        var exporter = new GatedExporter();
        exporter.Gate.Set();
        var (session, source) = GatedSession(exporter, flushBudgetMs: 120_000);
        using (source) EmitTwoSpans(source);
        session.Dispose();
        Assert.That(exporter.Exported, Is.EqualTo(2), "both spans, ended just before the session, were exported before Dispose returned");
        Assert.That(session.Warnings, Is.Empty);
    }
}
