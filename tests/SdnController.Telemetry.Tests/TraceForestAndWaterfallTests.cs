using SdnController.Telemetry.TraceFiles;
using SdnController.Telemetry.Waterfall;

namespace SdnController.Telemetry.Tests;

[TestFixture]
public class TraceForestAndWaterfallTests
{
    private static TraceSpan Span(string trace, string id, string? parent, string name, ulong startMs, ulong endMs, double? vStart = null, double? vEnd = null,
        params SpanAttribute[] attributes) => new()
    {
        TraceId = trace.PadLeft(32, '0'),
        SpanId = id.PadLeft(16, '0'),
        ParentSpanId = parent?.PadLeft(16, '0'),
        Name = name,
        StartUnixNano = startMs * 1_000_000,
        EndUnixNano = endMs * 1_000_000,
        Attributes = attributes,
        Events = [],
        VirtualStartMs = vStart,
        VirtualEndMs = vEnd,
    };

    private static SpanAttribute Text(string key, string value) => new(key, new AttributeValue(AttributeKind.String, Text: value));

    [Test]
    public void Traces_are_trees_in_start_order_with_orphans_as_marked_extra_roots_and_failures_numbered()
    {
        var forest = TraceForest.Build([
            Span("b", "21", null, "link.failure", 200, 210),
            Span("b", "23", "21", "route.compute", 203, 204),
            Span("b", "22", "21", "failure.detect", 201, 201),
            Span("b", "24", "99", "switch.install", 205, 207), // parent not in the file
            Span("a", "11", null, "switch.resync", 100, 101),
            Span("c", "31", null, "switch.failure", 300, 320),
            Span("c", "31", null, "switch.failure", 300, 320), // the same span twice
            Span("d", "41", "42", "x", 400, 401), // a parent cycle, only in corrupt files
            Span("d", "42", "41", "y", 402, 403),
        ]);
        Assert.That(forest.Traces.Select(t => t.Root.Span.Name), Is.EqualTo(new[] { "switch.resync", "link.failure", "switch.failure", "x" }));
        Assert.That(forest.Failures.Select(t => t.Root.Span.Name), Is.EqualTo(new[] { "link.failure", "switch.failure" }));
        Assert.That(forest.Traces[1].FailureNumber, Is.EqualTo(1));
        Assert.That(forest.DuplicateSpans, Is.EqualTo(1));

        var failure = forest.Failures[0];
        Assert.That(failure.Spans.Select(n => (n.Span.Name, n.Depth, n.IsOrphan)), Is.EqualTo(new[]
        {
            ("link.failure", 0, false), ("failure.detect", 1, false), ("route.compute", 1, false), ("switch.install", 0, true),
        }));
        Assert.That(failure.OrphanCount, Is.EqualTo(1));
        var cycle = forest.Traces[3];
        Assert.That(cycle.Spans, Has.Count.EqualTo(2), "a cycle is broken, every span still shown once");
        Assert.That(cycle.Roots.Single().IsOrphan, Is.True);

        Assert.That(forest.Find("0000000000000000000000000000000b", out _), Is.SameAs(failure));
        Assert.That(forest.Find("000000000000000000000000000000", out var matches), Is.Null, "an ambiguous prefix finds nothing");
        Assert.That(matches, Is.EqualTo(4));
    }

