using SdnController.Topology.Diagnostics;
using SdnController.Topology.Model;

namespace SdnController.Topology.Yaml;

/// <summary>
/// Reads the <c>controller:</c> section (docs/topology-format.md#controller). Keys it does not state keep
/// <see cref="ControllerPolicy.Default"/>'s values; an empty section means all defaults.
/// </summary>
internal static class ControllerReader
{
    /// <summary>Keepalive intervals below this would be a probe storm, above it no failure detector at all.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(1);
    public static readonly TimeSpan MaxInterval = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxHoldDown = TimeSpan.FromHours(1);
    /// <summary>Switch BFD detection times: from one microsecond-scale hardware session up to a lazy 10 s.</summary>
    public static readonly TimeSpan MinBfd = TimeSpan.FromTicks(10);
    public static readonly TimeSpan MaxBfd = TimeSpan.FromSeconds(10);

    // People write the key the way BFD's documentation and other tools do.
    private static readonly Dictionary<string, string> DetectionAliases = new(StringComparer.Ordinal)
    {
        ["hold-down"] = "hold_down", ["holddown"] = "hold_down", ["hold"] = "hold_down", ["dampening"] = "hold_down",
        ["detect_multiplier"] = "multiplier", ["detect-multiplier"] = "multiplier", ["tx_interval"] = "interval",
    };

    public static ControllerPolicy Read(YEntry section, DiagnosticBag diagnostics)
    {
        var policy = ControllerPolicy.Default;
        if (SectionShape.OptionalMapping(section, "controller", TopologyYamlKeys.Controller, diagnostics) is not { } m) return policy;
        if (m.TryGet("routing", out var e) && PolicyValues.Routing(e, diagnostics) is { } routing) policy = policy with { Routing = routing };
        if (m.TryGet("metric", out e) && PolicyValues.Metric(e, diagnostics) is { } metric) policy = policy with { Metric = metric };
        if (m.TryGet("protection", out e) && PolicyValues.OnOff(e, diagnostics) is { } protection) policy = policy with { Protection = protection };
        if (m.TryGet("ecmp", out e) && PolicyValues.OnOff(e, diagnostics) is { } ecmp) policy = policy with { Ecmp = ecmp };
        if (m.TryGet("detection", out e)) policy = policy with { Detection = ReadDetection(e, diagnostics) };
        if (m.TryGet("congestion", out e)) policy = policy with { Congestion = ReadCongestion(e, diagnostics) };
        return policy;
    }

    private static DetectionPolicy ReadDetection(YEntry section, DiagnosticBag diagnostics)
    {
        var d = DetectionPolicy.Default;
        if (SectionShape.OptionalMapping(section, "detection", TopologyYamlKeys.Detection, diagnostics, DetectionAliases) is not { } m) return d;
        if (m.TryGet("interval", out var e) && PolicyValues.Time(e, MinInterval, MaxInterval, diagnostics) is { } interval) d = d with { Interval = interval };
        if (m.TryGet("multiplier", out e) && Scenarios.SectionValues.Integer(e, "probes missed", 1, DetectionPolicy.MaxMultiplier, diagnostics) is { } multiplier)
            d = d with { Multiplier = multiplier };
        if (m.TryGet("hold_down", out e) && PolicyValues.Time(e, TimeSpan.Zero, MaxHoldDown, diagnostics) is { } hold) d = d with { HoldDown = hold };
        if (m.TryGet("bfd", out e) && PolicyValues.Time(e, MinBfd, MaxBfd, diagnostics) is { } bfd) d = d with { Bfd = bfd };
        return d;
    }

    /// <summary>An empty <c>congestion:</c> is off, as an absent one; stating only the interval is an error (it needs a threshold).</summary>
    private static CongestionPolicy? ReadCongestion(YEntry section, DiagnosticBag diagnostics)
    {
        if (SectionShape.OptionalMapping(section, "congestion", TopologyYamlKeys.Congestion, diagnostics) is not { } m) return null;
        var interval = m.TryGet("interval", out var e) ? PolicyValues.Time(e, MinInterval, MaxInterval, diagnostics) : CongestionPolicy.DefaultInterval;
        if (!m.Require("threshold", diagnostics, out e)) return null;
        var threshold = PolicyValues.Utilisation(e, diagnostics);
        return threshold is { } t && interval is { } i ? new CongestionPolicy(t, i) : null;
    }
}
