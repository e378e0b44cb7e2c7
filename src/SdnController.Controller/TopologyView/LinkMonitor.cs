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
/// <para>With a hold-down (flap damping) a link that comes back is first <em>held</em>: working, watched by
/// the keepalive, but not yet reported up. It is released (reported up) once it has stayed up for the
/// hold-down; going down while held is no news to the flow manager (it never heard the link was back) and
/// restarts the wait when the link returns.</para>
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
    private readonly TimeSpan _holdDown;
    private readonly TimeSpan[] _heldSince;            // when a held link came back
    private readonly DetectionMethod?[] _heldBy;       // how a held link came back; null = not held

    public LinkMonitor(NetworkIndex network, TimeSpan holdDown = default)
    {
        if (holdDown < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(holdDown), holdDown, "hold-down must be 0 or more");
        _holdDown = holdDown;
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
        _heldSince = new TimeSpan[links.Count];
        _heldBy = new DetectionMethod?[links.Count];
        for (var i = 0; i < links.Count; i++)
        {
            _latency[i] = TimeSpan.FromMilliseconds(links[i].LatencyMs);
            _endA[i] = _topology.IndexOfSwitch(links[i].A.Node);
            _endB[i] = _topology.IndexOfSwitch(links[i].B.Node);
        }
    }

    public int LinkCount => _downCause.Length;
    public TimeSpan HoldDown => _holdDown;
    /// <summary>Up and reported up: routing may use it.</summary>
    public bool IsUp(int link) => _downCause[link] is null && _heldBy[link] is null;
    /// <summary>Working again but kept out of routing until it has stayed up for the hold-down.</summary>
    public bool IsHeld(int link) => _heldBy[link] is not null;
    public DetectionMethod? DownCause(int link) => _downCause[link];
    public bool IsConnected(string switchId) => _topology.IndexOfSwitch(switchId) is var s and >= 0 && _connected[s];

    /// <summary>
    /// The link goes down for this reason; true when that is news for routing (it was up), false when it
    /// already was down or was held (routing never took it back).
    /// </summary>
    public bool SetDown(int link, DetectionMethod cause)
    {
        if (_downCause[link] is not null) return false;
        _downCause[link] = cause;
        _seenSinceDown[2 * link] = _seenSinceDown[2 * link + 1] = false;
        var wasHeld = _heldBy[link] is not null;
        _heldBy[link] = null;
        return !wasHeld;
    }

    /// <summary>
    /// A port of the link reports carrier: back if port status took it down and both switches are connected.
    /// True when routing may use it at once; with a hold-down it is held instead (false).
    /// </summary>
    public bool PortUp(int link, TimeSpan now) =>
        _downCause[link] == DetectionMethod.PortStatus && BothConnected(link) && SetUp(link, now, DetectionMethod.PortStatus);

    /// <summary>Probes are expected from now on: every direction of the switch's links starts its silence clock.</summary>
    public void SwitchConnected(string switchId, TimeSpan now)
    {
        var s = _topology.IndexOfSwitch(switchId);
        if (s < 0) return;
        _connected[s] = true;
        foreach (var link in _network.LinksOf(switchId))
            _lastSeen[2 * link] = _lastSeen[2 * link + 1] = now;
    }

    /// <summary>The switch is gone: its links that were up go down; returns those routing used, in link order.</summary>
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

    /// <summary>A probe crossed the link in this direction; true when that brings the link back into routing at once (false when it is held).</summary>
    public bool ProbeSeen(int link, int direction, TimeSpan now)
    {
        var d = 2 * link + direction;
        _lastSeen[d] = now;
        if (_downCause[link] is null) return false;
        _seenSinceDown[d] = true;
        return _seenSinceDown[2 * link] && _seenSinceDown[2 * link + 1] && BothConnected(link) && SetUp(link, now, DetectionMethod.Keepalive);
    }

    /// <summary>
    /// Up (and held) links with a direction silent for longer than timeout plus the link's own latency (both
    /// switches connected) go down; returns those routing used. The latency allowance keeps a slow but working link (a satellite
    /// hop, a long-haul fibre) from being declared dead before its probes can even arrive.
    /// </summary>
    /// <param name="nextDeadline">The earliest moment a link still up would be declared down if no probe
    /// crosses it before (its last probe + timeout + latency), or null when no link is watched.</param>
    public List<int> ExpireSilent(TimeSpan now, TimeSpan timeout, out TimeSpan? nextDeadline)
    {
        List<int>? down = null;
        nextDeadline = null;
        for (var link = 0; link < _downCause.Length; link++)
        {
            if (_downCause[link] is not null || !BothConnected(link)) continue;
            var allowed = timeout + _latency[link];
            var oldest = _lastSeen[2 * link] < _lastSeen[2 * link + 1] ? _lastSeen[2 * link] : _lastSeen[2 * link + 1];
            if (now - oldest > allowed)
            {
                if (SetDown(link, DetectionMethod.KeepaliveTimeout)) (down ??= new List<int>()).Add(link);
                continue;
            }
            var deadline = oldest + allowed;
            if (nextDeadline is null || deadline < nextDeadline) nextDeadline = deadline;
        }
        return down ?? [];
    }

    private bool BothConnected(int link) =>
        _endA[link] >= 0 && _endB[link] >= 0 && _connected[_endA[link]] && _connected[_endB[link]];

    /// <summary>
    /// Held links that have stayed up for the hold-down by <paramref name="now"/> become usable; returns them in
    /// link order with how each came back.
    /// </summary>
    public List<(int Link, DetectionMethod Method)> ReleaseHeld(TimeSpan now)
    {
        List<(int, DetectionMethod)>? released = null;
        for (var link = 0; link < _heldBy.Length; link++)
        {
            if (_heldBy[link] is not { } method || now - _heldSince[link] < _holdDown) continue;
            _heldBy[link] = null;
            (released ??= new List<(int, DetectionMethod)>()).Add((link, method));
        }
        return released ?? [];
    }

    /// <summary>When the earliest held link is due for release, or null when none is held.</summary>
    public TimeSpan? NextRelease()
    {
        TimeSpan? next = null;
        for (var link = 0; link < _heldBy.Length; link++)
            if (_heldBy[link] is not null && (next is null || _heldSince[link] + _holdDown < next)) next = _heldSince[link] + _holdDown;
        return next;
    }

    /// <returns>True when routing may use the link at once; false when it is held for the hold-down.</returns>
    private bool SetUp(int link, TimeSpan now, DetectionMethod how)
    {
        _downCause[link] = null;
        // Fresh silence clocks, or the keepalive check would take the link straight down again.
        _lastSeen[2 * link] = _lastSeen[2 * link + 1] = now;
        if (_holdDown <= TimeSpan.Zero) return true;
        _heldBy[link] = how;
        _heldSince[link] = now;
        return false;
    }
}
