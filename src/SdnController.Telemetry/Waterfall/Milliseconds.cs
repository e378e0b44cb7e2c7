using System.Globalization;

namespace SdnController.Telemetry.Waterfall;

/// <summary>Milliseconds with as many decimals as their size deserves (four significant digits or so).</summary>
public static class Milliseconds
{
    public static string Format(double ms)
    {
        var a = Math.Abs(ms);
        var format = a < 10 ? "0.000" : a < 100 ? "0.00" : a < 10_000 ? "0.0" : "0";
        return ms.ToString(format, CultureInfo.InvariantCulture);
    }

    public static string WithUnit(double ms) => Math.Abs(ms) >= 10_000
        ? (ms / 1000).ToString("0.00", CultureInfo.InvariantCulture) + " s"
        : Format(ms) + " ms";
}
