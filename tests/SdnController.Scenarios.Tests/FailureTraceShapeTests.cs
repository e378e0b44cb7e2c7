using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using SdnController.Controller.Routing;
using SdnController.Controller.Telemetry;
using SdnController.Scenarios.Reporting;
using SdnController.Scenarios.Telemetry;
using SdnController.Telemetry;
using SdnController.Telemetry.Tracing;

namespace SdnController.Scenarios.Tests;

/// <summary>
/// The failure traces as an exporter receives them: ring-6 through the run's tracing pipeline (its
/// resource and sources) into the OpenTelemetry SDK's in-memory exporter, checked against the run report.
/// </summary>
[TestFixture]
[NonParallelizable] // the tracer provider sees every span of these sources in the process
public class FailureTraceShapeTests
{
    private List<Activity> _spans = null!;
    private Resource _resource = null!;
    private RunReport _report = null!;

    [OneTimeSetUp]
    public void Run()
    {
        var exported = new List<Activity>();
        using (var provider = TracingPipeline.CreateBuilder(new TracingOptions
               {
                   Sources = [ControllerTelemetry.SourceName, RestorationSpans.SourceName],
                   ServiceVersion = "test",
               }).AddInMemoryExporter(exported).Build())
        {
            var topology = RunHarness.Sample("ring-6");
            var file = RunHarness.ScenarioText(topology, """
                scenario:
                  duration: 3500ms
                  events:
                    - {at: 500ms, link: s2-s3, state: down, silent: true}
                    - {at: 1500ms, link: s2-s3, state: up}
                    - {at: 2500ms, switch: s4, state: down}
                traffic:
                  - {id: bulk-1, from: h1, to: h4, kind: udp, rate: 200pps, class: bulk}
                  - {id: bulk-2, from: h2, to: h4, kind: udp, rate: 100pps, class: bulk}
                  - {id: voice-1, from: h2, to: h5, kind: udp, rate: 100pps, class: voice}
                  - {id: plain, from: h3, to: h5, kind: udp, rate: 100pps}
                """);
            var (report, run) = RunHarness.Execute(topology, file.Scenario, file.Traffic);
            run.Dispose();
            _report = report;
            provider.ForceFlush();
            _resource = provider.GetResource();
        }
        lock (exported) _spans = exported.ToList();
    }

    private List<Activity> TraceOf(ChangeReport change) =>
        _spans.Where(a => a.TraceId == change.Reaction!.Trace.TraceId).ToList();

    private static Activity Root(List<Activity> trace) => trace.Single(a => a.ParentSpanId == default);

    private static object? Tag(Activity a, string key) => a.GetTagItem(key);

    [Test]
    public void Every_change_has_its_own_trace_with_the_right_root()
    {
        Assert.That(_report.Changes, Has.Count.EqualTo(3));
        Assert.That(_report.Changes.All(c => c.Reaction is { Trace.TraceId: var id } && id != default), Is.True, RunHarness.Describe(_report));
        Assert.That(_report.Changes.Select(c => c.Reaction!.Trace.TraceId).Distinct().Count(), Is.EqualTo(3), "one trace per change");
        Assert.That(_report.Changes.Select(c => Root(TraceOf(c)).OperationName),
            Is.EqualTo(new[] { ControllerTelemetry.LinkFailure, ControllerTelemetry.LinkRestore, ControllerTelemetry.SwitchFailure }));
    }

    [Test]
    public void No_span_is_an_orphan()
    {
        foreach (var change in _report.Changes)
        {
            var trace = TraceOf(change);
            var ids = trace.Select(a => a.SpanId).ToHashSet();
            var root = Root(trace);
            Assert.That(trace.Where(a => a != root).All(a => ids.Contains(a.ParentSpanId)), Is.True,
                $"{root.OperationName}: every parent in the same trace");
            // The shape: detect, compute and commit under the root, installs and traffic.restored too.
            Assert.That(trace.Where(a => a != root).All(a => a.ParentSpanId == root.SpanId), Is.True);
            foreach (var name in new[] { ControllerTelemetry.FailureDetect, ControllerTelemetry.RouteCompute, ControllerTelemetry.UpdateCommit })
                Assert.That(trace.Count(a => a.OperationName == name), Is.EqualTo(1), $"{root.OperationName}: one {name}");
        }
    }

