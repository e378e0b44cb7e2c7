using System.Globalization;
using SdnController.Topology.Diagnostics;
using SdnController.Topology.Model.Nfv;
using SdnController.Topology.Scenarios;
using SdnController.Topology.Traffic;

namespace SdnController.Topology.Yaml;

/// <summary>
/// Values of the <c>nfv:</c> and <c>chains:</c> sections: protocols, IPv4 prefixes, ports and ranges,
/// <c>address:port</c> endpoints, rates and byte sizes. Each reports at the value and returns null on error.
/// </summary>
internal static class NfvValues
{
    public static TransportProtocol? Protocol(YEntry e, DiagnosticBag diagnostics, bool portsOnly = false)
    {
        var s = ValueReaders.Scalar(e, portsOnly ? "tcp or udp" : "tcp, udp, icmp or any", diagnostics);
        if (s is null) return null;
        var t = s.Value.Trim();
        if (!TransportProtocols.TryParse(t, out var p))
        {
            diagnostics.Error(s.Location, $"expected one of tcp | udp | icmp | any for '{KeyOf(e)}', found {s.Describe()}{DidYouMean.Hint(t, TransportProtocols.Names)}");
            return null;
        }
        if (portsOnly && !p.HasPorts())
        {
            diagnostics.Error(s.Location, $"'{KeyOf(e)}' must be tcp or udp here (the rule names ports), found {s.Describe()}");
            return null;
        }
        return p;
    }

    /// <summary>An IPv4 prefix or a bare address (a /32).</summary>
    public static Ipv4Cidr? Cidr(YEntry e, DiagnosticBag diagnostics)
    {
        var s = ValueReaders.Scalar(e, "IPv4 address or prefix", diagnostics);
        if (s is null) return null;
        if (Ipv4Cidr.TryParse(s.Value, out var cidr, out var error)) return cidr;
        diagnostics.Error(s.Location, $"{error} for '{KeyOf(e)}', found {s.Describe()}");
        return null;
    }

    /// <summary>One IPv4 address, no prefix.</summary>
    public static uint? Address(YEntry e, DiagnosticBag diagnostics)
    {
        var s = ValueReaders.Scalar(e, "IPv4 address", diagnostics);
        if (s is null) return null;
        if (Ipv4Cidr.TryParseAddress(s.Value, out var a)) return a;
        diagnostics.Error(s.Location, $"expected an IPv4 address such as 192.0.2.1 for '{KeyOf(e)}', found {s.Describe()}");
        return null;
    }

    /// <summary>A port or a range <c>a-b</c>; <paramref name="min"/> 1 where port 0 cannot be meant.</summary>
    public static PortRange? Ports(YEntry e, DiagnosticBag diagnostics, int min = 0)
    {
        var s = ValueReaders.Scalar(e, "port such as 80 or range such as 1024-65535", diagnostics);
        if (s is null) return null;
        if (!PortRange.TryParse(s.Value, out var range, out var error))
        {
            diagnostics.Error(s.Location, $"{error} for '{KeyOf(e)}', found {s.Describe()}");
            return null;
        }
        if (range.Low < min)
        {
            diagnostics.Error(s.Location, $"'{KeyOf(e)}' ports must be between {min} and 65535, found {s.Describe()}");
            return null;
        }
        return range;
    }

    /// <summary>One port, 1..65535.</summary>
    public static int? Port(YEntry e, DiagnosticBag diagnostics) =>
        SectionValues.Integer(e, "port 1..65535", 1, 65535, diagnostics);