    [Test]
    public void Waterfall_uses_virtual_time_when_every_span_has_it_and_fits_the_width()
    {
        var forest = TraceForest.Build([
            Span("e", "1", null, "link.failure", 1000, 1050, 1300, 1313, Text("sdn.link.ids", "s2-s3"), Text("sdn.detection.method", "keepalive-timeout")),
            Span("e", "2", "1", "failure.detect", 1001, 1002, 1300),
            Span("e", "3", "1", "traffic.restored", 5000, 5001, 1003, 1322, Text("sdn.packets.lost", "120"), Text("other.key", "hidden")),
        ]);
        var trace = forest.Failures[0];
        var text = Render(trace, TraceClockChoice.Auto, 80);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines.All(l => l.Length <= 80), Is.True, text);
        Assert.That(text, Does.Contain("virtual time, 0 = 1003.0 ms"));
        Assert.That(text, Does.Contain("  failure.detect"), "children are indented");
        Assert.That(text, Does.Contain("link.ids=s2-s3  detection.method=keepalive-timeout"));
        Assert.That(text, Does.Contain("packets.lost=120"));
        Assert.That(text, Does.Not.Contain("other.key"), "only sdn.* attributes are shown");
        var restored = lines.Single(l => l.StartsWith("  traffic.restored"));
        Assert.That(restored, Does.Contain("+0.000").And.Contain("319.0 ms"), "traffic.restored starts at the failure itself");
        var bar = restored[(restored.IndexOf('│') + 1)..restored.LastIndexOf('│')];
        Assert.That(bar.Trim(), Is.EqualTo(new string('█', bar.Length)), "the longest span fills the axis");
        var root = lines.Single(l => l.StartsWith("link.failure"));
        var rootBar = root[(root.IndexOf('│') + 1)..root.LastIndexOf('│')];
        Assert.That(rootBar.IndexOf('█'), Is.GreaterThan(rootBar.Length * 9 / 10), "detection came 297 ms into a 319 ms axis");

        var wall = Render(trace, TraceClockChoice.Wall, 80);
        Assert.That(wall, Does.Contain("wall clock, 0 = "));
        Assert.That(wall, Does.Contain("virtual 1300.0–1313.0 ms"));
    }

    [Test]
    public void Long_attribute_lists_wrap_between_attributes_at_the_width()
    {
        var forest = TraceForest.Build([
            Span("a", "1", null, "switch.failure", 1000, 1050, 1300, 1313,
                Text("sdn.link.ids", "s3-s4,s4-s5"), Text("sdn.detection.method", "switch-disconnect"), Text("sdn.switch.id", "s4"),
                Text("sdn.flows.affected", "3"), Text("sdn.flows.rerouted", "2"), Text("sdn.flows.unreachable", "1"),
                Text("sdn.wall_time.detect_to_commit_ms", "4.25")),
            Span("a", "2", "1", "traffic.restored", 1001, 1002, 1300, 1320,
                Text("sdn.flow.class", "voice"), Text("sdn.link.ids", new string('x', 150))),
        ]);
        var text = Render(forest.Failures[0], TraceClockChoice.Auto, 100);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines.All(l => l.Length <= 100), Is.True, text);
        foreach (var item in new[] { "link.ids=s3-s4,s4-s5", "detection.method=switch-disconnect", "switch.id=s4", "flows.affected=3",
                     "flows.unreachable=1", "wall_time.detect_to_commit_ms=4.25", "flow.class=voice" })
            Assert.That(lines.Count(l => l.Contains(item)), Is.EqualTo(1), $"{item} whole on one line:\n{text}");
        var rootDetails = lines.SkipWhile(l => !l.StartsWith("switch.failure")).Skip(1).TakeWhile(l => !l.Contains('│')).ToList();
        Assert.That(rootDetails, Has.Count.EqualTo(2), "the root's attributes take two lines at 100 columns");
        Assert.That(rootDetails.All(l => l.StartsWith("  ") && !l.StartsWith("   ")), Is.True, "continuations keep the indent");
        Assert.That(text, Does.Contain("link.ids=xxx").And.Contain("…"), "an attribute longer than a line is cut");
    }

    [Test]
    public void Virtual_axis_falls_back_to_wall_clock_when_a_span_lacks_virtual_time()
    {
        var forest = TraceForest.Build([
            Span("f", "1", null, "link.failure", 1000, 1010, 10, 20),
            Span("f", "2", "1", "route.compute", 1002, 1004),
        ]);
        var text = Render(forest.Traces[0], TraceClockChoice.Virtual, 100);
        Assert.That(text, Does.Contain("not every span has sdn.virtual_time.start_ms; the wall clock is used"));
        Assert.That(text, Does.Contain("10.00 ms"));
    }

    private static string Render(Trace trace, TraceClockChoice clock, int width)
    {
        var w = new StringWriter { NewLine = "\n" };
        WaterfallRenderer.Write(w, trace, clock, width, 1);
        return w.ToString();
    }
}
