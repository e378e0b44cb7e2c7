using System.Net.NetworkInformation;

namespace SdnController.Topology.Building;

/// <summary>MACs handed out by number, for the builder's generated MACs and the generators' Mininet-style ones.</summary>
internal static class MacNumbers
{
    /// <summary>The low 48 bits of <paramref name="value"/>, most significant octet first.</summary>
    public static PhysicalAddress FromNumber(ulong value)
    {
        var bytes = new byte[6];
        for (var i = 5; i >= 0; i--, value >>= 8) bytes[i] = (byte)value;
        return new PhysicalAddress(bytes);
    }
}
