using SdnController.VirtualNetwork;
using SdnController.VirtualNetwork.Packets;
using SdnController.VirtualNetwork.Traffic;

namespace SdnController.Scenarios.Benchmarks;

/// <summary>
/// Every delivered packet of every traffic flow with the path it took and that path's one-way propagation (both
/// host links plus each switch link crossed, the fastest of parallel links as a lower bound), so that a restore
/// can be measured per packet: the flow's path change record (<see cref="HostFlow.PathChanges"/>) only follows
/// in-order packets, and misses a detoured packet that a later packet on a shorter path overtook.
/// </summary>
/// <remarks>Subscribe before the run; a delivery costs one small struct and, on a known path, one span compare.</remarks>
internal sealed class DeliveryLog
{
    private readonly Dictionary<(int, int), double> _linkMs = new();
    private readonly double _hostLinkMs;
    private readonly SimulatedNetwork _network;
    // By flow index; the run adds its flows when it starts, so a flow's log is made at its first delivery.
    private readonly List<FlowLog?> _flows = new();

    public DeliveryLog(Topology.Model.Topology topology, SimulatedNetwork network)
    {
        foreach (var l in topology.Links)
        {
            int a = topology.IndexOfSwitch(l.A.Node), b = topology.IndexOfSwitch(l.B.Node);
            foreach (var key in new[] { (a, b), (b, a) })
                if (!_linkMs.TryGetValue(key, out var ms) || l.LatencyMs < ms) _linkMs[key] = l.LatencyMs;
        }
        _hostLinkMs = network.Options.HostLinkLatency.TotalMilliseconds;
        _network = network;
        network.PacketDelivered += (packet, flow) => Record(flow.Index, network.Loop.Now, packet);
    }

    private void Record(int flow, TimeSpan now, Packet packet)
    {
        if (flow < 0) return;
        while (_flows.Count <= flow) _flows.Add(null);
        var log = _flows[flow] ??= new FlowLog();
        log.Add(now.Ticks, log.PathOf(packet.Hops, this));
    }

    /// <summary>One-way propagation of a switch path (host links included).</summary>
    internal double TripMs(ReadOnlySpan<int> switches)
    {
        var ms = 2 * _hostLinkMs;
        for (var i = 1; i < switches.Length; i++)
            if (_linkMs.TryGetValue((switches[i - 1], switches[i]), out var l)) ms += l;
        return ms;
    }

    /// <summary>
    /// The flow's restore after a change at <paramref name="from"/> (loop time), looking at packets delivered before
    /// <paramref name="until"/>: those that did not take the path of the flow's last delivery before the change.
    /// Null when none did (or the flow delivered nothing before the change).
    /// </summary>
    public Restore? RestoreAfter(string flowId, TimeSpan from, TimeSpan until)
    {
        foreach (var f in _network.Flows)
            if (f.Id == flowId)
                return f.Index < _flows.Count && _flows[f.Index] is { } log ? log.RestoreAfter(from.Ticks, until.Ticks) : null;
        return null;
    }

    private sealed class FlowLog
    {
        private long[] _at = new long[256];
        private int[] _path = new int[256];
        private int _count;
        private readonly List<int[]> _paths = new();
        private readonly List<double> _tripMs = new();
        private int _last = -1;

        public void Add(long at, int path)
        {
            if (_count == _at.Length)
            {
                Array.Resize(ref _at, 2 * _count);
                Array.Resize(ref _path, 2 * _count);
            }
            _at[_count] = at;
            _path[_count++] = path;
        }

        /// <summary>Index of this switch path among the flow's (a flow takes few: its primary, detours, reroutes).</summary>
        public int PathOf(ReadOnlySpan<int> hops, DeliveryLog owner)
        {
            if (_last >= 0 && hops.SequenceEqual(_paths[_last])) return _last;
            for (var p = 0; p < _paths.Count; p++)
                if (hops.SequenceEqual(_paths[p])) return _last = p;
            _paths.Add(hops.ToArray());
            _tripMs.Add(owner.TripMs(hops));
            return _last = _paths.Count - 1;
        }

        public Restore? RestoreAfter(long from, long until)
        {
            // Deliveries are in time order: the first at or after the change, and the path just before it.
            int lo = 0, hi = _count;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (_at[mid] < from) lo = mid + 1;
                else hi = mid;
            }
            if (lo == 0) return null;
            var old = _path[lo - 1];
            Restore? result = null;
            for (var k = lo; k < _count && _at[k] < until; k++)
            {
                var p = _path[k];
                if (p == old) continue;
                var at = TimeSpan.FromTicks(_at[k]);
                var lessTrip = at - TimeSpan.FromMilliseconds(_tripMs[p]);
                result = result is { } r
                    ? r with { EarliestLessTrip = lessTrip < r.EarliestLessTrip ? lessTrip : r.EarliestLessTrip }
                    : new Restore(at, _tripMs[p], lessTrip);
            }
            return result;
        }
    }
}

/// <summary>
/// A flow's packets on another path after a change: the first one delivered (<paramref name="FirstAt"/>, loop time,
/// and its path's one-way trip) and, over all of them, the earliest delivery time less the packet's own one-way trip
/// (<paramref name="EarliestLessTrip"/>): roughly when the first packet to get through again was sent.
/// </summary>
internal readonly record struct Restore(TimeSpan FirstAt, double FirstTripMs, TimeSpan EarliestLessTrip);
