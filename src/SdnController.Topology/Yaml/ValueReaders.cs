using System.Globalization;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using SdnController.Topology.Building;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Model;

namespace SdnController.Topology.Yaml;

/// <summary>
/// Reads one value of a known key and reports, at the value (or at the key when the value is
/// empty), what was expected and what was found. Each returns null after reporting an error.
/// </summary>
internal static class ValueReaders
{
    private static string KeyOf(YEntry e) => ((YScalar)e.Key).Value;

    /// <summary>Index of the value among <paramref name="names"/> (case-insensitive), or -1 after an error with a hint.</summary>
    public static int Choice(YEntry e, IReadOnlyList<string> names, DiagnosticBag diagnostics)
    {
        var list = string.Join(" | ", names);
        var s = Scalar(e, list, diagnostics);
        if (s is null) return -1;
        var t = s.Value.Trim();
        for (var i = 0; i < names.Count; i++)
            if (string.Equals(names[i], t, StringComparison.OrdinalIgnoreCase)) return i;
        diagnostics.Error(s.Location, $"expected one of {list} for '{KeyOf(e)}', found {s.Describe()}{DidYouMean.Hint(t, names)}");
        return -1;
    }

    /// <summary>The value as a non-empty scalar, or an error "expected a scalar (…) for 'key', found a mapping".</summary>
    public static YScalar? Scalar(YEntry e, string what, DiagnosticBag diagnostics)
    {
        if (e.Value is YScalar { IsNull: false } s) return s;
        var at = e.Value is YScalar ? e.Key.Location : e.Value.Location;
        diagnostics.Error(at, $"expected a scalar ({what}) for '{KeyOf(e)}', found {e.Value.Describe()}");
        return null;
    }

    /// <summary><c>true</c> or <c>false</c> (YAML 1.1's yes/no/on/off are not taken: a typo would silently mean false).</summary>
    public static bool? Boolean(YEntry e, DiagnosticBag diagnostics)
    {
        var s = Scalar(e, "true or false", diagnostics);
        if (s is null) return null;
        var t = s.Value.Trim();
        if (string.Equals(t, "true", StringComparison.OrdinalIgnoreCase)) return true;
        if (string.Equals(t, "false", StringComparison.OrdinalIgnoreCase)) return false;
        diagnostics.Error(s.Location, $"expected true or false for '{KeyOf(e)}', found {s.Describe()}{DidYouMean.Hint(t, BooleanNames)}");
        return null;
    }

    private static readonly string[] BooleanNames = { "true", "false" };

    public static string? Text(YEntry e, string what, DiagnosticBag diagnostics) => Scalar(e, what, diagnostics)?.Value;

    /// <summary>A finite number within [min, max].</summary>
    public static double? Number(YEntry e, string what, double min, double max, DiagnosticBag diagnostics)
    {
        var s = Scalar(e, what, diagnostics);
        if (s is null) return null;
        if (!TryParseNumber(s.Value, out var v))
        {
            diagnostics.Error(s.Location, $"expected a number ({what}) for '{KeyOf(e)}', found {s.Describe()}");
            return null;
        }
        if (!double.IsFinite(v))
        {
            diagnostics.Error(s.Location, $"expected a finite number for '{KeyOf(e)}', found {s.Describe()}");
            return null;
        }
        if (v < min || v > max)
        {
            var range = double.IsPositiveInfinity(max) ? $"at least {Show(min)}" : $"between {Show(min)} and {Show(max)}";
            diagnostics.Error(s.Location, $"'{KeyOf(e)}' must be {range}, found {s.Describe()}");
            return null;
        }
        return v == 0 ? 0 : v;
    }

    public static double? Bandwidth(YEntry e, DiagnosticBag diagnostics) =>
        Quantity(e, "bandwidth such as 10Gbps", Units.TryParseBandwidth, diagnostics);

    public static double? Latency(YEntry e, DiagnosticBag diagnostics) =>
        Quantity(e, "latency such as 2ms", Units.TryParseLatency, diagnostics);

    private delegate bool QuantityParser(string text, out double value, out string? error);

    private static double? Quantity(YEntry e, string what, QuantityParser parse, DiagnosticBag diagnostics)
    {
        var s = Scalar(e, what, diagnostics);
        if (s is null) return null;
        if (parse(s.Value, out var value, out var error)) return value;
        diagnostics.Error(s.Location, error!);
        return null;
    }

    public static double? Loss(YEntry e, DiagnosticBag diagnostics) =>
        Quantity(e, "packet loss such as 0.5%", Units.TryParseLoss, diagnostics);

