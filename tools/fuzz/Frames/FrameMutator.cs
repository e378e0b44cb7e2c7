using System.Buffers.Binary;
using SdnController.Classification.Decoding;

namespace SdnController.Fuzz.Frames;

/// <summary>
/// Mutations in the style of tcpdump's and nDPI's malformed captures: truncated headers, bad IHL / total length /
/// TCP data offset / UDP length, bogus IP and TCP options, wrong checksums, fragments, VLAN/GRE/VXLAN nesting,
/// IPv6 extension header chains, zero and overlong lengths, plus plain byte flips. 1–3 per frame.
/// </summary>
public static class FrameMutator
{
    private static readonly LinkType[] Links = Enum.GetValues<LinkType>();
    private static readonly byte[] ExtensionHeaders = [0, 43, 44, 60, 51, 50, 135, 59];

    public static FuzzFrame Mutate(FrameSeed seed, Random rng)
    {
        var bytes = seed.Bytes;
        var link = seed.Link;
        var names = new List<string>(3);
        var n = 1 + rng.Next(3);
        for (var i = 0; i < n; i++)
        {
            var kind = rng.Next(16);
            names.Add(kind.ToString());
            bytes = kind switch
            {
                0 => Truncate(bytes, link, rng),
                1 => Flip(bytes, rng),
                2 => Ipv4Field(bytes, link, rng),
                3 => Ipv4Options(bytes, link, rng),
                4 => TcpField(bytes, link, rng),
                5 => TcpOptions(bytes, link, rng),
                6 => UdpField(bytes, link, rng),
                7 => Ipv6Chain(bytes, link, rng),
                8 => link == LinkType.Ethernet ? Vlan(bytes, rng) : bytes,
                9 => link == LinkType.Ethernet ? Gre(bytes, rng) : bytes,
                10 => link == LinkType.Ethernet ? Vxlan(bytes, rng) : bytes,
                11 => rng.Next(2) == 0 ? [] : bytes.AsSpan(0, Math.Min(bytes.Length, rng.Next(15))).ToArray(),
                12 => Overlong(bytes, rng),
                13 => Checksum(bytes, link, rng),
                14 => Ipv4Fragment(bytes, link, rng),
                _ => Flip(bytes, rng),
            };
        }
        if (rng.Next(40) == 0) link = Links[rng.Next(Links.Length)];
        var wire = rng.Next(10) switch { 0 => rng.Next(bytes.Length + 1), 1 => bytes.Length + rng.Next(100_000), 2 => int.MaxValue, 3 => -1, _ => bytes.Length };
        return new FuzzFrame(bytes, link, wire, string.Join('+', names));
    }

    /// <summary>Offset of the network header and its EtherType (4 = IPv4, 6 = IPv6 for raw links), or -1.</summary>
    private static int L3(byte[] f, LinkType link, out ushort type)
    {
        type = 0;
        switch (link)
        {
            case LinkType.Ethernet:
            {
                var at = 12;
                while (at + 2 <= f.Length)
                {
                    type = BinaryPrimitives.ReadUInt16BigEndian(f.AsSpan(at));
                    if (type is 0x8100 or 0x88A8 or 0x9100) at += 4;
                    else return at + 2;
                }
                return -1;
            }
            case LinkType.Raw or LinkType.RawLegacy or LinkType.Ipv4 or LinkType.Ipv6:
                if (f.Length == 0) return -1;
                type = (f[0] >> 4) == 6 ? (ushort)0x86DD : (ushort)0x0800;
                return 0;
            default:
                return -1;
        }
    }

    /// <summary>Offset of the IPv4 header and of its payload (by IHL), or -1.</summary>
    private static int Ipv4(byte[] f, LinkType link, out int l4, out byte proto)
    {
        l4 = -1;
        proto = 0;
        var at = L3(f, link, out var type);
        if (at < 0 || type != 0x0800 || at + 20 > f.Length) return -1;
        proto = f[at + 9];
        l4 = at + (f[at] & 15) * 4;
        return at;
    }