    /// <summary><c>address:port</c>, or a bare address when <paramref name="portOptional"/> (port then null).</summary>
    public static bool TryParseEndpoint(string text, bool portOptional, out uint address, out int? port)
    {
        port = null;
        var t = text.Trim();
        var colon = t.LastIndexOf(':');
        if (colon < 0) return Ipv4Cidr.TryParseAddress(t, out address) && portOptional;
        if (!Ipv4Cidr.TryParseAddress(t[..colon], out address)) return false;
        if (!int.TryParse(t.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535) return false;
        port = p;
        return true;
    }

    public static (uint Address, int? Port)? Endpoint(YEntry e, bool portOptional, DiagnosticBag diagnostics)
    {
        var example = portOptional ? "10.0.1.5:80 or 10.0.1.5" : "10.0.9.1:80";
        var s = ValueReaders.Scalar(e, $"address:port such as {example}", diagnostics);
        if (s is null) return null;
        if (TryParseEndpoint(s.Value, portOptional, out var a, out var p)) return (a, p);
        diagnostics.Error(s.Location, $"expected an IPv4 address:port (port 1..65535) such as {example} for '{KeyOf(e)}', found {s.Describe()}");
        return null;
    }

    /// <summary>A rate in packets per second ("1000pps") or a bandwidth ("10Mbps").</summary>
    public static (double Rate, RateUnit Unit)? Rate(YEntry e, DiagnosticBag diagnostics)
    {
        var s = ValueReaders.Scalar(e, "rate such as 10Mbps or 1000pps", diagnostics);
        if (s is null) return null;
        if (!FlowRate.TryParse(s.Value, out var rate, out var error))
        {
            diagnostics.Error(s.Location, error!);
            return null;
        }
        if (!(rate.Value > 0) || !double.IsFinite(rate.Value))
        {
            diagnostics.Error(s.Location, $"'{KeyOf(e)}' must be greater than 0, found {s.Describe()}");
            return null;
        }
        return (rate.Value, rate.IsBitsPerSecond ? RateUnit.BitsPerSecond : RateUnit.PacketsPerSecond);
    }

    private static readonly (string Name, double Bytes)[] ByteUnits =
    {
        ("b", 1), ("bytes", 1), ("kb", 1e3), ("mb", 1e6), ("gb", 1e9), ("kib", 1024), ("mib", 1024 * 1024), ("gib", 1024 * 1024 * 1024),
    };

    /// <summary>A size in bytes ("64KB", "1500B", "1MiB"), or, when <paramref name="packets"/>, a whole number of packets.</summary>
    public static double? Burst(YEntry e, bool packets, DiagnosticBag diagnostics)
    {
        var what = packets ? "a whole number of packets such as 100 (the rate is in pps)" : "a size such as 64KB, 1500B or 1MiB";
        var s = ValueReaders.Scalar(e, what, diagnostics);
        if (s is null) return null;
        var t = s.Value.Trim();
        var end = 0;
        while (end < t.Length && (char.IsAsciiDigit(t[end]) || t[end] == '.')) end++;
        var unit = t[end..].Trim().ToLowerInvariant();
        double factor = -1;
        if (packets) factor = unit is "" or "p" or "packets" ? 1 : -1;
        else
            foreach (var (name, bytes) in ByteUnits)
                if (name == unit) factor = bytes;
        if (end == 0 || factor < 0 || !Units.TryParseDecimal(t[..end], out var number) || !double.IsFinite(number))
        {
            diagnostics.Error(s.Location, $"expected {what} for '{KeyOf(e)}', found {s.Describe()}");
            return null;
        }
        var value = number * factor;
        if (value < 1 || (packets && value != Math.Floor(value)))
        {
            diagnostics.Error(s.Location, $"'{KeyOf(e)}' must be at least 1 {(packets ? "whole packet" : "byte")}, found {s.Describe()}");
            return null;
        }
        return value;
    }

    /// <summary>Hex bytes: "deadbeef", "de ad be ef" or "de:ad:be:ef".</summary>
    public static byte[]? Hex(YEntry e, DiagnosticBag diagnostics)
    {
        var s = ValueReaders.Scalar(e, "hex bytes such as \"de ad be ef\"", diagnostics);
        if (s is null) return null;
        var digits = new System.Text.StringBuilder();
        foreach (var c in s.Value)
        {
            if (c is ' ' or ':' or '\t') continue;
            if (!char.IsAsciiHexDigit(c))
            {
                diagnostics.Error(s.Location, $"'{KeyOf(e)}' holds '{c}', which is not a hex digit; expected hex bytes such as \"de ad be ef\", found {s.Describe()}");
                return null;
            }
            digits.Append(c);
        }
        if (digits.Length == 0 || digits.Length % 2 != 0)
        {
            diagnostics.Error(s.Location, $"expected whole hex bytes (an even number of digits, at least two) for '{KeyOf(e)}', found {s.Describe()}");
            return null;
        }
        return Convert.FromHexString(digits.ToString());
    }

    /// <summary>A sequence value's items; an empty value is an empty list. Reports anything else.</summary>
    public static List<YNode>? Sequence(YEntry e, string example, DiagnosticBag diagnostics)
    {
        switch (e.Value)
        {
            case YScalar { IsNull: true }: return new List<YNode>();
            case YSequence seq: return seq.Items;
        }
        diagnostics.Error(e.Value.Location, $"expected a sequence (such as {example}) for '{KeyOf(e)}', found {e.Value.Describe()}");
        return null;
    }

    public static string KeyOf(YEntry e) => ((YScalar)e.Key).Value;
}
