using System.Diagnostics;
using SdnController.Controller.Telemetry;

namespace SdnController.Scenarios.Reporting;

/// <summary>
/// Adds what only the data plane knows to each failure's trace: a `traffic.restored` span, child of the
/// controller's root span, saying how much traffic the change cost and when the first packet arrived on
/// a new path. Its timing is in virtual-time attributes (a virtual run has no meaningful wall times for it).
/// </summary>
public static class RestorationSpans
{
    public const string SourceName = "SdnController.DataPlane";
    public static readonly ActivitySource Source = new(SourceName, "1.0");
    public const string TrafficRestored = "traffic.restored";

    public const string FlowsDisrupted = "sdn.flows.disrupted";
    public const string PacketsLost = "sdn.packets.lost";
    public const string FirstDeliveryMaxMs = "sdn.restore.first_delivery_max_ms";
    public const string FirstDeliveryP50Ms = "sdn.restore.first_delivery_p50_ms";

    public static void Emit(RunReport report)
    {
        foreach (var change in report.Changes)
        {
            if (change.Reaction is not { } reaction || reaction.Trace == default || reaction.SharedWithPrevious) continue;
            var previous = Activity.Current;
            var span = Source.StartActivity(TrafficRestored, ActivityKind.Internal, reaction.Trace);
            Activity.Current = previous;
            if (span is null) continue;
            span.SetTag(ControllerTelemetry.LinkIds, string.Join(",", change.Event.LinkIds));
            span.SetTag(FlowsDisrupted, change.FlowsDisrupted);
            span.SetTag(PacketsLost, change.PacketsLost);
            if (change.FirstDeliveryOnNewPathMax is { } max) span.SetTag(FirstDeliveryMaxMs, max.TotalMilliseconds);
            if (change.FirstDeliveryOnNewPathMedian is { } p50) span.SetTag(FirstDeliveryP50Ms, p50.TotalMilliseconds);
            var start = report.Setup.ReadyAfter + change.Event.At;
            span.SetTag(ControllerTelemetry.VirtualStartMs, start.TotalMilliseconds);
            span.SetTag(ControllerTelemetry.VirtualEndMs, (start + (change.FirstDeliveryOnNewPathMax ?? TimeSpan.Zero)).TotalMilliseconds);
            span.Stop();
            Activity.Current = previous;
        }
    }
}
