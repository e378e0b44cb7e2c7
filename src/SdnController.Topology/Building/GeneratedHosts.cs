using System.Net;
using SdnController.Topology.Model;

namespace SdnController.Topology.Building;

/// <summary>
/// Gives every switch the same number of hosts, for formats (Topology Zoo, …) that describe only the
/// switch graph. Host <c>i</c> of switch <c>s</c> is <c>s-h&lt;i&gt;</c>; IPv4 addresses run 10.0.0.1,
/// 10.0.0.2, … in switch order within 10.0.0.0/8, skipping the .0 and .255 of every /24 so no host holds an
/// address that looks like a network or broadcast address. MACs and ports are left to the builder.
/// </summary>
public static class GeneratedHosts
{
    private const int HostsPerBlock = 254;

    /// <summary>How many addresses 10.0.0.0/8 offers under this scheme (65,536 blocks × 254).</summary>
    public const long Capacity = 65536L * HostsPerBlock;

    /// <summary>The address of the <paramref name="index"/>-th generated host (0-based).</summary>
    public static IPAddress AddressAt(long index)
    {
        if (index < 0 || index >= Capacity) throw new ArgumentOutOfRangeException(nameof(index), $"only {Capacity} generated addresses exist in 10.0.0.0/8");
        var block = index / HostsPerBlock;
        var last = (byte)(index % HostsPerBlock + 1);
        return new IPAddress(new byte[] { 10, (byte)(block >> 8), (byte)(block & 0xff), last });
    }

    /// <summary>Adds <paramref name="perSwitch"/> hosts to each switch in <paramref name="switchIds"/>, in that order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative count, or more hosts than <see cref="Capacity"/>; importers check this first with <see cref="CheckCount"/>.</exception>
    public static void Attach(TopologyBuilder b, IReadOnlyList<string> switchIds, int perSwitch)
    {
        var problem = CheckCount(switchIds.Count, perSwitch);
        if (problem is not null) throw new ArgumentOutOfRangeException(nameof(perSwitch), problem);
        long next = 0;
        for (var s = 0; s < switchIds.Count; s++)
        {
            var sw = switchIds[s];
            for (var i = 1; i <= perSwitch; i++)
            {
                b.AddHost(new HostSpec($"{sw}-h{i}", new PortSpec(sw, null))
                {
                    IPv4 = new InterfaceAddress(AddressAt(next++), 8),
                });
            }
        }
    }

    /// <summary>Null when <paramref name="perSwitch"/> hosts on each of <paramref name="switchCount"/> switches fit; else why not.</summary>
    public static string? CheckCount(int switchCount, int perSwitch)
    {
        if (perSwitch < 0) return $"hosts per switch must be 0 or more, found {perSwitch}";
        if ((long)switchCount * perSwitch > Capacity)
            return $"{perSwitch} hosts on each of {switchCount} switches need {(long)switchCount * perSwitch} addresses; 10.0.0.0/8 offers {Capacity}";
        return null;
    }
}
