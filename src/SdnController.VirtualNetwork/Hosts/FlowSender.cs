using SdnController.Southbound.Matching;
using System.Buffers.Binary;
using SdnController.VirtualNetwork.Traffic;

namespace SdnController.VirtualNetwork.Hosts;

/// <summary>
/// The generator of one flow on its source host: packet n is stamped into a copy of the template frame at
/// exactly Start + n / rate (each time computed from n, so no drift) and handed to the host's ARP layer.
/// </summary>
internal sealed class FlowSender
{
    /// <summary>TCP initial sequence number; fixed so runs are reproducible.</summary>
    public const uint InitialSequence = 1;

    private static readonly Action<object> Tick = state => ((FlowSender)state).SendNext();

    private readonly VirtualHost _host;
    private readonly HostFlow _flow;
    private readonly uint _dstIp;
    private readonly byte[] _template;
    private readonly int _l3;
    private readonly int _l4;
    private readonly int _payload;
    private readonly int _payloadLength;
    /// <summary>Where the sequence number and send time go: after the payload prefix.</summary>
    private readonly int _stamp;
    private readonly bool _rtp;
    private long _next;

    public FlowSender(VirtualHost host, HostFlow flow, uint dstIp)
    {
        _host = host;
        _flow = flow;
        _dstIp = dstIp;
        var spec = flow.Spec;
        _template = FrameFactory.FlowTemplate(spec.Protocol, host.Mac, host.Ipv4Address, dstIp, spec.SourcePort, spec.DestinationPort,
            IcmpIdOf(flow.Index), spec.FrameBytes, flow.Prefix);
        _l3 = FrameLayout.EthernetHeader;
        _l4 = _l3 + FrameLayout.Ipv4Header;
        _payload = _l4 + spec.Protocol switch
        {
            FlowProtocol.Udp => FrameLayout.UdpHeader,
            FlowProtocol.Tcp => FrameLayout.TcpHeader,
            _ => FrameLayout.IcmpHeader,
        };
        _payloadLength = _template.Length - _payload;
        _stamp = _payload + flow.Prefix.Length;
        _rtp = spec.Payload == Topology.Traffic.TrafficPayload.Rtp;
    }

    /// <summary>ICMP identifier of a flow's echo requests; pings use the upper half of the range.</summary>
    public static ushort IcmpIdOf(int flowIndex) => (ushort)(flowIndex & 0x7FFF);

    public void Start()
    {
        if (IsBeforeStop(_flow.SentAtOf(0))) _host.Network.Loop.ScheduleAt(_flow.SentAtOf(0), Tick, this);
    }

    private bool IsBeforeStop(TimeSpan at) => _flow.Spec.Stop is not { } stop || at < stop;

    private void SendNext()
    {
        var seq = _next++;
        var now = _host.Network.Loop.Now;
        var frame = (byte[])_template.Clone();
        FrameLayout.WriteInt64(frame, _stamp, seq);
        FrameLayout.WriteInt64(frame, _stamp + 8, now.Ticks);
        if (_rtp)
        {
            // A live stream: the sequence number counts packets, the timestamp 160 samples (20 ms of PCMU) each.
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(_payload + PayloadBytes.RtpSequence, 2), (ushort)seq);
            BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(_payload + PayloadBytes.RtpTimestamp, 4), unchecked((uint)(seq * 160)));
        }
        switch (_flow.Spec.Protocol)
        {
            case FlowProtocol.Udp:
                InternetChecksum.UpdateTransport(frame, _l3, _l4, 6, IpProtocols.Udp);
                break;
            case FlowProtocol.Tcp:
                BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(_l4 + 4, 4), unchecked(InitialSequence + (uint)(seq * _payloadLength)));
                InternetChecksum.UpdateTransport(frame, _l3, _l4, 16, IpProtocols.Tcp);
                break;
            default:
                BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(_l4 + 6, 2), (ushort)seq);
                InternetChecksum.UpdateIcmp(frame, _l3, _l4);
                break;
        }
        _flow.OnSent();
        _host.Arp.Send(_host.Network.NewPacket(frame, _flow.Index), _dstIp);
        var at = _flow.SentAtOf(_next);
        if (IsBeforeStop(at)) _host.Network.Loop.ScheduleAt(at, Tick, this);
    }
}
