using System.Net;
using System.Net.NetworkInformation;
using SdnController.Topology.Building;
using SdnController.Topology.Model;

namespace SdnController.Topology.Generators;

/// <summary>
/// Hands out Mininet-style host identities in order: the n-th host (from 1) is <c>h{n}</c> with MAC
/// <c>00:00:00:00:00:{n:x2}</c> (n as a 48-bit number) and IPv4 <c>10.0.0.0 + n</c> in 10.0.0.0/8, so
/// h1 = 10.0.0.1, h256 = 10.0.1.0 — exactly what Mininet's <c>--mac</c> and default ipBase give, and
/// what people expect when they compare runs with it.
/// </summary>
public sealed class HostNumbering
{
    /// <summary>10.0.0.0/8 holds 2²⁴ − 2 usable addresses (not the network, not the broadcast).</summary>
    public const int MaxHosts = (1 << 24) - 2;

    public const int PrefixLength = 8;

    /// <summary>How many hosts have been handed out so far.</summary>
    public int Count { get; private set; }

    /// <summary>Fails early, before any host is built, when a generator would run out of addresses.</summary>
    public static void CheckCapacity(long hosts, string what)
    {
        if (hosts > MaxHosts)
            throw new ArgumentException($"{what} would need {hosts} hosts, more than the {MaxHosts} addresses in 10.0.0.0/8");
    }

    /// <summary>The next host, attached to <paramref name="switchId"/> on <paramref name="port"/> (null = let the builder number it).</summary>
    public HostSpec Next(string switchId, int? port = null)
    {
        if (Count >= MaxHosts)
            throw new InvalidOperationException($"no more host addresses: 10.0.0.0/8 holds {MaxHosts}");
        var n = ++Count;
        return new HostSpec(IdOf(n), new PortSpec(switchId, port))
        {
            Mac = MacOf(n),
            IPv4 = IPv4Of(n),
        };
    }

    /// <summary>Adds the next host to <paramref name="builder"/> and returns its id.</summary>
    public string AddTo(TopologyBuilder builder, string switchId, int? port = null)
    {
        var h = Next(switchId, port);
        builder.AddHost(h);
        return h.Id;
    }

    public static string IdOf(int n) => "h" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static PhysicalAddress MacOf(int n) => MacNumbers.FromNumber((ulong)n);

    public static InterfaceAddress IPv4Of(int n)
    {
        var v = 0x0A000000u + (uint)n;
        var address = new IPAddress(new[] { (byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v });
        return new InterfaceAddress(address, PrefixLength);
    }
}
