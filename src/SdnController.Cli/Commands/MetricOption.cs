using System.CommandLine;
using SdnController.Paths.Graph;

namespace SdnController.Cli.Commands;

/// <summary><c>--metric hop|latency|cost|bandwidth</c>, shared by the commands that compute paths.</summary>
public static class MetricOption
{
    private static readonly Dictionary<string, PathMetric> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["hop"] = PathMetric.Hop,
        ["latency"] = PathMetric.Latency,
        ["cost"] = PathMetric.Cost,
        ["bandwidth"] = PathMetric.InverseBandwidth,
    };

    public static Option<PathMetric> Create() => new("--metric")
    {
        Description = "Path metric: hop, latency (ms), cost, or bandwidth (100 Gbit/s ÷ link bandwidth, as OSPF)",
        DefaultValueFactory = _ => PathMetric.Hop,
        CustomParser = r =>
        {
            var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "hop";
            if (ByName.TryGetValue(text, out var m)) return m;
            r.AddError($"--metric: expected one of hop, latency, cost, bandwidth; found '{text}'");
            return PathMetric.Hop;
        },
    };

    public static string Name(PathMetric m) => ByName.First(kv => kv.Value == m).Key;

    public static string Unit(PathMetric m) => m == PathMetric.Latency ? "ms" : m == PathMetric.Hop ? "hops" : "";
}
