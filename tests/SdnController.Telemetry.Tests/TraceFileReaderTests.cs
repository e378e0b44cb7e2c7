using SdnController.Telemetry.TraceFiles;

namespace SdnController.Telemetry.Tests;

/// <summary>Reading OTLP JSON from any producer, and reporting malformed lines at line and column.</summary>
[TestFixture]
public class TraceFileReaderTests
{
    private string _path = "";

    [SetUp]
    public void SetUp() => _path = Path.Combine(Path.GetTempPath(), $"sdnctl-read-{Guid.NewGuid():N}.jsonl");

    [TearDown]
    public void TearDown() => File.Delete(_path);

    private TraceFileContents ReadLines(params string[] lines)
    {
        File.WriteAllLines(_path, lines);
        return TraceFileReader.Read(_path);
    }

    private const string T1 = "0123456789abcdef0123456789abcdef";

    [Test]
    public void Collector_style_lines_with_several_resources_and_scopes_and_either_spelling()
    {
        // Resource after scopeSpans, intValue as a number, enum names, proto (snake_case) keys, unknown fields, a blank line.
        var line1 = """
            {"resourceSpans":[
              {"scopeSpans":[{"scope":{"name":"a"},"spans":[{"traceId":"0123456789ABCDEF0123456789ABCDEF","spanId":"0000000000000001","name":"root","kind":"SPAN_KIND_SERVER","startTimeUnixNano":"100","endTimeUnixNano":"900","attributes":[{"key":"n","value":{"intValue":7}}],"flags":1,"status":{"code":"STATUS_CODE_ERROR","message":"boom"}}]},
                             {"scope":{"name":"b","version":"2"},"spans":[{"trace_id":"0123456789abcdef0123456789abcdef","span_id":"0000000000000002","parent_span_id":"0000000000000001","name":"child","start_time_unix_nano":200,"end_time_unix_nano":"300"}]}],
               "resource":{"attributes":[{"key":"service.name","value":{"stringValue":"svc-a"}}]},"schemaUrl":"x"},
              {"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"svc-b"}}]},"scopeSpans":[{"spans":[{"traceId":"ffffffffffffffffffffffffffffffff","spanId":"0000000000000003","parentSpanId":"","name":"other","attributes":[{"key":"d","value":{"doubleValue":"NaN"}},{"key":"l","value":{"arrayValue":{"values":[{"intValue":"1"},{"boolValue":true}]}}},{"key":"kv","value":{"kvlistValue":{"values":[{"key":"x","value":{"stringValue":"y"}}]}}}]}]}]}
            ]}
            """.ReplaceLineEndings("");
        var read = ReadLines(line1, "", "   ");
        Assert.That(read.Errors, Is.Empty);
        Assert.That(read.Spans, Has.Count.EqualTo(3));
        var root = read.Spans.Single(s => s.Name == "root");
        Assert.That(root.TraceId, Is.EqualTo(T1), "hex ids are normalised to lower case");
        Assert.That(root.Kind, Is.EqualTo(2));
        Assert.That(root.StatusCode, Is.EqualTo(2));
        Assert.That(root.Attribute("n"), Is.EqualTo(new AttributeValue(AttributeKind.Int, Int: 7)));
        Assert.That(root.ServiceName, Is.EqualTo("svc-a"), "resource read after the spans still applies to them");
        Assert.That(root.ScopeName, Is.EqualTo("a"));
        var child = read.Spans.Single(s => s.Name == "child");
        Assert.That(child.ParentSpanId, Is.EqualTo("0000000000000001"));
        Assert.That(child.StartUnixNano, Is.EqualTo(200UL));
        Assert.That(child.ScopeVersion, Is.EqualTo("2"));
        var other = read.Spans.Single(s => s.Name == "other");
        Assert.That(other.ParentSpanId, Is.Null, "an empty parentSpanId means a root");
        Assert.That(other.ServiceName, Is.EqualTo("svc-b"));
        Assert.That(double.IsNaN(other.Attribute("d")!.Double), Is.True);
        Assert.That(other.Attribute("l")!.ToString(), Is.EqualTo("[1,true]"));
        Assert.That(other.Attribute("kv")!.ToString(), Is.EqualTo("{x=y}"));
    }

    [Test]
    public void Malformed_lines_are_reported_at_line_and_column_and_the_rest_is_read()
    {
        var good = $$"""{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"{{T1}}","spanId":"00000000000000aa","name":"ok"}]}]}]}""";
        var read = ReadLines(
            good,
            """{"resourceSpans": [}""",
            """{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"xyz","spanId":"0000000000000001"}]}]}]}""",
            """["not", "a request"]""",
            """{"resourceSpans":[{"scopeSpans":[{"spans":[{"spanId":"0000000000000001","name":"n"}]}]}]}""",
            $$"""{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"{{T1}}","spanId":"00000000000000bb","startTimeUnixNano":"soon"}]}]}]}""",
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":");
        Assert.That(read.Spans.Select(s => s.Name), Is.EqualTo(new[] { "ok" }));
        var e = read.Errors;
        Assert.That(e.Select(x => x.Line), Is.EqualTo(new[] { 2, 3, 4, 5, 6, 7 }));
        Assert.That(e[0].Column, Is.EqualTo(20));
        Assert.That(e[0].Message, Does.StartWith("invalid JSON"));
        Assert.That(e[1].Column, Is.EqualTo(55), "points at the traceId value");
        Assert.That(e[1].Message, Is.EqualTo("traceId must be 32 hexadecimal digits, found 'xyz'"));
        Assert.That(e[2].Column, Is.EqualTo(1));
        Assert.That(e[2].Message, Does.StartWith("expected an ExportTraceServiceRequest object"));
        Assert.That(e[3].Message, Is.EqualTo("span has no traceId"));
        Assert.That(e[4].Message, Does.Contain("found 'soon'"));
        Assert.That(e[0].ToString(), Is.EqualTo($"{_path}:2:20: {"error"}: {e[0].Message}"));
    }

    [Test]
    public void Missing_file_is_a_file_level_error()
    {
        var read = TraceFileReader.Read(_path + ".missing");
        Assert.That(read.Errors.Single().Line, Is.Zero);
        Assert.That(read.Errors.Single().ToString(), Is.EqualTo($"error: cannot read '{_path}.missing': no such file"));
    }
}
