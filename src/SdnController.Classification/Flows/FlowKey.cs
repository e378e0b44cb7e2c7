using SdnController.Classification.Decoding;

namespace SdnController.Classification.Flows;

/// <summary>
/// A bidirectional 5-tuple: the two endpoints are stored in a canonical order (lower address/port first) so both
/// directions of a conversation find the same flow. For non-IP frames the endpoints are MAC addresses and the
/// EtherType stands in for the transport.
/// </summary>
public readonly struct FlowKey : IEquatable<FlowKey>
{
    public readonly UInt128 AddressA;
    public readonly UInt128 AddressB;
    public readonly ushort PortA;
    public readonly ushort PortB;
    /// <summary>IP protocol number, or the EtherType for non-IP frames.</summary>
    public readonly ushort Transport;
    /// <summary>4, 6, or 0 for non-IP.</summary>
    public readonly byte IpVersion;

    public FlowKey(byte ipVersion, ushort transport, UInt128 a, ushort portA, UInt128 b, ushort portB)
    {
        IpVersion = ipVersion;
        Transport = transport;
        if (a < b || (a == b && portA <= portB))
        {
            AddressA = a; PortA = portA; AddressB = b; PortB = portB;
        }
        else
        {
            AddressA = b; PortA = portB; AddressB = a; PortB = portA;
        }
    }

    public static FlowKey Of(in DecodedPacket p) => p.Kind == FrameKind.Ip
        ? new FlowKey(p.IpVersion, p.Transport, p.Source, p.SourcePort, p.Destination, p.DestinationPort)
        : new FlowKey(0, p.EtherType, p.Source, 0, p.Destination, 0);

    public bool Equals(FlowKey other) =>
        AddressA == other.AddressA && AddressB == other.AddressB && PortA == other.PortA && PortB == other.PortB
        && Transport == other.Transport && IpVersion == other.IpVersion;

    public override bool Equals(object? obj) => obj is FlowKey k && Equals(k);

    public override int GetHashCode()
    {
        // Mix all words: IPv4 flows only use the low 32 bits, so folding the halves keeps the entropy.
        var a = (ulong)AddressA ^ (ulong)(AddressA >> 64) * 0x9E3779B97F4A7C15UL;
        var b = (ulong)AddressB ^ (ulong)(AddressB >> 64) * 0xC2B2AE3D27D4EB4FUL;
        var ports = ((ulong)PortA << 32) | ((ulong)PortB << 16) | Transport;
        var h = (a * 0xFF51AFD7ED558CCDUL) ^ (b + 0x165667B19E3779F9UL) ^ (ports * 0x27D4EB2F165667C5UL) ^ IpVersion;
        h ^= h >> 29;
        return (int)h ^ (int)(h >> 32);
    }

    public static bool operator ==(FlowKey l, FlowKey r) => l.Equals(r);
    public static bool operator !=(FlowKey l, FlowKey r) => !l.Equals(r);
}
