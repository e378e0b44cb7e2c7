using System.Globalization;

namespace SdnController.Topology.Writing;

/// <summary>
/// Formats numbers and quantities for topology files: invariant culture, no exponent, at most 15
/// significant digits (so 300 × 0.001 prints as 0.3, not 0.30000000000000004), bandwidth in the
/// largest unit that keeps the number ≥ 1 (<c>10Gbps</c>, <c>100Mbps</c>) and latency in ms
/// (<c>2ms</c>, <c>0.5ms</c>), dropping to ns only below a microsecond.
/// </summary>
public static class QuantityFormat
{
    private static readonly (double Scale, string Unit)[] BandwidthUnits =
    {
        (1e12, "Tbps"), (1e9, "Gbps"), (1e6, "Mbps"), (1e3, "kbps"),
    };

    public static string Number(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
            throw new ArgumentException($"cannot write {value.ToString(CultureInfo.InvariantCulture)} into a topology file");
        var rounded = double.Parse(value.ToString("G15", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        if (rounded == 0) return "0";
        var text = rounded.ToString("R", CultureInfo.InvariantCulture);
        if (!text.Contains('E')) return text;
        // Outside ~1e-5..1e15 .NET switches to exponent form, which a unit suffix would not parse.
        var abs = Math.Abs(rounded);
        if (abs < 1e-28 || abs > 7.9e28) return text;
        return ((decimal)rounded).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Bits per second as e.g. <c>10Gbps</c>, <c>2.5Gbps</c>, <c>100Mbps</c>, <c>64kbps</c>, <c>300bps</c>.</summary>
    public static string Bandwidth(double bitsPerSecond)
    {
        foreach (var (scale, unit) in BandwidthUnits)
            if (Math.Abs(bitsPerSecond) >= scale) return Number(bitsPerSecond / scale) + unit;
        return Number(bitsPerSecond) + "bps";
    }

    /// <summary>Milliseconds as e.g. <c>2ms</c>, <c>0.5ms</c>, <c>0.01ms</c>; below 1 µs in <c>ns</c>.</summary>
    public static string Latency(double milliseconds)
    {
        var abs = Math.Abs(milliseconds);
        if (abs == 0 || abs >= 1e-3) return Number(milliseconds) + "ms";
        return Number(milliseconds * 1e6) + "ns";
    }
}
