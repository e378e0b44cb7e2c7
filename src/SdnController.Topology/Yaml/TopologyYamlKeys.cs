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
        "controller", "classes", "policy",
    };

    public static readonly IReadOnlyList<string> Defaults = new[] { "bandwidth", "latency", "cost", "loss", "queue" };
    public static readonly IReadOnlyList<string> Switch = new[] { "id", "dpid", "label", "location" };
    public static readonly IReadOnlyList<string> Location = new[] { "lat", "lon" };
    public static readonly IReadOnlyList<string> Host = new[] { "id", "mac", "ipv4", "ipv6", "attach", "real" };
    public static readonly IReadOnlyList<string> Link = new[] { "endpoints", "id", "bandwidth", "latency", "cost", "loss", "queue" };

    /// <summary>The <c>controller:</c> section and its sub-mappings.</summary>
    public static readonly IReadOnlyList<string> Controller = new[] { "routing", "metric", "protection", "ecmp", "detection", "congestion" };
    public static readonly IReadOnlyList<string> Detection = new[] { "interval", "multiplier", "hold_down", "bfd" };
    public static readonly IReadOnlyList<string> Congestion = new[] { "threshold", "interval" };
    /// <summary>One traffic class's policy under <c>classes:</c>.</summary>
    public static readonly IReadOnlyList<string> ClassPolicy = new[] { "metric", "protection", "ecmp" };
    /// <summary>One entry of <c>policy:</c>: what it matches and its one action.</summary>
    public static readonly IReadOnlyList<string> PolicyEntry = new[] { "class", "protocol", "metric", "chain", "block" };

    /// <summary>One network function under <c>nfv:</c>, by kind (<see cref="Model.Nfv.NfvKinds.Names"/>).</summary>
    public static readonly IReadOnlyList<string> Firewall = new[] { "kind", "attach", "standby", "default", "rules" };
    public static readonly IReadOnlyList<string> Nat = new[] { "kind", "attach", "standby", "snat", "dnat" };
    public static readonly IReadOnlyList<string> LoadBalancer = new[] { "kind", "attach", "standby", "vip", "proto", "backends" };
    public static readonly IReadOnlyList<string> RateLimiter = new[] { "kind", "attach", "standby", "rules" };
    public static readonly IReadOnlyList<string> Ids = new[] { "kind", "attach", "standby", "block", "block_for", "signatures" };
    /// <summary>Every key any function accepts, for an instance whose kind is missing or wrong.</summary>
    public static readonly IReadOnlyList<string> AnyNfv = new[]
    {
        "kind", "attach", "standby", "default", "rules", "snat", "dnat", "vip", "proto", "backends", "block", "block_for", "signatures",
    };
    public static readonly IReadOnlyList<string> FirewallRule = new[] { "action", "proto", "src", "dst", "sport", "dport" };
    public static readonly IReadOnlyList<string> Snat = new[] { "inside", "address", "ports", "timeout" };
    public static readonly IReadOnlyList<string> Dnat = new[] { "proto", "address", "port", "to" };
    public static readonly IReadOnlyList<string> RateLimitRule = new[] { "class", "per", "rate", "burst", "action", "dscp" };
    public static readonly IReadOnlyList<string> Signature = new[] { "id", "pattern", "hex", "nocase", "proto", "sport", "dport" };
    /// <summary>One entry of <c>chains:</c> and its <c>match:</c>.</summary>
    public static readonly IReadOnlyList<string> Chain = new[] { "id", "match", "through" };
    public static readonly IReadOnlyList<string> ChainMatch = new[] { "from", "to", "proto", "sport", "dport", "class" };

    /// <summary>The keys a function of the given kind accepts.</summary>
    public static IReadOnlyList<string> NfvKeys(Model.Nfv.NfvKind kind) => kind switch
    {
        Model.Nfv.NfvKind.Firewall => Firewall,
        Model.Nfv.NfvKind.Nat => Nat,
        Model.Nfv.NfvKind.LoadBalancer => LoadBalancer,
        Model.Nfv.NfvKind.RateLimiter => RateLimiter,
        _ => Ids,
    };

    /// <summary>One entry of <c>traffic:</c>.</summary>
    public static readonly IReadOnlyList<string> Flow = new[]
    {
        "id", "from", "to", "kind", "rate", "size", "start", "stop", "port", "source-port", "class", "payload",
    };
    public static readonly IReadOnlyList<string> Scenario = new[] { "name", "duration", "seed", "events" };
    /// <summary>The top level of a separate scenario file.</summary>
    public static readonly IReadOnlyList<string> ScenarioFile = new[] { "scenario", "traffic" };

    /// <summary>The action keys of a scenario event; each event has <c>at</c> and exactly one of these.</summary>
    public static readonly IReadOnlyList<string> EventActions = new[] { "link", "switch", "nfv", "flap", "random-link-failures", "expect", "controller" };
    public static readonly IReadOnlyList<string> LinkEvent = new[] { "at", "link", "state", "silent" };
    public static readonly IReadOnlyList<string> SwitchEvent = new[] { "at", "switch", "state" };
    public static readonly IReadOnlyList<string> NfvEvent = new[] { "at", "nfv", "state" };
    public static readonly IReadOnlyList<string> FlapEvent = new[] { "at", "flap", "period", "count" };
    public static readonly IReadOnlyList<string> RandomLinkFailuresEvent = new[] { "at", "random-link-failures", "seed", "restore-after" };
    public static readonly IReadOnlyList<string> ExpectEvent = new[] { "at", "expect" };
    public static readonly IReadOnlyList<string> ControllerEvent = new[] { "at", "controller" };

    /// <summary>The keys an event of the given action accepts.</summary>
    public static IReadOnlyList<string> EventKeys(string action) => action switch
    {
        "link" => LinkEvent,
        "switch" => SwitchEvent,
        "nfv" => NfvEvent,
        "flap" => FlapEvent,
        "random-link-failures" => RandomLinkFailuresEvent,
        "expect" => ExpectEvent,
        "controller" => ControllerEvent,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "not an event action"),
    };

    /// <summary>Every key any event accepts, for did-you-mean hints when the action itself is misspelt.</summary>
    public static readonly IReadOnlyList<string> AnyEvent = new[]
    {
        "at", "link", "switch", "nfv", "flap", "random-link-failures", "expect", "state", "silent", "period", "count", "seed", "restore-after", "controller",
    };
}
