using System.Diagnostics;
using SdnController.Controller.Telemetry;

namespace SdnController.Controller.Tests.Tracing;

[TestFixture]
public class TraceParentTests
{
    private static readonly ActivityTraceId TraceId = ActivityTraceId.CreateFromString("4bf92f3577b34da6a3ce929d0e0e4736");
    private static readonly ActivitySpanId SpanId = ActivitySpanId.CreateFromString("00f067aa0ba902b7");

    [Test]
    public void Formats_the_w3c_example()
    {
        var context = new ActivityContext(TraceId, SpanId, ActivityTraceFlags.Recorded);
        Assert.That(TraceParent.Format(context), Is.EqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
        Assert.That(TraceParent.Format(new ActivityContext(TraceId, SpanId, ActivityTraceFlags.None)), Does.EndWith("-00"));
    }

    [Test]
    public void Round_trips_ids_flags_and_tracestate()
    {
        foreach (var flags in new[] { ActivityTraceFlags.None, ActivityTraceFlags.Recorded })
        {
            var context = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), flags, "sdn=s1,congo=t61rcWkgMzE");
            Assert.That(TraceParent.TryParse(TraceParent.Format(context), context.TraceState, out var back), Is.True);
            Assert.That(back.TraceId, Is.EqualTo(context.TraceId));
            Assert.That(back.SpanId, Is.EqualTo(context.SpanId));
            Assert.That(back.TraceFlags, Is.EqualTo(flags));
            Assert.That(back.TraceState, Is.EqualTo("sdn=s1,congo=t61rcWkgMzE"));
            Assert.That(back.IsRemote, Is.True, "a parsed context came from elsewhere");
        }
    }

    [Test]
    public void A_parsed_context_parents_a_span_of_the_same_trace()
    {
        var sampled = new ActivityContext(TraceId, SpanId, ActivityTraceFlags.Recorded);
        using var source = new ActivitySource("TraceParentTests");
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        Assert.That(TraceParent.TryParse(TraceParent.Format(sampled), null, out var parent), Is.True);
        using var child = source.StartActivity("child", ActivityKind.Internal, parent);
        Assert.That(child!.TraceId, Is.EqualTo(TraceId));
        Assert.That(child.ParentSpanId, Is.EqualTo(SpanId));
    }

    [Test]
    public void Empty_tracestate_means_none()
    {
        Assert.That(TraceParent.TryParse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "", out var c), Is.True);
        Assert.That(c.TraceState, Is.Null);
    }

    [TestCase(null, TestName = "null")]
    [TestCase("", TestName = "empty")]
    [TestCase("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", TestName = "version ff")]
    [TestCase("0g-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", TestName = "version not hex")]
    [TestCase("00-00000000000000000000000000000000-00f067aa0ba902b7-01", TestName = "all-zero trace id")]
    [TestCase("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", TestName = "all-zero parent id")]
    [TestCase("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", TestName = "upper-case trace id")]
    [TestCase("00-4bf92f3577b34da6a3ce929d0e0e4736-00F067AA0BA902B7-01", TestName = "upper-case parent id")]
    [TestCase("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0A", TestName = "upper-case flags")]
    [TestCase("00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01", TestName = "trace id too short")]
    [TestCase("00-4bf92f3577b34da6a3ce929d0e0e47366-00f067aa0ba902b7-01", TestName = "trace id too long")]
    [TestCase("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b-01", TestName = "parent id too short")]
    [TestCase("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1", TestName = "flags too short")]
    [TestCase("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-", TestName = "version 00 with a trailing field")]
    [TestCase("00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01", TestName = "wrong separators")]
    [TestCase("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x", TestName = "later version, no dash before its extra field")]
    public void Rejects_invalid_traceparents(string? value)
    {
        Assert.That(TraceParent.TryParse(value, null, out var context), Is.False);
        Assert.That(context, Is.EqualTo(default(ActivityContext)));
    }

    [Test]
    public void Accepts_a_later_version_with_extra_fields()
    {
        // The specification: parse the known fields of a higher version, ignore what follows a '-'.
        Assert.That(TraceParent.TryParse("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-the-future-holds", null, out var c), Is.True);
        Assert.That(c.TraceId, Is.EqualTo(TraceId));
        Assert.That(c.TraceFlags, Is.EqualTo(ActivityTraceFlags.Recorded));
    }

    [Test]
    public void The_empty_context_has_no_traceparent() =>
        Assert.Throws<ArgumentException>(() => TraceParent.Format(default));
}
