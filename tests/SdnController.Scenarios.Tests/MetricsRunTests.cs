using System.Diagnostics.Metrics;
using SdnController.Controller.Observation;
using SdnController.Controller.Telemetry;
using SdnController.Scenarios.Telemetry;

namespace SdnController.Scenarios.Tests;

/// <summary>
/// A run's metrics agree with its report: reroute durations and sizes, rules, barrier round trips, link
/// state, restarts, and packets per traffic class. The listener follows only this run's meters (by
/// reference), so runs of other tests in parallel do not count.
/// </summary>
[TestFixture]
public class MetricsRunTests
{
    [Test]
    public void Reroutes_rules_and_barriers_are_recorded_as_the_report_has_them()
    {
        var topology = RunHarness.Sample("ring-6");
        using var recorder = new Recorder();
        var (report, run) = RunHarness.Execute(topology, topology.Scenario, topology.Traffic, prepare: recorder.Follow);
        using var _ = run;
        var text = RunHarness.Describe(report);
        var reroutes = run.ControllerEvents.OfType<RerouteCompleted>().ToList();
        Assert.That(reroutes, Has.Count.EqualTo(2), text);   // ring-6: one silent failure, one restore

        var durations = recorder.Of(ControllerMetrics.RerouteDuration);
        Assert.That(durations, Has.Count.EqualTo(2));
        var failure = durations.Single(m => m.Tag(ControllerMetrics.ChangeKindTag) == "link.failure");
        Assert.That(failure.Tag(ControllerMetrics.DetectionMethodTag), Is.EqualTo("keepalive-timeout"));
        Assert.That(failure.Tag(ControllerMetrics.ClockTag), Is.EqualTo("virtual"));
        var failureEvent = reroutes.Single(r => !r.Changes[0].Up);
        Assert.That(failure.Value, Is.EqualTo((failureEvent.InstalledAt - failureEvent.DetectedAt).TotalMilliseconds));
        var restore = durations.Single(m => m.Tag(ControllerMetrics.ChangeKindTag) == "link.restore");
        Assert.That(restore.Tag(ControllerMetrics.DetectionMethodTag), Is.EqualTo("keepalive"));

        var change = report.Changes.Single(c => c.Event.Kind == Playback.InjectedKind.LinkDown);
        Assert.That(recorder.Of(ControllerMetrics.RerouteAffectedFlows).Single(m => m.Tag(ControllerMetrics.ChangeKindTag) == "link.failure").Value,
            Is.EqualTo(change.Reaction!.AffectedFlows), text);
        Assert.That(recorder.Of(ControllerMetrics.RerouteWallDuration).Select(m => m.Value), Is.EqualTo(reroutes.Select(r => r.WallTotalMs)));

        Assert.That(recorder.Sum(ControllerMetrics.RulesInstalled, ControllerMetrics.UpdateKindTag, "reroute"), Is.EqualTo(reroutes.Sum(r => r.RulesAdded)));
        Assert.That(recorder.Sum(ControllerMetrics.RulesRemoved, ControllerMetrics.UpdateKindTag, "reroute"), Is.EqualTo(reroutes.Sum(r => r.RulesRemoved)));
        Assert.That(recorder.Sum(ControllerMetrics.RulesInstalled, ControllerMetrics.UpdateKindTag, "install"), Is.EqualTo(report.Setup.Rules));

        var barriers = recorder.Of(ControllerMetrics.BarrierRtt);
        Assert.That(barriers, Is.Not.Empty);
        // ring-6's control channels are 1 ms each way in virtual time... or whatever the network says: never zero, never more than a second.
        Assert.That(barriers.Select(m => m.Value), Has.All.GreaterThan(0).And.All.LessThan(1000));

        Assert.That(recorder.Sum(ControllerMetrics.LinkTransitions, ControllerMetrics.LinkStateTag, "down"), Is.EqualTo(1));
        Assert.That(recorder.Sum(ControllerMetrics.LinkTransitions, ControllerMetrics.LinkStateTag, "up"), Is.EqualTo(1));
        Assert.That(recorder.Of(ControllerMetrics.SwitchActorRestarts), Is.Empty);
    }

