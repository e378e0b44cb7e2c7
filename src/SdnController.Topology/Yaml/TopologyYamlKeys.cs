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
        "controller", "classes",
    };

    /// <summary>Top-level sections checked only for shape and kept for later releases.</summary>
    public static readonly IReadOnlyList<string> ReservedSequences = new[] { "nfv", "chains" };

    public static readonly IReadOnlyList<string> Defaults = new[] { "bandwidth", "latency", "cost", "loss", "queue" };
    public static readonly IReadOnlyList<string> Switch = new[] { "id", "dpid", "label", "location" };
    public static readonly IReadOnlyList<string> Location = new[] { "lat", "lon" };
    public static readonly IReadOnlyList<string> Host = new[] { "id", "mac", "ipv4", "ipv6", "attach" };
    public static readonly IReadOnlyList<string> Link = new[] { "endpoints", "id", "bandwidth", "latency", "cost", "loss", "queue" };

    /// <summary>The <c>controller:</c> section and its sub-mappings.</summary>
    public static readonly IReadOnlyList<string> Controller = new[] { "routing", "metric", "protection", "ecmp", "detection", "congestion" };
    public static readonly IReadOnlyList<string> Detection = new[] { "interval", "multiplier", "hold_down" };
    public static readonly IReadOnlyList<string> Congestion = new[] { "threshold", "interval" };
    /// <summary>One traffic class's policy under <c>classes:</c>.</summary>
    public static readonly IReadOnlyList<string> ClassPolicy = new[] { "metric", "protection", "ecmp" };

    /// <summary>One entry of <c>traffic:</c>.</summary>
    public static readonly IReadOnlyList<string> Flow = new[]
    {
        "id", "from", "to", "kind", "rate", "size", "start", "stop", "port", "source-port", "class",
    };
    public static readonly IReadOnlyList<string> Scenario = new[] { "name", "duration", "seed", "events" };
    /// <summary>The top level of a separate scenario file.</summary>
    public static readonly IReadOnlyList<string> ScenarioFile = new[] { "scenario", "traffic" };

    /// <summary>The action keys of a scenario event; each event has <c>at</c> and exactly one of these.</summary>
    public static readonly IReadOnlyList<string> EventActions = new[] { "link", "switch", "flap", "random-link-failures", "expect" };
    public static readonly IReadOnlyList<string> LinkEvent = new[] { "at", "link", "state", "silent" };
    public static readonly IReadOnlyList<string> SwitchEvent = new[] { "at", "switch", "state" };
    public static readonly IReadOnlyList<string> FlapEvent = new[] { "at", "flap", "period", "count" };
    public static readonly IReadOnlyList<string> RandomLinkFailuresEvent = new[] { "at", "random-link-failures", "seed", "restore-after" };
    public static readonly IReadOnlyList<string> ExpectEvent = new[] { "at", "expect" };

    /// <summary>The keys an event of the given action accepts.</summary>
    public static IReadOnlyList<string> EventKeys(string action) => action switch
    {
        "link" => LinkEvent,
        "switch" => SwitchEvent,
        "flap" => FlapEvent,
        "random-link-failures" => RandomLinkFailuresEvent,
        "expect" => ExpectEvent,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "not an event action"),
    };

    /// <summary>Every key any event accepts, for did-you-mean hints when the action itself is misspelt.</summary>
    public static readonly IReadOnlyList<string> AnyEvent = new[]
    {
        "at", "link", "switch", "flap", "random-link-failures", "expect", "state", "silent", "period", "count", "seed", "restore-after",
    };
}
