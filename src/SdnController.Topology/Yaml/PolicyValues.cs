using SdnController.Topology.Diagnostics;
using SdnController.Topology.Model;
using SdnController.Topology.Scenarios;

namespace SdnController.Topology.Yaml;

/// <summary>
/// Values of the <c>controller:</c> and <c>classes:</c> sections: named choices (with did-you-mean),
/// on/off switches, bounded times and utilisation thresholds. Each reports at the value and returns null on error.
/// </summary>
internal static class PolicyValues
{
    public static readonly IReadOnlyList<string> RoutingNames = new[] { "proactive", "reactive" };
    public static readonly IReadOnlyList<string> MetricNames = new[] { "hop", "latency", "cost", "headroom" };
    private static readonly string[] OnOffNames = { "on", "off" };

    public static RoutingMode? Routing(YEntry e, DiagnosticBag diagnostics) =>
        ValueReaders.Choice(e, RoutingNames, diagnostics) switch
        {
            0 => RoutingMode.Proactive,
            1 => RoutingMode.Reactive,
            _ => null,
        };

    public static RouteMetric? Metric(YEntry e, DiagnosticBag diagnostics) =>
        ValueReaders.Choice(e, MetricNames, diagnostics) switch
        {
            0 => RouteMetric.Hop,
            1 => RouteMetric.Latency,
            2 => RouteMetric.Cost,
            3 => RouteMetric.Headroom,
            _ => null,
        };

    /// <summary><c>on</c> or <c>off</c>; YAML's <c>true</c>/<c>false</c> are taken too, since some editors rewrite one as the other.</summary>
    public static bool? OnOff(YEntry e, DiagnosticBag diagnostics)
    {
        var s = ValueReaders.Scalar(e, "on or off", diagnostics);
        if (s is null) return null;
        switch (s.Value.Trim().ToLowerInvariant())
        {
            case "on" or "true": return true;
            case "off" or "false": return false;
        }
        diagnostics.Error(s.Location, $"expected on or off for '{SectionValues.KeyOf(e)}', found {s.Describe()}{DidYouMean.Hint(s.Value.Trim(), OnOffNames)}");
        return null;
    }

    /// <summary>A time within [min, max], with its unit (as scenario times).</summary>
    public static TimeSpan? Time(YEntry e, TimeSpan min, TimeSpan max, DiagnosticBag diagnostics)
    {
        var value = SectionValues.Duration(e, diagnostics);
        if (value is not { } v) return null;
        if (v >= min && v <= max) return v;
        var range = min == TimeSpan.Zero ? $"at most {Durations.Format(max)}" : $"between {Durations.Format(min)} and {Durations.Format(max)}";
        diagnostics.Error(e.Value.Location, $"'{SectionValues.KeyOf(e)}' must be {range}, found {e.Value.Describe()}");
        return null;
    }

    /// <summary>A link utilisation above 0 and at most 100%: a percentage ("80%") or a fraction (0.8).</summary>
    public static double? Utilisation(YEntry e, DiagnosticBag diagnostics)
    {
        const string forms = "a percentage such as '80%' or a fraction such as 0.8";
        var s = ValueReaders.Scalar(e, "link utilisation such as 80%", diagnostics);
        if (s is null) return null;
        var t = s.Value.Trim();
        var percent = t.EndsWith('%');
        var number = percent ? t[..^1].TrimEnd() : t;
        if (!Units.TryParseDecimal(number, out var value) || !double.IsFinite(value))
        {
            diagnostics.Error(s.Location, $"expected {forms} for '{SectionValues.KeyOf(e)}', found {s.Describe()}");
            return null;
        }
        var fraction = percent ? value / 100 : value;
        if (!(fraction > 0) || fraction > 1)
        {
            // A bare 80 reads as 8000%; point at the percent sign.
            var hint = !percent && value > 1 && value <= 100 ? $" (did you mean '{t}%'?)" : "";
            diagnostics.Error(s.Location, $"'{SectionValues.KeyOf(e)}' must be above 0 and at most 100% (1); write {forms}, found {s.Describe()}{hint}");
            return null;
        }
        return fraction;
    }

    public static string Name(RoutingMode mode) => RoutingNames[(int)mode];
    public static string Name(RouteMetric metric) => MetricNames[(int)metric];

}
