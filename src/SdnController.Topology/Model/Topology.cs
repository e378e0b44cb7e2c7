using SdnController.Topology.Model.Nfv;
using SdnController.Topology.Scenarios;
using SdnController.Topology.Traffic;

namespace SdnController.Topology.Model;

/// <summary>
/// A validated network: switches, hosts and links with every port number assigned. Immutable; built
/// by <see cref="Building.TopologyBuilder"/> from any input format.
/// </summary>
public sealed class Topology
{
    private readonly Dictionary<string, int> _switchIndex;
    private readonly Dictionary<string, int> _hostIndex;

    internal Topology(string name, IReadOnlyList<Switch> switches, IReadOnlyList<Host> hosts, IReadOnlyList<Link> links)
    {
        Name = name;
        Switches = switches;
        Hosts = hosts;
        Links = links;
        _switchIndex = new Dictionary<string, int>(switches.Count, StringComparer.Ordinal);
        for (var i = 0; i < switches.Count; i++) _switchIndex[switches[i].Id] = i;
        _hostIndex = new Dictionary<string, int>(hosts.Count, StringComparer.Ordinal);
        for (var i = 0; i < hosts.Count; i++) _hostIndex[hosts[i].Id] = i;
    }

    public string Name { get; }
    public string? Description { get; init; }
    /// <summary>The file it was loaded from, if any.</summary>
    public string? SourceFile { get; init; }
    public IReadOnlyList<Switch> Switches { get; }
    public IReadOnlyList<Host> Hosts { get; }
    public IReadOnlyList<Link> Links { get; }
    public LinkDefaults Defaults { get; init; } = LinkDefaults.Standard;
    /// <summary>The <c>nfv:</c> section: network functions in file order, attachments numbered; empty when none.</summary>
    public IReadOnlyList<NfvInstance> Nfv { get; init; } = Array.Empty<NfvInstance>();
    /// <summary>The <c>chains:</c> section: service chains in file order; empty when none.</summary>
    public IReadOnlyList<ServiceChain> Chains { get; init; } = Array.Empty<ServiceChain>();
    /// <summary>Declared flows, expanded to one source and one destination host each; empty when none.</summary>
    public IReadOnlyList<TrafficFlow> Traffic { get; init; } = Array.Empty<TrafficFlow>();
    /// <summary>Timed events to play against the network, or null.</summary>
    public Scenario? Scenario { get; init; }
    /// <summary>Graph-level attributes from the input (e.g. Zoo's Network, GeoExtent, Source) and attribution.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = Switch.EmptyAttributes;
    /// <summary>The <c>controller:</c> section: routing, metric, protection, failure detection, congestion.</summary>
    public ControllerPolicy Controller { get; init; } = ControllerPolicy.Default;
    /// <summary>The <c>classes:</c> section: traffic-class policies in file order; empty when none.</summary>
    public IReadOnlyList<ClassPolicy> Classes { get; init; } = Array.Empty<ClassPolicy>();
    /// <summary>The <c>policy:</c> section: what to do with flows the classifier labels, first match wins; empty when none.</summary>
    public IReadOnlyList<PolicyRule> Policy { get; init; } = Array.Empty<PolicyRule>();

    /// <summary>The policy of a traffic class, or null when the file states none.</summary>
    public ClassPolicy? FindClass(string name)
    {
        foreach (var c in Classes)
            if (string.Equals(c.Name, name, StringComparison.Ordinal)) return c;
        return null;
    }

    /// <summary>The same network under another name.</summary>
    public Topology Renamed(string name) => Copy(name, Traffic, Scenario, Controller, Classes);

    /// <summary>The same network with other controller and class policies.</summary>
    public Topology WithPolicies(ControllerPolicy controller, IReadOnlyList<ClassPolicy> classes)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(classes);
        return Copy(Name, Traffic, Scenario, controller, classes);
    }

    /// <summary>The same network with another <c>policy:</c> section.</summary>
    public Topology WithPolicy(IReadOnlyList<PolicyRule> policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return Copy(Name, Traffic, Scenario, Controller, Classes, policy);
    }

    /// <summary>
    /// The same network with other flows and scenario, e.g. from a separate scenario file
    /// (<see cref="Scenarios.ScenarioFileLoader"/>). They must refer to this topology's hosts, switches and links.
    /// </summary>
    public Topology WithTrafficAndScenario(IReadOnlyList<TrafficFlow> traffic, Scenario? scenario)
    {
        ArgumentNullException.ThrowIfNull(traffic);
        return Copy(Name, traffic, scenario, Controller, Classes);
    }

    private Topology Copy(string name, IReadOnlyList<TrafficFlow> traffic, Scenario? scenario, ControllerPolicy controller, IReadOnlyList<ClassPolicy> classes,
        IReadOnlyList<PolicyRule>? policy = null) =>
        new(name, Switches, Hosts, Links)
        {
            Description = Description,
            SourceFile = SourceFile,
            Defaults = Defaults,
            Nfv = Nfv,
            Chains = Chains,
            Attributes = Attributes,
            Traffic = traffic,
            Scenario = scenario,
            Controller = controller,
            Classes = classes,
            Policy = policy ?? Policy,
        };

    /// <summary>Index of a switch in <see cref="Switches"/>, or -1.</summary>
    public int IndexOfSwitch(string id) => _switchIndex.TryGetValue(id, out var i) ? i : -1;
    public int IndexOfHost(string id) => _hostIndex.TryGetValue(id, out var i) ? i : -1;
    public Switch? FindSwitch(string id) => _switchIndex.TryGetValue(id, out var i) ? Switches[i] : null;
    public Host? FindHost(string id) => _hostIndex.TryGetValue(id, out var i) ? Hosts[i] : null;

    /// <summary>The network function with that id, or null.</summary>
    public NfvInstance? FindNfv(string id)
    {
        foreach (var n in Nfv)
            if (string.Equals(n.Id, id, StringComparison.Ordinal)) return n;
        return null;
    }
}
