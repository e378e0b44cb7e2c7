using System.Diagnostics.Metrics;
using SdnController.VirtualNetwork.Traffic;

namespace SdnController.Scenarios.Telemetry;

/// <summary>
/// What the virtual network's hosts measured, per traffic class (Meter "SdnController.DataPlane"): packets
/// sent, delivered and lost as observable counters tagged `sdn.flow.class` (the flow's `class:` in the
/// traffic section, "unclassified" when it has none). Per class, not per flow: 100,000 flows would be as
/// many series.
///
/// The flows' statistics belong to the loop thread, while observable callbacks run on the exporter's
/// thread. So the run takes a snapshot on the loop (<see cref="Snapshot"/>: an immutable array, published
/// with one volatile write) and the callbacks only read the latest snapshot: no torn or half-summed values.
/// </summary>
public sealed class DataPlaneMetrics : IDisposable
{
    public const string MeterName = "SdnController.DataPlane";
    public const string PacketsSent = "sdn.packets.sent";
    public const string PacketsDelivered = "sdn.packets.delivered";
    public const string PacketsLost = "sdn.packets.lost";
    public const string FlowClassTag = "sdn.flow.class";
    public const string Unclassified = "unclassified";

    private readonly ObservableCounter<long> _sent;
    private readonly ObservableCounter<long> _delivered;
    private readonly ObservableCounter<long> _lost;
    private readonly List<string> _classNames = new();
    private readonly List<(HostFlow Flow, int Class)> _flows = new();
    private ClassTotals[] _published = Array.Empty<ClassTotals>();

    public DataPlaneMetrics()
    {
        Meter = new Meter(MeterName, "1.0");
        _sent = Meter.CreateObservableCounter(PacketsSent, () => Observe(static t => t.Sent), "{packet}",
            "Packets the declared traffic flows sent, by traffic class");
        _delivered = Meter.CreateObservableCounter(PacketsDelivered, () => Observe(static t => t.Delivered), "{packet}",
            "Distinct packets of the declared traffic flows that reached their receiver, by traffic class");
        _lost = Meter.CreateObservableCounter(PacketsLost, () => Observe(static t => t.Lost), "{packet}",
            "Packets sent longer ago than the run's drain allowance that never arrived, by traffic class");
    }

    public Meter Meter { get; }

    /// <summary>True when an exporter or listener observes any of the counters: snapshots are worth taking.</summary>
    public bool Observed => _sent.Enabled || _delivered.Enabled || _lost.Enabled;

    /// <summary>Count <paramref name="flow"/> under its class (loop thread, as the flow starts).</summary>
    public void Track(HostFlow flow, string? flowClass)
    {
        var name = string.IsNullOrEmpty(flowClass) ? Unclassified : flowClass;
        var index = _classNames.IndexOf(name);
        if (index < 0)
        {
            index = _classNames.Count;
            _classNames.Add(name);
        }
        _flows.Add((flow, index));
    }

    /// <summary>
    /// Sum the tracked flows per class and publish (loop thread). Lost counts packets sent before
    /// <paramref name="lostBefore"/> that never arrived, as the run report does at its end; each class's
    /// lost figure never goes down between snapshots (a counter), even if a very late packet still arrives.
    /// </summary>
    public void Snapshot(TimeSpan lostBefore)
    {
        var previous = _published;
        var sent = new long[_classNames.Count];
        var delivered = new long[_classNames.Count];
        var lost = new long[_classNames.Count];
        foreach (var (flow, c) in _flows)
        {
            sent[c] += flow.Sent;
            delivered[c] += flow.Delivered;
            lost[c] += flow.LostBefore(lostBefore);
        }
        var totals = new ClassTotals[_classNames.Count];
        for (var c = 0; c < totals.Length; c++)
        {
            var floor = c < previous.Length ? previous[c].Lost : 0;
            totals[c] = new ClassTotals(_classNames[c], sent[c], delivered[c], Math.Max(lost[c], floor));
        }
        Volatile.Write(ref _published, totals);
    }

    /// <summary>The latest snapshot (any thread).</summary>
    public IReadOnlyList<ClassTotals> Current => Volatile.Read(ref _published);

    private IEnumerable<Measurement<long>> Observe(Func<ClassTotals, long> value)
    {
        var totals = Volatile.Read(ref _published);
        var result = new Measurement<long>[totals.Length];
        for (var i = 0; i < totals.Length; i++)
            result[i] = new Measurement<long>(value(totals[i]), new KeyValuePair<string, object?>(FlowClassTag, totals[i].Class));
        return result;
    }

    public void Dispose() => Meter.Dispose();

    /// <summary>One traffic class's packets, summed over its flows.</summary>
    public sealed record ClassTotals(string Class, long Sent, long Delivered, long Lost);
}
