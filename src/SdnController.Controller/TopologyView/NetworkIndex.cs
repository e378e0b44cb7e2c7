using System.Buffers.Binary;
using System.Net.Sockets;
using SdnController.Southbound.Matching;
using SdnController.Topology.Model;
using SdnController.Topology.Model.Nfv;

namespace SdnController.Controller.TopologyView;

/// <summary>
/// Look-ups over the topology that the switch and topology actors need on every packet-in or probe:
/// dpid ↔ switch id, (switch, port) → link, the inter-switch ports of a switch, host IPv4 → MAC.
/// Built once per controller and shared read-only by all actors.
/// </summary>
public sealed class NetworkIndex
{
    private readonly Dictionary<ulong, string> _switchByDpid;
    // Link at (switch, port): per switch an array indexed by port number (-1 = none), since a dictionary keyed
    // by (switch id, port) costs 32 bytes and a string hash per port — 729,000 ports on a 10,000-switch fabric.
    private const int DensePortLimit = 1024;
    private readonly int[][] _linkByPort;
    private readonly Dictionary<PortRef, int>? _linkByFarPort;
    private readonly Dictionary<string, int[]> _linkPorts;
    private readonly Dictionary<string, int[]> _linksOfSwitch;
    private readonly Dictionary<uint, MacAddress> _hostMacByIpv4;

    private NetworkIndex(Topology.Model.Topology topology)
    {
        Topology = topology;
        _switchByDpid = new Dictionary<ulong, string>(topology.Switches.Count);
        foreach (var s in topology.Switches) _switchByDpid[s.DatapathId] = s.Id;

        var maxPort = new int[topology.Switches.Count];
        Array.Fill(maxPort, -1);
        foreach (var l in topology.Links)
            foreach (var end in (ReadOnlySpan<PortRef>)[l.A, l.B])
                if ((uint)end.Port < DensePortLimit)
                {
                    var s = topology.IndexOfSwitch(end.Node);
                    maxPort[s] = Math.Max(maxPort[s], end.Port);
                }
        _linkByPort = new int[maxPort.Length][];
        for (var s = 0; s < maxPort.Length; s++)
        {
            _linkByPort[s] = maxPort[s] < 0 ? [] : new int[maxPort[s] + 1];
            Array.Fill(_linkByPort[s], -1);
        }
        var ports = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var links = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < topology.Links.Count; i++)
        {
            var l = topology.Links[i];
            foreach (var end in (ReadOnlySpan<PortRef>)[l.A, l.B])
            {
                if ((uint)end.Port < DensePortLimit) _linkByPort[topology.IndexOfSwitch(end.Node)][end.Port] = i;
                else (_linkByFarPort ??= new Dictionary<PortRef, int>())[end] = i;
            }
            Add(ports, l.A.Node, l.A.Port);
            Add(ports, l.B.Node, l.B.Port);
            Add(links, l.A.Node, i);
            if (l.B.Node != l.A.Node) Add(links, l.B.Node, i);
        }
        _linkPorts = ports.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
        _linksOfSwitch = links.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);

        _hostMacByIpv4 = new Dictionary<uint, MacAddress>(topology.Hosts.Count);
        foreach (var h in topology.Hosts)
            if (h.IPv4 is { } ip && ip.Address.AddressFamily == AddressFamily.InterNetwork)
                _hostMacByIpv4[ToUInt32(ip.Address)] = MacAddress.FromBytes(h.Mac.GetAddressBytes());
        // Addresses a function answers for (a VIP, a NAT's public address): hosts resolve them to a MAC of the function's
        // own. Nothing forwards by it; the chain steers by IP headers, and its egress sets the receiving host's MAC.
        for (var i = 0; i < topology.Nfv.Count; i++)
        {
            var f = topology.Nfv[i];
            switch (f.Config)
            {
                case LoadBalancerConfig lb:
                    _hostMacByIpv4.TryAdd(lb.VipAddress, ServiceMac(i));
                    break;
                case NatConfig nat:
                    if (nat.Snat is { } snat) _hostMacByIpv4.TryAdd(snat.Address, ServiceMac(i));
                    foreach (var d in nat.Dnat) _hostMacByIpv4.TryAdd(d.Address, ServiceMac(i));
                    break;
            }
        }
    }

    /// <summary>The locally administered MAC proxy ARP answers for the service addresses of function <paramref name="index"/>.</summary>
    public static MacAddress ServiceMac(int index) => new(0x02_5E_F0_00_00_00UL | (uint)(index + 1));

    public static NetworkIndex Build(Topology.Model.Topology topology) => new(topology);

    public Topology.Model.Topology Topology { get; }

    public bool TryGetSwitchId(ulong dpid, out string switchId) => _switchByDpid.TryGetValue(dpid, out switchId!);

    /// <summary>Index in Topology.Links of the link plugged into (switch, port), or -1 (host port, unknown port).</summary>
    public int LinkAt(string switchId, int port)
    {
        var s = Topology.IndexOfSwitch(switchId);
        if (s < 0) return -1;
        var byPort = _linkByPort[s];
        if ((uint)port < (uint)byPort.Length) return byPort[port];
        return _linkByFarPort is not null && _linkByFarPort.TryGetValue(new PortRef(switchId, port), out var i) ? i : -1;
    }

    /// <summary>Ports of the switch that lead to a switch (where LLDP probes go), in link order.</summary>
    public ReadOnlySpan<int> LinkPorts(string switchId) => _linkPorts.TryGetValue(switchId, out var p) ? p : [];

    /// <summary>Indices of the links touching the switch.</summary>
    public ReadOnlySpan<int> LinksOf(string switchId) => _linksOfSwitch.TryGetValue(switchId, out var l) ? l : [];

    public bool TryGetHostMac(uint ipv4, out MacAddress mac) => _hostMacByIpv4.TryGetValue(ipv4, out mac);

    /// <summary>Host-order IPv4 (a.b.c.d = a&lt;&lt;24 | ...), as <see cref="Ipv4Prefix"/> and the ARP parser use.</summary>
    public static uint ToUInt32(System.Net.IPAddress address)
    {
        Span<byte> b = stackalloc byte[4];
        address.TryWriteBytes(b, out _);
        return BinaryPrimitives.ReadUInt32BigEndian(b);
    }

    private static void Add(Dictionary<string, List<int>> map, string key, int value)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = new List<int>(4);
        list.Add(value);
    }
}
