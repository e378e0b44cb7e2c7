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
public sealed class Classifier
{
    private readonly Dictionary<FlowKey, Flow> _flows = new();
    private readonly List<Flow> _order = [];
    private readonly InspectionContext _context = new();

    public Classifier(ClassifierOptions? options = null) => Options = options ?? ClassifierOptions.Default;

    public ClassifierOptions Options { get; }
    public long Packets { get; private set; }
    public long Bytes { get; private set; }
    /// <summary>Frames that were not Ethernet/IP we could decode (truncated, unknown link type, ...).</summary>
    public long UndecodedFrames { get; private set; }
    /// <summary>Non-first IP fragments: no ports, so they belong to no flow.</summary>
    public long Fragments { get; private set; }
    /// <summary>Packets of new flows that arrived while the table held <see cref="ClassifierOptions.MaxFlows"/> flows.</summary>
    public long UntrackedPackets { get; private set; }
    public int FlowCount => _order.Count;
    /// <summary>Flows in the order their first packet was seen.</summary>
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
        var key = FlowKey.Of(packet);
        if (_order.Count >= Options.MaxFlows && !_flows.ContainsKey(key))
        {
            UntrackedPackets++;
            return null;
        }
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_flows, key, out var exists);
        if (!exists)
        {
            slot = new Flow(key, packet, timestampMicros);
            _order.Add(slot);
            OnNewFlow(slot);
        }
        var flow = slot!;
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
