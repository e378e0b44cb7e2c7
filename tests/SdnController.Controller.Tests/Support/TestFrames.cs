using System.Buffers.Binary;

namespace SdnController.Controller.Tests.Support;

/// <summary>Minimal Ethernet/IPv4 frames for packet-in tests (headers only as far as the parsers read them).</summary>
public static class TestFrames
{
    public static uint Ip(string dotted)
    {
        var b = System.Net.IPAddress.Parse(dotted).GetAddressBytes();
        return BinaryPrimitives.ReadUInt32BigEndian(b);
    }

    /// <summary>An untagged IPv4 frame with a 20-byte IP header and, for TCP/UDP, the two ports.</summary>
    public static byte[] Ipv4(string src, string dst, byte protocol, ushort sport = 0, ushort dport = 0, ushort fragment = 0)
    {
        var frame = new byte[60];
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), 0x0800);
        var ip = frame.AsSpan(14);
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[6..], fragment);
        ip[8] = 64;
        ip[9] = protocol;
        BinaryPrimitives.WriteUInt32BigEndian(ip[12..], Ip(src));
        BinaryPrimitives.WriteUInt32BigEndian(ip[16..], Ip(dst));
        BinaryPrimitives.WriteUInt16BigEndian(ip[20..], sport);
        BinaryPrimitives.WriteUInt16BigEndian(ip[22..], dport);
        return frame;
    }
}
