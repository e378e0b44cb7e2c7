using SdnController.Topology.Building;

namespace SdnController.Topology.Generators;

/// <summary>
/// Switches <c>s1</c>..<c>sn</c> in a line (s1–s2–…–sn), hosts <c>h1</c>.. switch by switch: the shape
/// of Mininet's <c>--topo linear,n</c> (with one host per switch, host hi sits on si).
/// </summary>
/// <remarks>
/// Hosts take ports 1..H, as in Mininet; the links then take the next free ports in order (towards
/// s(i−1) first, then s(i+1)). Links use the standard defaults (1 Gbit/s, 1 ms).
/// </remarks>
public static class LinearGenerator
{
    public static TopologyBuilder Create(int n, int hostsPerSwitch = 1)
    {
        GeneratorLimits.Require(n >= 1, $"a linear topology needs at least 1 switch, got {n}");
        GeneratorLimits.Require(hostsPerSwitch >= 0, $"linear hosts per switch must be 0 or more, got {hostsPerSwitch}");
        GeneratorLimits.CheckSize($"a line of {n} switches", n, n - 1, (long)n * hostsPerSwitch);

        var b = new TopologyBuilder($"linear-{n}")
        {
            Description = $"{n} switches in a line, {hostsPerSwitch} host(s) per switch (like Mininet's --topo linear,{n})",
        };
        b.Attributes["Generator"] = $"LinearGenerator.Create(n: {n}, hostsPerSwitch: {hostsPerSwitch})";
        for (var i = 1; i <= n; i++) b.AddSwitch(new SwitchSpec(SwitchId(i)));
        for (var i = 1; i < n; i++)
            b.AddLink(new LinkSpec(new PortSpec(SwitchId(i), null), new PortSpec(SwitchId(i + 1), null)));
        AddHosts(b, n, hostsPerSwitch);
        return b;
    }

    public static string SwitchId(int i) => $"s{i}";

    /// <summary>Hosts on ports 1..H of s1..sn, numbered switch by switch.</summary>
    internal static void AddHosts(TopologyBuilder b, int switches, int hostsPerSwitch)
    {
        var hosts = new HostNumbering();
        for (var i = 1; i <= switches; i++)
        for (var h = 1; h <= hostsPerSwitch; h++)
            hosts.AddTo(b, SwitchId(i), h);
    }
}
