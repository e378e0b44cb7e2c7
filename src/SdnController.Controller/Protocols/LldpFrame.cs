using System.Buffers.Binary;
using SdnController.Southbound.Matching;

namespace SdnController.Controller.Protocols;

/// <summary>
/// The LLDP probes used for link discovery and keepalive, in the layout Ryu and ONOS use so captures read
/// the same: chassis id "dpid:&lt;16 hex&gt;" (subtype 7, locally assigned), port id as a 4-byte big-endian
/// port number (subtype 2, port component), TTL, end. Only our own probes parse; anything else is rejected.
/// </summary>
public static class LldpFrame
{
    /// <summary>Nearest-bridge group address: bridges never forward it, so a probe crosses exactly one link.</summary>
    public static readonly MacAddress NearestBridge = new(0x0180_C200_000EUL);

    private const int TlvEnd = 0, TlvChassisId = 1, TlvPortId = 2, TlvTtl = 3;
    private const byte ChassisLocallyAssigned = 7;
    private const byte PortComponent = 2;
    private const string DpidPrefix = "dpid:";
    private const int ChassisValueLength = 1 + 5 + 16;   // subtype, "dpid:", 16 hex digits
    private const int PortValueLength = 1 + 4;

    /// <summary>A complete frame (padded to the Ethernet minimum) announcing (dpid, port).</summary>
    public static byte[] Build(ulong dpid, int port, MacAddress source, ushort ttlSeconds)
    {
        var frame = new byte[EthernetLayout.MinimumFrameLength];
        var span = frame.AsSpan();
        NearestBridge.WriteTo(span[..6]);
        source.WriteTo(span.Slice(6, 6));
        BinaryPrimitives.WriteUInt16BigEndian(span.Slice(12, 2), EtherTypes.Lldp);
        var at = EthernetLayout.HeaderLength;

        at += WriteTlvHeader(span[at..], TlvChassisId, ChassisValueLength);
        span[at++] = ChassisLocallyAssigned;
        foreach (var c in DpidPrefix) span[at++] = (byte)c;
        for (var shift = 60; shift >= 0; shift -= 4) span[at++] = (byte)"0123456789abcdef"[(int)(dpid >> shift) & 15];

        at += WriteTlvHeader(span[at..], TlvPortId, PortValueLength);
        span[at++] = PortComponent;
        BinaryPrimitives.WriteUInt32BigEndian(span.Slice(at, 4), (uint)port);
        at += 4;

        at += WriteTlvHeader(span[at..], TlvTtl, 2);
        BinaryPrimitives.WriteUInt16BigEndian(span.Slice(at, 2), ttlSeconds);
        at += 2;

        WriteTlvHeader(span[at..], TlvEnd, 0);
        return frame;
    }

    /// <summary>Reads a probe built by <see cref="Build"/>; false for any other frame or a truncated one.</summary>
    public static bool TryParse(ReadOnlySpan<byte> frame, out LldpProbe probe)
    {
        probe = default;
        if (frame.Length < EthernetLayout.HeaderLength ||
            BinaryPrimitives.ReadUInt16BigEndian(frame.Slice(12, 2)) != EtherTypes.Lldp)
            return false;

        ulong? dpid = null;
        int? port = null;
        ushort ttl = 0;
        var at = EthernetLayout.HeaderLength;
        while (at + 2 <= frame.Length)
        {
            var header = BinaryPrimitives.ReadUInt16BigEndian(frame.Slice(at, 2));
            int type = header >> 9, length = header & 0x1FF;
            at += 2;
            if (type == TlvEnd) break;
            if (at + length > frame.Length) return false;
            var value = frame.Slice(at, length);
            at += length;
            switch (type)
            {
                case TlvChassisId:
                    if (!TryReadDpid(value, out var d)) return false;
                    dpid = d;
                    break;
                case TlvPortId:
                    if (value.Length != PortValueLength || value[0] != PortComponent) return false;
                    var p = BinaryPrimitives.ReadUInt32BigEndian(value[1..]);
                    if (p > int.MaxValue) return false;
                    port = (int)p;
                    break;
                case TlvTtl:
                    if (value.Length != 2) return false;
                    ttl = BinaryPrimitives.ReadUInt16BigEndian(value);
                    break;
            }
        }
        if (dpid is null || port is null) return false;
        probe = new LldpProbe(dpid.Value, port.Value, ttl);
        return true;
    }

    private static bool TryReadDpid(ReadOnlySpan<byte> value, out ulong dpid)
    {
        dpid = 0;
        if (value.Length != ChassisValueLength || value[0] != ChassisLocallyAssigned) return false;
        for (var i = 0; i < DpidPrefix.Length; i++)
            if (value[1 + i] != DpidPrefix[i]) return false;
        foreach (var c in value[(1 + DpidPrefix.Length)..])
        {
            int digit = c switch
            {
                >= (byte)'0' and <= (byte)'9' => c - '0',
                >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
                _ => -1,
            };
            if (digit < 0) return false;
            dpid = (dpid << 4) | (uint)digit;
        }
        return true;
    }

    private static int WriteTlvHeader(Span<byte> at, int type, int length)
    {
        BinaryPrimitives.WriteUInt16BigEndian(at, (ushort)((type << 9) | length));
        return 2;
    }
}