    private static byte[] Truncate(byte[] f, LinkType link, Random rng)
    {
        if (f.Length == 0) return f;
        // Cut inside a header half of the time: where parsers read fixed offsets.
        var ip = Ipv4(f, link, out var l4, out _);
        int cut = ip >= 0 && rng.Next(2) == 0 ? Math.Clamp((rng.Next(2) == 0 ? ip : l4) + rng.Next(24), 0, f.Length) : rng.Next(f.Length);
        return f.AsSpan(0, cut).ToArray();
    }

    private static byte[] Flip(byte[] f, Random rng)
    {
        if (f.Length == 0) return f;
        var c = (byte[])f.Clone();
        var flips = 1 + rng.Next(6);
        // Mostly the first 80 bytes: the headers.
        for (var i = 0; i < flips; i++) c[rng.Next(rng.Next(3) == 0 ? c.Length : Math.Min(c.Length, 80))] ^= (byte)(1 << rng.Next(8));
        return c;
    }

    private static byte[] Ipv4Field(byte[] f, LinkType link, Random rng)
    {
        var ip = Ipv4(f, link, out _, out _);
        if (ip < 0) return Flip(f, rng);
        var c = (byte[])f.Clone();
        switch (rng.Next(5))
        {
            case 0: c[ip] = (byte)(0x40 | rng.Next(16)); break;                                   // IHL 0..15
            case 1: BinaryPrimitives.WriteUInt16BigEndian(c.AsSpan(ip + 2), (ushort)(rng.Next(3) switch { 0 => 0, 1 => rng.Next(20), _ => rng.Next(65536) })); break; // total length
            case 2: c[ip + 9] = (byte)rng.Next(256); break;                                        // protocol
            case 3: c[ip] = (byte)(rng.Next(16) << 4 | (c[ip] & 15)); break;                      // version
            default: c[ip + 8] = 0; break;                                                         // TTL 0
        }
        return c;
    }

    private static byte[] Ipv4Options(byte[] f, LinkType link, Random rng)
    {
        var ip = Ipv4(f, link, out var l4, out _);
        if (ip < 0 || l4 > f.Length || l4 < ip + 20) return Flip(f, rng);
        // Insert 4..40 bytes of options (bogus lengths: 0, 1, 255, beyond the header) and raise IHL to match or not.
        var len = 4 * (1 + rng.Next(10));
        var opts = new byte[len];
        for (var i = 0; i < len; i++) opts[i] = (byte)(rng.Next(4) switch { 0 => 0, 1 => 1, 2 => 255, _ => rng.Next(256) });
        var c = Splice(f, l4, opts);
        var ihl = ((l4 - ip) + len) / 4;
        c[ip] = (byte)(0x40 | (rng.Next(4) == 0 ? rng.Next(16) : Math.Min(15, ihl)));
        return c;
    }

    private static int Tcp(byte[] f, LinkType link)
    {
        var ip = Ipv4(f, link, out var l4, out var proto);
        return ip >= 0 && proto == 6 && l4 >= ip + 20 && l4 + 20 <= f.Length ? l4 : -1;
    }

    private static byte[] TcpField(byte[] f, LinkType link, Random rng)
    {
        var tcp = Tcp(f, link);
        if (tcp < 0) return Flip(f, rng);
        var c = (byte[])f.Clone();
        switch (rng.Next(4))
        {
            case 0: c[tcp + 12] = (byte)(rng.Next(16) << 4); break;   // data offset 0..15
            case 1: c[tcp + 13] = (byte)rng.Next(256); break;        // flags: SYN+FIN+RST, none, all
            case 2: BinaryPrimitives.WriteUInt16BigEndian(c.AsSpan(tcp + (rng.Next(2) * 2)), (ushort)(rng.Next(2) == 0 ? 0 : 65535)); break; // port 0 / 65535
            default: BinaryPrimitives.WriteUInt32BigEndian(c.AsSpan(tcp + 4), (uint)rng.Next()); break; // sequence
        }
        return c;
    }

    private static byte[] TcpOptions(byte[] f, LinkType link, Random rng)
    {
        var tcp = Tcp(f, link);
        if (tcp < 0) return Flip(f, rng);
        var len = 4 * (1 + rng.Next(10));
        var opts = new byte[len];
        for (var i = 0; i < len; i++) opts[i] = (byte)(rng.Next(5) switch { 0 => 0, 1 => 1, 2 => 2, 3 => 255, _ => rng.Next(256) });
        var c = Splice(f, tcp + 20, opts);
        c[tcp + 12] = (byte)((rng.Next(4) == 0 ? rng.Next(16) : Math.Min(15, 5 + len / 4)) << 4);
        return c;
    }

