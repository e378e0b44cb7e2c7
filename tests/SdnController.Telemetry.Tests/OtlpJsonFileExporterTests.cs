using System.Diagnostics;
using System.Text.Json;
using SdnController.Telemetry.TraceFiles;
using SdnController.Telemetry.Tracing;

namespace SdnController.Telemetry.Tests;

/// <summary>The --traces file: the collector file exporter's OTLP/JSON, checked raw and read back.</summary>
[TestFixture]
public class OtlpJsonFileExporterTests
{
    private string _path = "";

    [SetUp]
    public void SetUp() => _path = Path.Combine(Path.GetTempPath(), $"sdnctl-traces-{Guid.NewGuid():N}", "t.jsonl");

    [TearDown]
    public void TearDown()
    {
        if (File.Exists(_path)) Directory.Delete(Path.GetDirectoryName(_path)!, true);
    }

    [Test]
    public void Known_activities_are_written_in_otlp_json_and_read_back()
    {
        var controller = "Test.File.Controller." + Guid.NewGuid().ToString("N");
        var dataPlane = "Test.File.DataPlane." + Guid.NewGuid().ToString("N");
        using var a = new ActivitySource(controller, "1.0");
        using var b = new ActivitySource(dataPlane);
        var session = TracingPipeline.Start(new TracingOptions { Sources = [controller, dataPlane], TraceFile = _path });
        var start = new DateTime(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc);
        var root = a.StartActivity("link.failure", ActivityKind.Internal, default(ActivityContext), startTime: start)!;
        root.SetTag("sdn.link.ids", "s2-s3");
        root.SetTag("sdn.flows.affected", 3);
        root.SetTag("sdn.big", long.MaxValue);
        root.SetTag("sdn.virtual_time.start_ms", 1300.5);
        root.SetTag("sdn.ok", false);
        root.SetTag("sdn.switches", new[] { "s1", "s2" });
        var child = b.StartActivity("traffic.restored", ActivityKind.Internal, root.Context, startTime: start.AddMilliseconds(2))!;
        child.AddEvent(new ActivityEvent("first.packet", start.AddMilliseconds(3)));
        child.SetStatus(ActivityStatusCode.Error, "lost");
        child.SetEndTime(start.AddMilliseconds(7));
        child.Stop();
        root.SetEndTime(start.AddMilliseconds(10));
        root.Stop();
        session.Dispose();
        Assert.That(session.Warnings, Is.Empty);

        var lines = File.ReadAllLines(_path).Where(l => l.Length > 0).ToList();
        Assert.That(lines, Has.Count.EqualTo(1), "one batch, one line");
        using var doc = JsonDocument.Parse(lines[0]);
        var rs = doc.RootElement.GetProperty("resourceSpans")[0];
        var resource = rs.GetProperty("resource").GetProperty("attributes").EnumerateArray().ToDictionary(kv => kv.GetProperty("key").GetString()!, kv => kv.GetProperty("value"));
        Assert.That(resource["service.name"].GetProperty("stringValue").GetString(), Is.EqualTo("sdnctl"));
        var scopes = rs.GetProperty("scopeSpans").EnumerateArray().ToDictionary(s => s.GetProperty("scope").GetProperty("name").GetString()!);
        Assert.That(scopes.Keys, Is.EquivalentTo(new[] { controller, dataPlane }));
        Assert.That(scopes[controller].GetProperty("scope").GetProperty("version").GetString(), Is.EqualTo("1.0"));

        var raw = scopes[controller].GetProperty("spans")[0];
        Assert.That(raw.GetProperty("traceId").GetString(), Is.EqualTo(root.TraceId.ToHexString()));
        Assert.That(raw.GetProperty("spanId").GetString(), Is.EqualTo(root.SpanId.ToHexString()));
        Assert.That(raw.TryGetProperty("parentSpanId", out _), Is.False, "a root has no parentSpanId");
        Assert.That(raw.GetProperty("kind").GetInt32(), Is.EqualTo(1));
        Assert.That(raw.GetProperty("startTimeUnixNano").GetString(), Is.EqualTo("1740830400000000000"));
        Assert.That(raw.GetProperty("endTimeUnixNano").GetString(), Is.EqualTo("1740830400010000000"));
        var attrs = raw.GetProperty("attributes").EnumerateArray().ToDictionary(kv => kv.GetProperty("key").GetString()!, kv => kv.GetProperty("value"));
        Assert.That(attrs["sdn.link.ids"].GetProperty("stringValue").GetString(), Is.EqualTo("s2-s3"));
        Assert.That(attrs["sdn.flows.affected"].GetProperty("intValue").GetString(), Is.EqualTo("3"), "int64 as a decimal string");
        Assert.That(attrs["sdn.big"].GetProperty("intValue").GetString(), Is.EqualTo(long.MaxValue.ToString()));
        Assert.That(attrs["sdn.virtual_time.start_ms"].GetProperty("doubleValue").GetDouble(), Is.EqualTo(1300.5));
        Assert.That(attrs["sdn.ok"].GetProperty("boolValue").GetBoolean(), Is.False);
        var array = attrs["sdn.switches"].GetProperty("arrayValue").GetProperty("values");
        Assert.That(array.EnumerateArray().Select(v => v.GetProperty("stringValue").GetString()), Is.EqualTo(new[] { "s1", "s2" }));

        var rawChild = scopes[dataPlane].GetProperty("spans")[0];
        Assert.That(rawChild.GetProperty("parentSpanId").GetString(), Is.EqualTo(root.SpanId.ToHexString()));
        Assert.That(rawChild.GetProperty("status").GetProperty("code").GetInt32(), Is.EqualTo(2));
        Assert.That(rawChild.GetProperty("events")[0].GetProperty("timeUnixNano").GetString(), Is.EqualTo("1740830400003000000"));

        var read = TraceFileReader.Read(_path);
        Assert.That(read.Errors, Is.Empty);
        var back = read.Spans.Single(s => s.Name == "link.failure");
        Assert.That(back.TraceId, Is.EqualTo(root.TraceId.ToHexString()));
        Assert.That(back.ParentSpanId, Is.Null);
        Assert.That(back.ServiceName, Is.EqualTo("sdnctl"));
        Assert.That(back.ScopeName, Is.EqualTo(controller));
        Assert.That(back.StartUnixNano, Is.EqualTo(1740830400000000000UL));
        Assert.That(back.WallDurationMs, Is.EqualTo(10));
        Assert.That(back.VirtualStartMs, Is.EqualTo(1300.5));
        Assert.That(back.Attribute("sdn.flows.affected"), Is.EqualTo(new AttributeValue(AttributeKind.Int, Int: 3)));
        Assert.That(back.Attribute("sdn.ok")!.Kind, Is.EqualTo(AttributeKind.Bool));
        Assert.That(back.Attribute("sdn.switches")!.ToString(), Is.EqualTo("[s1,s2]"));
        var backChild = read.Spans.Single(s => s.Name == "traffic.restored");
        Assert.That(backChild.ParentSpanId, Is.EqualTo(back.SpanId));
        Assert.That(backChild.StatusCode, Is.EqualTo(2));
        Assert.That(backChild.StatusMessage, Is.EqualTo("lost"));
        Assert.That(backChild.Events.Single().Name, Is.EqualTo("first.packet"));
    }

    [Test]
    public void Spans_of_sources_not_listed_are_not_written()
    {
        var listed = "Test.File.Listed." + Guid.NewGuid().ToString("N");
        var other = "Test.File.Other." + Guid.NewGuid().ToString("N");
        using var a = new ActivitySource(listed);
        using var b = new ActivitySource(other);
        var session = TracingPipeline.Start(new TracingOptions { Sources = [listed], TraceFile = _path });
        a.StartActivity("kept")!.Stop();
        b.StartActivity("ignored")?.Stop();
        session.Dispose();
        Assert.That(TraceFileReader.Read(_path).Spans.Select(s => s.Name), Is.EqualTo(new[] { "kept" }));
    }
}
