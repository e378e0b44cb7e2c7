using System.Net.Sockets;
using SdnController.Controller.Messages;
using SdnController.Controller.Protocols;
using SdnController.Controller.Collections;

namespace SdnController.Controller.Flows;

/// <summary>
/// Reactive routing's bookkeeping in the flow manager: which flow a packet-in opens, the first packets held
/// until that flow's rules are confirmed, and which flows it already created.
/// </summary>
/// <remarks>
/// <para>Flow granularity follows what reactive controllers install. TCP and UDP: one flow per direction
/// and 5-tuple (addresses, protocol, ports), as ONOS's reactive forwarding does with its IPv4/transport
/// matching on and Ryu's L3/L4 variants of simple_switch; the reply direction opens its own flow on its
/// own first packet. ICMP: one bidirectional flow per host pair (id <c>icmp:A-B</c>, the same flow
/// <see cref="EnsureConnectivity"/> creates), so an echo reply does not cost a second packet-in. Other IP
/// protocols: one flow per direction, host pair and protocol.</para>
/// <para>Packet-ins for a flow whose rules are being installed do not open another flow: their packets
/// join the held ones and are released with them. At most <see cref="MaxHeldPerFlow"/> packets per flow
/// and <see cref="ControllerOptions.MaxBufferedPackets"/> in all are held (a switch's packet buffer is
/// bounded too); more are dropped, and the sender's transport retries as it would after any loss.</para>
/// </remarks>
internal sealed class ReactiveSetup
{
    /// <summary>Packets held per flow awaiting its rules (a burst from one sender before the rules are in).</summary>
    public const int MaxHeldPerFlow = 32;

    private readonly Topology.Model.Topology _topology;
    private readonly int _maxHeld;
    private Dictionary<uint, int>? _hostsByIp;
    /// <summary>
    /// By flow key: an <see cref="Entry"/> while the flow is pending or being installed (or was installed with no
    /// flow record), then the flow's <see cref="FlowRecord"/> itself. Established flows are most of the map and
    /// live as long as the run; storing their record instead of the entry saves an object per flow.
    /// </summary>
    private readonly PartitionedDictionary<FlowKey, object> _flows = new();
    private List<Entry> _pending = new();
    private int _held;

    public ReactiveSetup(Topology.Model.Topology topology, int maxHeld)
    {
        _topology = topology;
        _maxHeld = maxHeld;
    }

    /// <summary>A reactive work item is queued (packet-ins since then join its batch).</summary>
    public bool WorkQueued { get; set; }
    public int PendingCount => _pending.Count;

    public long PacketIns { get; private set; }
    public long UnknownHosts { get; private set; }
    public long Dropped { get; private set; }

    /// <summary>What to do with a packet-in.</summary>
    public enum Outcome
    {
        /// <summary>Not ours to route (a host unknown to the topology, or a packet between a host and itself).</summary>
        Ignored,
        /// <summary>Held: the flow is new (now pending) or its rules are on the way.</summary>
        Held,
        /// <summary>Held buffer full: dropped.</summary>
        Dropped,
        /// <summary>The flow's rules are already confirmed (the packet was in flight before they were): release it now.</summary>
        Established,
    }

    /// <summary>
    /// Classifies a packet-in; <paramref name="packet"/> is the packet unless the outcome is Ignored (Held keeps
    /// it; Established leaves its release to the caller, with the flow in <paramref name="established"/>: its
    /// record, or null when it has none).
    /// </summary>
    public Outcome Accept(ReactivePacketIn m, int switchIndex, out FlowRecord? established, out HeldPacket packet)
    {
        PacketIns++;
        established = null;
        packet = default;
        var hosts = _hostsByIp ??= HostsByIp(_topology);
        if (!hosts.TryGetValue(m.Key.Source, out var src) || !hosts.TryGetValue(m.Key.Destination, out var dst) || src == dst)
        {
            UnknownHosts++;
            return Outcome.Ignored;
        }
        var key = FlowKey.Of(m.Key, src, dst);
        packet = new HeldPacket(switchIndex, m.InPort, m.Frame, src);
        ref var known = ref _flows.GetValueRefOrAddDefault(key, out var exists);
        if (known is FlowRecord flow)
        {
            established = flow;
            return Outcome.Established;
        }
        if (!exists)
        {
            var opened = new Entry(key, SpecOf(key));
            known = opened;
            _pending.Add(opened);
        }
        var entry = (Entry)known!;
        if (entry.Installed) return Outcome.Established;   // installed, yet no flow record could be made for it
        if (entry.HeldCount >= MaxHeldPerFlow || _held >= _maxHeld)
        {
            Dropped++;
            return Outcome.Dropped;
        }
        entry.Hold(packet);
        _held++;
        return Outcome.Held;
    }

