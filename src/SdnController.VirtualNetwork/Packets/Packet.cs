namespace SdnController.VirtualNetwork.Packets;

/// <summary>
/// A frame in flight plus what the simulation measures about it. Only <see cref="Frame"/> is "on the wire";
/// the rest is the observer's record (which switches it crossed, when it was sent), never read by switches
/// to make forwarding decisions.
/// </summary>
public sealed class Packet
{
    /// <summary>
    /// Packets crossing more switches than this are dropped as looped. The IP TTL maximum: at 64 a loop-free
    /// 65-switch detour in the Topology Zoo's Kdl (754 switches) was dropped as a loop; no network we load has
    /// a simple path this long, and a real loop still ends after 255 hops.
    /// </summary>
    public const int HopLimit = 255;

    public Packet(long id, byte[] frame, TimeSpan sentAt)
    {
        Id = id;
        Frame = frame;
        SentAt = sentAt;
    }

    public long Id { get; }
    /// <summary>The exact Ethernet frame bytes (no FCS). Switch actions may rewrite it in place.</summary>
    public byte[] Frame { get; set; }
    public TimeSpan SentAt { get; }
    /// <summary>Index of the traffic flow that sent it in the network's flow list, or -1 (ARP, ping, LLDP...).</summary>
    public int FlowIndex
    {
        get => _flowIndex;
        init
        {
            _flowIndex = value;
            // Only traffic flows' packets keep the per-hop rule record: control traffic (LLDP probes by the
            // hundred thousand in a large fabric, ARP) would pay an array each for a record nobody reads.
            if (value >= 0) _rules ??= new HopRule[_hops.Length];
        }
    }
    private readonly int _flowIndex = -1;

    private int[] _hops = new int[8];
    // The rule met at each hop, parallel to _hops, for traffic flows' packets (see FlowIndex): one more array
    // per packet, made with it so a switch's Receive stays allocation-free, not one per hop.
    private HopRule[]? _rules;
    /// <summary>Number of switches crossed so far.</summary>
    public int HopCount { get; private set; }
    /// <summary>Switch indices (topology order) in the order crossed.</summary>
    public ReadOnlySpan<int> Hops => _hops.AsSpan(0, HopCount);

    /// <summary>
    /// The flow rule the packet met at each hop (parallel to <see cref="Hops"/>): which configuration of its flow
    /// handled it there. A hop where no rule matched (table miss, port down, hop limit, a controller packet-out)
    /// has <c>default</c> (cookie 0). Recorded for packets of traffic flows (<see cref="FlowIndex"/> ≥ 0);
    /// empty for others.
    /// </summary>
    public ReadOnlySpan<HopRule> HopRules => _rules is null ? default : _rules.AsSpan(0, HopCount);

    // Network functions crossed, in order; allocated at the first visit (most packets cross none).
    private FunctionVisit[]? _visits;
    private int _visitCount;

    /// <summary>
    /// The network functions the packet entered, in order, each with the number of switch hops crossed before it
    /// (so a visit sits between <c>Hops[AfterHops - 1]</c>, the switch that sent it there, and <c>Hops[AfterHops]</c>,
    /// the same switch taking it back). Recorded for every packet, dropped or not; empty when it crossed none.
    /// </summary>
    public ReadOnlySpan<FunctionVisit> FunctionVisits => _visits is null ? default : _visits.AsSpan(0, _visitCount);

    /// <summary>The packet entered network function <paramref name="function"/> (index in topology.Nfv) now.</summary>
    public void RecordFunction(int function)
    {
        if (_visits is null) _visits = new FunctionVisit[4];
        else if (_visitCount == _visits.Length) Array.Resize(ref _visits, _visits.Length * 2);
        _visits[_visitCount++] = new FunctionVisit(function, HopCount);
    }

    /// <summary>Does the packet keep <see cref="HopRules"/> (a traffic flow's packet)?</summary>
    public bool RecordsRules => _rules is not null;

    public void RecordHop(int switchIndex)
    {
        if (HopCount == _hops.Length)
        {
            Array.Resize(ref _hops, _hops.Length * 2);
            if (_rules is not null) Array.Resize(ref _rules, _hops.Length);
        }
        _hops[HopCount++] = switchIndex;
    }

    /// <summary>The rule the switch of the latest hop applied (cookie, and the configuration version the rule carries).</summary>
    public void RecordRule(ulong cookie, int version)
    {
        if (HopCount > 0 && _rules is not null) _rules[HopCount - 1] = new HopRule(cookie, version);
    }

    /// <summary>A copy for a second output (flood, group "all"): own frame bytes, same history.</summary>
    public Packet Copy()
    {
        var copy = new Packet(Id, (byte[])Frame.Clone(), SentAt) { FlowIndex = FlowIndex };
        copy._hops = (int[])_hops.Clone();
        copy._rules = (HopRule[]?)_rules?.Clone();
        copy.HopCount = HopCount;
        copy._visits = (FunctionVisit[]?)_visits?.Clone();
        copy._visitCount = _visitCount;
        return copy;
    }
}
