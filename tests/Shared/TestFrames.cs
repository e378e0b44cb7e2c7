using System.Buffers.Binary;
using System.Net;

namespace SdnController.Testing;

/// <summary>
/// Builds Ethernet/IP/TCP/UDP frames byte by byte for tests of packet decoding and classification (checksums are
/// left zero: nothing here verifies them).
/// </summary>
public static class TestFrames
{
    public static readonly byte[] MacA = [0x02, 0, 0, 0, 0, 0x0A];
    public static readonly byte[] MacB = [0x02, 0, 0, 0, 0, 0x0B];

    public static byte[] Ethernet(ushort etherType, byte[] payload, byte[]? src = null, byte[]? dst = null, params ushort[] vlans)
    {
        var frame = new List<byte>();
        frame.AddRange(dst ?? MacB);
        frame.AddRange(src ?? MacA);
        for (var i = 0; i < vlans.Length; i++)
        {
            frame.AddRange(U16(i == 0 && vlans.Length > 1 ? (ushort)0x88A8 : (ushort)0x8100));
            frame.AddRange(U16(vlans[i]));
        }
        frame.AddRange(U16(etherType));
        frame.AddRange(payload);
        return frame.ToArray();
    }

    public static byte[] Ipv4(string src, string dst, byte protocol, byte[] payload)
    {
        var header = new byte[20];
        header[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), (ushort)(20 + payload.Length));
        header[8] = 64;
        header[9] = protocol;
        IPAddress.Parse(src).GetAddressBytes().CopyTo(header, 12);
        IPAddress.Parse(dst).GetAddressBytes().CopyTo(header, 16);
        return [.. header, .. payload];
    }

    /// <summary>IPv6, optionally behind a hop-by-hop options header (to exercise the extension-header walk).</summary>
    public static byte[] Ipv6(string src, string dst, byte nextHeader, byte[] payload, bool hopByHop = false)
    {
        var extension = hopByHop ? new byte[] { nextHeader, 0, 1, 4, 0, 0, 0, 0 } : [];
        var header = new byte[40];
        header[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), (ushort)(extension.Length + payload.Length));
        header[6] = hopByHop ? (byte)0 : nextHeader;
        header[7] = 64;
        IPAddress.Parse(src).GetAddressBytes().CopyTo(header, 8);
        IPAddress.Parse(dst).GetAddressBytes().CopyTo(header, 24);
        return [.. header, .. extension, .. payload];
    }

    public static byte[] Udp(ushort sport, ushort dport, byte[] payload)
    {
        var header = new byte[8];
        BinaryPrimitives.WriteUInt16BigEndian(header, sport);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), dport);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), (ushort)(8 + payload.Length));
        return [.. header, .. payload];
    }

    public const byte Syn = 0x02, Ack = 0x10, Psh = 0x08, Rst = 0x04;

    public static byte[] Tcp(ushort sport, ushort dport, byte flags, byte[] payload)
    {
        var header = new byte[20];
        BinaryPrimitives.WriteUInt16BigEndian(header, sport);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), dport);
        header[12] = 5 << 4;
        header[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(14), 65535);
        return [.. header, .. payload];
    }

    /// <summary>An Ethernet + IPv4 + UDP frame.</summary>
    public static byte[] UdpFrame(string src, ushort sport, string dst, ushort dport, byte[] payload) =>
        Ethernet(0x0800, Ipv4(src, dst, 17, Udp(sport, dport, payload)));

    /// <summary>An Ethernet + IPv4 + TCP frame.</summary>
    public static byte[] TcpFrame(string src, ushort sport, string dst, ushort dport, byte flags, byte[] payload) =>
        Ethernet(0x0800, Ipv4(src, dst, 6, Tcp(sport, dport, flags, payload)));

    /// <summary>A DNS query for <paramref name="name"/> (type A), or its response with no answers when <paramref name="response"/>.</summary>
    public static byte[] DnsQuery(string name, ushort id = 0x1234, bool response = false)
    {
        var m = new List<byte>();
        m.AddRange(U16(id));
        m.AddRange(U16(response ? (ushort)0x8180 : (ushort)0x0100));
        m.AddRange(U16(1));
        m.AddRange(U16(0));
        m.AddRange(U16(0));
        m.AddRange(U16(0));
        foreach (var label in name.Split('.'))
        {
            m.Add((byte)label.Length);
            m.AddRange(System.Text.Encoding.ASCII.GetBytes(label));
        }
        m.Add(0);
        m.AddRange(U16(1));
        m.AddRange(U16(1));
        return m.ToArray();
    }

    public static byte[] U16(ushort v) => [(byte)(v >> 8), (byte)v];

    public static byte[] U32(uint v) => [(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v];

    public static byte[] Ascii(string text) => System.Text.Encoding.ASCII.GetBytes(text);
}
