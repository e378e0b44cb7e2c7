using System.Globalization;

namespace SdnController.Topology.Yaml;

/// <summary>
/// Bandwidth and latency as people write them ("10Gbps", "2ms", "500us"), for topology files and
/// command-line options alike.
/// </summary>
/// <remarks>
/// Parsing shifts the decimal exponent instead of multiplying, so "1.1Gbps" is exactly the double
/// nearest 1.1e9; that is what lets <see cref="FormatBandwidth"/> and <see cref="FormatLatency"/>
/// promise text that parses back to the same value.
/// </remarks>
public static class Units
{
    private readonly record struct Unit(string Name, int Exponent);

    // Bits per second: 10^exponent.
    private static readonly Unit[] BandwidthUnits =
    {
        new("bps", 0), new("kbps", 3), new("mbps", 6), new("gbps", 9), new("tbps", 12),
        new("bit/s", 0), new("kbit/s", 3), new("mbit/s", 6), new("gbit/s", 9), new("tbit/s", 12),
    };

    // Milliseconds: 10^exponent.
    private static readonly Unit[] LatencyUnits =
    {
        new("ns", -6), new("us", -3), new("\u00b5s", -3), new("\u03bcs", -3), new("ms", 0), new("s", 3),
    };

    private static readonly Unit[] NoUnits = Array.Empty<Unit>();

    // A fraction: "0.5%" is 0.5e-2.
    private static readonly Unit[] LossUnits = { new("%", -2) };

    // Largest first: formatting picks the biggest unit that keeps the number >= 1.
    private static readonly Unit[] BandwidthFormatUnits = { new("Tbps", 12), new("Gbps", 9), new("Mbps", 6), new("kbps", 3), new("bps", 0) };
    private static readonly Unit[] LatencyFormatUnits = { new("s", 3), new("ms", 0), new("us", -3), new("ns", -6) };

    public const string BandwidthUnitList = "bps, kbps, Mbps, Gbps, Tbps (or kbit/s, Mbit/s, Gbit/s, ...)";
    public const string LatencyUnitList = "ns, us, µs, ms, s";
    public const string LossForms = "a percentage such as '0.5%' or a fraction such as '0.005', at least 0 and below 100% (1)";

    /// <summary>
    /// "10Gbps", "100 Mbit/s", "1.5e3kbps"; units are case-insensitive; a bare number means Mbit/s,
    /// as Mininet's <c>bw</c>. Must be finite and greater than zero.
    /// </summary>
    public static bool TryParseBandwidth(string text, out double bps, out string? error)
    {
        bps = 0;
        if (!TryParseQuantity(text, BandwidthUnits, bareExponent: 6, out var value, out var unitFound))
        {
            error = unitFound
                ? $"expected a bandwidth such as '10Gbps' (units {BandwidthUnitList}; a bare number means Mbit/s), found '{text}'"
                : $"expected a bandwidth such as '10Gbps', found '{text}' (unknown unit; use {BandwidthUnitList})";
            return false;
        }
        if (!double.IsFinite(value))
        {
            error = $"expected a finite bandwidth, found '{text}'";
            return false;
        }
        if (value <= 0)
        {
            error = $"bandwidth must be greater than 0, found '{text}'";
            return false;
        }
        bps = value;
        error = null;
        return true;
    }

    /// <summary>"2ms", "500us", "0.1 s"; units are case-insensitive; a bare number means ms. Must be finite and at least 0.</summary>
    public static bool TryParseLatency(string text, out double ms, out string? error)
    {
        ms = 0;
        if (!TryParseQuantity(text, LatencyUnits, bareExponent: 0, out var value, out var unitFound))
        {
            error = unitFound
                ? $"expected a latency such as '2ms' (units {LatencyUnitList}; a bare number means ms), found '{text}'"
                : $"expected a latency such as '2ms', found '{text}' (unknown unit; use {LatencyUnitList})";
            return false;
        }
        if (!double.IsFinite(value))
        {
            error = $"expected a finite latency, found '{text}'";
            return false;
        }
        if (value < 0)
        {
            error = $"latency must be 0 or more, found '{text}'";
            return false;
        }
        ms = value == 0 ? 0 : value; // no "-0"
        error = null;
        return true;
    }

