using SdnController.Topology.Model;

namespace SdnController.Topology.Scenarios;

/// <summary>
/// The ids flows and events may name. When the topology itself failed to build there is nothing to
/// check against; <see cref="Unchecked"/> then lets the readers still report shape errors in the same
/// run while accepting every reference.
/// </summary>
internal sealed class TopologyRefs
{
    private readonly HashSet<string> _hosts;
    private readonly HashSet<string> _hostsWithIpv4;
    private readonly HashSet<string> _switches;
    private readonly HashSet<string> _nfv;
    private readonly Dictionary<string, Link> _linkById;

    private TopologyRefs(Model.Topology? topology)
    {
        Topology = topology;
        _hosts = new HashSet<string>(StringComparer.Ordinal);
        _hostsWithIpv4 = new HashSet<string>(StringComparer.Ordinal);
        _switches = new HashSet<string>(StringComparer.Ordinal);
        _nfv = new HashSet<string>(StringComparer.Ordinal);
        _linkById = new Dictionary<string, Link>(StringComparer.Ordinal);
        if (topology is null) return;
        foreach (var h in topology.Hosts)
        {
            _hosts.Add(h.Id);
            if (h.IPv4 is not null) _hostsWithIpv4.Add(h.Id);
        }
        foreach (var s in topology.Switches) _switches.Add(s.Id);
        foreach (var n in topology.Nfv) _nfv.Add(n.Id);
        foreach (var l in topology.Links) _linkById[l.Id] = l;
    }

    public static TopologyRefs From(Model.Topology topology) => new(topology ?? throw new ArgumentNullException(nameof(topology)));

    public static readonly TopologyRefs Unchecked = new(null);

    /// <summary>False when there is no topology to check references against.</summary>
    public bool IsChecked => Topology is not null;
    public Model.Topology? Topology { get; }

    public IEnumerable<string> HostIds => _hosts;
    public IEnumerable<string> SwitchIds => _switches;
    public IEnumerable<string> NfvIds => _nfv;
    public IEnumerable<string> LinkIds => _linkById.Keys;
    public int LinkCount => Topology?.Links.Count ?? 0;

    public bool IsHost(string id) => _hosts.Contains(id);
    /// <summary>Traffic and pings are IPv4: a host without an address can neither send nor answer.</summary>
    public bool HasIpv4(string id) => !IsChecked || _hostsWithIpv4.Contains(id);
    public bool IsSwitch(string id) => _switches.Contains(id);
    public bool IsNfv(string id) => _nfv.Contains(id);
    public bool IsLink(string id) => _linkById.ContainsKey(id);
}
