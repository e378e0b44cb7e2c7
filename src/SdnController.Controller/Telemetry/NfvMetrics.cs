using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using SdnController.Topology.Model.Nfv;

namespace SdnController.Controller.Telemetry;

/// <summary>
/// Network function metrics, on the controller's meter (<see cref="ControllerMetrics.Meter"/>): configurations
/// pushed and acknowledged, their round trips, instances by state and IDS alerts. Tags name the function's
/// kind, never its id, as ControllerMetrics keeps series few; which instance it was is in the spans and events.
/// </summary>
public sealed class NfvMetrics
{
    public const string ConfigurePushes = "sdn.nfv.configure.pushes";
    public const string ConfigureAcks = "sdn.nfv.configure.acks";
    public const string ConfigureRtt = "sdn.nfv.configure.rtt";
    public const string FunctionCount = "sdn.nfv.function.count";
    public const string Alerts = "sdn.nfv.alerts";
    public const string ChainClosed = "sdn.nfv.chain.closed";
    public const string BlocksLifted = "sdn.nfv.blocks.lifted";

    public const string KindTag = "sdn.nfv.kind";
    public const string ReasonTag = "sdn.nfv.reason";
    public const string OutcomeTag = "sdn.nfv.outcome";
    public const string StateTag = "sdn.nfv.state";
    public const string BlockedTag = "sdn.nfv.blocked";
    public const string ChainReasonTag = "sdn.nfv.chain.reason";
    public const string BlockReasonTag = "sdn.nfv.block.reason";

    private readonly Counter<long> _pushes;
    private readonly Counter<long> _acks;
    private readonly Histogram<double> _rtt;
    private readonly Counter<long> _alerts;
    private readonly Counter<long> _chainClosed;
    private readonly Counter<long> _blocksLifted;
    // By function id: up or down. Few entries (one per instance); the gauge counts them when read.
    private readonly ConcurrentDictionary<string, bool> _states = new(StringComparer.Ordinal);

    internal NfvMetrics(Meter meter)
    {
        _pushes = meter.CreateCounter<long>(ConfigurePushes, "{push}",
            "Configurations sent to network function instances, by kind and reason (initial, restart, replace, resync, stale, behind, retry)");
        _acks = meter.CreateCounter<long>(ConfigureAcks, "{ack}",
            "Answers to configurations from network function instances, by kind and outcome (applied, already-applied, stale, rejected)");
        _rtt = meter.CreateHistogram<double>(ConfigureRtt, "ms",
            "Time from sending a configuration to its acknowledgement, on the run clock",
            null, new InstrumentAdvice<double> { HistogramBucketBoundaries = ControllerMetrics.MillisecondBuckets });
        _alerts = meter.CreateCounter<long>(Alerts, "{alert}",
            "IDS alerts network function instances reported, by kind and whether the flow was blocked");
        _chainClosed = meter.CreateCounter<long>(ChainClosed, "{alert}",
            "Chained flows that failed closed (their traffic dropped at the ingress), by reason (function-down, function-unreachable, ...)");
        _blocksLifted = meter.CreateCounter<long>(BlocksLifted, "{block}",
            "IDS blocks that ended, by reason (expired: their block_for ran out; operator: lifted by hand)");
        meter.CreateObservableGauge(FunctionCount, Observe, "{function}",
            "Network function instances as the controller sees them, by state (up or down)");
    }

    public void RecordPush(NfvKind kind, string reason) =>
        _pushes.Add(1, new KeyValuePair<string, object?>(KindTag, NfvKinds.Name(kind)), new KeyValuePair<string, object?>(ReasonTag, reason));

    public void RecordAck(NfvKind kind, string outcome, TimeSpan? roundTrip, bool virtualClock)
    {
        _acks.Add(1, new KeyValuePair<string, object?>(KindTag, NfvKinds.Name(kind)), new KeyValuePair<string, object?>(OutcomeTag, outcome));
        if (roundTrip is { } rtt)
            _rtt.Record(rtt.TotalMilliseconds, new KeyValuePair<string, object?>(ControllerMetrics.ClockTag, virtualClock ? "virtual" : "real"));
    }

    public void RecordAlert(NfvKind kind, bool blocked) =>
        _alerts.Add(1, new KeyValuePair<string, object?>(KindTag, NfvKinds.Name(kind)), new KeyValuePair<string, object?>(BlockedTag, blocked));

    /// <summary>One chained flow failed closed; <paramref name="cause"/> is a <see cref="ChainClosedCause"/> name.</summary>
    public void RecordChainClosed(string cause) => _chainClosed.Add(1, new KeyValuePair<string, object?>(ChainReasonTag, cause));

    /// <summary>One IDS block ended; <paramref name="reason"/> is expired or operator.</summary>
    public void RecordBlockLifted(string reason) => _blocksLifted.Add(1, new KeyValuePair<string, object?>(BlockReasonTag, reason));

    public void SetState(string functionId, bool up) => _states[functionId] = up;

    private Measurement<int>[] Observe()
    {
        int up = 0, down = 0;
        foreach (var (_, isUp) in _states)
            if (isUp) up++;
            else down++;
        return
        [
            new Measurement<int>(up, new KeyValuePair<string, object?>(StateTag, "up")),
            new Measurement<int>(down, new KeyValuePair<string, object?>(StateTag, "down")),
        ];
    }
}
