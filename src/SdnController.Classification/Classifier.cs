using System.Runtime.InteropServices;
using SdnController.Classification.Classes;
using SdnController.Classification.Decoding;
using SdnController.Classification.Detection;
using SdnController.Classification.Flows;
using SdnController.Classification.Reporting;

namespace SdnController.Classification;

/// <summary>
/// Classifies captured frames into bidirectional flows: decodes each frame (through VLAN, GRE, VXLAN, ... to the
/// innermost packet), finds or creates its flow, and inspects its payload until the protocol is known. Not thread
/// safe: one classifier per capture thread. Never throws on frame contents.
/// </summary>
/// <remarks>
/// Idle flows expire (<see cref="ClassifierOptions.ExpireIdleFlows"/>): a packet whose flow has been idle longer than its
/// timeout starts a new flow, checked exactly on lookup; flows that never send again are swept from the table at most once
/// per <see cref="ClassifierOptions.ExpirySweepInterval"/> of capture time and once per as many packets as the table holds
/// flows, so a packet costs one comparison plus, amortised, at most one flow checked.
/// </remarks>
public sealed class Classifier
{
    private static readonly Predicate<Flow> IsExpired = static f => f.Expired;

    private readonly Dictionary<FlowKey, Flow> _flows = new();
    private readonly List<Flow> _order = [];
    private readonly InspectionContext _context = new();
    private readonly bool _expire;
    private readonly long _tcpIdle, _tcpClosed, _udpIdle, _otherIdle, _sweepInterval;
    /// <summary>Reused by every sweep: expiring while enumerating the table would invalidate the enumerator.</summary>
    private readonly List<Flow> _sweepScratch = [];
    private long _nextSweepMicros = long.MinValue;
    private long _packetsSinceSweep;
    /// <summary>Expired flows still in <see cref="_order"/> when they are not retained; removed at the next sweep.</summary>
    private int _unretained;

    public Classifier(ClassifierOptions? options = null)
    {
        Options = options ?? ClassifierOptions.Default;
        _expire = Options.ExpireIdleFlows;
        _tcpIdle = Micros(Options.TcpIdleTimeout);
        _tcpClosed = Micros(Options.TcpClosedTimeout);
        _udpIdle = Micros(Options.UdpIdleTimeout);
        _otherIdle = Micros(Options.OtherIdleTimeout);
        _sweepInterval = Math.Max(1, Micros(Options.ExpirySweepInterval));
    }

    private static long Micros(TimeSpan t) => t.Ticks / TimeSpan.TicksPerMicrosecond;

    /// <summary>
    /// A flow left the table after its idle timeout (raised from <see cref="Process"/> or <see cref="ExpireIdle"/>). Handlers
    /// must not call back into the classifier.
    /// </summary>
    public event Action<Flow>? FlowExpired;

    /// <summary>Flows expired so far.</summary>
    public long ExpiredFlows { get; private set; }
    /// <summary>Flows in the table now (not expired).</summary>
    public int ActiveFlowCount => _flows.Count;

    public ClassifierOptions Options { get; }
    public long Packets { get; private set; }
    public long Bytes { get; private set; }
    /// <summary>Frames that were not Ethernet/IP we could decode (truncated, unknown link type, ...).</summary>
    public long UndecodedFrames { get; private set; }
    /// <summary>Non-first IP fragments: no ports, so they belong to no flow.</summary>
    public long Fragments { get; private set; }
    /// <summary>Packets of new flows that arrived while the table held <see cref="ClassifierOptions.MaxFlows"/> active flows.</summary>
    public long UntrackedPackets { get; private set; }
    public int FlowCount => _order.Count;
    /// <summary>Flows in the order their first packet was seen, expired ones included (unless not retained).</summary>
    public IReadOnlyList<Flow> Flows => _order;

