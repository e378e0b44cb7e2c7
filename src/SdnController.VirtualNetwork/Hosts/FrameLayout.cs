using SdnController.Southbound.Matching;
using System.Buffers.Binary;

namespace SdnController.VirtualNetwork.Hosts;

/// <summary>Offsets and field readers for the frames hosts exchange (Ethernet II, optional 802.1Q tags, IPv4).</summary>
internal static class FrameLayout
{
    public const int EthernetHeader = 14;
    public const int Ipv4Header = 20;
    public const int UdpHeader = 8;
    public const int TcpHeader = 20;
    public const int IcmpHeader = 8;
    /// <summary>Flow payload: 8-byte sequence number + 8-byte send time (ticks), both big-endian.</summary>
    public const int FlowPayloadHeader = 16;
    public const int MaxFrameBytes = 9018;

    /// <summary>Offset of the L3 header and its EtherType, skipping any 802.1Q tags; -1 if the frame is too short.</summary>
    public static int L3Offset(byte[] frame, out ushort etherType)
    {
        var offset = 12;
        etherType = 0;
        while (true)
        {
            if (frame.Length < offset + 2) return -1;
            etherType = BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(offset, 2));
            if (etherType != EtherTypes.Vlan) return offset + 2;
            offset += 4;
        }
    }

    public static uint ReadIpv4(byte[] frame, int offset) => BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(offset, 4));
    public static long ReadInt64(byte[] frame, int offset) => BinaryPrimitives.ReadInt64BigEndian(frame.AsSpan(offset, 8));
    public static void WriteInt64(byte[] frame, int offset, long value) => BinaryPrimitives.WriteInt64BigEndian(frame.AsSpan(offset, 8), value);

    public static int MinimumFrameBytes(Traffic.FlowProtocol protocol) => protocol switch
    {
        Traffic.FlowProtocol.Udp => EthernetHeader + Ipv4Header + UdpHeader + FlowPayloadHeader,
        Traffic.FlowProtocol.Tcp => EthernetHeader + Ipv4Header + TcpHeader + FlowPayloadHeader,
        _ => EthernetHeader + Ipv4Header + IcmpHeader + FlowPayloadHeader,
    };
}
