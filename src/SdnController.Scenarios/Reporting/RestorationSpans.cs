using System.Diagnostics;
using SdnController.Controller.Telemetry;
using SdnController.Scenarios.Telemetry;
using SdnController.Topology.Traffic;

namespace SdnController.Scenarios.Reporting;

/// <summary>
/// Adds what only the data plane knows to each failure's trace: one `traffic.restored` span per traffic
/// class among the flows the change hit (lost packets or moved to a new path), child of the controller's
/// root span, saying how much traffic of that class the change cost and when its first packets arrived on
/// the new paths. The figures are the run report's per-flow attribution (<see cref="ChangeReport.PerFlow"/>),
/// grouped by class, never counted again. Timing is in virtual-time attributes (a virtual run has no
/// meaningful wall times for it).
/// </summary>
public static class RestorationSpans
{
    public const string SourceName = "SdnController.DataPlane";
    public static readonly ActivitySource Source = new(SourceName, "1.0");
    public const string TrafficRestored = "traffic.restored";

    public const string FlowClass = DataPlaneMetrics.FlowClassTag;
    public const string FlowsImpacted = "sdn.flows.impacted";
    public const string FlowsDisrupted = "sdn.flows.disrupted";
    public const string FlowsMoved = "sdn.flows.moved";
    public const string PacketsLost = "sdn.packets.lost";
    public const string FirstDeliveryMaxMs = "sdn.restore.first_delivery_max_ms";
    public const string FirstDeliveryP50Ms = "sdn.restore.first_delivery_p50_ms";

    /// <summary>Emits the spans of every change the controller handled (nothing when no one listens).</summary>
    public static void Emit(RunReport report, IReadOnlyList<TrafficFlow> traffic)
    {
        if (!Source.HasListeners()) return;
        var classOf = new Dictionary<string, string>(traffic.Count, StringComparer.Ordinal);
        foreach (var f in traffic) classOf[f.Id] = string.IsNullOrEmpty(f.Class) ? DataPlaneMetrics.Unclassified : f.Class;
        foreach (var change in report.Changes)
        {
            if (change.Reaction is not { } reaction || reaction.Trace == default || reaction.SharedWithPrevious) continue;
            var linkIds = string.Join(",", change.Event.LinkIds);
            var start = report.Setup.ReadyAfter + change.Event.At;
            foreach (var group in ByClass(change.PerFlow, classOf))
                EmitClass(reaction.Trace, linkIds, start, group);
        }
    }

    /// <summary>The change's impacted flows per class, classes in order of first appearance (the report's flow order).</summary>
    private static List<ClassImpact> ByClass(IReadOnlyList<FlowImpact> perFlow, Dictionary<string, string> classOf)
    {
        var groups = new List<ClassImpact>();
        foreach (var flow in perFlow)
        {
            var name = classOf.GetValueOrDefault(flow.FlowId, DataPlaneMetrics.Unclassified);
            var group = groups.Find(g => g.Class == name);
            if (group is null) groups.Add(group = new ClassImpact(name));
            group.Flows++;
            group.Lost += flow.PacketsLost;
            if (flow.PacketsLost > 0) group.Disrupted++;
            if (flow.FirstDeliveryOnNewPath is { } moved) group.FirstDeliveries.Add(moved);
        }
        return groups;
    }

    private static void EmitClass(ActivityContext trace, string linkIds, TimeSpan start, ClassImpact g)
    {
        var previous = Activity.Current;
        var span = Source.StartActivity(TrafficRestored, ActivityKind.Internal, trace);
        Activity.Current = previous;
        if (span is null) return;
        g.FirstDeliveries.Sort();
        TimeSpan? max = g.FirstDeliveries.Count > 0 ? g.FirstDeliveries[^1] : null;
        // The same median as the report's per change: the lower middle value.
        TimeSpan? p50 = g.FirstDeliveries.Count > 0 ? g.FirstDeliveries[(g.FirstDeliveries.Count - 1) / 2] : null;
        span.SetTag(FlowClass, g.Class);
        span.SetTag(ControllerTelemetry.LinkIds, linkIds);
        span.SetTag(FlowsImpacted, g.Flows);
        span.SetTag(FlowsDisrupted, g.Disrupted);
        span.SetTag(FlowsMoved, g.FirstDeliveries.Count);
        span.SetTag(PacketsLost, g.Lost);
        if (max is { } m) span.SetTag(FirstDeliveryMaxMs, m.TotalMilliseconds);
        if (p50 is { } p) span.SetTag(FirstDeliveryP50Ms, p.TotalMilliseconds);
        span.SetTag(ControllerTelemetry.VirtualStartMs, start.TotalMilliseconds);
        span.SetTag(ControllerTelemetry.VirtualEndMs, (start + (max ?? TimeSpan.Zero)).TotalMilliseconds);
        span.Stop();
        Activity.Current = previous;
    }

    private sealed class ClassImpact(string name)
    {
        public string Class { get; } = name;
        public int Flows;
        public int Disrupted;
        public long Lost;
        public readonly List<TimeSpan> FirstDeliveries = new();
    }
}
