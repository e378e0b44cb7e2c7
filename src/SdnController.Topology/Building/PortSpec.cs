using SdnController.Topology.Diagnostics;

namespace SdnController.Topology.Building;

/// <summary>A <c>switch[:port]</c> reference as written; <see cref="Port"/> null means "number it for me".</summary>
public sealed record PortSpec(string Node, int? Port, SourceLocation? Source = null)
{
    /// <summary>The largest port number a file may state.</summary>
    public const int MaxPort = int.MaxValue;

    /// <summary>Parses <c>s1</c> or <c>s1:3</c>. Returns an error text on failure.</summary>
    public static PortSpec? Parse(string text, SourceLocation? at, out string? error)
    {
        error = null;
        var t = text.Trim();
        if (t.Length == 0)
        {
            error = "expected 'switch' or 'switch:port', found an empty value";
            return null;
        }
        var colon = t.LastIndexOf(':');
        if (colon < 0) return new PortSpec(t, null, at);
        var node = t[..colon];
        var portText = t[(colon + 1)..];
        if (node.Length == 0)
        {
            error = $"expected 'switch:port', found '{text}' (no switch before ':')";
            return null;
        }
        // Ports are stored as int, so the limit is int's rather than OpenFlow's OFPP_MAX (4294967040).
        if (!int.TryParse(portText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port < 1)
        {
            error = $"expected a port number 1..{MaxPort} after ':', found '{portText}'";
            return null;
        }
        return new PortSpec(node, port, at);
    }
}
