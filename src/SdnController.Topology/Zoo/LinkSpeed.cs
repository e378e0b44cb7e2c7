using System.Globalization;

namespace SdnController.Topology.Zoo;

/// <summary>
/// Reads the Zoo's link speed pair, e.g. <c>LinkSpeed "2.5"</c> with <c>LinkSpeedUnits "G"</c>, into bits per second.
/// </summary>
public static class LinkSpeed
{
    /// <summary>Returns false with a reason when the pair does not make a positive speed.</summary>
    public static bool TryParse(string speed, string? units, out double bitsPerSecond, out string? problem)
    {
        bitsPerSecond = 0;
        problem = null;
        if (!double.TryParse(speed.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ||
            !double.IsFinite(value) || value <= 0)
        {
            problem = $"LinkSpeed '{speed}' is not a positive number";
            return false;
        }
        if (units is null)
        {
            problem = $"LinkSpeed '{speed}' has no LinkSpeedUnits";
            return false;
        }
        var scale = UnitScale(units);
        if (scale is null)
        {
            problem = $"LinkSpeedUnits '{units}' is not one of K, M, G, T";
            return false;
        }
        bitsPerSecond = value * scale.Value;
        return true;
    }

    /// <summary>The Zoo writes K, M or G; lowercase and a trailing "bps" or "b/s" are accepted as well.</summary>
    private static double? UnitScale(string units)
    {
        var u = units.Trim();
        if (u.EndsWith("bps", StringComparison.OrdinalIgnoreCase)) u = u[..^3];
        else if (u.EndsWith("b/s", StringComparison.OrdinalIgnoreCase)) u = u[..^3];
        return u.ToUpperInvariant() switch
        {
            "" => 1,
            "K" => 1e3,
            "M" => 1e6,
            "G" => 1e9,
            "T" => 1e12,
            _ => null,
        };
    }
}
