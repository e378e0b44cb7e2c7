using SdnController.Topology.Yaml;

namespace SdnController.Topology.Traffic;

/// <summary>
/// A flow's <c>rate:</c>, either packets per second ("100pps") or a bandwidth ("10Mbps"); the
/// latter becomes packets per second only once the frame size is known.
/// </summary>
internal readonly record struct FlowRate(double Value, bool IsBitsPerSecond)
{
    public static readonly FlowRate Default = new(100, false);

    public double PacketsPerSecond(int frameBytes) => IsBitsPerSecond ? Value / (frameBytes * 8.0) : Value;

    /// <summary>On failure <paramref name="error"/> is a whole message ending in "found '<paramref name="text"/>'".</summary>
    public static bool TryParse(string text, out FlowRate rate, out string? error)
    {
        rate = Default;
        var t = text.Trim();
        if (t.EndsWith("pps", StringComparison.OrdinalIgnoreCase))
        {
            var number = t[..^3].TrimEnd();
            if (!ValueReaders.TryParseNumber(number, out var pps) || number.Length == 0)
            {
                error = $"expected a rate such as '100pps' or '10Mbps', found '{text}'";
                return false;
            }
            if (!double.IsFinite(pps) || pps <= 0)
            {
                error = $"rate must be a finite number greater than 0, found '{text}'";
                return false;
            }
            rate = new FlowRate(pps, false);
            error = null;
            return true;
        }
        if (ValueReaders.TryParseNumber(t, out _))
        {
            error = $"rate needs a unit: 'pps' or a bandwidth unit ({Units.BandwidthUnitList}), found '{text}'";
            return false;
        }
        if (!Units.TryParseBandwidth(t, out var bps, out var bandwidthError))
        {
            // The bandwidth parser's text names bandwidth units only; a rate also takes pps.
            error = bandwidthError!.Contains("unknown unit", StringComparison.Ordinal)
                ? $"expected a rate such as '100pps' or '10Mbps', found '{text}' (unknown unit; use pps or {Units.BandwidthUnitList})"
                : bandwidthError.Replace("bandwidth", "rate", StringComparison.Ordinal);
            return false;
        }
        rate = new FlowRate(bps, true);
        error = null;
        return true;
    }
}