    private static byte[] UdpField(byte[] f, LinkType link, Random rng)
    {
        var ip = Ipv4(f, link, out var l4, out var proto);
        if (ip < 0 || proto != 17 || l4 + 8 > f.Length || l4 < ip + 20) return Flip(f, rng);
        var c = (byte[])f.Clone();
        BinaryPrimitives.WriteUInt16BigEndian(c.AsSpan(l4 + 4), (ushort)(rng.Next(3) switch { 0 => 0, 1 => rng.Next(8), _ => 65535 }));
        if (rng.Next(2) == 0) BinaryPrimitives.WriteUInt16BigEndian(c.AsSpan(l4 + 2), (ushort)(rng.Next(2) == 0 ? 4789 : 53)); // into VXLAN/DNS parsers
        return c;
    }

    private static byte[] Ipv6Chain(byte[] f, LinkType link, Random rng)
    {
        var ip = L3(f, link, out var type);
        if (ip < 0 || type != 0x86DD || ip + 40 > f.Length) return rng.Next(2) == 0 && link == LinkType.Ethernet ? Ipv6Wrap(f, rng) : Flip(f, rng);
        var c = (byte[])f.Clone();
        // A chain of extension headers between the fixed header and the payload; lengths possibly beyond the frame.
        var chain = new List<byte>();
        var first = c[ip + 6];
        var count = 1 + rng.Next(rng.Next(4) == 0 ? 40 : 4);
        var next = first;
        var headers = new byte[count];
        for (var i = 0; i < count; i++) headers[i] = ExtensionHeaders[rng.Next(ExtensionHeaders.Length)];
        for (var i = 0; i < count; i++)
        {
            var nh = i + 1 < count ? headers[i + 1] : first;
            var hdrLen = rng.Next(5) == 0 ? rng.Next(256) : rng.Next(2);
            var size = headers[i] == 44 ? 8 : Math.Min(8 + hdrLen * 8, 64);
            var h = new byte[size];
            rng.NextBytes(h);
            h[0] = nh;
            h[1] = (byte)hdrLen;
            chain.AddRange(h);
        }
        c[ip + 6] = headers[0];
        if (rng.Next(2) == 0) BinaryPrimitives.WriteUInt16BigEndian(c.AsSpan(ip + 4), (ushort)rng.Next(65536)); // payload length
        return Splice(c, ip + 40, chain.ToArray());
    }