    [Test]
    public void Roots_carry_detection_method_affected_flows_and_both_clocks()
    {
        var expected = new[] { "keepalive-timeout", null, "switch-disconnect" };
        for (var i = 0; i < _report.Changes.Count; i++)
        {
            var change = _report.Changes[i];
            var root = Root(TraceOf(change));
            var method = (string?)Tag(root, ControllerTelemetry.DetectionMethod);
            Assert.That(method, Is.EqualTo(RunReportJson.DetectionName(change.Reaction!.Method)), "the run report's name");
            if (expected[i] is { } name) Assert.That(method, Is.EqualTo(name));
            Assert.That(Tag(root, ControllerTelemetry.AffectedFlows), Is.EqualTo(change.Reaction.AffectedFlows));
            Assert.That(Tag(root, ControllerTelemetry.WallDetectToCommitMs), Is.TypeOf<double>().And.GreaterThanOrEqualTo(0.0));
            Assert.That(Tag(root, ControllerTelemetry.VirtualStartMs), Is.TypeOf<double>());
            Assert.That((double)Tag(root, ControllerTelemetry.VirtualEndMs)!, Is.GreaterThanOrEqualTo((double)Tag(root, ControllerTelemetry.VirtualStartMs)!));
            var detect = TraceOf(change).Single(a => a.OperationName == ControllerTelemetry.FailureDetect);
            Assert.That(Tag(detect, ControllerTelemetry.DetectionMethod), Is.EqualTo(method));
        }
        Assert.That(Tag(Root(TraceOf(_report.Changes[2])), ControllerTelemetry.SwitchId), Is.EqualTo("s4"));
        Assert.That(Tag(Root(TraceOf(_report.Changes[0])), ControllerTelemetry.SwitchId), Is.Null, "a link failure names no switch");
    }

    [Test]
    public void Route_compute_names_the_algorithm_that_ran()
    {
        foreach (var change in _report.Changes)
        {
            var compute = TraceOf(change).Single(a => a.OperationName == ControllerTelemetry.RouteCompute);
            // ring-6 routes by latency and its links' latencies differ: Dijkstra, not hop trees.
            Assert.That(Tag(compute, ControllerTelemetry.Algorithm), Is.EqualTo(RoutingService.DijkstraAlgorithm));
            Assert.That(Tag(compute, ControllerTelemetry.PairsRecomputed), Is.TypeOf<int>().And.GreaterThanOrEqualTo(0));
            Assert.That(Tag(compute, ControllerTelemetry.SourcesRecomputed), Is.TypeOf<int>());
        }
        var failure = TraceOf(_report.Changes[0]).Single(a => a.OperationName == ControllerTelemetry.RouteCompute);
        Assert.That((int)Tag(failure, ControllerTelemetry.PairsRecomputed)!, Is.GreaterThan(0), "flows crossed s2-s3");
    }

