using System.Diagnostics;
using SdnController.Controller.Observation;
using SdnController.Controller.Telemetry;

namespace SdnController.Scenarios.Reporting;

/// <summary>
/// One controller restart (<c>controller: restart</c>): when it was killed (run time), what the new controller
/// recovered from its intent store (all 0 without --state), and what reconciling the switches changed: the rules each
/// switch's first resync after the restart added and removed, and when the last switch was reconciled.
/// </summary>
public sealed record ControllerRecovery(TimeSpan KilledAt, int Intents, int Flows, int Blocks, int Backends, int Labels,
    int SwitchesReconciled, int RulesAdded, int RulesRemoved, TimeSpan? ReconciledAt)
{
    public bool Persistent { get; init; }
    /// <summary>Network functions whose runtime-replaced configuration was recovered.</summary>
    public int Configs { get; init; }
}

/// <summary>A restart whose reconciliation is read from the controller events once the run is over.</summary>
internal sealed class PendingRecovery(TimeSpan killedAt, int fromEvent, IntentsRecoveredEvent? recovered, Activity? span)
{
    public const string SpanName = "controller.recovery";

    public ControllerRecovery Finish(IReadOnlyList<ControllerEvent> events, TimeSpan origin, int switchCount)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int added = 0, removed = 0;
        TimeSpan? last = null;
        for (var i = fromEvent; i < events.Count && seen.Count < switchCount; i++)
        {
            if (events[i] is not SwitchResynced r || !seen.Add(r.SwitchId)) continue;
            added += r.RulesAdded;
            removed += r.RulesRemoved;
            last = r.At - origin;
        }
        var result = new ControllerRecovery(killedAt, recovered?.Intents ?? 0, recovered?.Flows ?? 0, recovered?.Blocks ?? 0,
            recovered?.Backends ?? 0, recovered?.Labels ?? 0, seen.Count, added, removed, last) { Persistent = recovered is not null, Configs = recovered?.Configs ?? 0 };
        if (span is not null)
        {
            span.SetTag("sdn.intents.recovered", result.Intents);
            span.SetTag("sdn.intents.flows", result.Flows);
            span.SetTag("sdn.intents.blocks", result.Blocks);
            span.SetTag("sdn.intents.backends", result.Backends);
            span.SetTag("sdn.intents.configs", result.Configs);
            span.SetTag(ControllerTelemetry.RulesAdded, added);
            span.SetTag(ControllerTelemetry.RulesRemoved, removed);
            span.SetTag("sdn.switches.reconciled", seen.Count);
            span.SetTag(ControllerTelemetry.VirtualStartMs, (origin + killedAt).TotalMilliseconds);
            span.SetTag(ControllerTelemetry.VirtualEndMs, ((last ?? killedAt) + origin).TotalMilliseconds);
            span.Dispose();
        }
        return result;
    }
}
