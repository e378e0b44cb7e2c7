namespace SdnController.Topology.Yaml;

/// <summary>
/// The keys each mapping of a topology file accepts. One list serves the loader's unknown-key
/// check, its did-you-mean hints, and the test that keeps <c>schemas/topology.schema.json</c> in step.
/// </summary>
public static class TopologyYamlKeys
{
    public static readonly IReadOnlyList<string> TopLevel = new[]
    {
        "name", "description", "defaults", "switches", "hosts", "links", "nfv", "chains", "traffic", "scenario",
    };

    /// <summary>Top-level sections checked only for shape and kept for later releases.</summary>
    public static readonly IReadOnlyList<string> ReservedSequences = new[] { "nfv", "chains", "traffic" };
    public const string ReservedMapping = "scenario";

    public static readonly IReadOnlyList<string> Defaults = new[] { "bandwidth", "latency", "cost" };
    public static readonly IReadOnlyList<string> Switch = new[] { "id", "dpid", "label", "location" };
    public static readonly IReadOnlyList<string> Location = new[] { "lat", "lon" };
    public static readonly IReadOnlyList<string> Host = new[] { "id", "mac", "ipv4", "ipv6", "attach" };
    public static readonly IReadOnlyList<string> Link = new[] { "endpoints", "id", "bandwidth", "latency", "cost" };
}
