using System.Diagnostics;
using SdnController.Controller.Telemetry;

namespace SdnController.Scenarios.Tests;

/// <summary>
/// Failure handling in a real run emits one trace per topology change: the root span and its children
/// (detect, compute, one install per switch touched, commit) share the trace, across actors.
/// </summary>
[TestFixture]
[NonParallelizable] // the ActivityListener sees every span in the process
public class TraceRunTests
{
    [Test]
    public void Link_failure_gives_one_trace_with_detect_compute_install_and_commit_spans()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is ControllerTelemetry.SourceName or Reporting.RestorationSpans.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (spans) spans.Add(a); },
        };
        ActivitySource.AddActivityListener(listener);

        var topology = RunHarness.Sample("ring-6");
        var file = RunHarness.ScenarioText(topology, """
            scenario:
              duration: 2s
              events:
                - {at: 500ms, link: s2-s3, state: down}
                - {at: 1500ms, link: s2-s3, state: up}
            traffic:
              - {from: h1, to: h4, rate: 100pps}
            """);
        var (report, run) = RunHarness.Execute(topology, file.Scenario, file.Traffic);
        run.Dispose();

        List<Activity> snapshot;
        lock (spans) snapshot = spans.ToList();
        var root = snapshot.Single(a => a.OperationName == ControllerTelemetry.LinkFailure);
        Assert.That(root.Parent, Is.Null);
        Assert.That(root.ParentSpanId, Is.EqualTo(default(ActivitySpanId)), "a failure starts its own trace");
        Assert.That(root.GetTagItem(ControllerTelemetry.LinkIds)?.ToString(), Does.Contain("s2-s3"));
        var inTrace = snapshot.Where(a => a.TraceId == root.TraceId).ToList();
        Assert.That(inTrace.Where(a => a != root).All(a => a.ParentSpanId != default), Is.True, "no orphan spans in the trace");
        Assert.That(inTrace.Count(a => a.OperationName == ControllerTelemetry.FailureDetect), Is.EqualTo(1));
        Assert.That(inTrace.Count(a => a.OperationName == ControllerTelemetry.RouteCompute), Is.EqualTo(1));
        Assert.That(inTrace.Count(a => a.OperationName == ControllerTelemetry.UpdateCommit), Is.EqualTo(1));
        var installs = inTrace.Where(a => a.OperationName == ControllerTelemetry.SwitchInstall).ToList();
        var reaction = report.Changes.First().Reaction!;
        Assert.That(installs.Select(a => a.GetTagItem(ControllerTelemetry.SwitchId)).Distinct().Count(), Is.EqualTo(reaction.SwitchesTouched));
        Assert.That(installs.All(a => a.GetTagItem(ControllerTelemetry.BarrierRttMs) is not null), Is.True);

        var restored = inTrace.Single(a => a.OperationName == Reporting.RestorationSpans.TrafficRestored);
        Assert.That(restored.ParentSpanId, Is.EqualTo(root.SpanId), "traffic.restored hangs under the failure's root span");
        Assert.That(restored.GetTagItem(Reporting.RestorationSpans.PacketsLost), Is.EqualTo(report.Changes.First().PacketsLost));

        var restore = snapshot.Single(a => a.OperationName == ControllerTelemetry.LinkRestore);
        Assert.That(restore.TraceId, Is.Not.EqualTo(root.TraceId), "a restore has its own trace");
    }
}
