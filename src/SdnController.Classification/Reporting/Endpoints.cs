using System.Buffers.Binary;
using System.Net;

namespace SdnController.Classification.Reporting;

/// <summary>Text forms of flow endpoints: "10.0.0.1:53", "[2001:db8::1]:443", an address alone for port-less protocols, a MAC for non-IP.</summary>
public static class Endpoints
{
    public static string Address(byte ipVersion, UInt128 address)
    {
        switch (ipVersion)
        {
            case 4:
                var v4 = (uint)address;
                return $"{v4 >> 24}.{(v4 >> 16) & 0xFF}.{(v4 >> 8) & 0xFF}.{v4 & 0xFF}";
            case 6:
                Span<byte> bytes = stackalloc byte[16];
                BinaryPrimitives.WriteUInt128BigEndian(bytes, address);
                return new IPAddress(bytes).ToString();
            default:
                var mac = (ulong)address;
                return string.Join(':', Enumerable.Range(0, 6).Select(i => ((mac >> (40 - 8 * i)) & 0xFF).ToString("x2")));
        }
    }

    /// <summary>Address and port; the port is left out for protocols that have none (ICMP, GRE, non-IP, ...).</summary>
    public static string Endpoint(byte ipVersion, ushort transport, UInt128 address, ushort port)
    {
        var text = Address(ipVersion, address);
        if (ipVersion == 0 || !HasPorts(transport)) return text;
        return ipVersion == 6 ? $"[{text}]:{port}" : $"{text}:{port}";
    }

    public static bool HasPorts(ushort transport) => transport is 6 or 17 or 132;

    /// <summary>"tcp", "udp", "icmp", ... for IP flows; "arp", "lldp" or "eth" for non-IP ones.</summary>
    public static string TransportName(byte ipVersion, ushort transport) => ipVersion == 0
        ? transport switch { 0x0806 => "arp", 0x88CC => "lldp", _ => "eth" }
        : transport switch
        {
            6 => "tcp", 17 => "udp", 1 => "icmp", 58 => "icmpv6", 132 => "sctp", 47 => "gre", 2 => "igmp", 89 => "ospf",
            50 => "esp", 51 => "ah", 112 => "vrrp", _ => $"ip-{transport}",
        };
}
