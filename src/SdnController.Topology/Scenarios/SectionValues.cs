using System.Globalization;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Yaml;

namespace SdnController.Topology.Scenarios;

/// <summary>
/// Value readers the traffic and scenario sections need beyond <see cref="ValueReaders"/>: times,
/// integers, booleans and sequences of mappings. Each reports at the value and returns null on error.
/// </summary>
internal static class SectionValues
{
    public static string KeyOf(YEntry e) => ((YScalar)e.Key).Value;

    public static TimeSpan? Duration(YEntry e, DiagnosticBag diagnostics)
    {
        var s = ValueReaders.Scalar(e, "time such as 2s", diagnostics);
        if (s is null) return null;
        if (Durations.TryParse(s.Value, out var value, out var error)) return value;
        diagnostics.Error(s.Location, error!.StartsWith("expected", StringComparison.Ordinal)
            ? $"{error} for '{KeyOf(e)}', found {s.Describe()}"
            : $"'{KeyOf(e)}' {error}, found {s.Describe()}");
        return null;
    }

    /// <summary>A time greater than zero (periods, restore delays, durations).</summary>
    public static TimeSpan? PositiveDuration(YEntry e, DiagnosticBag diagnostics)
    {
        var value = Duration(e, diagnostics);
        if (value is not { } v || v > TimeSpan.Zero) return value;
        diagnostics.Error(e.Value.Location, $"'{KeyOf(e)}' must be greater than 0, found {e.Value.Describe()}");
        return null;
    }

    /// <summary>A decimal integer within [min, max].</summary>
    public static int? Integer(YEntry e, string what, int min, int max, DiagnosticBag diagnostics)
    {
        var s = ValueReaders.Scalar(e, what, diagnostics);
        if (s is null) return null;
        var t = s.Value.Trim();
        if (!long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
        {
            // Distinguish "too big for any integer" from "not an integer" by its digits.
            var digitsOnly = t.TrimStart('+', '-').Length > 0 && t.TrimStart('+', '-').All(char.IsAsciiDigit);
            diagnostics.Error(s.Location, digitsOnly
                ? $"'{KeyOf(e)}' must be between {min} and {max}, found {s.Describe()}"
                : $"expected an integer ({what}) for '{KeyOf(e)}', found {s.Describe()}");
            return null;
        }
        if (v < min || v > max)
        {
            var range = max == int.MaxValue && min != int.MinValue ? $"at least {min}" : $"between {min} and {max}";
            diagnostics.Error(s.Location, $"'{KeyOf(e)}' must be {range}, found {s.Describe()}");
            return null;
        }
        return (int)v;
    }

    /// <summary>YAML 1.2 core-schema booleans only: true/false in lower, title or upper case.</summary>
    public static bool? Boolean(YEntry e, DiagnosticBag diagnostics)
    {
        var s = ValueReaders.Scalar(e, "true or false", diagnostics);
        if (s is null) return null;
        if (s.IsPlain)
        {
            switch (s.Value)
            {
                case "true" or "True" or "TRUE": return true;
                case "false" or "False" or "FALSE": return false;
            }
        }
        diagnostics.Error(s.Location, $"expected true or false for '{KeyOf(e)}', found {s.Describe()}");
        return null;
    }

    /// <summary>
    /// The items of a sequence-of-mappings value; an empty value means none. <paramref name="example"/>
    /// shows one item in messages, e.g. "{from: h1, to: h2}".
    /// </summary>
    public static List<YMapping> MappingItems(YEntry section, string itemWhat, string example, DiagnosticBag diagnostics)
    {
        var result = new List<YMapping>();
        var key = KeyOf(section);
        switch (section.Value)
        {
            case YScalar { IsNull: true }:
                return result;
            case YSequence seq:
                foreach (var item in seq.Items)
                {
                    if (item is YMapping m) result.Add(m);
                    else diagnostics.Error(item.Location, $"expected a mapping ({itemWhat} such as {example}) in '{key}', found {item.Describe()}");
                }
                return result;
            default:
                diagnostics.Error(section.Value.Location, $"expected a sequence of {itemWhat} mappings for '{key}' (items start with '- '; use [] for none), found {section.Value.Describe()}");
                return result;
        }
    }

    /// <summary>Flow ids and class labels: no spaces, ',' or quotes, so they stay one word in messages and commands.</summary>
    public static bool CheckLabel(YScalar s, string what, DiagnosticBag diagnostics)
    {
        foreach (var c in s.Value)
        {
            if (char.IsWhiteSpace(c) || c is ',' or '"' or '\'')
            {
                diagnostics.Error(s.Location, $"{what} '{s.Value}' contains '{c}'; it may not contain spaces, ',' or quotes");
                return false;
            }
        }
        return true;
    }
}
