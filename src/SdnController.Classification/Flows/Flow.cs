using SdnController.Classification.Classes;
using SdnController.Classification.Decoding;
using SdnController.Classification.Detection;

namespace SdnController.Classification.Flows;

/// <summary>
/// One bidirectional conversation and what the classifier concluded about it. The client is the endpoint that sent
/// the first packet seen, unless that packet shows it came from the server (a SYN-ACK, or a packet from a service
/// port to a non-service port).
/// </summary>
public sealed class Flow
{
    public FlowKey Key { get; }
    public byte IpVersion { get; }
    /// <summary>IP protocol number, or the EtherType for non-IP flows.</summary>
    public ushort Transport { get; }
    public UInt128 ClientAddress { get; private set; }
    public ushort ClientPort { get; private set; }
    public UInt128 ServerAddress { get; private set; }
    public ushort ServerPort { get; private set; }
    public TunnelKind Tunnel { get; }
    public ushort VlanId { get; }

    public long FirstSeenMicros { get; }
    public long LastSeenMicros { get; internal set; }
    public long PacketsFromClient { get; internal set; }
    public long PacketsFromServer { get; internal set; }
    public long BytesFromClient { get; internal set; }
    public long BytesFromServer { get; internal set; }
    /// <summary>Packets that carried transport payload (a TCP flow of bare SYNs and RSTs has none).</summary>
    public long PayloadPackets { get; internal set; }

    /// <summary>The protocol found by inspection, or Unknown (the port guess is made when the flow is reported).</summary>
    public AppProtocol Protocol { get; internal set; }
    public DetectionMethod Method { get; internal set; }
    /// <summary>The name the flow is about: DNS query name, HTTP Host, TLS/QUIC SNI; null if none seen.</summary>
    public string? Host { get; internal set; }
    /// <summary>TLS ALPN protocols offered by the client, comma-separated; null if none.</summary>
    public string? Alpn { get; internal set; }

    /// <summary>
    /// The classifier dropped the flow from its table after it was idle for its timeout (see
    /// <see cref="ClassifierOptions.TcpIdleTimeout"/>); a later packet of the same 5-tuple starts a new flow.
    /// </summary>
    public bool Expired { get; internal set; }
    /// <summary>Capture time (µs) when the flow was expired: its last packet plus the timeout it ran out.</summary>
    public long ExpiredAtMicros { get; internal set; }

    /// <summary>TCP only: both sides sent a FIN, or either sent a RST, so the flow ends after the short close timeout.</summary>
    public bool Closed => (CloseFlags & CloseRst) != 0 || (CloseFlags & (CloseFinClient | CloseFinServer)) == (CloseFinClient | CloseFinServer);

    internal const byte CloseFinClient = 1, CloseFinServer = 2, CloseRst = 4;
    /// <summary>Which of FIN (per side) and RST the flow has seen: TCP teardown, read by <see cref="Closed"/>.</summary>
    internal byte CloseFlags;

    public long Packets => PacketsFromClient + PacketsFromServer;
    public long Bytes => BytesFromClient + BytesFromServer;

    internal DetectionState State;

    /// <summary>The QUIC CRYPTO stream being reassembled from client Initials until the SNI is read (QUIC flows only).</summary>
    internal CryptoStream? QuicHello;

    internal Flow(in FlowKey key, in DecodedPacket first, long timestampMicros)
    {
        Key = key;
        IpVersion = first.IpVersion;
        Transport = first.Kind == FrameKind.Ip ? first.Transport : first.EtherType;
        Tunnel = first.Tunnel;
        VlanId = first.VlanId;
        FirstSeenMicros = LastSeenMicros = timestampMicros;
        if (ServerSentFirst(first))
        {
            ClientAddress = first.Destination; ClientPort = first.DestinationPort;
            ServerAddress = first.Source; ServerPort = first.SourcePort;
        }
        else
        {
            ClientAddress = first.Source; ClientPort = first.SourcePort;
            ServerAddress = first.Destination; ServerPort = first.DestinationPort;
        }
    }

    /// <summary>
    /// Whether the capture's first packet of the flow came from the server: a SYN-ACK, or (when there was no SYN to
    /// go by) a packet from a service port to a port that is not one, like a DNS response seen before its query.
    /// </summary>
    private static bool ServerSentFirst(in DecodedPacket first)
    {
        if (first.Kind != FrameKind.Ip || first.Transport is not (6 or 17)) return false;
        if (first.Transport == 6 && (first.TcpFlags & DecodedPacket.FlagSyn) != 0)
            return (first.TcpFlags & DecodedPacket.FlagAck) != 0;
        return PortGuess.IsServicePort(first.Transport, first.SourcePort) && !PortGuess.IsServicePort(first.Transport, first.DestinationPort)
            && first.DestinationPort >= 1024;
    }

    /// <summary>True when the packet travels client → server.</summary>
    internal bool IsFromClient(in DecodedPacket p) => p.Source == ClientAddress && p.SourcePort == ClientPort;

    internal void Detected(AppProtocol protocol, DetectionMethod method = DetectionMethod.Inspection)
    {
        Protocol = protocol;
        Method = method;
    }
}