    /// <summary>
    /// Packet loss per traversal: "0.5%" or the fraction "0.005", both 0.005. The percentage shifts the
    /// exponent like the other units, so "0.5%" and "0.005" are the same double. Must be 0 ≤ loss &lt; 1:
    /// a link that loses every frame is a link that is down, which scenarios say with <c>state: down</c>.
    /// </summary>
    public static bool TryParseLoss(string text, out double fraction, out string? error)
    {
        fraction = 0;
        if (!TryParseQuantity(text, LossUnits, bareExponent: 0, out var value, out _) || !double.IsFinite(value))
        {
            error = $"expected a packet loss as {LossForms}, found '{text}'";
            return false;
        }
        if (value < 0 || value >= 1)
        {
            // Mininet's TCLink(loss=10) means 10%; here a bare 10 is a fraction, so point at the percent sign.
            var t = text.Trim();
            var hint = value >= 1 && value < 100 && !t.EndsWith('%') ? $" (did you mean '{t}%'?)" : "";
            error = $"loss must be at least 0 and below 100% (1); write {LossForms}, found '{text}'{hint}";
            return false;
        }
        fraction = value == 0 ? 0 : value;
        error = null;
        return true;
    }

    /// <summary>
    /// A loss as a percentage when that reads back exactly ("0.5%"), else as the plain fraction, which always does.
    /// </summary>
    /// <exception cref="ArgumentException">The value is NaN or infinite.</exception>
    public static string FormatLoss(double fraction)
    {
        var plain = FormatNumber(fraction); // rejects NaN and infinities
        if (fraction == 0) return "0";
        var percent = FormatNumber(fraction * 100) + "%";
        return TryParseQuantity(percent, LossUnits, 0, out var back, out _) && back == fraction ? percent : plain;
    }

    /// <summary>Shortest text in the largest fitting unit that parses back to exactly <paramref name="bps"/>, e.g. "10Gbps".</summary>
    /// <exception cref="ArgumentException">The value is NaN or infinite, which no file can state.</exception>
    public static string FormatBandwidth(double bps) => Format(bps, BandwidthFormatUnits, "bps", BandwidthUnits);

    /// <summary>Shortest text in the largest fitting unit that parses back to exactly <paramref name="ms"/>, e.g. "2.5ms", "500us".</summary>
    /// <exception cref="ArgumentException">The value is NaN or infinite, which no file can state.</exception>
    public static string FormatLatency(double ms) => Format(ms, LatencyFormatUnits, "ms", LatencyUnits);

