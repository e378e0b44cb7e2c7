using System.Globalization;

namespace SdnController.Topology.Rendering;

/// <summary>Short human-readable figures for labels: "10 Gb/s", "2.35 ms". Invariant culture, so output is the same everywhere.</summary>
public static class UnitText
{
    public static string Bandwidth(double bps)
    {
        if (!double.IsFinite(bps) || bps <= 0) return "? b/s";
        var units = new[] { "b/s", "kb/s", "Mb/s", "Gb/s", "Tb/s" };
        var u = 0;
        while (u < units.Length - 1 && bps >= 1000) { bps /= 1000; u++; }
        return Number(bps) + " " + units[u];
    }

    public static string Latency(double ms) =>
        ms is > 0 and < 0.01 ? Number(ms * 1000) + " µs" : Number(ms) + " ms";

    /// <summary>At most three significant digits before the point and two after, trailing zeros dropped.</summary>
    public static string Number(double v) => v.ToString(Math.Abs(v) >= 100 ? "0.#" : "0.##", CultureInfo.InvariantCulture);

    /// <summary>Coordinates in SVG/DOT: two decimals at most.</summary>
    internal static string Coord(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