    [Test]
    public void Link_gauge_counts_links_down_and_restarts_are_counted_by_error_type()
    {
        var topology = RunHarness.Sample("ring-6");
        var file = RunHarness.ScenarioText(topology, """
            scenario:
              duration: 1s
              events:
                - {at: 300ms, link: s2-s3, state: down}
            traffic:
              - {from: h1, to: h4, rate: 100pps}
            """);
        using var recorder = new Recorder();
        var (report, run) = RunHarness.Execute(topology, file.Scenario, file.Traffic, prepare: r =>
        {
            recorder.Follow(r);
            r.CrashSwitchActorAt(TimeSpan.FromMilliseconds(600), "s5");
        });
        using var _ = run;

        var links = recorder.Observe(ControllerMetrics.LinkCount);
        Assert.That(links.Single(m => m.Tag(ControllerMetrics.LinkStateTag) == "down").Value, Is.EqualTo(1), RunHarness.Describe(report));
        Assert.That(links.Single(m => m.Tag(ControllerMetrics.LinkStateTag) == "up").Value, Is.EqualTo(topology.Links.Count - 1));
        Assert.That(recorder.Sum(ControllerMetrics.LinkTransitions, ControllerMetrics.DetectionMethodTag, "port-status"), Is.EqualTo(1));

        var restarts = recorder.Of(ControllerMetrics.SwitchActorRestarts);
        Assert.That(restarts, Has.Count.EqualTo(report.Restarts.Count).And.Count.EqualTo(1));
        Assert.That(restarts[0].Tag(ControllerMetrics.ErrorTypeTag), Is.EqualTo(typeof(Controller.Supervision.InjectedFaultException).FullName));
    }

    [Test]
    public void Packets_per_flow_class_match_the_report()
    {
        var topology = RunHarness.Sample("ring-6");
        using var recorder = new Recorder();
        var (report, run) = RunHarness.Execute(topology, topology.Scenario, topology.Traffic, prepare: recorder.Follow);
        using var _ = run;
        var text = RunHarness.Describe(report);

        var classOf = topology.Traffic.ToDictionary(f => f.Id, f => f.Class ?? DataPlaneMetrics.Unclassified);
        foreach (var cls in classOf.Values.Distinct())
        {
            var flows = report.Flows.Where(f => classOf[f.Id] == cls).ToList();
            Assert.That(recorder.Observed(DataPlaneMetrics.PacketsSent, cls), Is.EqualTo(flows.Sum(f => f.Sent)), cls + "\n" + text);
            Assert.That(recorder.Observed(DataPlaneMetrics.PacketsDelivered, cls), Is.EqualTo(flows.Sum(f => f.Delivered)), cls);
            Assert.That(recorder.Observed(DataPlaneMetrics.PacketsLost, cls), Is.EqualTo(flows.Sum(f => f.Lost)), cls);
        }
        Assert.That(recorder.Observed(DataPlaneMetrics.PacketsLost, "voice"), Is.GreaterThan(0), "the silent failure costs the voice flow packets\n" + text);
        Assert.That(run.DataPlaneMetrics.Observed, Is.True);
    }

    /// <summary>Collects the measurements of one run's two meters.</summary>
    private sealed class Recorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<Recorded> _measurements = new();
        private Meter? _controller, _dataPlane;

        public sealed record Recorded(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)
        {
            public string? Tag(string key) => Tags.FirstOrDefault(t => t.Key == key).Value as string;
        }

        public void Follow(ScenarioRun run)
        {
            _controller = run.ControllerMetrics.Meter;
            _dataPlane = run.DataPlaneMetrics.Meter;
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, _controller) || ReferenceEquals(instrument.Meter, _dataPlane))
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i, v, tags));
            _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Add(i, v, tags));
            _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i, v, tags));
            _listener.Start();
        }

        private void Add(Instrument i, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            lock (_measurements) _measurements.Add(new Recorded(i.Name, value, tags.ToArray()));
        }

        public List<Recorded> Of(string instrument)
        {
            lock (_measurements) return _measurements.Where(m => m.Instrument == instrument).ToList();
        }

        public double Sum(string instrument, string tag, string value) =>
            Of(instrument).Where(m => m.Tag(tag) == value).Sum(m => m.Value);

        /// <summary>Run the observable callbacks now and return what <paramref name="instrument"/> reported.</summary>
        public List<Recorded> Observe(string instrument)
        {
            lock (_measurements) _measurements.RemoveAll(m => m.Instrument == instrument);
            _listener.RecordObservableInstruments();
            return Of(instrument);
        }

        public double Observed(string instrument, string flowClass) =>
            Observe(instrument).Single(m => m.Tag(DataPlaneMetrics.FlowClassTag) == flowClass).Value;

        public void Dispose() => _listener.Dispose();
    }
}