    /// <summary>
    /// Shortest invariant-culture decimal that parses back to exactly <paramref name="value"/>, never
    /// in exponent form (1e-7 is "0.0000001"), so it reads the same to people and to every YAML parser.
    /// </summary>
    /// <exception cref="ArgumentException">The value is NaN or infinite.</exception>
    public static string FormatNumber(double value)
    {
        if (!double.IsFinite(value))
            throw new ArgumentException($"cannot write {value.ToString(CultureInfo.InvariantCulture)} into a topology file", nameof(value));
        if (value == 0) return "0"; // also for -0
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E');
        return e < 0 ? text : ExpandExponent(text[..e], int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
    }

    /// <summary>"-1.25" and exponent 3 give "-1250": moves the point in the text, so no digit is lost to arithmetic.</summary>
    private static string ExpandExponent(string mantissa, int exponent)
    {
        var sign = mantissa.StartsWith('-') ? "-" : "";
        var unsigned = mantissa.TrimStart('-');
        var dot = unsigned.IndexOf('.');
        var digits = dot < 0 ? unsigned : unsigned.Remove(dot, 1);
        var point = (dot < 0 ? unsigned.Length : dot) + exponent;
        string plain;
        if (point <= 0) plain = "0." + new string('0', -point) + digits;
        else if (point >= digits.Length) plain = digits + new string('0', point - digits.Length);
        else plain = digits[..point] + "." + digits[point..];
        return sign + plain;
    }

    private static string Format(double value, Unit[] units, string baseUnit, Unit[] parseUnits)
    {
        var plain = FormatNumber(value); // rejects NaN and infinities
        if (value == 0) return "0" + baseUnit;
        var magnitude = Math.Abs(value);
        foreach (var unit in units)
        {
            var scaled = unit.Exponent >= 0 ? magnitude / Math.Pow(10, unit.Exponent) : magnitude * Math.Pow(10, -unit.Exponent);
            if (scaled < 1 && unit.Exponent != units[^1].Exponent) continue;
            var text = (value < 0 ? "-" : "") + FormatNumber(scaled) + unit.Name;
            if (TryParseQuantity(text, parseUnits, 0, out var back, out _) && back == value) return text;
        }
        // Scaling can lose the last bit; the base unit with the exact number never does.
        return plain + baseUnit;
    }

    /// <summary>
    /// A plain decimal such as "1.5" or "-2e3", no unit: the one number syntax of topology files, so
    /// costs and coordinates read exactly as quantities do. ".inf" and the like are the caller's business.
    /// </summary>
    internal static bool TryParseDecimal(string text, out double value) => TryParseQuantity(text, NoUnits, 0, out value, out _);

    /// <summary>
    /// Number (optionally signed, with fraction and exponent), optional spaces, optional unit.
    /// <paramref name="unitFound"/> is false when the number was fine but the unit unknown.
    /// </summary>
    private static bool TryParseQuantity(string text, Unit[] units, int bareExponent, out double value, out bool unitFound)
    {
        value = 0;
        unitFound = true;
        var t = text.Trim();
        var i = 0;
        if (i < t.Length && t[i] is '+' or '-') i++;
        var digits = 0;
        while (i < t.Length && char.IsAsciiDigit(t[i])) { i++; digits++; }
        if (i < t.Length && t[i] == '.')
        {
            i++;
            while (i < t.Length && char.IsAsciiDigit(t[i])) { i++; digits++; }
        }
        if (digits == 0) return false;
        var mantissaEnd = i;
        var exponent = 0L;
        if (i < t.Length && t[i] is 'e' or 'E')
        {
            var j = i + 1;
            var negative = false;
            if (j < t.Length && t[j] is '+' or '-') negative = t[j++] == '-';
            var expDigits = 0;
            while (j < t.Length && char.IsAsciiDigit(t[j]))
            {
                // Cap so absurd exponents still become 0 or infinity instead of overflowing.
                if (exponent < 100000) exponent = exponent * 10 + (t[j] - '0');
                j++;
                expDigits++;
            }
            // "1e" followed by letters is a number then a unit starting with 'e' (none exist): reject below.
            if (expDigits > 0)
            {
                if (negative) exponent = -exponent;
                i = j;
            }
        }
        var unitText = t[i..].TrimStart();
        int shift;
        if (unitText.Length == 0)
        {
            shift = bareExponent;
        }
        else
        {
            var found = false;
            shift = 0;
            foreach (var unit in units)
            {
                if (string.Equals(unit.Name, unitText, StringComparison.OrdinalIgnoreCase))
                {
                    shift = unit.Exponent;
                    found = true;
                    break;
                }
            }
            if (!found)
            {
                unitFound = false;
                return false;
            }
        }
        var total = Math.Clamp(exponent + shift, -100000, 100000);
        var number = t[..mantissaEnd] + "E" + total.ToString(CultureInfo.InvariantCulture);
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
