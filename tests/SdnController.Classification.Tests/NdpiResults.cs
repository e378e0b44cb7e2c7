using System.Net;
using System.Text.RegularExpressions;

namespace SdnController.Classification.Tests;

/// <summary>One flow of an ndpiReader result file: transport, both endpoints, nDPI's master protocol and how it decided.</summary>
public sealed record NdpiFlow(string Transport, string AddressA, int PortA, string AddressB, int PortB, string Master, string Confidence, string Line)
{
    public bool ByInspection => Confidence == "DPI";
}

/// <summary>
/// Parses nDPI's tests/cfgs/*/result/*.out: each flow line is
/// <c>TAB N TAB UDP a:p &lt;-&gt; b:q [...][proto: [GRE:|VXLAN:]Master.App/Name.App][...][Confidence: DPI]...</c>.
/// </summary>
public static partial class NdpiResults
{
    [GeneratedRegex(@"^\t\d+\t(?<t>[A-Za-z0-9_-]+) (?<a>\S+) (<->|->) (?<b>\S+) .*?\[proto: (?:[A-Z]+:)?[0-9.]+/(?<name>[^\]]+)\].*?\[Confidence: (?<c>[^\]]+)\]")]
    private static partial Regex FlowLine();

    public static List<NdpiFlow> Parse(string path)
    {
        var flows = new List<NdpiFlow>();
        foreach (var line in File.ReadLines(path))
        {
            var m = FlowLine().Match(line);
            if (!m.Success) continue;
            var (addressA, portA) = SplitEndpoint(m.Groups["a"].Value);
            var (addressB, portB) = SplitEndpoint(m.Groups["b"].Value);
            var name = m.Groups["name"].Value;
            var dot = name.IndexOf('.');
            var master = dot > 0 ? name[..dot] : name;
            flows.Add(new NdpiFlow(m.Groups["t"].Value.ToLowerInvariant(), addressA, portA, addressB, portB, master, m.Groups["c"].Value, line));
        }
        return flows;
    }

    /// <summary>"1.2.3.4:53" or "[2001:db8::1]:443" → normalised address text and port (addresses nDPI printed oddly stay as printed).</summary>
    private static (string Address, int Port) SplitEndpoint(string text)
    {
        var colon = text.LastIndexOf(':');
        var address = text[..colon].Trim('[', ']');
        var port = int.Parse(text[(colon + 1)..]);
        return (IPAddress.TryParse(address, out var ip) ? ip.ToString() : address, port);
    }
}