    [Test]
    public void One_switch_install_span_per_switch_touched()
    {
        foreach (var change in _report.Changes)
        {
            var trace = TraceOf(change);
            var installs = trace.Where(a => a.OperationName == ControllerTelemetry.SwitchInstall).ToList();
            var commit = trace.Single(a => a.OperationName == ControllerTelemetry.UpdateCommit);
            Assert.That(Tag(commit, ControllerTelemetry.SwitchesTouched), Is.EqualTo(change.Reaction!.SwitchesTouched));
            // A switch that is down gets no rule update (its rules go with it): no span for it.
            var unconfirmed = (int)Tag(commit, ControllerTelemetry.SwitchesUnconfirmed)!;
            Assert.That(unconfirmed, Is.EqualTo(change.Event.Kind == Playback.InjectedKind.SwitchDown ? 1 : 0));
            Assert.That(installs.Select(a => Tag(a, ControllerTelemetry.SwitchId)).Distinct().Count(), Is.EqualTo(change.Reaction.SwitchesTouched - unconfirmed));
            if (unconfirmed > 0) Assert.That(installs.Select(a => Tag(a, ControllerTelemetry.SwitchId)), Does.Not.Contain("s4"));
            Assert.That(installs.All(a => Tag(a, ControllerTelemetry.BarrierRttMs) is double), Is.True);
        }
        Assert.That(_report.Changes[0].Reaction!.SwitchesTouched, Is.GreaterThan(0));
    }

    [Test]
    public void Traffic_restored_is_one_span_per_class_summing_to_the_report()
    {
        var classOf = new Dictionary<string, string> { ["bulk-1"] = "bulk", ["bulk-2"] = "bulk", ["voice-1"] = "voice", ["plain"] = DataPlaneMetrics.Unclassified };
        foreach (var change in _report.Changes)
        {
            var restored = TraceOf(change).Where(a => a.OperationName == RestorationSpans.TrafficRestored).ToList();
            var classes = restored.Select(a => (string)Tag(a, RestorationSpans.FlowClass)!).ToList();
            Assert.That(classes, Is.Unique);
            Assert.That(classes, Is.EquivalentTo(change.PerFlow.Select(f => classOf[f.FlowId]).Distinct()));
            Assert.That(restored.Sum(a => (long)Tag(a, RestorationSpans.PacketsLost)!), Is.EqualTo(change.PacketsLost));
            Assert.That(restored.Sum(a => (int)Tag(a, RestorationSpans.FlowsDisrupted)!), Is.EqualTo(change.FlowsDisrupted));
            foreach (var span in restored)
            {
                var cls = (string)Tag(span, RestorationSpans.FlowClass)!;
                var flows = change.PerFlow.Where(f => classOf[f.FlowId] == cls).ToList();
                Assert.That(Tag(span, RestorationSpans.PacketsLost), Is.EqualTo(flows.Sum(f => f.PacketsLost)), cls);
                var moved = flows.Where(f => f.FirstDeliveryOnNewPath is not null).Select(f => f.FirstDeliveryOnNewPath!.Value.TotalMilliseconds).ToList();
                Assert.That(Tag(span, RestorationSpans.FirstDeliveryMaxMs), Is.EqualTo(moved.Count == 0 ? null : moved.Max()), cls);
                Assert.That(Tag(span, ControllerTelemetry.VirtualStartMs), Is.EqualTo((_report.Setup.ReadyAfter + change.Event.At).TotalMilliseconds));
            }
        }
        // The silent failure cost both bulk flows and the voice flow packets (they crossed s2-s3).
        var first = TraceOf(_report.Changes[0]).Where(a => a.OperationName == RestorationSpans.TrafficRestored).ToList();
        Assert.That(first.Select(a => Tag(a, RestorationSpans.FlowClass)), Is.SupersetOf(new[] { "bulk", "voice" }), RunHarness.Describe(_report));
        Assert.That(first.All(a => (long)Tag(a, RestorationSpans.PacketsLost)! > 0), Is.True);
    }

    [Test]
    public void Exported_spans_carry_the_service_name_resource()
    {
        var attributes = _resource.Attributes.ToDictionary(kv => kv.Key, kv => kv.Value);
        Assert.That(attributes[TelemetryNames.ServiceNameAttribute], Is.EqualTo("sdnctl"));
        Assert.That(_spans.Select(a => a.Source.Name).Distinct(), Is.EquivalentTo(new[] { ControllerTelemetry.SourceName, RestorationSpans.SourceName }));
    }
}