    /// <summary>The flows opened since the last batch; they are now being installed (later packets join them).</summary>
    public List<Entry> TakePending()
    {
        var batch = _pending;
        _pending = new List<Entry>();
        return batch;
    }

    /// <summary>The flow's rules are confirmed: it is established, its held packets leave the buffer.</summary>
    public void Installed(Entry e)
    {
        e.Installed = true;
        _held -= e.HeldCount;
        e.ForgetHeld();
        // Later packets of the flow only need its record; without one (none could be made) the entry stays.
        if (e.Flow is { } flow) _flows[e.Key] = flow;
    }

    /// <summary>Held or late packets that could not be released (no path, or the packet-in switch is not on it).</summary>
    public void CountDropped(int packets) => Dropped += packets;

    /// <summary>The alternative id an existing flow for this spec may carry (ICMP connectivity flows are named either way round).</summary>
    public static string? ReversedId(FlowSpec spec) =>
        spec.IpProtocol == Ipv4FlowKey.Icmp && spec.Bidirectional ? $"icmp:{spec.DestinationHost}-{spec.SourceHost}" : null;

    private FlowSpec SpecOf(FlowKey k)
    {
        string a = _topology.Hosts[k.SrcHost].Id, b = _topology.Hosts[k.DstHost].Id;
        return k.Protocol switch
        {
            Ipv4FlowKey.Icmp => new FlowSpec($"icmp:{a}-{b}", a, b, Ipv4FlowKey.Icmp, 0, 0, Bidirectional: true),
            // Its id ("reactive:udp:h1:1024-h4:5000") is made only if something reads it.
            _ => FlowSpec.Reactive(a, b, k.Protocol, k.SourcePort, k.DestinationPort),
        };
    }

    private static Dictionary<uint, int> HostsByIp(Topology.Model.Topology topology)
    {
        var map = new Dictionary<uint, int>(topology.Hosts.Count);
        for (var i = 0; i < topology.Hosts.Count; i++)
        {
            if (topology.Hosts[i].IPv4 is not { } a || a.Address.AddressFamily != AddressFamily.InterNetwork) continue;
            var b = a.Address.GetAddressBytes();
            map.TryAdd(((uint)b[0] << 24) | ((uint)b[1] << 16) | ((uint)b[2] << 8) | b[3], i);
        }
        return map;
    }

    /// <summary>One reactive flow: its spec, and the packets held until its rules are confirmed.</summary>
    /// <remarks>Usually one packet is held, so it is kept in a field and only later ones take a list.</remarks>
    internal sealed class Entry(FlowKey key, FlowSpec spec)
    {
        public FlowKey Key { get; } = key;
        public FlowSpec Spec { get; } = spec;
        /// <summary>Host index of <see cref="FlowSpec.SourceHost"/>.</summary>
        public int SourceHost => Key.SrcHost;
        /// <summary>Host index of <see cref="FlowSpec.DestinationHost"/>.</summary>
        public int DestinationHost => Key.DstHost;
        /// <summary>The flow manager's record of the flow, once its batch started (saves finding it by id again).</summary>
        public FlowRecord? Flow;
        public bool Installed;
        public int HeldCount { get; private set; }
        /// <summary>The first held packet (when <see cref="HeldCount"/> &gt; 0).</summary>
        public HeldPacket First { get; private set; }
        /// <summary>Held packets after the first, in arrival order; null while there are none.</summary>
        public List<HeldPacket>? More { get; private set; }

        public void Hold(in HeldPacket packet)
        {
            if (HeldCount == 0) First = packet;
            else (More ??= new List<HeldPacket>()).Add(packet);
            HeldCount++;
        }

        public void ForgetHeld()
        {
            HeldCount = 0;
            First = default;
            More = null;
        }
    }

    /// <summary>A held first packet: where it arrived and which host sent it (its direction on a bidirectional flow).</summary>
    internal readonly record struct HeldPacket(int SwitchIndex, int InPort, ReadOnlyMemory<byte> Frame, int SourceHost);

    /// <summary>Flow identity by granularity (see the class remarks); ICMP is keyed by the unordered host pair.</summary>
    internal readonly record struct FlowKey(int SrcHost, int DstHost, byte Protocol, ushort SourcePort, ushort DestinationPort)
    {
        public static FlowKey Of(in Ipv4FlowKey k, int src, int dst) => k.Protocol switch
        {
            Ipv4FlowKey.Icmp => new FlowKey(Math.Min(src, dst), Math.Max(src, dst), k.Protocol, 0, 0),
            Ipv4FlowKey.Tcp or Ipv4FlowKey.Udp => new FlowKey(src, dst, k.Protocol, k.SourcePort, k.DestinationPort),
            _ => new FlowKey(src, dst, k.Protocol, 0, 0),
        };
    }
}