    /// <summary>
    /// Classifies one frame. <paramref name="wireLength"/> is the frame's length on the wire (pcap's orig_len),
    /// counted as the flow's bytes; the captured bytes may be fewer (snap length).
    /// </summary>
    public Flow? Process(ReadOnlySpan<byte> frame, LinkType link, long timestampMicros, int wireLength = -1)
    {
        var length = wireLength >= frame.Length ? wireLength : frame.Length;
        Packets++;
        Bytes += length;
        if (!FrameDecoder.TryDecode(frame, link, out var packet))
        {
            UndecodedFrames++;
            return null;
        }
        if (packet.NonFirstFragment)
        {
            Fragments++;
            return null;
        }
        // A sweep walks the whole table, so it waits for as many packets as there are flows as well as for the interval:
        // at most one flow checked per packet, however sparse the capture (a 25-minute SIP trace has few packets a second).
        if (_expire && ++_packetsSinceSweep >= _flows.Count && timestampMicros >= _nextSweepMicros) Sweep(timestampMicros);
        var key = FlowKey.Of(packet);
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_flows, key, out var exists);
        Flow? ended = null;
        if (exists && _expire && timestampMicros - slot!.LastSeenMicros > TimeoutOf(slot))
        {
            // The 5-tuple is back after its flow timed out: a new flow, classified afresh, in the old one's slot.
            ended = slot;
            exists = false;
        }
        else if (!exists && _flows.Count > Options.MaxFlows)
        {
            _flows.Remove(key);
            UntrackedPackets++;
            return null;
        }
        if (!exists)
        {
            slot = new Flow(key, packet, timestampMicros);
            _order.Add(slot);
            OnNewFlow(slot);
        }
        var flow = slot!;
        if (ended is not null) MarkExpired(ended);
        if (packet.Transport == 6 && packet.Kind == FrameKind.Ip && (packet.TcpFlags & (DecodedPacket.FlagFin | DecodedPacket.FlagRst)) != 0)
            NoteTeardown(flow, packet);
        var fromClient = flow.IsFromClient(packet);
        if (timestampMicros > flow.LastSeenMicros) flow.LastSeenMicros = timestampMicros;
        if (fromClient)
        {
            flow.PacketsFromClient++;
            flow.BytesFromClient += length;
        }
        else
        {
            flow.PacketsFromServer++;
            flow.BytesFromServer += length;
        }
        if (!packet.Payload.IsEmpty) flow.PayloadPackets++;
        if (!flow.State.Done) PayloadInspector.Inspect(flow, packet, fromClient, _context);
        return flow;
    }

    private static void NoteTeardown(Flow flow, in DecodedPacket packet)
    {
        if ((packet.TcpFlags & DecodedPacket.FlagRst) != 0) flow.CloseFlags |= Flow.CloseRst;
        if ((packet.TcpFlags & DecodedPacket.FlagFin) != 0) flow.CloseFlags |= flow.IsFromClient(packet) ? Flow.CloseFinClient : Flow.CloseFinServer;
    }

    /// <summary>How long the flow may stay idle (µs): TCP open or closed, UDP, anything else.</summary>
    private long TimeoutOf(Flow flow) => flow.IpVersion == 0 ? _otherIdle : flow.Transport switch
    {
        6 => flow.Closed ? _tcpClosed : _tcpIdle,
        17 => _udpIdle,
        _ => _otherIdle,
    };

    /// <summary>
    /// Expires every flow idle longer than its timeout at capture time <paramref name="nowMicros"/> — for a live tap whose
    /// traffic may stop, so that expiry does not wait for the next packet. Does nothing when expiry is off.
    /// </summary>
    public void ExpireIdle(long nowMicros)
    {
        if (_expire) Sweep(nowMicros);
    }

    private void Sweep(long nowMicros)
    {
        _nextSweepMicros = nowMicros + _sweepInterval;
        _packetsSinceSweep = 0;
        foreach (var (_, flow) in _flows)
            if (nowMicros - flow.LastSeenMicros > TimeoutOf(flow)) _sweepScratch.Add(flow);
        if (_sweepScratch.Count > 0)
        {
            foreach (var flow in _sweepScratch)
            {
                _flows.Remove(flow.Key);
                MarkExpired(flow);
            }
            _sweepScratch.Clear();
        }
        if (_unretained > 0)
        {
            _order.RemoveAll(IsExpired);
            _unretained = 0;
        }
    }

    private void MarkExpired(Flow flow)
    {
        flow.Expired = true;
        flow.ExpiredAtMicros = flow.LastSeenMicros + TimeoutOf(flow);
        flow.QuicHello = null;   // reassembly buffers are the only sizeable state; the counts stay for the report
        ExpiredFlows++;
        if (!Options.RetainExpiredFlows) _unretained++;
        FlowExpired?.Invoke(flow);
    }

    private void OnNewFlow(Flow flow)
    {
        // A data connection an FTP control channel announced: FTP_DATA whatever it carries.
        if (flow.Transport == 6 && _context.IsExpectedFtpData(flow.ServerAddress, flow.ServerPort))
        {
            flow.Detected(AppProtocol.FTP_DATA);
            flow.State.Done = true;
        }
    }

    /// <summary>The protocol reported for a flow: the inspected one, else the port guess, else Unknown.</summary>
    public static (AppProtocol Protocol, DetectionMethod Method) FinalProtocol(Flow flow)
    {
        if (flow.Protocol != AppProtocol.Unknown) return (flow.Protocol, flow.Method);
        if (flow.IpVersion == 0 || !Endpoints.HasPorts(flow.Transport)) return (AppProtocol.Unknown, DetectionMethod.None);
        var guess = PortGuess.Guess((byte)flow.Transport, flow.ServerPort, flow.ClientPort);
        return guess == AppProtocol.Unknown ? (guess, DetectionMethod.None) : (guess, DetectionMethod.Port);
    }

    /// <summary>A snapshot of all flows with their final protocol and class, and totals. Allocates; not for the per-packet path.</summary>
    public ClassificationReport Report()
    {
        var suspicious = ScanDetector.SuspiciousFlows(_order, Options);
        var summaries = new List<FlowSummary>(_order.Count);
        var byProtocol = new Dictionary<string, (long Flows, long Packets, long Bytes)>();
        var byClass = new Dictionary<string, (long Flows, long Packets, long Bytes)>();
        foreach (var flow in _order)
        {
            var (protocol, method) = FinalProtocol(flow);
            var trafficClass = suspicious.Contains(flow) ? TrafficClass.Suspicious : TrafficClassifier.Of(flow, protocol, Options);
            summaries.Add(new FlowSummary(
                Endpoints.TransportName(flow.IpVersion, flow.Transport),
                Endpoints.Endpoint(flow.IpVersion, flow.Transport, flow.ClientAddress, flow.ClientPort),
                Endpoints.Endpoint(flow.IpVersion, flow.Transport, flow.ServerAddress, flow.ServerPort),
                protocol, ServiceNames.Of(flow.Host), flow.Host, flow.Alpn, method, trafficClass, flow.Packets, flow.Bytes, flow));
            Add(byProtocol, protocol.Name(), flow);
            Add(byClass, trafficClass.Name(), flow);
        }
        return new ClassificationReport(summaries, Totals(byProtocol), Totals(byClass), Packets, Bytes, UndecodedFrames, Fragments, UntrackedPackets);
    }

    private static void Add(Dictionary<string, (long Flows, long Packets, long Bytes)> totals, string name, Flow flow)
    {
        totals.TryGetValue(name, out var t);
        totals[name] = (t.Flows + 1, t.Packets + flow.Packets, t.Bytes + flow.Bytes);
    }

    private static List<Total> Totals(Dictionary<string, (long Flows, long Packets, long Bytes)> totals)
    {
        var list = new List<Total>(totals.Count);
        foreach (var (name, t) in totals) list.Add(new Total(name, t.Flows, t.Packets, t.Bytes));
        list.Sort((a, b) => b.Bytes != a.Bytes ? b.Bytes.CompareTo(a.Bytes) : string.CompareOrdinal(a.Name, b.Name));
        return list;
    }
}