    // An IPv6 packet built around the old payload's bytes, for seeds that had none.
    private static byte[] Ipv6Wrap(byte[] f, Random rng)
    {
        var inner = f.Length > 14 ? f.AsSpan(14).ToArray() : [];
        var ip6 = new byte[40];
        ip6[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(ip6.AsSpan(4), (ushort)inner.Length);
        ip6[6] = ExtensionHeaders[rng.Next(ExtensionHeaders.Length)];
        ip6[7] = 64;
        rng.NextBytes(ip6.AsSpan(8, 32));
        return [.. f.AsSpan(0, Math.Min(12, f.Length)), 0x86, 0xDD, .. ip6, .. inner];
    }

    private static byte[] Vlan(byte[] f, Random rng)
    {
        if (f.Length < 12) return f;
        var tags = 1 + rng.Next(rng.Next(4) == 0 ? 30 : 3);
        var insert = new byte[4 * tags];
        for (var i = 0; i < tags; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(insert.AsSpan(4 * i), new ushort[] { 0x8100, 0x88A8, 0x9100 }[rng.Next(3)]);
            BinaryPrimitives.WriteUInt16BigEndian(insert.AsSpan(4 * i + 2), (ushort)rng.Next(65536));
        }
        return Splice(f, 12, insert);
    }

    // Outer Ethernet + IPv4 (proto 47) + GRE carrying the frame (transparent Ethernet bridging) or its IP packet.
    private static byte[] Gre(byte[] f, Random rng)
    {
        var teb = rng.Next(2) == 0;
        var inner = teb || f.Length < 14 ? f : f.AsSpan(14).ToArray();
        var flags = (ushort)(rng.Next(3) switch { 0 => 0, 1 => 0x2000 /* key */, _ => rng.Next(65536) });
        var optional = ((flags & 0x8000) != 0 || (flags & 0x4000) != 0 ? 4 : 0) + ((flags & 0x2000) != 0 ? 4 : 0) + ((flags & 0x1000) != 0 ? 4 : 0);
        var gre = new byte[4 + Math.Min(optional, rng.Next(2) == 0 ? optional : 0)];
        BinaryPrimitives.WriteUInt16BigEndian(gre, flags);
        BinaryPrimitives.WriteUInt16BigEndian(gre.AsSpan(2), (ushort)(teb ? 0x6558 : rng.Next(2) == 0 ? 0x0800 : 0x86DD));
        return OuterIpv4(f, 47, [.. gre, .. inner], rng);
    }

    private static byte[] Vxlan(byte[] f, Random rng)
    {
        var vx = new byte[8];
        vx[0] = (byte)(rng.Next(4) == 0 ? rng.Next(256) : 0x08);
        rng.NextBytes(vx.AsSpan(4, 3));
        var udp = new byte[8];
        BinaryPrimitives.WriteUInt16BigEndian(udp, (ushort)rng.Next(49152, 65536));
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(2), 4789);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(4), (ushort)(rng.Next(4) == 0 ? rng.Next(65536) : 16 + f.Length));
        return OuterIpv4(f, 17, [.. udp, .. vx, .. f], rng);
    }

    private static byte[] OuterIpv4(byte[] inner, byte proto, byte[] payload, Random rng)
    {
        var ip = new byte[20];
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(2), (ushort)Math.Min(65535, 20 + payload.Length + (rng.Next(5) == 0 ? rng.Next(-30, 30) : 0)));
        ip[8] = 64;
        ip[9] = proto;
        BinaryPrimitives.WriteUInt32BigEndian(ip.AsSpan(12), 0x0A000001u + (uint)rng.Next(16));
        BinaryPrimitives.WriteUInt32BigEndian(ip.AsSpan(16), 0x0A000301u + (uint)rng.Next(16));
        var mac = inner.Length >= 12 ? inner.AsSpan(0, 12).ToArray() : new byte[12];
        return [.. mac, 0x08, 0x00, .. ip, .. payload];
    }

    private static byte[] Overlong(byte[] f, Random rng)
    {
        var extra = new byte[rng.Next(2) == 0 ? rng.Next(64) : rng.Next(9000)];
        if (rng.Next(2) == 0) rng.NextBytes(extra);
        return [.. f, .. extra];
    }

    private static byte[] Checksum(byte[] f, LinkType link, Random rng)
    {
        var ip = Ipv4(f, link, out var l4, out var proto);
        if (ip < 0) return Flip(f, rng);
        var c = (byte[])f.Clone();
        var at = rng.Next(2) == 0 || l4 + 20 > c.Length || l4 < ip + 20 ? ip + 10 : l4 + (proto == 6 ? 16 : proto == 17 ? 6 : 2);
        if (at + 2 <= c.Length) BinaryPrimitives.WriteUInt16BigEndian(c.AsSpan(at), (ushort)(rng.Next(2) == 0 ? 0xFFFF : rng.Next(65536)));
        return c;
    }

    private static byte[] Ipv4Fragment(byte[] f, LinkType link, Random rng)
    {
        var ip = Ipv4(f, link, out _, out _);
        if (ip < 0) return Flip(f, rng);
        var c = (byte[])f.Clone();
        // MF set, an offset, or both; DF with an offset (contradictory).
        BinaryPrimitives.WriteUInt16BigEndian(c.AsSpan(ip + 6), (ushort)(rng.Next(4) switch { 0 => 0x2000, 1 => rng.Next(0x2000), 2 => 0x2000 | rng.Next(0x2000), _ => 0x4000 | rng.Next(0x2000) }));
        return c;
    }

    private static byte[] Splice(byte[] f, int at, byte[] insert)
    {
        at = Math.Clamp(at, 0, f.Length);
        return [.. f.AsSpan(0, at), .. insert, .. f.AsSpan(at)];
    }
}
