using SdnController.Topology.Scenarios;
using SdnController.Topology.Traffic;
using SdnController.Topology.Yaml;

namespace SdnController.Topology.Writing;

/// <summary>
/// Writes the <c>traffic:</c> and <c>scenario:</c> sections so they load back to equal flows and
/// events: flows one per (already expanded) pair with their ids, events one per line in flow style,
/// with link references as link ids (random seeds only where the source stated them, so --seed still applies).
/// </summary>
internal static class ScenarioYamlWriter
{
    public static void WriteTraffic(IReadOnlyList<TrafficFlow> flows, TextWriter w)
    {
        w.Write("traffic:\n");
        for (var i = 0; i < flows.Count; i++)
        {
            var f = flows[i];
            w.Write($"  - id: {YamlScalar.Format(f.Id)}\n");
            w.Write($"    from: {YamlScalar.Format(f.From)}\n");
            w.Write($"    to: {YamlScalar.Format(f.To)}\n");
            w.Write($"    kind: {KindText(f.Kind)}\n");
            w.Write($"    rate: {Units.FormatNumber(f.PacketsPerSecond)}pps\n");
            w.Write($"    size: {f.FrameBytes}\n");
            if (f.Start != TimeSpan.Zero) w.Write($"    start: {Durations.Format(f.Start)}\n");
            if (f.Stop is { } stop) w.Write($"    stop: {Durations.Format(stop)}\n");
            if (f.Kind != TrafficKind.Icmp)
            {
                w.Write($"    port: {f.DestinationPort}\n");
                // The loader numbers source ports by position; only another number needs stating.
                if (f.SourcePort != TrafficFlow.DefaultSourcePort(i)) w.Write($"    source-port: {f.SourcePort}\n");
            }
            if (f.Class is not null) w.Write($"    class: {YamlScalar.Format(f.Class)}\n");
            if (f.Payload != TrafficPayload.None) w.Write($"    payload: {f.Payload.Name()}\n");
        }
    }

    public static void WriteScenario(Scenario s, TextWriter w)
    {
        w.Write("scenario:\n");
        if (s.Name is not null) w.Write($"  name: {YamlScalar.Format(s.Name)}\n");
        if (s.Duration is { } d) w.Write($"  duration: {Durations.Format(d)}\n");
        if (s.Seed is { } seed) w.Write($"  seed: {seed}\n");
        if (s.Events.Count == 0)
        {
            w.Write("  events: []\n");
            return;
        }
        w.Write("  events:\n");
        foreach (var e in s.Events) w.Write($"    - {{at: {Durations.Format(e.At)}, {EventBody(e)}}}\n");
    }

    private static string EventBody(ScenarioEvent e) => e switch
    {
        LinkStateEvent l => $"link: {Flow(l.LinkId)}, state: {State(l.Up)}{(l.Silent ? ", silent: true" : "")}",
        SwitchStateEvent s => $"switch: {Flow(s.SwitchId)}, state: {State(s.Up)}",
        NfvStateEvent n => $"nfv: {Flow(n.FunctionId)}, state: {State(n.Up)}",
        ControllerRestartEvent => "controller: restart",
        LinkFlapEvent f => $"flap: {Flow(f.LinkId)}, period: {Durations.Format(f.Period)}, count: {f.Count}",
        RandomLinkFailuresEvent r => $"random-link-failures: {r.Count}{(r.SeedStated ? $", seed: {r.Seed}" : "")}" +
                                     (r.RestoreAfter is { } after ? $", restore-after: {Durations.Format(after)}" : ""),
        ExpectEvent x => "expect: " + Flow(x.Kind switch
        {
            ExpectKind.Reaches => $"{x.From} reaches {x.To}",
            ExpectKind.CannotReach => $"{x.From} cannot reach {x.To}",
            _ => "connected pairs reach",
        }),
        _ => throw new ArgumentException($"cannot write scenario event {e.GetType().Name}", nameof(e)),
    };

    private static string Flow(string s) => YamlScalar.Format(s, inFlow: true);
    private static string State(bool up) => up ? "up" : "down";

    private static string KindText(TrafficKind kind) => kind switch
    {
        TrafficKind.Udp => "udp",
        TrafficKind.Tcp => "tcp",
        TrafficKind.Icmp => "icmp",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
