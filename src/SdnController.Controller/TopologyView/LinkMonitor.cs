using SdnController.Controller.Messages;

namespace SdnController.Controller.TopologyView;

/// <summary>
/// Link states and the evidence behind them: which links are up, why a down link went down, when each
/// direction last carried an LLDP probe, and which switches are connected. Pure state (no actor, no clock),
/// so the topology actor stays a thin message layer over it.
/// </summary>
/// <remarks>
/// Direction 0 of a link is A→B (probes heard at B), direction 1 is B→A (heard at A). A link taken down by
/// port status comes back on port status; one taken down by a keepalive timeout or a switch disconnect comes
/// back once probes have crossed it again in both directions (probes also revive a port-status-down link,
/// since a probe that crosses a link is proof it works).
/// </remarks>
public sealed class LinkMonitor
{
    private readonly NetworkIndex _network;
    private readonly Topology.Model.Topology _topology;
    private readonly DetectionMethod?[] _downCause;   // null = up
    private readonly TimeSpan[] _lastSeen;             // [2 * link + direction]
    private readonly bool[] _seenSinceDown;            // [2 * link + direction]
    private readonly bool[] _connected;                // by switch index
    private readonly int[] _endA, _endB;               // switch index of each end
    private readonly TimeSpan[] _latency;              // one-way propagation of each link

    public LinkMonitor(NetworkIndex network)
    {
        _network = network;
        _topology = network.Topology;
        var links = _topology.Links;
        _downCause = new DetectionMethod?[links.Count];
        _lastSeen = new TimeSpan[links.Count * 2];
        _seenSinceDown = new bool[links.Count * 2];
        _connected = new bool[_topology.Switches.Count];
        _endA = new int[links.Count];
        _endB = new int[links.Count];
        _latency = new TimeSpan[links.Count];
        for (var i = 0; i < links.Count; i++)
        {
            _latency[i] = TimeSpan.FromMilliseconds(links[i].LatencyMs);
            _endA[i] = _topology.IndexOfSwitch(links[i].A.Node);
            _endB[i] = _topology.IndexOfSwitch(links[i].B.Node);
        }
    }

    public int LinkCount => _downCause.Length;
    public bool IsUp(int link) => _downCause[link] is null;
    public DetectionMethod? DownCause(int link) => _downCause[link];
    public bool IsConnected(string switchId) => _topology.IndexOfSwitch(switchId) is var s and >= 0 && _connected[s];

    /// <summary>The link goes down for this reason; false when it already was down.</summary>
    public bool SetDown(int link, DetectionMethod cause)
    {
        if (_downCause[link] is not null) return false;
        _downCause[link] = cause;
        _seenSinceDown[2 * link] = _seenSinceDown[2 * link + 1] = false;
        return true;
    }

    /// <summary>A port of the link reports carrier: up again if port status took it down and both switches are connected.</summary>
    public bool PortUp(int link, TimeSpan now) =>
        _downCause[link] == DetectionMethod.PortStatus && BothConnected(link) && SetUp(link, now);

    /// <summary>Probes are expected from now on: every direction of the switch's links starts its silence clock.</summary>
    public void SwitchConnected(string switchId, TimeSpan now)
    {
        var s = _topology.IndexOfSwitch(switchId);
        if (s < 0) return;
        _connected[s] = true;
        foreach (var link in _network.LinksOf(switchId))
            _lastSeen[2 * link] = _lastSeen[2 * link + 1] = now;
    }

    /// <summary>The switch is gone: its links that were up go down; returns them in link order.</summary>
    public List<int> SwitchDisconnected(string switchId)
    {
        var down = new List<int>();
        var s = _topology.IndexOfSwitch(switchId);
        if (s < 0) return down;
        _connected[s] = false;
        foreach (var link in _network.LinksOf(switchId))
            if (SetDown(link, DetectionMethod.SwitchDisconnect)) down.Add(link);
        return down;
    }

    /// <summary>After a restart of the topology actor: assume every switch connected and every probe just seen.</summary>
    public void AssumeAllConnected(TimeSpan now)
    {
        Array.Fill(_connected, true);
        Array.Fill(_lastSeen, now);
    }

    /// <summary>
    /// The direction a probe took over the link at (receiver, inPort), or -1 when the probe does not fit the
    /// topology (its sender is not the link's other end: miswiring or a foreign probe).
    /// </summary>
    public int DirectionOf(int link, string receiver, int inPort, string sender, int senderPort)
    {
        var l = _topology.Links[link];
        if (l.B.Node == receiver && l.B.Port == inPort && l.A.Node == sender && l.A.Port == senderPort) return 0;
        if (l.A.Node == receiver && l.A.Port == inPort && l.B.Node == sender && l.B.Port == senderPort) return 1;
        return -1;
    }

    /// <summary>A probe crossed the link in this direction; true when that brings the link back up.</summary>
    public bool ProbeSeen(int link, int direction, TimeSpan now)
    {
        var d = 2 * link + direction;
        _lastSeen[d] = now;
        if (_downCause[link] is null) return false;
        _seenSinceDown[d] = true;
        return _seenSinceDown[2 * link] && _seenSinceDown[2 * link + 1] && BothConnected(link) && SetUp(link, now);
    }

    /// <summary>
    /// Up links with a direction silent for longer than timeout plus the link's own latency (both switches
    /// connected) go down; returns them. The latency allowance keeps a slow but working link (a satellite
    /// hop, a long-haul fibre) from being declared dead before its probes can even arrive.
    /// </summary>
    public List<int> ExpireSilent(TimeSpan now, TimeSpan timeout)
    {
        List<int>? down = null;
        for (var link = 0; link < _downCause.Length; link++)
        {
            if (_downCause[link] is not null || !BothConnected(link)) continue;
            var allowed = timeout + _latency[link];
            if (now - _lastSeen[2 * link] > allowed || now - _lastSeen[2 * link + 1] > allowed)
            {
                SetDown(link, DetectionMethod.KeepaliveTimeout);
                (down ??= new List<int>()).Add(link);
            }
        }
        return down ?? [];
    }

    private bool BothConnected(int link) =>
        _endA[link] >= 0 && _endB[link] >= 0 && _connected[_endA[link]] && _connected[_endB[link]];

    private bool SetUp(int link, TimeSpan now)
    {
        _downCause[link] = null;
        // Fresh silence clocks, or the keepalive check would take the link straight down again.
        _lastSeen[2 * link] = _lastSeen[2 * link + 1] = now;
        return true;
    }
}