    /// <summary>A per-direction queue capacity: a whole number of packets, at least 1.</summary>
    public static int? QueuePackets(YEntry e, DiagnosticBag diagnostics)
    {
        const string forms = "a whole number of packets, at least 1, such as 100";
        var s = Scalar(e, "queue size in packets such as 100", diagnostics);
        if (s is null) return null;
        var t = s.Value.Trim();
        // Digits only: "1e2" or "100.0" would be numbers, but a queue counts whole packets.
        var digits = t.StartsWith('+') ? t[1..] : t;
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            diagnostics.Error(s.Location, $"expected a queue size as {forms}, found {s.Describe()}");
            return null;
        }
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
        {
            diagnostics.Error(s.Location, $"queue must be between 1 and {int.MaxValue} packets, found {s.Describe()}");
            return null;
        }
        return n;
    }

    public static double? Cost(YEntry e, DiagnosticBag diagnostics) =>
        Number(e, "link cost", 0, double.PositiveInfinity, diagnostics);

    /// <summary>An OpenFlow datapath id: decimal, 0x-hex, or eight ':'-separated hex octets.</summary>
    public static ulong? DatapathId(YEntry e, DiagnosticBag diagnostics)
    {
        var s = Scalar(e, "datapath id", diagnostics);
        if (s is null) return null;
        if (TryParseDatapathId(s.Value.Trim(), out var dpid)) return dpid;
        diagnostics.Error(s.Location,
            $"expected a datapath id (an integer up to 2^64-1, 0x-hex, or \"00:00:00:00:00:00:00:01\"), found {s.Describe()}");
        return null;
    }

    public static PhysicalAddress? Mac(YEntry e, DiagnosticBag diagnostics)
    {
        var s = Scalar(e, "MAC address", diagnostics);
        if (s is null) return null;
        var bytes = ParseMac(s.Value.Trim());
        if (bytes is null)
        {
            diagnostics.Error(s.Location, $"expected a MAC address of six hex octets such as \"00:00:00:00:00:01\" (':' or '-' separators), found {s.Describe()}");
            return null;
        }
        if ((bytes[0] & 1) != 0)
        {
            diagnostics.Error(s.Location, $"MAC {s.Describe()} is a multicast address; a host needs a unicast MAC (first octet even)");
            return null;
        }
        return new PhysicalAddress(bytes);
    }

    public static InterfaceAddress? Address(YEntry e, AddressFamily family, DiagnosticBag diagnostics)
    {
        var name = family == AddressFamily.InterNetwork ? "IPv4" : "IPv6";
        var s = Scalar(e, $"{name} address", diagnostics);
        if (s is null) return null;
        if (!InterfaceAddress.TryParse(s.Value.Trim(), out var address, out var error))
        {
            // The model's message allows either family; this key allows one, so say which.
            diagnostics.Error(s.Location, error!.Replace("an IPv4 or IPv6 address", $"an {name} address such as {(family == AddressFamily.InterNetwork ? "10.0.0.1/24" : "fd00::1/64")}"));
            return null;
        }
        if (address!.Address.AddressFamily != family)
        {
            diagnostics.Error(s.Location, $"expected an {name} address for '{KeyOf(e)}', found {(address.IsIPv4 ? "IPv4" : "IPv6")} address {s.Describe()}");
            return null;
        }
        return address;
    }

    /// <summary>A <c>switch[:port]</c> reference written as one scalar.</summary>
    public static PortSpec? Port(YNode node, string what, SourceLocation fallback, DiagnosticBag diagnostics)
    {
        if (node is not YScalar { IsNull: false } s)
        {
            diagnostics.Error(node is YScalar ? fallback : node.Location, $"expected a scalar 'switch' or 'switch:port' ({what}), found {node.Describe()}");
            return null;
        }
        var spec = PortSpec.Parse(s.Value, s.Location, out var error);
        if (spec is null) diagnostics.Error(s.Location, error!);
        return spec;
    }

    /// <summary>YAML 1.2 core-schema decimal number; ".inf"/".nan" parse (so they can be called not finite).</summary>
    public static bool TryParseNumber(string text, out double value)
    {
        var t = text.Trim();
        switch (t.TrimStart('+', '-').ToLowerInvariant())
        {
            case ".inf" or "inf" or "infinity":
                value = t.StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity;
                return true;
            case ".nan" or "nan":
                value = double.NaN;
                return true;
        }
        return Units.TryParseDecimal(t, out value);
    }

    public static bool TryParseDatapathId(string t, out ulong dpid)
    {
        dpid = 0;
        if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            return t.Length is > 2 and <= 18 && ulong.TryParse(t.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out dpid);
        if (t.Contains(':'))
        {
            var parts = t.Split(':');
            if (parts.Length != 8) return false;
            foreach (var part in parts)
            {
                if (part.Length != 2 || !byte.TryParse(part, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b)) return false;
                dpid = (dpid << 8) | b;
            }
            return true;
        }
        return t.Length > 0 && char.IsAsciiDigit(t[0]) && ulong.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out dpid);
    }

    /// <summary>Six two-digit hex octets separated by one kind of separator, ':' or '-'.</summary>
    public static byte[]? ParseMac(string t)
    {
        if (t.Length != 17) return null;
        var separator = t[2];
        if (separator is not (':' or '-')) return null;
        var bytes = new byte[6];
        for (var i = 0; i < 6; i++)
        {
            var at = i * 3;
            if (i > 0 && t[at - 1] != separator) return null;
            if (!byte.TryParse(t.AsSpan(at, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bytes[i])) return null;
        }
        return bytes;
    }

    private static string Show(double v) => v.ToString(CultureInfo.InvariantCulture);
}
